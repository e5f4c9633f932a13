/**
 * The board's two charts, drawn as SVG in Preact (no chart library: two simple shapes). They are
 * pictures for the eye only (aria-hidden): the table beside each holds the same figures for
 * screen readers and for anyone who wants the numbers.
 */
import { formatDate, formatNumber, useT } from '../../i18n.js';
import type { Sample } from './live.js';

const ROW = 44;

/** Formats a rate (0 to 1) as a percentage in the interface language. */
export function percent(rate: number): string {
  return rate.toLocaleString(document.documentElement.lang || 'en', { style: 'percent', maximumFractionDigits: 1 });
}

/** One horizontal bar per row: its label above, the bar scaled to 100 %, the rate at its end. */
export function RateBars({ rows, caption }: { rows: Array<{ key: string; label: string; rate: number }>; caption: string }) {
  const t = useT('status');
  if (rows.length === 0) return null;
  return (
    <figure class="chart">
      <figcaption>{caption} <span class="hint">{t('chart.sameAsTable')}</span></figcaption>
      <svg class="bars" aria-hidden="true" focusable="false" width="100%" height={rows.length * ROW}>
        {rows.map((r, i) => {
          const width = Math.max(0, Math.min(1, r.rate)) * 100;
          return (
            <g key={r.key} transform={`translate(0 ${i * ROW})`}>
              <text class="label" x="0" y="14">{r.label}</text>
              <rect class="track" x="0" y="20" width="100%" height="16" rx="2" />
              <rect class="bar" x="0" y="20" width={`${width}%`} height="16" rx="2" />
              <text class="value" x={`${Math.min(width, 88)}%`} dx="4" y="33">{percent(r.rate)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const W = 600;
const H = 180;

/**
 * Started and completed over the times this page fetched the status. The status API has no
 * counts per day, so the line begins when the board was first opened in this tab.
 */
export function OverTime({ samples }: { samples: Sample[] }) {
  const t = useT('status');
  if (samples.length === 0) return null;
  const first = new Date(samples[0].at).getTime();
  const span = Math.max(1, new Date(samples[samples.length - 1].at).getTime() - first);
  const top = Math.max(1, ...samples.map((s) => s.started));
  const x = (s: Sample) => (samples.length === 1 ? W / 2 : ((new Date(s.at).getTime() - first) / span) * W);
  const y = (n: number) => H - (n / top) * (H - 10);
  const line = (pick: (s: Sample) => number) => samples.map((s) => `${x(s).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');
  const shown = samples.slice(-12);
  return (
    <figure class="chart">
      <figcaption>{t('time.caption')} <span class="hint">{t('time.why')}</span></figcaption>
      <svg class="time" aria-hidden="true" focusable="false" viewBox={`-4 -4 ${W + 8} ${H + 8}`} preserveAspectRatio="none">
        <line class="axis" x1="0" y1={H} x2={W} y2={H} vector-effect="non-scaling-stroke" />
        <polyline class="started" points={line((s) => s.started)} vector-effect="non-scaling-stroke" />
        <polyline class="completed" points={line((s) => s.completed)} vector-effect="non-scaling-stroke" />
        {samples.length === 1 && <circle class="completed-dot" cx={x(samples[0])} cy={y(samples[0].completed)} r="4" />}
      </svg>
      <p class="legend" aria-hidden="true">
        <span class="key started">{t('count.started')}</span> <span class="key completed">{t('count.completed')}</span>
        {' · '}{t('time.range', { from: formatDate(samples[0].at, true), to: formatDate(samples[samples.length - 1].at, true), top: formatNumber(top) })}
      </p>
      <details>
        <summary>{t('time.table', { count: shown.length })}</summary>
        <div class="table-wrap">
          <table class="data">
            <caption>{t('time.caption')}</caption>
            <thead><tr><th scope="col">{t('time.at')}</th><th scope="col">{t('count.started')}</th><th scope="col">{t('count.completed')}</th></tr></thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.at}>
                  <td data-label={t('time.at')}>{formatDate(s.at, true)}</td>
                  <td data-label={t('count.started')}>{formatNumber(s.started)}</td>
                  <td data-label={t('count.completed')}>{formatNumber(s.completed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
