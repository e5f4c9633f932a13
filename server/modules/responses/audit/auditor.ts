/**
 * The main thread's handle on the re-check thread: started when there is work (a completion, or
 * pending responses found at start), woken after each completion, logging every disagreement.
 */
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';

export type AuditMessage =
  | { kind: 'differs'; id: string; detail: unknown }
  | { kind: 'failed'; id: string; message: string }
  | { kind: 'idle'; checked: number; wake: number };

const ENTRY = new URL('../../../worker-entry.mjs', import.meta.url);
const MODULE = new URL('./worker.ts', import.meta.url).href;

export function createAuditor({ dbFile, log }: { dbFile: string; log: FastifyBaseLogger }) {
  let worker: Worker | null = null;
  let idleWaiters: Array<() => void> = [];
  /** wakes sent, and the last one the thread had received when it last ran out of work */
  let sent = 0;
  let settled = 0;

  function start(): Worker {
    if (worker) return worker;
    const w = new Worker(ENTRY, { workerData: { module: MODULE, dbFile } });
    w.unref();
    w.on('message', (message: AuditMessage) => {
      if (message.kind === 'differs') log.error({ responseId: message.id, detail: message.detail }, 'defect: survey-core disagrees with our runtime on a completed response');
      else if (message.kind === 'failed') log.error({ responseId: message.id, err: message.message }, 'survey-core could not re-check a completed response');
      else {
        settled = message.wake;
        if (settled < sent) return;
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
    w.on('error', (err) => log.error({ err }, 'the survey-core re-check thread failed; pending checks resume at the next start'));
    w.on('exit', () => {
      if (worker === w) worker = null;
      settled = sent;
    });
    worker = w;
    return w;
  }

  return {
    /** After a completion: start the thread or wake it. */
    wake() {
      start().postMessage(++sent);
    },
    /** Resolves when the thread has worked off everything pending (tests, the benchmark). */
    idle(): Promise<void> {
      if (!worker || settled >= sent) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

export type Auditor = ReturnType<typeof createAuditor>;
