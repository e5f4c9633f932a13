/**
 * /admin/lists: a partner's distribution lists (admins: every partner's), their contacts, and
 * importing a spreadsheet into one with a preview of every row's problems before anything is
 * written.
 */
import { addTexts, useT } from '../../i18n.js';
import { match } from '../../router.js';
import { PageTitle } from '../../ui/page.js';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import lt from './locales/lt.json' with { type: 'json' };
import { ContactEdit } from './contact-edit.js';
import { ImportScreen } from './import.js';
import { ListScreen } from './list.js';
import { ListsScreen } from './lists.js';
import { UploadScreen } from './upload.js';

addTexts('lists', { en, sv, pl, lt });

export default function Area({ path, query }: { path: string; query: URLSearchParams }) {
  const t = useT();
  let params: Record<string, string> | null;
  if (path === '/') return <ListsScreen />;
  if ((params = match('/:listId', path))) return <ListScreen key={params.listId} listId={params.listId} query={query} />;
  if ((params = match('/:listId/import', path))) return <UploadScreen key={params.listId} listId={params.listId} />;
  if ((params = match('/:listId/imports/:importId', path))) return <ImportScreen key={params.importId} listId={params.listId} importId={params.importId} />;
  if ((params = match('/:listId/contacts/:contactId', path))) return <ContactEdit key={params.contactId} listId={params.listId} contactId={params.contactId} />;
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
    </>
  );
}
