/** The preview's rows, paged: each with its row number as the spreadsheet shows it, and each problem at its field. */
import { useState } from 'preact/hooks';
import { useT } from '../../i18n.js';
import { SelectField } from '../../ui/forms.js';
import { Loaded, useResource } from '../../ui/page.js';
import { DataTable, Pager } from '../../ui/table.js';
import type { ImportJob, ImportRow, Paged } from './types.js';

const PAGE_SIZE = 50;
const FILTERS = ['problems', 'all', 'add', 'update', 'unchanged', 'skip'] as const;
/** The field each problem concerns (server/modules/lists/import/normalize-row.ts and stage.ts). */
const FIELD: Record<string, 'email' | 'name' | 'language' | 'row'> = {
  invalid_email: 'email', duplicate_in_file: 'email', in_list: 'email', opted_out_earlier: 'email', erased_earlier: 'email',
  bounced_earlier: 'email', unknown_language: 'language', too_long: 'row', extra_cells: 'row',
};

export function ImportRows({ job }: { job: ImportJob }) {
  const t = useT('lists');
  const [filter, setFilter] = useState<string>('problems');
  const [page, setPage] = useState(1);
  const rows = useResource<Paged<ImportRow>>(`/api/imports/${encodeURIComponent(job.id)}/rows?filter=${filter}&page=${page}&pageSize=${PAGE_SIZE}`);
  return (
    <section aria-labelledby="rows-title">
      <h2 id="rows-title">{t('rows.title')}</h2>
      <SelectField id="rows-filter" label={t('rows.show')} value={filter} onValue={(f) => { setFilter(f); setPage(1); }}
        options={FILTERS.map((f) => ({ value: f, label: t(`rows.filter.${f}`) }))} />
      <Loaded resource={rows}>{(data) => (
        <>
          <DataTable caption={t('rows.caption')} rows={data.items} rowKey={(r) => String(r.rowNumber)}
            empty={filter === 'problems' ? t('rows.noProblems') : t('rows.none')} columns={[
              { key: 'row', label: t('rows.number'), cell: (r) => t('rows.rowN', { n: r.rowNumber }) },
              { key: 'email', label: t('contact.email'), cell: (r) => r.email ?? '—' },
              { key: 'name', label: t('contact.name'), cell: (r) => r.name ?? '—' },
              { key: 'language', label: t('contact.language'), cell: (r) => r.language ?? r.languageInput ?? '—' },
              { key: 'action', label: t('rows.action'), cell: (r) => (r.action ? t(`rows.willDo.${r.action}`) : '—') },
              { key: 'problems', label: t('rows.problems'), cell: (r) => (r.problems.length === 0 ? '—' : (
                <ul class="row-problems">
                  {r.problems.map((p) => (
                    <li key={p}><span class="problem-field">{t(`rows.field.${FIELD[p] ?? 'row'}`)}:</span> {t(`rowProblem.${p}.text`, { defaultValue: p })}</li>
                  ))}
                </ul>
              )) },
            ]} />
          <Pager page={data.page} pages={Math.ceil(data.total / data.pageSize)} total={data.total} onPage={setPage} />
        </>
      )}</Loaded>
    </section>
  );
}
