import t from 'tap';
import { as, buildTestApp, createCast } from '../../../helper.js';
import { count, publishSurvey, submit } from './setup.js';

const START = '/api/surveys/living/versions/1/responses';

t.test('bad answers get a problem naming each, and store nothing', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  const cases: Array<[string, unknown, string[]]> = [
    ['a question that does not exist', { nope: 1, name: 'A' }, ['/answers/nope unknownQuestion']],
    ['an object for a text', { name: { first: 'A' } }, ['/answers/name wrongType']],
    ['a string for a matrix', { grid: 'a' }, ['/answers/grid wrongType']],
    ['a matrix row that does not exist', { grid: { z: 1 } }, ['/answers/grid unknownRow']],
    ['a matrix cell outside the columns', { grid: { a: 9 } }, ['/answers/grid notAChoice']],
    ['a value outside the choices', { home: 'fr', topics: ['work', 'golf'] }, ['/answers/home notAChoice', '/answers/topics notAChoice']],
    ['a choice twice', { topics: ['work', 'work'] }, ['/answers/topics duplicateChoice']],
    ['a number for a checkbox', { topics: 1 }, ['/answers/topics wrongType']],
    ['a rating outside the scale', { rate: 6 }, ['/answers/rate notAChoice']],
    ['a string for a boolean', { consent: 'yes' }, ['/answers/consent notAChoice']],
    ['an "other" text of a question without "other"', { 'topics-Comment': 'x' }, ['/answers/topics-Comment unknownQuestion']],
    ['1 MB of text in a comment', { why: 'x'.repeat(1_000_000) }, ['/answers/why tooLong']],
    ['answers that are not an object', ['name'], ['/answers wrongType']],
    ['10,000 keys', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`q${i}`, i])), ['/answers tooManyKeys']],
    ['deeply nested values', { name: JSON.parse('['.repeat(200) + ']'.repeat(200)) }, ['/answers tooDeep']],
  ];
  for (const [what, answers, expected] of cases) {
    const res = await app.inject(submit(coordinator, 'POST', START, { answers }));
    t.equal(res.statusCode, 422, what);
    t.same(res.json().errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`), expected, what);
  }
  t.match((await app.inject(submit(coordinator, 'POST', START, { answers: { why: 'x'.repeat(501) } }))).json().errors[0].message, /at most 500/,
    "a comment's own maxLength is the limit");
  const locale = await app.inject(submit(coordinator, 'POST', START, { locale: 'xx' }));
  t.equal(locale.json().errors[0].pointer, '/locale');
  t.match(locale.json().errors[0].message, /"default", "sv"/, 'the languages offered are named');
  t.equal(count(app), 0, 'nothing stored');

  const r = (await app.inject(submit(coordinator, 'POST', START, { answers: { name: 'A', age: 20 } }))).json();
  const mixed = await app.inject(submit(coordinator, 'PATCH', `/api/responses/${r.id}`, { answers: { age: 30, home: 'xx' } }));
  t.equal(mixed.statusCode, 422);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/responses/${r.id}` }))).json().data.age, 20, 'nothing of a refused save is stored');
  const notJson = await app.inject(as(coordinator, { method: 'PATCH', url: `/api/responses/${r.id}`, headers: { 'idempotency-key': 'k'.repeat(20), 'content-type': 'application/json' }, payload: '{"answers":' }));
  t.equal(notJson.statusCode, 400);
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the server keeps serving');
});

t.test('a body nested 100,000 levels deep is refused without harm', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  const deep = `{"answers":{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
  const res = await app.inject(as(coordinator, { method: 'POST', url: START, headers: { 'idempotency-key': 'd'.repeat(20), 'content-type': 'application/json' }, payload: deep }));
  t.ok([400, 422].includes(res.statusCode), `refused (${res.statusCode})`);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
});

t.test('rankings take distinct choice values; display-only questions take no answer', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin, 'rank', { pages: [{ name: 'p', elements: [
    { type: 'html', name: 'intro', html: 'Hello' },
    { type: 'ranking', name: 'order', choices: ['a', 'b', 'c'] },
  ] }] });
  const url = '/api/surveys/rank/versions/1/responses';
  const codes = async (answers: unknown) => (await app.inject(submit(coordinator, 'POST', url, { answers }))).json().errors?.map((e: { code: string }) => e.code);
  t.same(await codes({ order: ['c', 'a', 'b'] }), undefined, 'a full ranking');
  t.same(await codes({ order: ['a', 'a'] }), ['duplicateChoice']);
  t.same(await codes({ order: ['z'] }), ['notAChoice']);
  t.same(await codes({ order: 'a' }), ['wrongType']);
  t.same(await codes({ intro: 'x' }), ['notAnswerable']);
});

t.test('matrixdropdown answers are checked cell by cell, by the column\'s cell type', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin, 'grid', { pages: [{ name: 'p', elements: [{
    type: 'matrixdropdown', name: 'usage', rows: ['bus', 'car'], columns: [
      { name: 'often', cellType: 'dropdown', choices: [1, 2, 3] },
      { name: 'notes', cellType: 'text' },
      { name: 'double', cellType: 'expression', expression: '{row.often} * 2' },
    ] }] }] });
  const url = '/api/surveys/grid/versions/1/responses';
  const codes = async (answers: unknown) => (await app.inject(submit(coordinator, 'POST', url, { answers }))).json().errors?.map((e: { code: string }) => e.code);
  t.same(await codes({ usage: { bus: { often: 2, notes: 'daily', double: 99 }, car: null } }), undefined, 'well formed (an expression cell is ignored)');
  t.same(await codes({ usage: { tram: { often: 1 } } }), ['unknownRow']);
  t.same(await codes({ usage: { bus: { speed: 1 } } }), ['unknownColumn']);
  t.same(await codes({ usage: { bus: { often: 7 } } }), ['notAChoice']);
  t.same(await codes({ usage: { bus: { notes: ['x'] } } }), ['wrongType']);
  t.same(await codes({ usage: { bus: 'often' } }), ['wrongType']);
  const done = await app.inject(submit(coordinator, 'POST', url, { answers: { usage: { bus: { often: 2, double: 99 } } }, complete: true }));
  t.equal(done.json().data.usage.bus.double, 4, 'the expression cell computed by the runtime');
});
