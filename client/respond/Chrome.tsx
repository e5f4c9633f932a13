/** Everything around the questions: header with languages and progress, privacy notice, status line, thank-you. */
import type { Runtime } from '../runtime/runtime.js';
import type { StructurePayload } from '../runtime/compiled-types.js';
import type { Boot } from './boot.js';
import { t } from './boot.js';

export function Header({ boot, rt, structure, page, showProgress }: { boot: Boot; rt: Runtime; structure: StructurePayload; page: number; showProgress: boolean }) {
  const progress = rt.progress(page);
  return (
    <header>
      {boot.languages.length > 1 && (
        <details class="langs">
          <summary>{t(boot.strings, 'language')}: <span lang={boot.lang}>{boot.languages.find((l) => l.tag === boot.lang)?.name ?? boot.lang}</span></summary>
          <ul>
            {boot.languages.map((l) => (
              <li key={l.tag}>
                <a href={`?lang=${encodeURIComponent(l.tag)}`} lang={l.tag} hreflang={l.tag} aria-current={l.tag === boot.lang ? 'true' : undefined}>{l.name}</a>
              </li>
            ))}
          </ul>
        </details>
      )}
      <h1>{rt.text(structure.titleKey)}</h1>
      {boot.mode === 'preview' && <p class="banner">{t(boot.strings, 'preview')}</p>}
      {showProgress && structure.progressBar !== 'off' && progress.pageNo > 0 && (
        <div class="progress">
          <p>{progress.text}</p>
          <progress max={100} value={progress.percent} aria-hidden="true" />
        </div>
      )}
    </header>
  );
}

export function Notice({ boot, consentStep, consent, missing, onConsent }: { boot: Boot; consentStep: boolean; consent: boolean; missing: boolean; onConsent(on: boolean): void }) {
  const notice = boot.notice;
  if (!notice) return null;
  return (
    <section class="notice" aria-labelledby="notice-title">
      <h2 id="notice-title">{t(boot.strings, 'notice.title')}</h2>
      {boot.partner && <p>{t(boot.strings, 'notice.by', { partner: boot.partner })}</p>}
      {notice.text.split(/\n\s*\n/).map((para, i) => <p key={i}>{para}</p>)}
      {consentStep && (
        <>
          {missing && <p class="error" id="consent-err">{t(boot.strings, 'notice.consentMissing')}</p>}
          <label class="choice consent">
            <input type="checkbox" id="consent" checked={consent} aria-invalid={missing || undefined} aria-describedby={missing ? 'consent-err' : undefined}
              onChange={(e) => onConsent((e.target as HTMLInputElement).checked)} />
            <span>{t(boot.strings, 'notice.consent')}</span>
          </label>
          <p class="desc">{t(boot.strings, 'notice.decline')}</p>
        </>
      )}
    </section>
  );
}

export type Status = 'idle' | 'saving' | 'saved' | 'savedDevice' | 'offline' | 'waiting' | 'sending' | 'sendFailed' | 'closed' | 'resumed';

export function StatusLine({ boot, status }: { boot: Boot; status: Status }) {
  const text = status === 'idle' ? '' : t(boot.strings, status);
  return <p class={`status ${status}`} role="status" aria-live="polite">{text}</p>;
}

export function Done({ boot, rt, structure, onNew }: { boot: Boot; rt: Runtime; structure: StructurePayload; onNew?: () => void }) {
  return (
    <section class="done" aria-labelledby="done-title">
      <h2 id="done-title" tabIndex={-1}>{t(boot.strings, 'thanks.title')}</h2>
      <div class="html" dangerouslySetInnerHTML={{ __html: rt.text(structure.completedHtmlKey) }} />
      {boot.mode !== 'preview' && <p>{t(boot.strings, 'thanks.body')}</p>}
      {onNew && <button type="button" class="secondary" onClick={onNew}>{t(boot.strings, 'newResponse.button')}</button>}
    </section>
  );
}

export function ConfirmNew({ boot, onYes, onNo }: { boot: Boot; onYes(): void; onNo(): void }) {
  return (
    <div class="confirm" role="alertdialog" aria-labelledby="confirm-q">
      <p id="confirm-q">{t(boot.strings, 'newResponse.question')}</p>
      <button type="button" onClick={onYes}>{t(boot.strings, 'newResponse.yes')}</button>
      <button type="button" class="secondary" onClick={onNo} autoFocus>{t(boot.strings, 'newResponse.no')}</button>
    </div>
  );
}
