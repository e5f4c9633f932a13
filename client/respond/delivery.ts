/**
 * Where a respondent's answers go, apart from the screen: the device's copy (on every change),
 * the server's draft (personal links), and the completion, retried with one key until the server
 * answers. No Preact here: the page tells it what changed and reads back what happened.
 */
import type { Runtime } from '../runtime/runtime.js';
import type { Boot, Step } from './boot.js';
import { clearCopy, newKey, readCopy, writeCopy } from './storage.js';
import type { LocalCopy } from './storage.js';
import { createSaver, post } from './sync.js';
import type { SaveStatus, SendResult } from './sync.js';

export interface View { page: number; step: Step | 'sending'; consent: boolean }

export function createDelivery(boot: Boot, rt: Runtime, view: () => View, onStatus: (status: SaveStatus) => void) {
  const stored = boot.mode !== 'preview';
  const known = new Set(Object.keys(boot.start.answers));
  const changes = { made: 0, saved: 0 };
  let completing: { key: string } | undefined;

  /** every answer, and null for one given before and cleared since, so the server forgets it too */
  function answers(): Record<string, unknown> {
    const data = rt.getData();
    for (const name of known) if (!(name in data)) data[name] = null;
    return data;
  }

  /** the privacy notice the respondent was shown, and their consent where the survey asks for it */
  const acknowledged = () => (boot.notice ? { notice: boot.notice.version, consent: view().consent || undefined } : {});

  function persist() {
    if (!stored) return;
    const { page, step, consent } = view();
    writeCopy(boot.storageKey, { version: boot.version, answers: rt.getData(), page, step: step === 'sending' ? 'answering' : step, consent,
      known: [...known], dirty: changes.made !== changes.saved, completing });
  }

  let sending = 0;
  const saver = createSaver(boot, () => {
    sending = changes.made;
    return { answers: answers(), locale: boot.locale, version: boot.version, page: view().page, ...acknowledged() };
  }, onStatus, () => {
    changes.saved = sending;
    persist();
  });

  return {
    stored,
    saver,
    get completing() { return completing !== undefined; },
    get dirty() { return changes.made !== changes.saved; },
    persist,

    /** after the respondent changed an answer */
    changed(name: string) {
      known.add(name);
      changes.made += 1;
      persist();
      saver.schedule();
    },

    /** The device's copy, taken over where it knows more than the server rendered; undefined if none. */
    restore(): LocalCopy | undefined {
      const copy = stored ? readCopy(boot.storageKey, boot.version) : undefined;
      if (!copy) return undefined;
      completing = copy.completing;
      if (boot.mode !== 'personal' || copy.dirty || copy.completing) {
        rt.setData(copy.answers);
        for (const name of copy.known) known.add(name);
        if (copy.dirty) changes.made += 1;
      }
      return copy;
    },

    /** Sends the completion (again, with the same key, after an unanswered attempt). */
    async complete(): Promise<SendResult> {
      completing ??= { key: newKey() };
      persist();
      if (!stored) return { ok: true, body: {} };
      const result = boot.mode === 'personal'
        ? await post(`${boot.base}/complete`, { answers: answers(), locale: boot.locale, version: boot.version, ...acknowledged() }, completing.key)
        : await post(`${boot.base}/responses`, { answers: rt.getData(), locale: boot.locale, complete: true, ...acknowledged() }, completing.key);
      // an answer (success or refusal) ends this attempt; only a lost connection keeps its key
      if (result.ok || !result.offline) completing = undefined;
      if (result.ok) clearCopy(boot.storageKey);
      else persist();
      return result;
    },

    /** "Start a new response": the previous person's answers leave the device. */
    reset() {
      clearCopy(boot.storageKey);
      rt.setData({});
      known.clear();
      changes.made = 0;
      changes.saved = 0;
      completing = undefined;
    },
  };
}
