/** What the list screens share: the list a screen is about (or why it cannot be shown), and the way back. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { Loading, PageTitle, ProblemAlert, useResource, type Resource } from '../../ui/page.js';
import type { ContactList } from './types.js';

export const listPath = (listId: string) => `/lists/${encodeURIComponent(listId)}`;

/** Where this screen sits: Lists › the list › … */
export function Crumbs({ list, children }: { list?: ContactList; children?: ComponentChildren }) {
  const t = useT('lists');
  return (
    <nav aria-label={t('crumbs')} class="crumbs">
      <ol>
        <li><Link href="/lists">{t('title')}</Link></li>
        {list && <li><Link href={listPath(list.id)}>{list.name}</Link></li>}
        {children && <li>{children}</li>}
      </ol>
    </nav>
  );
}

/**
 * Loads a list and renders the screen with it. A list of another partner answers 404, like one
 * that does not exist: the screen says so in words a coordinator understands.
 */
export function WithList({ listId, title, children }: {
  listId: string; title: string; children: (list: ContactList, resource: Resource<ContactList>) => ComponentChildren;
}) {
  const t = useT('lists');
  const list = useResource<ContactList>(`/api/lists/${encodeURIComponent(listId)}`);
  if (list.data) return <>{children(list.data, list)}</>;
  if (list.error) {
    const missing = list.error instanceof ApiError && list.error.status === 404;
    return (
      <>
        <Crumbs />
        <PageTitle>{missing ? t('missing.title') : title}</PageTitle>
        {missing
          ? <div role="alert" class="problem"><p>{t('missing.body')}</p></div>
          : <ProblemAlert error={list.error} />}
        <p><Link href="/lists">{t('missing.back')}</Link></p>
      </>
    );
  }
  return <Loading />;
}

/** A contact's address for people: erased contacts have none left. */
export function contactLabel(email: string | null, t: (key: string) => string) {
  return email ?? t('contact.erased');
}

/** The delimiter's name in words ("tab" reads better than an invisible character). */
export const delimiterKey = (d: string) => ({ ',': 'comma', ';': 'semicolon', '\t': 'tab' } as Record<string, string>)[d] ?? 'other';
