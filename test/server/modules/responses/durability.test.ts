import Database from 'better-sqlite3';
import path from 'node:path';
import t from 'tap';
import { buildApp } from '../../../../server/app.js';
import { startProcess } from '../../../process.js';
import { createCast, testConfig } from '../../../helper.js';
import { GOOD_ANSWERS, newKey, publishSurvey } from './setup.js';

t.test('a kill -9 right after the 2xx loses no acknowledged response', async (t) => {
  const dir = t.testdir();
  const app = await buildApp(testConfig(t, { RELAY_DATA_DIR: dir }));
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  await app.close();

  const proc = startProcess({ RELAY_DATA_DIR: dir, PORT: '0', RELAY_PUBLIC_URL: 'http://127.0.0.1:1', RELAY_LOG_LEVEL: 'info', RELAY_LOAD_EXAMPLES: 'false' });
  t.teardown(() => { proc.child.kill('SIGKILL'); });
  const address = await proc.ready;
  const acknowledged: string[] = [];
  await Promise.all(Array.from({ length: 20 }, async () => {
    const res = await fetch(`${address}/api/surveys/living/versions/1/responses`, {
      method: 'POST', body: JSON.stringify({ answers: GOOD_ANSWERS, complete: true }),
      headers: { authorization: coordinator.bearer, 'content-type': 'application/json', 'idempotency-key': newKey() },
    });
    if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
  }));
  proc.child.kill('SIGKILL');
  await proc.exited;
  t.equal(acknowledged.length, 20, 'all acknowledged');

  const db = new Database(path.join(dir, 'relay.sqlite'), { readonly: true });
  t.teardown(() => db.close());
  const stored = db.prepare("SELECT id FROM responses WHERE state = 'completed'").all() as Array<{ id: string }>;
  t.same(stored.map((r) => r.id).sort(), acknowledged.sort(), 'every acknowledged response is in the database after the kill');
});
