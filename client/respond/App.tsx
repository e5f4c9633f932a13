/**
 * The answering page: privacy notice (and consent where asked), then the survey's pages, then
 * thank-you. Every change goes to the device's copy at once and, for personal links, to the
 * server soon after; completion is retried with the same key until the server answers.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Runtime, RuntimeError } from '../runtime/runtime.js';
import type { CompiledElement, StructurePayload } from '../runtime/compiled-types.js';
import type { Boot, Step } from './boot.js';
import { t } from './boot.js';
import { ConfirmNew, Done, Header, Notice, StatusLine } from './Chrome.js';
import type { Status } from './Chrome.js';
import type { Ctx } from './context.js';
import { Elements } from './Page.js';
import { createDelivery } from './delivery.js';

const RETRY_MS = 10_000;

/** whether a question of this name is among the elements, panels included */
const holds = (elements: CompiledElement[], name: string): boolean =>
  elements.some((el) => el.name === name || (el.type === 'panel' && holds(el.elements, name)));

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
  const focus = useRef<'errors' | 'top' | 'done' | undefined>(undefined);
  const delivery = useMemo(() => createDelivery(boot, rt, () => live.current,
    (s) => setStatus((now) => (now === 'waiting' || now === 'sending' ? now : s === 'failed' ? 'sendFailed' : s))), []);

  useEffect(() => {
    const copy = delivery.restore();
    if (copy && (boot.mode !== 'personal' || copy.dirty || copy.completing)) {
      setConsent(copy.consent);
      if (copy.step !== 'done') setStep(copy.step);
      if (Object.keys(copy.answers).length > 0) setStatus('resumed');
      if (copy.dirty && boot.mode === 'personal') delivery.saver.flush();
    }
    if (copy && copy.step !== 'done' && rt.visiblePages().includes(copy.page)) setPage(copy.page);
    if (copy?.completing) void complete();
    const online = () => {
      if (delivery.completing) void complete();
      else if (delivery.dirty) delivery.saver.flush();
    };
    const offline = () => setStatus((now) => (now === 'waiting' ? now : 'offline'));
    addEventListener('online', online);
    addEventListener('offline', offline);
    return () => {
      removeEventListener('online', online);
      removeEventListener('offline', offline);
      delivery.saver.stop();
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
      ctx.changed(name);
    },
    changed(name) {
      setErrors((now) => now.filter((e) => e.question !== name));
      setTick((n) => n + 1);
      delivery.changed(name);
      if (delivery.stored && boot.mode !== 'personal') setStatus('savedDevice');
    },
  };

  const visible = rt.visiblePages();
  const current = visible.includes(page) ? page : (visible.find((p) => p > page) ?? visible[visible.length - 1] ?? page);
  const at = visible.indexOf(current);

  function go(target: number) {
    live.current = { ...live.current, page: target };
    setPage(target);
    setErrors([]);
    delivery.persist();
    delivery.saver.flush();
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
    delivery.persist();
    delivery.saver.flush();
    focus.current = 'top';
  }

  async function complete() {
    live.current = { ...live.current, step: 'sending' };
    setStep('sending');
    setStatus('sending');
    const result = await delivery.complete();
    if (result.ok) return finish();
    if (result.offline) {
      setStatus('waiting');
      setTimeout(() => { if (delivery.completing && navigator.onLine) void complete(); }, RETRY_MS);
      return;
    }
    live.current = { ...live.current, step: 'answering' };
    setStep('answering');
    delivery.persist();
    if (result.status === 409 && result.problem.type?.endsWith(':already-completed')) return finish();
    if (result.status === 422 && result.problem.errors?.length) {
      const found = result.problem.errors.map((e) => ({ question: e.pointer.replace(/^\/answers\/?/, '').replace(/~1/g, '/').replace(/~0/g, '~'), kind: 'required' as const, text: e.message }));
      const where = visible.find((p) => holds(structure.pages[p].elements, found[0].question));
      if (where !== undefined) setPage(where);
      setErrors(found);
      setStatus('idle');
      focus.current = 'errors';
      return;
    }
    setStatus(result.status === 409 || result.status === 410 ? 'closed' : 'sendFailed');
  }

  function finish() {
    setStep('done');
    setStatus('idle');
    focus.current = 'done';
  }

  function startOver() {
    delivery.reset();
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
            onConsent={(on) => { live.current = { ...live.current, consent: on }; setConsent(on); setConsentMissing(false); delivery.persist(); }} />
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
