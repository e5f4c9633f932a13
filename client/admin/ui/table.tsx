/**
 * Tables that stay usable at 360 px: on a phone each row becomes a card whose cells carry their
 * column's name (styles.css), sortable headers are buttons with aria-sort, and paging says where
 * you are.
 */
import type { ComponentChildren } from 'preact';
import { useT } from '../i18n.js';

export interface Column<Row> {
  key: string;
  label: string;
  cell: (row: Row) => ComponentChildren;
  /** sortable by the server under this name */
  sort?: string;
}

export interface Sort { by: string; dir: 'asc' | 'desc' }

export function DataTable<Row>({ caption, columns, rows, rowKey, sort, onSort, empty }: {
  caption: string; columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row) => string;
  sort?: Sort; onSort?: (sort: Sort) => void; empty: string;
}) {
  const t = useT();
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort && c.sort === sort.by;
              const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined;
              return (
                <th key={c.key} scope="col" aria-sort={ariaSort}>
                  {c.sort && onSort
                    ? <button type="button" class="sort" onClick={() => onSort({ by: c.sort!, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
                        {c.label}<span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                        <span class="visually-hidden">{t('table.sortBy')}</span>
                      </button>
                    : c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => <td key={c.key} data-label={c.label}>{c.cell(row)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage: (page: number) => void }) {
  const t = useT();
  if (pages <= 1) return <p class="pager-status">{t('table.total', { count: total })}</p>;
  return (
    <nav class="pager" aria-label={t('table.pages')}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('table.previous')}</button>
      <span aria-live="polite">{t('table.pageOf', { page, pages, count: total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>{t('table.next')}</button>
    </nav>
  );
}

/** A labelled progress bar; without a value it is indeterminate. */
export function Progress({ label, value }: { label: string; value?: number }) {
  return (
    <div class="progress" role="status">
      <label>
        {label}
        <progress max={1} value={value}>{value === undefined ? '' : `${Math.round(value * 100)} %`}</progress>
        {value !== undefined && <span>{Math.round(value * 100)} %</span>}
      </label>
    </div>
  );
}
