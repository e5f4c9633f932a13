/**
 * Form fields with their label, hint and error wired for assistive technology (aria-describedby,
 * aria-invalid), and a submit helper that keeps the server's problem so every field can show its
 * own message.
 */
import type { ComponentChildren, PartialSelectHTMLAttributes, TextareaHTMLAttributes } from 'preact';

/** What a text field may set besides its value (the input's own attributes). */
interface InputExtras {
  type?: 'text' | 'email' | 'password' | 'search' | 'number' | 'date' | 'datetime-local' | 'url' | 'tel';
  autoComplete?: string; required?: boolean; minLength?: number; maxLength?: number; placeholder?: string;
  disabled?: boolean; min?: string | number; max?: string | number; step?: string | number; pattern?: string;
  spellcheck?: boolean; lang?: string; dir?: 'ltr' | 'rtl' | 'auto'; inputMode?: 'text' | 'email' | 'numeric' | 'decimal' | 'tel' | 'search' | 'url';
}
import { useState } from 'preact/hooks';
import { ApiError } from '../../shared/api.js';
import { useT } from '../i18n.js';
import { ProblemAlert } from './page.js';

interface FieldBase {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** the error to show under the field (for example `problem?.at('/email')`) */
  error?: string;
}

function described(id: string, hint: unknown, error: unknown) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

function Messages({ id, hint, error }: { id: string; hint?: ComponentChildren; error?: string }) {
  return (
    <>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </>
  );
}

export function TextField({ id, label, hint, error, value, onValue, ...input }: FieldBase & { value: string; onValue: (value: string) => void }
  & InputExtras) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <Messages id={id} hint={hint} error={error} />
      <input id={id} name={id} {...(input as object)} type={(input.type ?? 'text') as 'text'} {...described(id, hint, error)} value={value}
        onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)} />
    </div>
  );
}

export function TextArea({ id, label, hint, error, value, onValue, ...input }: FieldBase & { value: string; onValue: (value: string) => void }
  & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'label' | 'role'>) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <Messages id={id} hint={hint} error={error} />
      <textarea id={id} name={id} {...input} {...described(id, hint, error)} value={value}
        onInput={(e) => onValue((e.currentTarget as HTMLTextAreaElement).value)} />
    </div>
  );
}

export function SelectField({ id, label, hint, error, value, onValue, options, ...select }: FieldBase & {
  value: string; onValue: (value: string) => void; options: { value: string; label: string }[];
} & Omit<PartialSelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'label' | 'role'>) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <Messages id={id} hint={hint} error={error} />
      <select id={id} name={id} {...select} {...described(id, hint, error)} value={value}
        onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function CheckboxField({ id, label, hint, error, checked, onChecked }: FieldBase & { checked: boolean; onChecked: (checked: boolean) => void }) {
  return (
    <div class={error ? 'field check invalid' : 'field check'}>
      <input id={id} name={id} type="checkbox" checked={checked} {...described(id, hint, error)}
        onChange={(e) => onChecked((e.currentTarget as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
      <Messages id={id} hint={hint} error={error} />
    </div>
  );
}

/**
 * Runs a form's action once at a time and keeps its failure. `problem.at(pointer)` gives a
 * field's message; `<ProblemAlert error={problem} shown={[...pointers the form shows]} />` the rest.
 */
export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | Error | undefined>();
  async function submit(...args: A) {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await action(...args);
    } catch (error) {
      setProblem(error instanceof Error ? error : new Error(String(error)));
      // the alert is announced; the first invalid field takes the focus
      requestAnimationFrame(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
    } finally {
      setBusy(false);
    }
  }
  const at = (pointer: string) => (problem instanceof ApiError ? problem.at(pointer) : undefined);
  return { busy, problem, setProblem, submit, at };
}

/** A form that submits through useSubmit and shows the problem above its buttons. */
export function Form({ onSubmit, problem, shown, busy, submitLabel, children, secondary }: {
  onSubmit: () => void; problem: unknown; shown?: string[]; busy: boolean; submitLabel: string;
  children: ComponentChildren; secondary?: ComponentChildren;
}) {
  const t = useT();
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      {children}
      <ProblemAlert error={problem} shown={shown} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy || undefined}>{busy ? t('working') : submitLabel}</button>
        {secondary}
      </div>
    </form>
  );
}
