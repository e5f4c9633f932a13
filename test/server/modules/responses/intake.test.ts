import t from 'tap';
import { as, buildTestApp, createCast, createPartner, createUser } from '../../../helper.js';
import { count, GOOD_ANSWERS, publishSurvey, submit } from './setup.js';

const START = '/api/surveys/living/versions/1/responses';

t.test('a response is started, saved page by page and completed; hidden answers are dropped', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator, partner } = createCast(app);
  await publishSurvey(app, admin);

  const started = await app.inject(submit(coordinator, 'POST', START, { answers: { name: 'Amina', age: 30 }, locale: 'sv' }));
  t.equal(started.statusCode, 201, started.body);
  const r = started.json();
  t.match(r, { survey: 'living', version: 1, state: 'partial', locale: 'sv', partnerId: partner.id, channel: 'api', completedAt: null });
  t.match(r.id, /^[A-Za-z0-9_-]{22}$/, '128 random bits');

  const page1 = await app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { consent: true, home: 'other', 'home-Comment': 'Tigrinya', age: null } }));
  t.equal(page1.statusCode, 200, page1.body);
  t.same(page1.json().data, { name: 'Amina', consent: true, home: 'other', 'home-Comment': 'Tigrinya' }, 'values replace, null clears');

  // "why" is answered, then hidden again by changing topics: survey-core drops it on completion
  await app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { topics: ['work'], why: 'jobs' } }));
  await app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { topics: ['school'] } }));
  const done = await app.inject(submit(coordinator, 'POST', `/api/responses/${r.id}/complete`, { answers: { rate: 5, grid: { a: 2 } }, version: 1 }));
  t.equal(done.statusCode, 200, done.body);
  t.equal(done.json().state, 'completed');
  t.ok(done.json().completedAt);
  const data = done.json().data;
  t.notOk('why' in data, 'the hidden question lost its value');
  t.equal(data.score, 10, 'the expression question is computed by the runtime');
  t.same(data.topics, ['school']);

  const fetched = await app.inject(as(coordinator, { method: 'GET', url: `/api/responses/${r.id}` }));
  t.same(fetched.json(), done.json(), 'stored as answered');

  const again = await app.inject(submit(coordinator, 'POST', `/api/responses/${r.id}/complete`, {}));
  t.equal(again.statusCode, 409, 'a completed response cannot be completed again');
  const late = await app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { rate: 1 } }));
  t.equal(late.statusCode, 409, 'nor changed');
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/responses/${r.id}` }))).json().data.rate, 5);
});

t.test('completion errors name each question, with the reason, in the respondent\'s language', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  const messages: Record<string, string[]> = {};
  for (const locale of ['default', 'sv']) {
    const res = await app.inject(submit(coordinator, 'POST', START, { answers: { age: 12, consent: true, topics: ['work', 'housing', 'school'] }, locale, complete: true }));
    t.equal(res.statusCode, 422, res.body);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    const errors = res.json().errors as Array<{ pointer: string; code: string; message: string }>;
    t.same(errors.map((e) => `${e.pointer} ${e.code}`).sort(),
      ['/answers/age min', '/answers/name required', '/answers/rate required', '/answers/topics maxSelected'], locale);
    messages[locale] = errors.map((e) => e.message);
  }
  t.match(messages.default, ['Response required.']);
  t.match(messages.sv, ['Frågan är obligatorisk.']);
  messages.default.forEach((m, i) => t.not(m, messages.sv[i], `message ${i + 1} is in Swedish`));
  t.equal(count(app), 0, 'nothing stored');
  const ok = await app.inject(submit(coordinator, 'POST', START, { answers: GOOD_ANSWERS, complete: true }));
  t.equal(ok.statusCode, 201, ok.body);
  t.equal(ok.json().data.adult, true, 'calculated values included in the result are kept');
});

t.test('who may enter and see responses', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator, researcher } = createCast(app);
  const other = createUser(app, 'coordinator', createPartner(app).id);
  await publishSurvey(app, admin);
  t.equal((await app.inject(submit(researcher, 'POST', START, {}))).statusCode, 403, 'researchers export; they do not enter answers');
  const mine = (await app.inject(submit(coordinator, 'POST', START, {}))).json();
  t.equal((await app.inject(as(other, { method: 'GET', url: `/api/responses/${mine.id}` }))).statusCode, 404, "another partner's response does not exist for them");
  t.equal((await app.inject(submit(other, 'PATCH', `/api/responses/${mine.id}`, { answers: { name: 'x' } }))).statusCode, 404);
  t.equal((await app.inject(submit(other, 'POST', START, { partnerId: coordinator.partnerId }))).statusCode, 404, 'a coordinator cannot enter for another partner');
  const byAdmin = await app.inject(submit(admin, 'POST', START, { partnerId: coordinator.partnerId }));
  t.equal(byAdmin.json().partnerId, coordinator.partnerId, 'an admin enters for any partner');
  t.equal((await app.inject(as(admin, { method: 'GET', url: `/api/responses/${mine.id}` }))).statusCode, 200);
  t.equal((await app.inject(submit(admin, 'POST', START, { partnerId: 'nope-nope' }))).statusCode, 422);
});

t.test('only published versions of open surveys take answers, and only the version served', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  t.equal((await app.inject(submit(coordinator, 'POST', '/api/surveys/living/versions/2/responses', {}))).statusCode, 404);
  const r = (await app.inject(submit(coordinator, 'POST', START, {}))).json();
  const wrong = await app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { name: 'x' }, version: 2 }));
  t.equal(wrong.statusCode, 409, 'a submission for another version is refused');
  t.match(wrong.json().detail, /answers version 1/);
  await app.inject(as(admin, { method: 'POST', url: '/api/surveys/living/close' }));
  const closed = await app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { name: 'x' } }));
  t.equal(closed.statusCode, 409);
  t.match(closed.json().detail, /not open/);
  t.equal((await app.inject(submit(coordinator, 'POST', START, {}))).statusCode, 409);
});
