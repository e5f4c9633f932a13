/** Questions answered by typing, and the ones only shown: text, comment, expression, image, html. */
import type { CommentQuestion, ExpressionQuestion, ImageQuestion, TextQuestion } from '../../runtime/compiled-types.js';
import type { ControlProps } from './choices.js';

const AUTOCOMPLETE: Record<string, string> = { email: 'email', tel: 'tel' };
const INPUT_MODE: Record<string, string> = { number: 'decimal', tel: 'tel', email: 'email' };

export function TextInput({ q, c, id, described, disabled }: ControlProps<TextQuestion>) {
  const value = c.rt.getValue(q.name);
  const number = q.inputType === 'number';
  function change(raw: string) {
    if (raw === '') return c.set(q.name, undefined);
    const parsed = Number(raw);
    c.set(q.name, number && raw.trim() !== '' && Number.isFinite(parsed) ? parsed : raw);
  }
  return (
    <input id={id} type={q.inputType as 'text'} value={value === undefined || value === null ? '' : String(value)} disabled={disabled}
      aria-describedby={described || undefined} aria-required={c.rt.isRequired(q.name) || undefined}
      min={q.min === undefined ? undefined : String(q.min)} max={q.max === undefined ? undefined : String(q.max)} step={q.step}
      maxLength={q.maxLength} placeholder={c.rt.text(q.placeholderKey) || undefined}
      inputMode={INPUT_MODE[q.inputType] as 'decimal' | undefined} autocomplete={AUTOCOMPLETE[q.inputType] ?? 'off'}
      onInput={(e) => change((e.target as HTMLInputElement).value)} />
  );
}

export function Comment({ q, c, id, described, disabled }: ControlProps<CommentQuestion>) {
  const value = c.rt.getValue(q.name);
  return (
    <textarea id={id} rows={4} value={typeof value === 'string' ? value : ''} disabled={disabled} maxLength={q.maxLength}
      aria-describedby={described || undefined} aria-required={c.rt.isRequired(q.name) || undefined}
      placeholder={c.rt.text(q.placeholderKey) || undefined}
      onInput={(e) => c.set(q.name, (e.target as HTMLTextAreaElement).value || undefined)} />
  );
}

export function Expression({ q, c, id }: ControlProps<ExpressionQuestion>) {
  const value = c.rt.getValue(q.name);
  return <output id={id}>{value === undefined || value === null ? '' : String(value)}</output>;
}

export function Image({ q, c }: ControlProps<ImageQuestion>) {
  const src = c.rt.text(q.imageLinkKey);
  const px = (size: string) => (/^\d+$/.test(size) ? Number(size) : undefined);
  return src ? <img class="image" src={src} alt={c.rt.text(q.altTextKey)} width={px(q.imageWidth)} height={px(q.imageHeight)} loading="lazy" /> : null;
}
