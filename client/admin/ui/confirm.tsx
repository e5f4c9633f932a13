/**
 * Destructive or irreversible actions ask first, in a modal <dialog> (the browser keeps the
 * focus inside it and Escape cancels). The question says exactly what will happen.
 */
import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n.js';
import { ProblemAlert } from './page.js';

export function ConfirmButton({ label, title, children, confirmLabel, danger, onConfirm, disabled, ariaLabel, class: className }: {
  /** the button that opens the question */
  label: string;
  title: string;
  /** what will happen, in full */
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  disabled?: boolean;
  /** the opening button's accessible name where its label alone is ambiguous (one per table row: "Erase ana@example.org") */
  ariaLabel?: string;
  class?: string;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const id = useId();
  async function confirm() {
    setBusy(true);
    setProblem(undefined);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" ref={opener} class={[danger ? 'danger' : '', className ?? ''].join(' ').trim() || undefined} disabled={disabled} aria-label={ariaLabel}
        onClick={() => { setProblem(undefined); dialog.current?.showModal(); }}>{label}</button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onClose={() => opener.current?.focus()}>
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        <ProblemAlert error={problem} />
        <div class="actions">
          <button type="button" class={danger ? 'danger' : 'primary'} disabled={busy} onClick={() => void confirm()}>{busy ? t('working') : confirmLabel}</button>
          <button type="button" onClick={() => dialog.current?.close()}>{t('cancel')}</button>
        </div>
      </dialog>
    </>
  );
}
