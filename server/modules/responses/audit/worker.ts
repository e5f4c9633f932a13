/**
 * The re-check thread: works the completed responses whose audit is pending, in id order (random,
 * so the queue keeps no order of arrival), with survey-core, and records each verdict. Runs on its
 * own database connection so survey-core never slows the request path. Durable by construction:
 * the queue is the `pending` rows, so after a crash the next start finds them again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { and, eq, isNotNull } from 'drizzle-orm';
import { openDatabase } from '../../../db/client.js';
import { responses, surveyVersions } from '../../../db/schema/index.js';
import { createReferee } from './reference.js';
import type { AuditMessage } from './auditor.js';

const BATCH = 50;
const db = openDatabase((workerData as { dbFile: string }).dbFile, { migrate: false });
const referee = createReferee((versionId) => db.select({ d: surveyVersions.definition }).from(surveyVersions).where(eq(surveyVersions.id, versionId)).get()?.d);
const post = (message: AuditMessage) => parentPort!.postMessage(message);

function batch(): number {
  const pending = db.select({ id: responses.id, versionId: responses.versionId, data: responses.data, input: responses.auditInput })
    .from(responses).where(and(eq(responses.auditState, 'pending'), isNotNull(responses.auditInput))).orderBy(responses.id).limit(BATCH).all();
  const verdicts: Array<{ id: string; set: Partial<typeof responses.$inferInsert> }> = [];
  for (const row of pending) {
    try {
      const verdict = referee(row.versionId, row.input!, row.data);
      verdicts.push({ id: row.id, set: verdict.agrees ? { auditState: 'agrees', auditInput: null } : { auditState: 'differs', auditDetail: verdict.detail } });
      if (!verdict.agrees) post({ kind: 'differs', id: row.id, detail: verdict.detail });
    } catch (err) {
      verdicts.push({ id: row.id, set: { auditState: 'failed', auditDetail: { reason: 'exception', message: (err as Error).message } } });
      post({ kind: 'failed', id: row.id, message: (err as Error).message });
    }
  }
  // one transaction (one fsync) per batch: the request path's commits wait less for the disk
  db.transaction((tx) => {
    // only a still-pending row: a response erased meanwhile stays erased
    for (const { id, set } of verdicts) tx.update(responses).set(set).where(and(eq(responses.id, id), eq(responses.auditState, 'pending'))).run();
  });
  return pending.length;
}

let scheduled = false;
/** the last wake received: the main thread knows its completions are checked once this is reported idle */
let lastWake = 0;
function work() {
  scheduled = false;
  const wake = lastWake;
  let checked = 0;
  for (let n = batch(); n > 0; n = batch()) checked += n;
  post({ kind: 'idle', checked, wake });
}
const schedule = () => {
  if (scheduled) return;
  scheduled = true;
  setImmediate(work);
};

parentPort!.on('message', (wake: number) => {
  lastWake = Math.max(lastWake, wake);
  schedule();
});
schedule();
