/**
 * /admin/lists/{id}: one list's contacts, searched, filtered, sorted and paged by the server (the
 * address keeps the view, so it can be bookmarked); opt out or erase a contact; add one; import;
 * download; rename; past imports.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { formatDate, formatNumber, useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { Form, SelectField, TextArea, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, Pager, type Sort } from '../../ui/table.js';
import { ContactActions } from './contact-actions.js';
import { ContactFields, contactBody, emptyContact } from './contact-edit.js';
import { StatusCounts } from './lists.js';
import { Crumbs, WithList, contactLabel, listPath } from './shared.js';
import { CONTACT_STATUSES, type Contact, type ContactList, type ImportJob, type Paged } from './types.js';

const PAGE_SIZE = 25;
const SORTS = ['email', 'name', 'language', 'status', 'createdAt', 'updatedAt'];

/** The view as the address holds it: ?q=…&status=…&sort=…&order=…&page=… */
function viewOf(query: URLSearchParams) {
  const sort = SORTS.includes(query.get('sort') ?? '') ? query.get('sort')! : 'email';
  const status = (CONTACT_STATUSES as readonly string[]).includes(query.get('status') ?? '') ? query.get('status')! : '';
  return { q: query.get('q') ?? '', status, sort, order: query.get('order') === 'desc' ? 'desc' as const : 'asc' as const,
    page: Math.max(1, Number(query.get('page')) || 1) };
}
type View = ReturnType<typeof viewOf>;

export function ListScreen({ listId, query }: { listId: string; query: URLSearchParams }) {
  const t = useT('lists');
  return (
    <WithList listId={listId} title={t('title')}>{(list, resource) => (
      <>
        <Crumbs />
        <PageTitle>{list.name}</PageTitle>
        {list.description && <p>{list.description}</p>}
        <p class="hint"><StatusCounts list={list} /></p>
        <div class="list-actions">
          <Link class="button primary" href={`${listPath(list.id)}/import`}>{t('import.start')}</Link>
          <a class="button" href={`/api/lists/${encodeURIComponent(list.id)}/contacts.csv`} download>{t('download')}</a>
        </div>
        <Contacts list={list} view={viewOf(query)} onChanged={resource.reload} />
        <AddContact list={list} onAdded={resource.reload} />
        <Imports listId={list.id} />
        <Rename list={list} onRenamed={resource.reload} />
      </>
    )}</WithList>
  );
}

function Contacts({ list, view, onChanged }: { list: ContactList; view: View; onChanged: () => void }) {
  const t = useT('lists');
  const go = (next: Partial<View>) => {
    const v = { ...view, page: 1, ...next };
    const params = new URLSearchParams();
    if (v.q) params.set('q', v.q);
    if (v.status) params.set('status', v.status);
    if (v.sort !== 'email') params.set('sort', v.sort);
    if (v.order !== 'asc') params.set('order', v.order);
    if (v.page > 1) params.set('page', String(v.page));
    const search = params.toString();
    navigate(`${listPath(list.id)}${search ? `?${search}` : ''}`, { replace: true });
  };
  const wanted = new URLSearchParams({ sort: view.sort, order: view.order, page: String(view.page), pageSize: String(PAGE_SIZE) });
  if (view.q) wanted.set('search', view.q);
  if (view.status) wanted.set('status', view.status);
  const contacts = useResource<Paged<Contact>>(`/api/lists/${encodeURIComponent(list.id)}/contacts?${wanted}`);
  const reload = () => { contacts.reload(); onChanged(); };
  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t('contacts.title')}</h2>
      <SearchForm view={view} onSearch={(q, status) => go({ q, status })} onSort={(sort, order) => go({ sort, order, page: view.page })} />
      <Loaded resource={contacts}>{(data) => (
        <>
          <DataTable caption={t('contacts.caption', { name: list.name })} rows={data.items} rowKey={(c) => c.id}
            empty={view.q || view.status ? t('contacts.noneFound') : t('contacts.none')}
            sort={{ by: view.sort, dir: view.order }} onSort={(s: Sort) => go({ sort: s.by, order: s.dir })}
            columns={[
              { key: 'email', label: t('contact.email'), sort: 'email', cell: (c) => contactLabel(c.email, t) },
              { key: 'name', label: t('contact.name'), sort: 'name', cell: (c) => c.name ?? '—' },
              { key: 'language', label: t('contact.language'), sort: 'language', cell: (c) => c.language ?? '—' },
              { key: 'status', label: t('contact.status'), sort: 'status', cell: (c) => t(`status.${c.status}`) },
              { key: 'updated', label: t('contact.updated'), sort: 'updatedAt', cell: (c) => formatDate(c.updatedAt) },
              { key: 'actions', label: t('actions'), cell: (c) => <ContactActions contact={c} onChanged={reload} /> },
            ]} />
          <Pager page={data.page} pages={Math.ceil(data.total / data.pageSize)} total={data.total} onPage={(page) => go({ page })} />
        </>
      )}</Loaded>
    </section>
  );
}

/** The sorts the server knows; on a phone the table's headers are hidden, so the order is chosen here too. */
const DATES = new Set(['createdAt', 'updatedAt']);
const COLUMN_LABEL: Record<string, string> = { email: 'contact.email', name: 'contact.name', language: 'contact.language', status: 'contact.status',
  createdAt: 'contact.created', updatedAt: 'contact.updated' };

function SearchForm({ view, onSearch, onSort }: { view: View; onSearch: (q: string, status: string) => void; onSort: (sort: string, order: 'asc' | 'desc') => void }) {
  const t = useT('lists');
  const sorts = SORTS.flatMap((key) => (['asc', 'desc'] as const).map((order) => ({
    value: `${key}:${order}`,
    label: t('sort.option', { column: t(COLUMN_LABEL[key]), order: t(`sort.${DATES.has(key) ? (order === 'asc' ? 'oldest' : 'newest') : order}`) }),
  })));
  const [q, setQ] = useState(view.q);
  const [status, setStatus] = useState(view.status);
  // back and forward change the view under the form
  useEffect(() => { setQ(view.q); setStatus(view.status); }, [view.q, view.status]);
  return (
    <form role="search" class="contact-search" aria-label={t('contacts.search')} onSubmit={(e) => { e.preventDefault(); onSearch(q.trim(), status); }}>
      <TextField id="contact-search" type="search" label={t('contacts.searchLabel')} maxLength={200} value={q} onValue={setQ} />
      <SelectField id="contact-status" label={t('contact.status')} value={status} onValue={(s) => { setStatus(s); onSearch(q.trim(), s); }}
        options={[{ value: '', label: t('contacts.anyStatus') }, ...CONTACT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
      <SelectField id="contact-sort" label={t('sort.label')} value={`${view.sort}:${view.order}`} options={sorts}
        onValue={(v) => { const [sort, order] = v.split(':'); onSort(sort, order as 'asc' | 'desc'); }} />
      <div class="actions"><button type="submit">{t('contacts.searchButton')}</button></div>
    </form>
  );
}

function AddContact({ list, onAdded }: { list: ContactList; onAdded: () => void }) {
  const t = useT('lists');
  const [fields, setFields] = useState(emptyContact);
  const [added, setAdded] = useState('');
  const form = useSubmit(async () => {
    const contact = await api<Contact>(`/api/lists/${encodeURIComponent(list.id)}/contacts`, { body: contactBody(fields, t) });
    setAdded(contact.email ?? '');
    setFields(emptyContact);
    onAdded();
  });
  return (
    <details class="section">
      <summary><h2>{t('add.title')}</h2></summary>
      {added && <p role="status" class="notice">{t('add.done', { email: added })}</p>}
      <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/email', '/name', '/language', '/attributes']} busy={form.busy} submitLabel={t('add.submit')}>
        <ContactFields idPrefix="add" fields={fields} onFields={setFields} at={form.at} />
      </Form>
    </details>
  );
}

function Imports({ listId }: { listId: string }) {
  const t = useT('lists');
  const imports = useResource<ImportJob[]>(`/api/lists/${encodeURIComponent(listId)}/imports`);
  return (
    <section aria-labelledby="imports-title">
      <h2 id="imports-title">{t('imports.title')}</h2>
      <Loaded resource={imports}>{(rows) => (
        <DataTable caption={t('imports.title')} rows={rows} rowKey={(i) => i.id} empty={t('imports.none')} columns={[
          { key: 'date', label: t('imports.date'), cell: (i) => <Link href={`${listPath(listId)}/imports/${i.id}`}>{formatDate(i.createdAt, true)}</Link> },
          { key: 'file', label: t('imports.file'), cell: (i) => i.fileName ?? '—' },
          { key: 'status', label: t('imports.status'), cell: (i) => t(`importStatus.${i.status}`) },
          { key: 'rows', label: t('imports.rows'), cell: (i) => (i.counts ? t('imports.rowsSummary', {
            rows: formatNumber(i.counts.rows), add: formatNumber(i.counts.add), skip: formatNumber(i.counts.skip) }) : '—') },
        ]} />
      )}</Loaded>
    </section>
  );
}

function Rename({ list, onRenamed }: { list: ContactList; onRenamed: () => void }) {
  const t = useT('lists');
  const [name, setName] = useState(list.name);
  const [description, setDescription] = useState(list.description ?? '');
  const [saved, setSaved] = useState(false);
  const form = useSubmit(async () => {
    setSaved(false);
    await api(`/api/lists/${encodeURIComponent(list.id)}`, { method: 'PATCH', body: { name: name.trim(), description: description.trim() || null } });
    setSaved(true);
    onRenamed();
  });
  return (
    <details class="section">
      <summary><h2>{t('rename.title')}</h2></summary>
      {saved && <p role="status" class="notice">{t('rename.done')}</p>}
      <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/name', '/description']} busy={form.busy} submitLabel={t('rename.submit')}>
        <TextField id="rename-name" label={t('list.name')} required maxLength={200} error={form.at('/name')} value={name} onValue={setName} />
        <TextArea id="rename-description" label={t('list.description')} maxLength={2000} rows={2} error={form.at('/description')}
          value={description} onValue={setDescription} />
      </Form>
    </details>
  );
}
