import { Worker } from 'node:worker_threads';
import type { CommitResult } from './commit.js';

export type WorkerTask =
  | { kind: 'stage'; dbFile: string; importId: string; filePath: string; secret: string }
  | { kind: 'commit'; dbFile: string; importId: string; actorId: string | null };

export interface WorkerError { message: string; statusCode?: number; code?: string }
export type WorkerOutcome = { ok: true; result?: CommitResult } | { ok: false; error: WorkerError };

const ENTRY = new URL('../../../worker-entry.mjs', import.meta.url);
const MODULE = new URL('./worker.ts', import.meta.url).href;

/**
 * One worker thread per app, started on first use, runs staging and commits with its own database
 * connection, so that reading 100,000 rows or committing them in one transaction never blocks the
 * server's event loop. Starting a thread costs about a second (it loads the TypeScript modules), so it
 * is kept for later tasks; it does not keep the process alive.
 */
export function createImportWorker() {
  let worker: Worker | null = null;
  const pending = new Map<number, { resolve: (o: WorkerOutcome) => void; reject: (e: Error) => void }>();
  let seq = 0;

  function failAll(err: Error) {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = null;
  }

  function ensure(): Worker {
    if (worker) return worker;
    const w = new Worker(ENTRY, { workerData: { module: MODULE } });
    w.unref();
    w.on('message', ({ id, outcome }: { id: number; outcome: WorkerOutcome }) => {
      pending.get(id)?.resolve(outcome);
      pending.delete(id);
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => { if (worker === w) failAll(new Error(`import worker exited with code ${code}`)); });
    worker = w;
    return w;
  }

  return {
    run(task: WorkerTask): Promise<WorkerOutcome> {
      return new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve, reject });
        ensure().postMessage({ id, task });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

export type ImportWorker = ReturnType<typeof createImportWorker>;
