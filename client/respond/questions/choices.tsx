/** Questions answered by picking: radio buttons, checkboxes, a dropdown, yes/no, a rating scale. */
import type { BooleanQuestion, RatingQuestion, SelectQuestion } from '../../runtime/compiled-types.js';
import type { VisibleChoice } from '../../runtime/runtime.js';
import type { Ctx } from '../context.js';
import { domId } from '../boot.js';

export interface ControlProps<Q> { q: Q; c: Ctx; id: string; described: string; disabled: boolean }

/** a stored answer and a choice value are the same answer (survey-core compares them loosely) */
export const same = (a: unknown, b: unknown) => a === b || (a !== undefined && b !== undefined && String(a) === String(b));

function OtherText({ q, c, id, disabled }: { q: SelectQuestion; c: Ctx; id: string; disabled: boolean }) {
  const name = q.name + c.structure.commentSuffix;
  const value = c.rt.getValue(name);
  return (
    <input class="other" type="text" id={`${id}-other`} aria-label={c.rt.text(q.otherTextKey)} placeholder={c.rt.text(q.otherPlaceholderKey)}
      value={typeof value === 'string' ? value : ''} disabled={disabled}
      onInput={(e) => c.set(name, (e.target as HTMLInputElement).value || undefined)} />
  );
}

export function Choices({ q, c, id, described, disabled }: ControlProps<SelectQuestion>) {
  const multi = q.type === 'checkbox';
  const value = c.rt.getValue(q.name);
  const chosen: unknown[] = multi ? (Array.isArray(value) ? value : []) : value === undefined ? [] : [value];
  const choices = c.rt.visibleChoices(q.name);
  const regular = choices.filter((ch) => !ch.special && !ch.exclusive);
  const isOn = (ch: VisibleChoice) => ch.special === 'selectAll'
    ? regular.length > 0 && regular.every((r) => chosen.some((v) => same(v, r.value)))
    : chosen.some((v) => same(v, ch.value));
  function toggle(ch: VisibleChoice, on: boolean) {
    if (!multi) return c.set(q.name, ch.value);
    if (ch.special === 'selectAll') return c.set(q.name, on ? regular.map((r) => r.value) : undefined);
    const next = on ? [...chosen, ch.value] : chosen.filter((v) => !same(v, ch.value));
    c.set(q.name, next.length > 0 ? next : undefined);
  }
  const otherChosen = chosen.some((v) => v === 'other') && q.hasOther;
  return (
    <div class="choices" role={multi ? undefined : 'radiogroup'} aria-describedby={described || undefined}>
      {choices.map((ch, i) => (
        <label class="choice" key={String(ch.value)}>
          <input type={multi ? 'checkbox' : 'radio'} name={id} id={`${id}-${i}`} value={String(ch.value)} checked={isOn(ch)}
            disabled={disabled || !ch.enabled} onChange={(e) => toggle(ch, (e.target as HTMLInputElement).checked)} />
          <span>{c.rt.text(ch.textKey)}</span>
        </label>
      ))}
      {otherChosen && <OtherText q={q} c={c} id={id} disabled={disabled} />}
    </div>
  );
}

export function Dropdown({ q, c, id, described, disabled }: ControlProps<SelectQuestion>) {
  const value = c.rt.getValue(q.name);
  const choices = c.rt.visibleChoices(q.name);
  const index = choices.findIndex((ch) => same(ch.value, value));
  return (
    <>
      <select id={id} aria-describedby={described || undefined} disabled={disabled}
        onChange={(e) => { const i = Number((e.target as HTMLSelectElement).value); c.set(q.name, i >= 0 ? choices[i].value : undefined); }}>
        <option value="-1" selected={index < 0}>{c.rt.text(q.placeholderKey) || c.rt.text('$placeholder')}</option>
        {choices.map((ch, i) => <option key={String(ch.value)} value={String(i)} selected={i === index} disabled={!ch.enabled}>{c.rt.text(ch.textKey)}</option>)}
      </select>
      {q.hasOther && value === 'other' && <OtherText q={q} c={c} id={id} disabled={disabled} />}
    </>
  );
}

export function YesNo({ q, c, id, described, disabled }: ControlProps<BooleanQuestion>) {
  const value = c.rt.getValue(q.name);
  const options = [[q.valueTrue, q.labelTrueKey], [q.valueFalse, q.labelFalseKey]] as const;
  return (
    <div class="choices row" role="radiogroup" aria-describedby={described || undefined}>
      {options.map(([v, key], i) => (
        <label class="choice" key={String(v)}>
          <input type="radio" name={id} id={`${id}-${i}`} checked={same(value, v)} disabled={disabled} onChange={() => c.set(q.name, v)} />
          <span>{c.rt.text(key)}</span>
        </label>
      ))}
    </div>
  );
}

export function Rating({ q, c, id, described, disabled }: ControlProps<RatingQuestion>) {
  const value = c.rt.getValue(q.name);
  const min = c.rt.text(q.minRateDescriptionKey);
  const max = c.rt.text(q.maxRateDescriptionKey);
  return (
    <div class="rating" role="radiogroup" aria-describedby={described || undefined}>
      {(min || max) && <p class="scale" aria-hidden="true"><span>{min}</span><span>{max}</span></p>}
      <div class="rates">
        {q.rateValues.map((item, i) => {
          const label = c.rt.text(item.textKey) || String(item.value);
          const edge = i === 0 ? min : i === q.rateValues.length - 1 ? max : '';
          return (
            <label class="rate" key={String(item.value)}>
              <input type="radio" name={id} id={domId(id, String(i))} checked={same(value, item.value)} disabled={disabled} onChange={() => c.set(q.name, item.value)} />
              <span aria-hidden={edge ? 'true' : undefined}>{label}</span>
              {edge && <span class="sr">{`${label}: ${edge}`}</span>}
            </label>
          );
        })}
      </div>
    </div>
  );
}
