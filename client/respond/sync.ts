/**
 * Sending answers to the server: personal links save as the respondent goes (debounced, and at
 * once on a page change); every link completes once. A request that never got an answer is
 * retried with the same Idempotency-Key, so the server stores it once; while offline, requests
 * wait for the connection to return.
 */
import type { Boot } from './boot.js';
import { newKey } from './storage.js';

export type SendResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; offline: true }
  | { ok: false; offline: false; status: number; problem: Problem };

export interface Problem {
  type?: string;
  detail?: string;
  errors?: { pointer: string; message: string }[];
}

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'offline' | 'failed';

const SAVE_DELAY_MS = 1500;
const RETRY_MS = 10_000;

export async function post(url: string, body: unknown, key: string): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, offline: true };
  }
  const parsed = await response.json().catch(() => ({}));
  if (response.ok) return { ok: true, body: parsed };
  // a proxy's 502–504 while the server restarts is a connection problem, not an answer
  if (response.status >= 502 && response.status <= 504) return { ok: false, offline: true };
  return { ok: false, offline: false, status: response.status, problem: parsed };
}

/**
 * Debounced saving of a personal link's answers; `body()` is read when the save goes out. A save
 * carries every answer, so a retry with a fresh key stores the same thing.
 */
export function createSaver(boot: Boot, body: () => unknown, onStatus: (status: SaveStatus) => void, onSaved: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const enabled = boot.mode === 'personal' && !boot.edit;

  async function run(): Promise<void> {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    onStatus('saving');
    const result = await post(`${boot.base}/answers`, body(), newKey());
    running = false;
    if (result.ok) {
      onSaved();
      onStatus('saved');
    } else if (result.offline) {
      onStatus('offline');
      timer = setTimeout(run, RETRY_MS);
    } else onStatus('failed');
    if (again) {
      again = false;
      void run();
    }
  }

  return {
    /** after a change: save soon */
    schedule() {
      if (!enabled) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, SAVE_DELAY_MS);
    },
    /** on a page change or when the connection returns: save now */
    flush() {
      if (!enabled) return;
      if (timer) clearTimeout(timer);
      void run();
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
