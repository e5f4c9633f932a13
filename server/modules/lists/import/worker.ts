import { parentPort } from 'node:worker_threads';
import { openDatabase, type Db } from '../../../db/client.js';
import { emailHasher } from '../../../secret.js';
import { commitImport } from './commit.js';
import { stageImport } from './stage.js';
import type { WorkerOutcome, WorkerTask } from './run-in-worker.js';

/** Tasks from the main thread: stage (read and classify a file) or commit (apply a staged import). */
const connections = new Map<string, Db>();
const dbFor = (file: string) => connections.get(file) ?? connections.set(file, openDatabase(file, { migrate: false })).get(file)!;

parentPort!.on('message', async ({ id, task }: { id: number; task: WorkerTask }) => {
  let outcome: WorkerOutcome;
  try {
    const db = dbFor(task.dbFile);
    if (task.kind === 'stage') {
      await stageImport(db, { importId: task.importId, filePath: task.filePath, hashEmail: emailHasher(Buffer.from(task.secret, 'base64url')) });
      outcome = { ok: true };
    } else {
      outcome = { ok: true, result: commitImport(db, task.importId, task.actorId) };
    }
  } catch (err) {
    const e = err as Error & { statusCode?: number; code?: string };
    outcome = { ok: false, error: { message: e.message, statusCode: e.statusCode, code: e.code } };
  }
  parentPort!.postMessage({ id, outcome });
});
