/** A contact's fields (adding and editing share them), and /admin/lists/{id}/contacts/{contactId}: editing one. */
import type { TFunction } from 'i18next';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Form, TextArea, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { ContactActions } from './contact-actions.js';
import { Crumbs, WithList, contactLabel, listPath } from './shared.js';
import type { Contact } from './types.js';

export interface ContactForm { email: string; name: string; language: string; attributes: string }
export const emptyContact: ContactForm = { email: '', name: '', language: '', attributes: '' };

const formOf = (c: Contact): ContactForm => ({
  email: c.email ?? '', name: c.name ?? '', language: c.language ?? '',
  attributes: Object.entries(c.attributes).map(([k, v]) => `${k}: ${v}`).join('\n'),
});

/** The request body; attributes are written one per line as "key: value". */
export function contactBody(f: ContactForm, t: TFunction) {
  const attributes: Record<string, string> = {};
  const bad: number[] = [];
  f.attributes.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = line.indexOf(':');
    if (at <= 0) bad.push(i + 1);
    else attributes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  });
  if (bad.length) {
    throw new ApiError(422, { detail: t('contact.checkAttributes'), errors: [{ pointer: '/attributes', message: t('contact.attributeLines', { lines: bad.join(', ') }) }] });
  }
  return { email: f.email.trim(), name: f.name.trim() || null, language: f.language.trim() || null, attributes };
}

export function ContactFields({ idPrefix, fields, onFields, at }: {
  idPrefix: string; fields: ContactForm; onFields: (f: ContactForm) => void; at: (pointer: string) => string | undefined;
}) {
  const t = useT('lists');
  const set = (key: keyof ContactForm) => (value: string) => onFields({ ...fields, [key]: value });
  return (
    <>
      <TextField id={`${idPrefix}-email`} type="email" label={t('contact.email')} required maxLength={320} autoComplete="off" error={at('/email')} value={fields.email} onValue={set('email')} />
      <TextField id={`${idPrefix}-name`} label={t('contact.name')} maxLength={1000} autoComplete="off" error={at('/name')} value={fields.name} onValue={set('name')} />
      <TextField id={`${idPrefix}-language`} label={t('contact.language')} hint={t('contact.languageHint')} maxLength={35} error={at('/language')}
        value={fields.language} onValue={set('language')} />
      <TextArea id={`${idPrefix}-attributes`} label={t('contact.attributes')} hint={t('contact.attributesHint')} rows={3} error={at('/attributes')}
        value={fields.attributes} onValue={set('attributes')} />
    </>
  );
}

export function ContactEdit({ listId, contactId }: { listId: string; contactId: string }) {
  const t = useT('lists');
  const contact = useResource<Contact>(`/api/contacts/${encodeURIComponent(contactId)}`);
  return (
    <WithList listId={listId} title={t('contact.editTitle')}>{(list) => (
      <Loaded resource={contact}>{(c) => (
        <>
          <Crumbs list={list} />
          <PageTitle>{t('contact.editTitle')}</PageTitle>
          <p>{contactLabel(c.email, t)} · {t(`status.${c.status}`)}</p>
          {c.status === 'erased' ? <p>{t('contact.erasedBody')}</p> : <EditForm contact={c} />}
          <ContactActions contact={c} onChanged={contact.reload} edit={false} />
        </>
      )}</Loaded>
    )}</WithList>
  );
}

function EditForm({ contact }: { contact: Contact }) {
  const t = useT('lists');
  const [fields, setFields] = useState(() => formOf(contact));
  const form = useSubmit(async () => {
    await api(`/api/contacts/${encodeURIComponent(contact.id)}`, { method: 'PATCH', body: contactBody(fields, t) });
    navigate(listPath(contact.listId));
  });
  return (
    <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/email', '/name', '/language', '/attributes']} busy={form.busy} submitLabel={t('contact.save')}>
      <ContactFields idPrefix="edit" fields={fields} onFields={setFields} at={form.at} />
    </Form>
  );
}
