import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { bootstrap, INITIAL_PASSWORD_FILE } from '../../server/bootstrap.js';
import { buildTestApp, logCollector, signIn } from '../helper.js';

t.test('without RELAY_ADMIN_PASSWORD a generated password goes to an owner-only file; the log says where, not what', async (t) => {
  const log = logCollector();
  const app = await buildTestApp(t, { RELAY_LOG_LEVEL: 'info', RELAY_ADMIN_EMAIL: 'boss@example.org' }, { logStream: log.stream });
  await bootstrap(app);
  const file = path.join(app.config.dataDir, INITIAL_PASSWORD_FILE);
  const password = fs.readFileSync(file, 'utf8').trim();
  t.ok(password.length >= 20);
  t.equal(fs.statSync(file).mode & 0o777, 0o600);
  t.match(log.text(), file);
  t.notOk(log.text().includes(password));
  const cookie = await signIn(app, 'boss@example.org', password);
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  t.equal(me.json().mustChangePassword, true);
  await bootstrap(app);
  t.equal(app.services.accounts.listUsers().length, 1, 'a second start creates no second admin');
});

t.test('with RELAY_ADMIN_PASSWORD the admin signs in with it and need not change it; examples load once', async (t) => {
  const app = await buildTestApp(t, { RELAY_ADMIN_EMAIL: 'a@example.org', RELAY_ADMIN_PASSWORD: 'configured-admin-pw', RELAY_LOAD_EXAMPLES: 'true' });
  await bootstrap(app);
  t.notOk(fs.existsSync(path.join(app.config.dataDir, INITIAL_PASSWORD_FILE)));
  const cookie = await signIn(app, 'a@example.org', 'configured-admin-pw');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().mustChangePassword, false);
  const slugs = app.services.surveys.list().map((s) => s.slug);
  t.same(slugs, ['event-evaluation', 'migrant-experience', 'stakeholder-policies']);
  await bootstrap(app);
  t.equal(app.services.surveys.list().length, 3, 'not loaded twice');
});
