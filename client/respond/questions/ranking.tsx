/**
 * Ranking without dragging: each item has "move up" and "move down" buttons, which work by touch,
 * keyboard and screen reader alike; the answer is every shown item's value, in order.
 */
import type { RankingQuestion } from '../../runtime/compiled-types.js';
import { t } from '../boot.js';
import type { ControlProps } from './choices.js';

export function Ranking({ q, c, id, described, disabled }: ControlProps<RankingQuestion>) {
  const choices = c.rt.visibleChoices(q.name);
  const value = c.rt.getValue(q.name);
  const order = Array.isArray(value) ? value : [];
  const position = (v: unknown) => { const i = order.findIndex((o) => String(o) === String(v)); return i < 0 ? order.length + choices.findIndex((ch) => ch.value === v) : i; };
  const items = [...choices].sort((a, b) => position(a.value) - position(b.value));
  function move(from: number, to: number) {
    const next = items.map((ch) => ch.value);
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    c.set(q.name, next);
    requestAnimationFrame(() => document.getElementById(`${id}-${to}-${to < from ? 'up' : 'down'}`)?.focus());
  }
  return (
    <ol class="ranking" aria-describedby={described || undefined}>
      {items.map((ch, i) => {
        const text = c.rt.text(ch.textKey);
        const label = t(c.strings, 'rank', { item: text, position: i + 1, count: items.length });
        return (
          <li key={String(ch.value)}>
            <span class="rank-text">{text}</span>
            <button type="button" id={`${id}-${i}-up`} aria-label={`${t(c.strings, 'moveUp')}: ${label}`} disabled={disabled || i === 0} onClick={() => move(i, i - 1)}>↑</button>
            <button type="button" id={`${id}-${i}-down`} aria-label={`${t(c.strings, 'moveDown')}: ${label}`} disabled={disabled || i === items.length - 1} onClick={() => move(i, i + 1)}>↓</button>
          </li>
        );
      })}
    </ol>
  );
}
