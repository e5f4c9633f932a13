import t from 'tap';
import { buildTestApp, createCast } from '../../../helper.js';
import { count, GOOD_ANSWERS, newKey, publishSurvey, submit } from './setup.js';

const START = '/api/surveys/living/versions/1/responses';

t.test('a retried or doubled submission is stored once and answered the same', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  const key = newKey();
  const first = await app.inject(submit(coordinator, 'POST', START, { answers: GOOD_ANSWERS, complete: true }, key));
  t.equal(first.statusCode, 201, first.body);
  t.notOk(first.headers['idempotent-replayed']);
  const retry = await app.inject(submit(coordinator, 'POST', START, { answers: GOOD_ANSWERS, complete: true }, key));
  t.equal(retry.statusCode, 201);
  t.equal(retry.headers['idempotent-replayed'], 'true');
  t.same(retry.json(), first.json(), 'the same answer, the same response id');
  t.equal(count(app), 1, 'stored once');

  // a double tap: both requests in flight at once
  const saveKey = newKey();
  const r = (await app.inject(submit(coordinator, 'POST', START, { answers: { name: 'Ola' } }))).json();
  const before = count(app, 'intake_receipts');
  const [a, b] = await Promise.all([0, 1].map(() => app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { age: 40 } }, saveKey))));
  t.equal(a.statusCode, 200);
  t.same(a.json(), b.json());
  t.equal([a, b].filter((x) => x.headers['idempotent-replayed'] === 'true').length, 1, 'one carried out, one replayed');
  t.equal(count(app, 'intake_receipts'), before + 1);

  const completeKey = newKey();
  const done = await app.inject(submit(coordinator, 'POST', `/api/responses/${r.id}/complete`, { answers: { consent: false } }, completeKey));
  t.equal(done.statusCode, 200, done.body);
  const doneAgain = await app.inject(submit(coordinator, 'POST', `/api/responses/${r.id}/complete`, { answers: { consent: false } }, completeKey));
  t.equal(doneAgain.statusCode, 200, 'a retried completion is answered as the first, not "already completed"');
  t.same(doneAgain.json(), done.json());
});

t.test('missing, malformed and reused idempotency keys', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  const missing = await app.inject(submit(coordinator, 'POST', START, {}, null));
  t.equal(missing.statusCode, 400);
  t.equal(missing.json().code, 'IDEMPOTENCY_KEY_REQUIRED');
  t.match(missing.json().detail, /Idempotency-Key header/);
  for (const bad of ['short', 'x'.repeat(129), 'spaces are not allowed in keys']) {
    const res = await app.inject(submit(coordinator, 'POST', START, {}, bad));
    t.equal(res.json().code, 'IDEMPOTENCY_KEY_MALFORMED', bad.slice(0, 20));
  }
  const key = newKey();
  t.equal((await app.inject(submit(coordinator, 'POST', START, { answers: { name: 'A' } }, key))).statusCode, 201);
  const reused = await app.inject(submit(coordinator, 'POST', START, { answers: { name: 'B' } }, key));
  t.equal(reused.statusCode, 422);
  t.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED');
  t.equal(count(app), 1, 'the second submission stored nothing');
  const failed = await app.inject(submit(coordinator, 'POST', START, { answers: { age: 'old' } }, newKey()));
  t.equal(failed.statusCode, 422, 'a refused submission keeps no receipt...');
  t.equal(count(app, 'intake_receipts'), 1);
});
