/** What an export did: its file (saved, and a link to save it again), its rows, k and the values suppressed. */
import { formatNumber, i18n, useT } from '../../i18n.js';
import { formatBytes } from './download.js';
import type { Manifest } from './query.js';

export interface Saved { href: string; fileName: string; size: number; manifest: Manifest | null }

export function Result({ saved }: { saved: Saved }) {
  const t = useT('exports');
  const m = saved.manifest;
  const suppressed = Object.entries(m?.suppressed ?? {}).filter(([, n]) => n > 0);
  return (
    <section aria-labelledby="result" class="result">
      <h2 id="result">{t('result.title')}</h2>
      <div role="status" class="notice">
        <p>{t('result.saved', { file: saved.fileName, size: formatBytes(saved.size, i18n.language) })}</p>
        <p><a href={saved.href} download={saved.fileName}>{t('result.again', { file: saved.fileName })}</a></p>
      </div>
      {m && (
        <>
          <dl class="facts">
            <dt>{t('result.rows')}</dt><dd>{formatNumber(m.rows)}</dd>
            <dt>{t('result.k')}</dt><dd>{formatNumber(m.k)}</dd>
            <dt>{t('result.smallest')}</dt><dd>{t('result.smallestValue', { before: m.kBefore, after: m.kAfter })}</dd>
            <dt>{t('result.columns')}</dt><dd>{formatNumber(m.columns)}</dd>
          </dl>
          {suppressed.length === 0 ? <p>{t('result.noneSuppressed')}</p> : (
            <div class="table-wrap">
              <table class="data">
                <caption>{t('result.suppressed')}</caption>
                <thead><tr><th scope="col">{t('result.column')}</th><th scope="col">{t('result.replaced')}</th></tr></thead>
                <tbody>
                  {suppressed.map(([column, n]) => (
                    <tr key={column}><td data-label={t('result.column')}><code>{column}</code></td><td data-label={t('result.replaced')}>{formatNumber(n)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {m.dropped.length > 0 && <p>{t('result.dropped')} {m.dropped.map((d) => <code key={d} class="chip">{d}</code>)}</p>}
          {m.droppedFreeText && m.droppedFreeText.length > 0 && (
            <p>{t('result.droppedFreeText')} {m.droppedFreeText.map((d) => <code key={d} class="chip">{d}</code>)}</p>
          )}
        </>
      )}
    </section>
  );
}
