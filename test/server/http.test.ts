import t from 'tap';
import { as, buildTestApp, createCast } from '../helper.js';

t.test('unknown routes, malformed JSON, wrong content types and oversized bodies get problem+json', async (t) => {
  const app = await buildTestApp(t, { RELAY_BODY_LIMIT: '65536' });
  const { admin } = createCast(app);
  const cases = [
    { req: { method: 'GET' as const, url: '/nope' }, status: 404, code: 'ROUTE_NOT_FOUND' },
    { req: as(admin, { method: 'POST', url: '/api/partners', headers: { 'content-type': 'application/json' }, payload: '{"name": ' }), status: 400 },
    { req: as(admin, { method: 'POST', url: '/api/partners', headers: { 'content-type': 'application/xml' }, payload: '<partner/>' }), status: 415 },
    { req: as(admin, { method: 'POST', url: '/api/partners', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(70000) }) }), status: 413 },
    { req: as(admin, { method: 'POST', url: '/api/partners', payload: {} }), status: 400, code: 'VALIDATION_FAILED' },
  ];
  for (const c of cases) {
    const res = await app.inject(c.req);
    t.equal(res.statusCode, c.status, `${c.req.method} ${c.req.url} → ${c.status}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    const body = res.json();
    t.equal(body.status, c.status);
    t.type(body.detail, 'string');
    t.ok(body.detail.length > 10, 'a detail a person can act on');
    t.type(body.requestId, 'string');
    if (c.code) t.equal(body.code, c.code);
  }
  const missing = await app.inject(as(admin, { method: 'POST', url: '/api/partners', payload: {} }));
  t.same(missing.json().errors.map((e: { pointer: string }) => e.pointer).sort(), ['/country', '/name', '/timeZone']);
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'still serving');
  t.equal(app.services.partners.list().length, 1, 'only the cast partner; nothing half-written');
});

t.test('healthz, readyz and the OpenAPI document', async (t) => {
  const app = await buildTestApp(t);
  t.same((await app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.equal(ready.json().status, 'ready');
  t.equal(ready.json().migrationsApplied, ready.json().migrationsExpected);
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
  t.equal(doc.openapi, '3.1.0');
  for (const path of ['/api/surveys', '/api/surveys/{slug}/languages', '/api/users', '/api/partners', '/api/auth/login', '/api/me/tokens']) {
    t.ok(doc.paths[path], `documents ${path}`);
  }
  const ui = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(ui.statusCode, 200);
  t.match(ui.headers['content-type'], /html/);
});

t.test('readyz reports 503 when migrations are missing', async (t) => {
  const app = await buildTestApp(t);
  app.db.$client.exec('DELETE FROM __drizzle_migrations');
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 503);
  t.equal(res.json().migrationsApplied, 0);
});

t.test('apps built in one process share compiled route schemas, and only identical ones', async (t) => {
  const { compilersFactory } = await import('../../server/schema-compilers.js');
  const compiler = () => (compilersFactory.buildValidator as unknown as (...o: unknown[]) => (route: { schema: unknown }) => (value: unknown) => boolean)({}, { customOptions: { coerceTypes: 'array' } });
  const name = { schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } };
  const count = { schema: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] } };
  const first = compiler()(name);
  t.equal(compiler()({ schema: structuredClone(name.schema) }), first, 'the same schema text gets the same compiled function');
  const other = compiler()(count);
  t.not(other, first);
  t.ok(first({ name: 'a' }));
  t.notOk(first({ count: 1 }), 'each function checks its own schema');
  t.ok(other({ count: '2' }), 'with the options it was built for (types coerced)');
  t.notOk(other({ count: 'two' }));

  // two apps in a row both validate and serialize
  for (let i = 0; i < 2; i++) {
    const app = await buildTestApp(t);
    const { admin } = createCast(app);
    const res = await app.inject(as(admin, { method: 'POST', url: '/api/partners', payload: { name: 'x' } }));
    t.equal(res.statusCode, 400, `app ${i + 1} validates`);
    t.equal((await app.inject(as(admin, { method: 'GET', url: '/api/partners' }))).statusCode, 200, `app ${i + 1} serializes`);
  }
});
