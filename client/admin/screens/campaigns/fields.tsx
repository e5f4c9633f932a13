/** Groups of checkboxes and radio buttons with their legend, hint and error (each control marked invalid and pointing at it). */
import type { ComponentChildren } from 'preact';

export interface Choice { value: string; label: ComponentChildren }

function GroupMessages({ id, hint, error }: { id: string; hint?: ComponentChildren; error?: string }) {
  return (
    <>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </>
  );
}

const describedBy = (id: string, hint: unknown, error: unknown) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function CheckGroup({ id, legend, hint, error, choices, values, onValues, empty }: {
  id: string; legend: string; hint?: ComponentChildren; error?: string; choices: Choice[]; values: string[];
  onValues: (values: string[]) => void; empty?: ComponentChildren;
}) {
  const toggle = (value: string, on: boolean) => onValues(on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset class={error ? 'field group invalid' : 'field group'}>
      <legend>{legend}</legend>
      <GroupMessages id={id} hint={hint} error={error} />
      {choices.length === 0 && empty}
      {choices.map((c, i) => (
        <div class="check" key={c.value}>
          <input type="checkbox" id={`${id}-${i}`} name={id} value={c.value} checked={values.includes(c.value)}
            aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}
            onChange={(e) => toggle(c.value, (e.currentTarget as HTMLInputElement).checked)} />
          <label for={`${id}-${i}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function RadioGroup({ id, legend, hint, error, choices, value, onValue, disabled }: {
  id: string; legend: string; hint?: ComponentChildren; error?: string; choices: Choice[]; value: string; onValue: (value: string) => void; disabled?: boolean;
}) {
  return (
    <fieldset class={error ? 'field group invalid' : 'field group'} disabled={disabled}>
      <legend>{legend}</legend>
      <GroupMessages id={id} hint={hint} error={error} />
      {choices.map((c, i) => (
        <div class="check" key={c.value}>
          <input type="radio" id={`${id}-${i}`} name={id} value={c.value} checked={value === c.value}
            aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}
            onChange={() => onValue(c.value)} />
          <label for={`${id}-${i}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
