import t from 'tap';
import { buildApp } from '../../server/app.js';
import { bootstrap } from '../../server/bootstrap.js';
import { testConfig } from '../helper.js';

t.test('over a real port: sign in with the cookie, read surveys, finish in-flight requests on close', async (t) => {
  const config = testConfig(t, { PORT: '0', RELAY_ADMIN_EMAIL: 'admin@example.org', RELAY_ADMIN_PASSWORD: 'listening-admin-pw', RELAY_LOAD_EXAMPLES: 'true' });
  const app = await buildApp(config);
  await bootstrap(app);
  // A route that holds its request open until the test lets it go, to catch one in flight.
  let entered!: () => void;
  let release!: () => void;
  const inHandler = new Promise<void>((r) => (entered = r));
  const released = new Promise<void>((r) => (release = r));
  app.get('/test/slow', { config: { auth: 'public' } }, async () => {
    entered();
    await released;
    return { done: true };
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => app.close());

  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.org', password: 'listening-admin-pw' }),
  });
  t.equal(login.status, 200);
  const setCookie = login.headers.get('set-cookie')!;
  t.match(setCookie, /relay_session=[^;]+; .*HttpOnly/);
  t.match(setCookie, /SameSite=Strict/);
  const cookie = setCookie.split(';')[0];
  const surveys = await fetch(`${address}/api/surveys`, { headers: { cookie } });
  t.equal(surveys.status, 200);
  const list = (await surveys.json()) as Array<{ slug: string; state: string }>;
  t.ok(list.length >= 3, 'example surveys loaded on first start');
  t.ok(list.every((s) => s.state === 'open'));

  const crossSite = await fetch(`${address}/api/partners`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
    body: JSON.stringify({ name: 'X', country: 'SE', timeZone: 'Europe/Stockholm' }),
  });
  t.equal(crossSite.status, 403);

  // A request in flight when close starts still gets its answer.
  const inFlight = fetch(`${address}/test/slow`);
  await inHandler;
  const closing = app.close();
  release();
  const res = await inFlight;
  t.equal(res.status, 200);
  t.same(await res.json(), { done: true });
  await closing;
});
