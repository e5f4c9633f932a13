/**
 * The board's two charts, drawn as SVG in Preact (no chart library: two simple shapes). They are
 * pictures for the eye only (aria-hidden): the table beside each holds the same figures for
 * screen readers and for anyone who wants the numbers.
 */
import { formatDate, formatNumber, formatPercent as percent, useT } from '../../i18n.js';
import type { Day } from './types.js';

const ROW = 44;

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
              {/* a long bar carries its rate inside its end, where the text has room and contrast */}
              {width > 80
                ? <text class="value inside" x={`${width}%`} dx="-4" y="33" text-anchor="end">{percent(r.rate)}</text>
                : <text class="value" x={`${width}%`} dx="4" y="33">{percent(r.rate)}</text>}
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
 * Answers started and completed, day by day as running totals (the status API's `byDay`), with
 * the day-by-day counts in a table for screen readers (the drawing is hidden from them).
 */
export function OverTime({ days }: { days: Day[] }) {
  const t = useT('status');
  if (days.length === 0) return <p class="empty">{t('time.none')}</p>;
  let started = 0;
  let completed = 0;
  const points = days.map((d) => ({ date: d.date, started: (started += d.started), completed: (completed += d.completed) }));
  const top = Math.max(1, started, completed);
  const x = (i: number) => (points.length === 1 ? W / 2 : (i / (points.length - 1)) * W);
  const y = (n: number) => H - (n / top) * (H - 10);
  const line = (pick: (p: (typeof points)[number]) => number) => points.map((p, i) => `${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
  const day = (date: string) => formatDate(`${date}T12:00:00.000Z`);
  return (
    <figure class="chart">
      <figcaption>{t('time.caption')} <span class="hint">{t('time.why')}</span></figcaption>
      <svg class="time" aria-hidden="true" focusable="false" viewBox={`-4 -4 ${W + 8} ${H + 8}`} preserveAspectRatio="none">
        <line class="axis" x1="0" y1={H} x2={W} y2={H} vector-effect="non-scaling-stroke" />
        <polyline class="started" points={line((p) => p.started)} vector-effect="non-scaling-stroke" />
        <polyline class="completed" points={line((p) => p.completed)} vector-effect="non-scaling-stroke" />
        {points.length === 1 && <circle class="completed-dot" cx={x(0)} cy={y(points[0].completed)} r="4" />}
      </svg>
      <p class="legend" aria-hidden="true">
        <span class="key started">{t('count.started')}</span> <span class="key completed">{t('count.completed')}</span>
        {' · '}{t('time.range', { from: day(days[0].date), to: day(days[days.length - 1].date), top: formatNumber(top) })}
      </p>
      <details>
        <summary>{t('time.table')}</summary>
        <div class="table-wrap">
          <table class="data">
            <caption>{t('time.caption')}</caption>
            <thead><tr><th scope="col">{t('time.at')}</th><th scope="col">{t('count.opened')}</th><th scope="col">{t('count.started')}</th><th scope="col">{t('count.completed')}</th></tr></thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <td data-label={t('time.at')}>{day(d.date)}</td>
                  <td data-label={t('count.opened')}>{formatNumber(d.opened)}</td>
                  <td data-label={t('count.started')}>{formatNumber(d.started)}</td>
                  <td data-label={t('count.completed')}>{formatNumber(d.completed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
