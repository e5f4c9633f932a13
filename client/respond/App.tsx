/**
 * The answering page: privacy notice (and consent where asked), then the survey's pages, then
 * thank-you. Every change goes to the device's copy at once and, for personal links, to the
 * server soon after; completion is retried with the same key until the server answers.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Runtime, RuntimeError } from '../runtime/runtime.js';
import type { StructurePayload } from '../runtime/compiled-types.js';
import type { Boot, Step } from './boot.js';
import { t } from './boot.js';
import { ConfirmNew, Done, Header, Notice, StatusLine } from './Chrome.js';
import type { Status } from './Chrome.js';
import type { Ctx } from './context.js';
import { Elements } from './Page.js';
import { clearCopy, newKey, readCopy, writeCopy } from './storage.js';
import { createSaver, post } from './sync.js';
import type { SendResult } from './sync.js';

const RETRY_MS = 10_000;

export function App({ boot, rt, structure }: { boot: Boot; rt: Runtime; structure: StructurePayload }) {
  const [, setTick] = useState(0);
  const [page, setPage] = useState(boot.start.page);
  const [step, setStep] = useState<Step | 'sending'>(boot.start.step);
  const [consent, setConsent] = useState(boot.start.consent);
  const [consentMissing, setConsentMissing] = useState(false);
  const [errors, setErrors] = useState<RuntimeError[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [confirmNew, setConfirmNew] = useState(false);
  const live = useRef({ page, step, consent });
  live.current = { page, step, consent };
  const known = useRef(new Set(Object.keys(boot.start.answers)));
  const changes = useRef({ made: 0, saved: 0 });
  const completing = useRef<{ key: string } | undefined>(undefined);
  const focus = useRef<'errors' | 'top' | 'done' | undefined>(undefined);
  const stored = boot.mode !== 'preview';

  /** every answer, and null for one given before and cleared since, so the server forgets it too */
  function answers(): Record<string, unknown> {
    const data = rt.getData();
    for (const name of known.current) if (!(name in data)) data[name] = null;
    return data;
  }

  /** the privacy notice the respondent was shown, and their consent where the survey asks for it */
  function acknowledged() {
    return boot.notice ? { notice: boot.notice.version, consent: live.current.consent || undefined } : {};
  }

  function persist(next: Partial<typeof live.current> = {}) {
    if (!stored) return;
    const { page: p, step: s, consent: c } = { ...live.current, ...next };
    writeCopy(boot.storageKey, { version: boot.version, answers: rt.getData(), page: p, step: s === 'sending' ? 'answering' : s, consent: c,
      known: [...known.current], dirty: changes.current.made !== changes.current.saved, completing: completing.current });
  }

  const saver = useMemo(() => {
    let sending = 0;
    return createSaver(boot, () => {
      sending = changes.current.made;
      return { answers: answers(), locale: boot.locale, version: boot.version, page: live.current.page, ...acknowledged() };
    }, (s) => setStatus((now) => (now === 'waiting' || now === 'sending' ? now : s === 'failed' ? 'sendFailed' : s)), () => {
      changes.current.saved = sending;
      persist();
    });
  }, []);

  useEffect(() => {
    if (!stored) return;
    const copy = readCopy(boot.storageKey, boot.version);
    if (copy && (boot.mode !== 'personal' || copy.dirty || copy.completing)) {
      rt.setData(copy.answers);
      for (const name of copy.known) known.current.add(name);
      if (copy.dirty) changes.current.made += 1;
      setConsent(copy.consent);
      if (copy.step !== 'done') setStep(copy.step);
      if (Object.keys(copy.answers).length > 0) setStatus('resumed');
      if (copy.dirty && boot.mode === 'personal') saver.flush();
    }
    if (copy && copy.step !== 'done' && rt.visiblePages().includes(copy.page)) setPage(copy.page);
    if (copy?.completing) {
      completing.current = copy.completing;
      void complete();
    }
    const online = () => {
      if (completing.current) void complete();
      else if (changes.current.made !== changes.current.saved) saver.flush();
    };
    const offline = () => setStatus((now) => (now === 'waiting' ? now : 'offline'));
    addEventListener('online', online);
    addEventListener('offline', offline);
    return () => {
      removeEventListener('online', online);
      removeEventListener('offline', offline);
      saver.stop();
    };
  }, []);

  useEffect(() => {
    const target = focus.current;
    focus.current = undefined;
    if (target === 'errors') {
      const first = document.querySelector<HTMLElement>('.invalid input:not([disabled]), .invalid select, .invalid textarea, .invalid button, #consent[aria-invalid]');
      first?.focus();
    } else if (target === 'top' || target === 'done') {
      scrollTo(0, 0);
      document.querySelector<HTMLElement>(target === 'done' ? '#done-title' : '#page-title')?.focus();
    }
  });

  const ctx: Ctx = {
    rt, structure, errors, strings: boot.strings,
    set(name, value) {
      rt.setValue(name, value);
      known.current.add(name);
      changes.current.made += 1;
      setErrors((now) => now.filter((e) => e.question !== name));
      setTick((n) => n + 1);
      persist();
      if (stored && boot.mode !== 'personal') setStatus('savedDevice');
      saver.schedule();
    },
  };

  const visible = rt.visiblePages();
  const current = visible.includes(page) ? page : (visible.find((p) => p > page) ?? visible[visible.length - 1] ?? page);
  const at = visible.indexOf(current);

  function go(target: number) {
    live.current = { ...live.current, page: target };
    setPage(target);
    setErrors([]);
    persist({ page: target });
    saver.flush();
    focus.current = 'top';
  }

  function check(): boolean {
    const found = rt.pageErrors(current);
    setTick((n) => n + 1);
    setErrors(found);
    if (found.length > 0) focus.current = 'errors';
    return found.length === 0;
  }

  function start() {
    if (boot.notice?.consent && !consent) {
      setConsentMissing(true);
      focus.current = 'errors';
      return;
    }
    live.current = { ...live.current, step: 'answering', consent: true };
    setStep('answering');
    persist();
    saver.flush();
    focus.current = 'top';
  }

  async function complete() {
    completing.current ??= { key: newKey() };
    setStep('sending');
    setStatus('sending');
    persist();
    if (!stored) return finish();
    const notice = acknowledged();
    const result: SendResult = boot.mode === 'personal'
      ? await post(`${boot.base}/complete`, { answers: answers(), locale: boot.locale, version: boot.version, ...notice }, completing.current.key)
      : await post(`${boot.base}/responses`, { answers: rt.getData(), locale: boot.locale, complete: true, ...notice }, completing.current.key);
    if (result.ok) return finish();
    if (result.offline) {
      setStatus('waiting');
      setTimeout(() => { if (completing.current && navigator.onLine) void complete(); }, RETRY_MS);
      return;
    }
    completing.current = undefined;
    setStep('answering');
    persist({ step: 'answering' });
    if (result.status === 409 && result.problem.type?.endsWith(':already-completed')) return finish();
    if (result.status === 422 && result.problem.errors?.length) {
      const found = result.problem.errors.map((e) => ({ question: decodeURIComponent(e.pointer.replace(/^\/answers\/?/, '')).replace(/~1/g, '/').replace(/~0/g, '~'), kind: 'required' as const, text: e.message }));
      const where = visible.find((p) => JSON.stringify(structure.pages[p]).includes(JSON.stringify(found[0].question)));
      if (where !== undefined) setPage(where);
      setErrors(found);
      setStatus('idle');
      focus.current = 'errors';
      return;
    }
    setStatus(result.status === 409 || result.status === 410 ? 'closed' : 'sendFailed');
  }

  function finish() {
    completing.current = undefined;
    if (stored) clearCopy(boot.storageKey);
    setStep('done');
    setStatus('idle');
    focus.current = 'done';
  }

  function startOver() {
    clearCopy(boot.storageKey);
    rt.setData({});
    known.current.clear();
    changes.current = { made: 0, saved: 0 };
    setConfirmNew(false);
    setErrors([]);
    setStatus('idle');
    setPage(rt.visiblePages()[0] ?? 0);
    setStep(boot.notice?.consent ? 'notice' : 'answering');
    setConsent(false);
    focus.current = 'top';
  }

  const newResponse = boot.mode === 'open' ? () => setConfirmNew(true) : undefined;
  if (step === 'done') {
    return (
      <main id="main" data-step="done">
        <Header boot={boot} rt={rt} structure={structure} page={current} showProgress={false} />
        {confirmNew ? <ConfirmNew boot={boot} onYes={startOver} onNo={() => setConfirmNew(false)} /> : <Done boot={boot} rt={rt} structure={structure} onNew={boot.mode === 'open' ? startOver : undefined} />}
      </main>
    );
  }
  const pageDef = structure.pages[current];
  const last = at === visible.length - 1;
  return (
    <main id="main" data-step={step}>
      <Header boot={boot} rt={rt} structure={structure} page={current} showProgress={step !== 'notice'} />
      <form novalidate onSubmit={(e) => { e.preventDefault(); if (step === 'notice') start(); else if (!last) { if (check()) go(visible[at + 1]); } else if (check()) void complete(); }}>
        {(step === 'notice' || (at === 0 && !boot.notice?.consent)) && (
          <Notice boot={boot} consentStep={step === 'notice'} consent={consent} missing={consentMissing}
            onConsent={(on) => { setConsent(on); setConsentMissing(false); persist({ consent: on }); }} />
        )}
        {step !== 'notice' && pageDef && (
          <>
            <h2 id="page-title" tabIndex={-1}>{rt.text(pageDef.titleKey) || rt.text(structure.titleKey)}</h2>
            {rt.text(pageDef.descriptionKey) && <p class="desc">{rt.text(pageDef.descriptionKey)}</p>}
            {errors.length > 0 && <p class="summary" role="alert">{t(boot.strings, 'errorSummary')}</p>}
            <Elements elements={pageDef.elements} c={ctx} />
          </>
        )}
        <div class="nav">
          {step !== 'notice' && at > 0 && <button type="button" class="secondary" onClick={() => go(visible[at - 1])} disabled={step === 'sending'}>{rt.text('$pagePrevText')}</button>}
          <button type="submit" disabled={step === 'sending'}>
            {step === 'notice' ? t(boot.strings, 'notice.start') : last ? rt.text('$completeText') : rt.text('$pageNextText')}
          </button>
        </div>
      </form>
      <StatusLine boot={boot} status={status} />
      {newResponse && (confirmNew ? <ConfirmNew boot={boot} onYes={startOver} onNo={() => setConfirmNew(false)} />
        : <p class="again"><button type="button" class="link" onClick={newResponse}>{t(boot.strings, 'newResponse.button')}</button></p>)}
    </main>
  );
}
