/**
 * The export history, from the audit log (responses.export entries: who, when, filters, options,
 * rows, suppression; never data). The audit log is for admins (coordinators see their partner's
 * entries, which exports are not), so researchers are told where it is kept instead.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatNumber, useT } from '../../i18n.js';
import { useSession } from '../../session.js';
import { Loaded, useResource } from '../../ui/page.js';
import { DataTable, Pager } from '../../ui/table.js';

interface Entry { id: string; at: string; actorId: string | null; targetId: string | null; details: Record<string, unknown> }
interface Paged { items: Entry[]; total: number; page: number; pageSize: number }
interface Named { id: string; email?: string; name?: string | null; slug?: string }

const PAGE_SIZE = 20;

export function History({ tick }: { tick: number }) {
  const t = useT('exports');
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const admin = user.role === 'admin';
  const entries = useResource<Paged>(admin ? `/api/audit?action=responses.export&pageSize=${PAGE_SIZE}&page=${page}` : null);
  const users = useResource<Named[]>(admin ? '/api/users' : null);
  const surveys = useResource<Named[]>(admin ? '/api/surveys' : null);
  // after each download, its entry
  useEffect(() => { if (tick > 0) entries.reload(); }, [tick]);
  if (!admin) {
    return (
      <section aria-labelledby="history">
        <h2 id="history">{t('history')}</h2>
        <p>{t('historyAdminsOnly')}</p>
      </section>
    );
  }
  const who = (id: string | null) => { const u = users.data?.find((x) => x.id === id); return u ? u.name || u.email || '' : t('someone'); };
  const survey = (id: string | null) => surveys.data?.find((s) => s.id === id)?.slug ?? '—';
  const listed = (value: unknown) => Object.entries((value ?? {}) as Record<string, unknown>)
    .filter(([, v]) => v !== false && v !== undefined && v !== null).map(([k, v]) => (v === true ? k : `${k} = ${String(v)}`)).join(', ');
  return (
    <section aria-labelledby="history" class="history">
      <h2 id="history">{t('history')}</h2>
      <Loaded resource={entries}>{(data) => (
        <>
          <DataTable caption={t('history')} rows={data.items} rowKey={(r) => r.id} empty={t('noHistory')} columns={[
            { key: 'at', label: t('when'), cell: (r) => formatDate(r.at, true) },
            { key: 'who', label: t('who'), cell: (r) => who(r.actorId) },
            { key: 'survey', label: t('survey'), cell: (r) => survey(r.targetId) },
            { key: 'format', label: t('format'), cell: (r) => String(r.details.format ?? '') },
            { key: 'rows', label: t('rows'), cell: (r) => formatNumber(Number(r.details.rows ?? 0)) },
            { key: 'filters', label: t('filters'), cell: (r) => listed(r.details.filters) || t('none') },
            { key: 'options', label: t('options'), cell: (r) => listed(r.details.options) },
          ]} />
          <Pager page={data.page} pages={Math.ceil(data.total / data.pageSize)} total={data.total} onPage={setPage} />
        </>
      )}</Loaded>
    </section>
  );
}
