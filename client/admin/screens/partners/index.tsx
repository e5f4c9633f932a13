/**
 * /admin/partners (admins): the partners with their country, region, time zone and how many
 * users and lists each has; /new creates one; /<id> changes one and shows its people.
 */
import { useMemo, useState } from 'preact/hooks';
import { i18n, useT } from '../../i18n.js';
import { Link, match, navigate } from '../../router.js';
import type { User } from '../../session.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, type Sort } from '../../ui/table.js';
import type { Partner } from './model.js';
import { PartnerForm } from './partner-form.js';
import { PartnerPage } from './partner-page.js';
import { countryName } from './places.js';
import { NS } from './texts.js';

export default function Partners({ path, query }: { path: string; query: URLSearchParams }) {
  if (path === '/new') return <NewPartner key="new" />;
  const one = match('/:partnerId', path);
  // a key per partner: its heading takes the focus and its form starts from the stored values
  if (one) return <PartnerPage key={one.partnerId} partnerId={one.partnerId} created={query.has('created')} />;
  return <PartnerList key="list" />;
}

interface ListsPage { items: { partnerId: string }[]; total: number }

/** How many of each partner's things there are; null when the counts could not all be read. */
function countBy(rows: { partnerId: string | null }[] | undefined, complete = true): Map<string, number> | null {
  if (!rows || !complete) return null;
  const counts = new Map<string, number>();
  for (const row of rows) if (row.partnerId) counts.set(row.partnerId, (counts.get(row.partnerId) ?? 0) + 1);
  return counts;
}

function PartnerList() {
  const t = useT(NS);
  const common = useT();
  const partners = useResource<Partner[]>('/api/partners');
  // counts are extras: one call each; when one fails its column is left out rather than wrong
  const users = useResource<User[]>('/api/users');
  const lists = useResource<ListsPage>('/api/lists?pageSize=500');
  const [sort, setSort] = useState<Sort>({ by: 'name', dir: 'asc' });
  const userCounts = countBy(users.data);
  const listCounts = countBy(lists.data?.items, lists.data ? lists.data.items.length >= lists.data.total : false);
  const language = i18n.language;

  const sorted = useMemo(() => {
    const key = (p: Partner) => (sort.by === 'country' ? countryName(p.country, language) : sort.by === 'timeZone' ? p.timeZone : p.name);
    const rows = [...(partners.data ?? [])].sort((a, b) => key(a).localeCompare(key(b), language));
    return sort.dir === 'asc' ? rows : rows.reverse();
  }, [partners.data, sort, language]);

  const count = (counts: Map<string, number> | null, id: string) => (counts ? String(counts.get(id) ?? 0) : '—');
  return (
    <>
      <PageTitle>{common('nav.partners')}</PageTitle>
      <p>{t('partners.intro')}</p>
      <p><Link href="/partners/new" class="button primary">{t('partners.new')}</Link></p>
      <Loaded resource={partners}>{() => (
        <DataTable caption={t('partners.caption')} rows={sorted} rowKey={(p) => p.id} empty={t('partners.none')} sort={sort} onSort={setSort} columns={[
          { key: 'name', label: t('partners.name'), sort: 'name', cell: (p) => <Link href={`/partners/${encodeURIComponent(p.id)}`}>{p.name}</Link> },
          { key: 'country', label: t('partners.country'), sort: 'country', cell: (p) => `${countryName(p.country, language)} (${p.country})` },
          { key: 'region', label: t('partners.region'), cell: (p) => p.region ?? t('partners.noRegion') },
          { key: 'timeZone', label: t('partners.timeZone'), sort: 'timeZone', cell: (p) => p.timeZone.replaceAll('_', ' ') },
          { key: 'users', label: t('partners.users'), cell: (p) => count(userCounts, p.id) },
          { key: 'lists', label: t('partners.lists'), cell: (p) => count(listCounts, p.id) },
        ]} />
      )}</Loaded>
    </>
  );
}

function NewPartner() {
  const t = useT(NS);
  return (
    <section class="narrow">
      <p class="back"><Link href="/partners">{t('partners.back')}</Link></p>
      <PageTitle>{t('partners.createTitle')}</PageTitle>
      <PartnerForm onSaved={(p) => navigate(`/partners/${encodeURIComponent(p.id)}?created=1`)} />
    </section>
  );
}
