/** /admin/lists: the lists with their contacts by status; create one; delete one with its contacts. */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { formatDate, formatNumber, useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { Form, SelectField, TextArea, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, Pager, type Column } from '../../ui/table.js';
import { listPath } from './shared.js';
import type { ContactList, Paged, Partner } from './types.js';

const PAGE_SIZE = 50;

export function ListsScreen() {
  const t = useT('lists');
  const { user } = useSession();
  const admin = user.role === 'admin';
  const [page, setPage] = useState(1);
  const lists = useResource<Paged<ContactList>>(`/api/lists?page=${page}&pageSize=${PAGE_SIZE}`);
  const partners = useResource<Partner[]>(admin ? '/api/partners' : null);
  const partnerName = (id: string) => partners.data?.find((p) => p.id === id)?.name ?? '…';

  const columns: Column<ContactList>[] = [
    { key: 'name', label: t('list.name'), cell: (l) => <Link href={listPath(l.id)}>{l.name}</Link> },
    ...(admin ? [{ key: 'partner', label: t('list.partner'), cell: (l: ContactList) => partnerName(l.partnerId) }] : []),
    { key: 'total', label: t('list.contacts'), cell: (l) => formatNumber(l.total) },
    { key: 'status', label: t('list.byStatus'), cell: (l) => <StatusCounts list={l} /> },
    { key: 'created', label: t('list.created'), cell: (l) => formatDate(l.createdAt) },
    { key: 'actions', label: t('actions'), cell: (l) => <DeleteList list={l} onDeleted={lists.reload} /> },
  ];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p class="hint">{admin ? t('introAdmin') : t('intro')}</p>
      <Loaded resource={lists}>{(data) => (
        <>
          <DataTable caption={t('title')} columns={columns} rows={data.items} rowKey={(l) => l.id} empty={t('noLists')} />
          <Pager page={data.page} pages={Math.ceil(data.total / data.pageSize)} total={data.total} onPage={setPage} />
        </>
      )}</Loaded>
      <CreateList partners={admin ? partners.data ?? [] : null} />
    </>
  );
}

/** Contacts by status, the ones that are there only. */
export function StatusCounts({ list }: { list: ContactList }) {
  const t = useT('lists');
  const parts = Object.entries(list.counts).filter(([, n]) => n && n > 0);
  if (parts.length === 0) return <>{t('list.empty')}</>;
  return <>{parts.map(([status, n]) => t('statusCount', { count: n, status: t(`status.${status}`) })).join(' · ')}</>;
}

function DeleteList({ list, onDeleted }: { list: ContactList; onDeleted: () => void }) {
  const t = useT('lists');
  return (
    <div class="row-actions">
      <ConfirmButton label={t('delete.button')} title={t('delete.title', { name: list.name })} confirmLabel={t('delete.confirm')} danger
        onConfirm={async () => { await api(`/api/lists/${list.id}`, { method: 'DELETE' }); onDeleted(); }}>
        <p>{t('delete.body', { count: list.total })}</p>
        <p>{t('delete.stays')}</p>
      </ConfirmButton>
    </div>
  );
}

/** A new list; an admin chooses its partner, a coordinator's list is their partner's. */
function CreateList({ partners }: { partners: Partner[] | null }) {
  const t = useT('lists');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const form = useSubmit(async () => {
    const body: Record<string, unknown> = { name: name.trim(), description: description.trim() || null };
    if (partners) body.partnerId = partnerId || undefined;
    const list = await api<ContactList>('/api/lists', { body });
    navigate(listPath(list.id));
  });
  const shown = ['/name', '/description', '/partnerId'];
  return (
    <section aria-labelledby="create-list">
      <h2 id="create-list">{t('create.title')}</h2>
      <Form onSubmit={() => void form.submit()} problem={form.problem} shown={shown} busy={form.busy} submitLabel={t('create.submit')}>
        <TextField id="list-name" label={t('list.name')} required maxLength={200} error={form.at('/name')} value={name} onValue={setName} />
        <TextArea id="list-description" label={t('list.description')} hint={t('create.descriptionHint')} maxLength={2000} rows={2}
          error={form.at('/description')} value={description} onValue={setDescription} />
        {partners && (
          <SelectField id="list-partner" label={t('list.partner')} required error={form.at('/partnerId')} value={partnerId} onValue={setPartnerId}
            options={[{ value: '', label: t('create.choosePartner') }, ...partners.map((p) => ({ value: p.id, label: p.name }))]} />
        )}
      </Form>
    </section>
  );
}
