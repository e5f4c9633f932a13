/**
 * A one-time set-password link, shown once: in a read-only field (selected, so it can be copied
 * by hand when the clipboard is not allowed) with a copy button, and what to do with it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, useT } from '../../i18n.js';
import { NS } from './texts.js';

export function OneTimeLink({ email, url, expiresAt, focus }: { email: string; url: string; expiresAt: string; focus?: boolean }) {
  const t = useT(NS);
  const field = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // shown in place of the form that was submitted: the focus would otherwise fall to the page
  useEffect(() => { if (focus) heading.current?.focus(); }, [focus]);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copyLink() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopy('failed');
    }
  }
  return (
    <section class="pu-link" aria-labelledby="one-time-link">
      <h2 id="one-time-link" ref={heading} tabIndex={-1}>{t('users.linkTitle')}</h2>
      <p>{t('users.linkOnce', { date: formatDate(expiresAt, true) })}</p>
      <label for="set-password-link">{t('users.linkLabel', { email })}</label>
      <textarea ref={field} id="set-password-link" readOnly rows={3} value={url} spellcheck={false}
        onFocus={(e) => e.currentTarget.select()} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => void copyLink()}>{t('users.copy')}</button>
      </div>
      <p role="status" class={copy === 'failed' ? 'field-error' : undefined}>
        {copy === 'copied' ? t('users.copied') : copy === 'failed' ? t('users.copyFailed') : ''}
      </p>
    </section>
  );
}
