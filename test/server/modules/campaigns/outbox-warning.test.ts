import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { as, buildTestApp, createCast, createList, logCollector } from '../../../helper.js';
import { publishSurvey } from '../responses/setup.js';
import { ADMIN_SCOPE, SURVEY, campaignBody } from './setup.js';

t.test('a public deployment without SMTP warns at start and at every campaign start, and writes .eml files', async (t) => {
  const log = logCollector();
  const app = await buildTestApp(t, { RELAY_PUBLIC_URL: 'https://survey.example.org', RELAY_LOG_LEVEL: 'info' }, { logStream: log.stream });
  await app.ready();
  const warnings = () => log.lines.filter((l) => l.includes('RELAY_SMTP_URL is not set')).length;
  t.equal(warnings(), 1, 'at start');
  const { admin, coordinator, partner } = createCast(app);
  await publishSurvey(app, admin, 'living', SURVEY);
  const list = createList(app, partner.id);
  app.services.contacts.create(list.id, { email: 'x@example.org' }, ADMIN_SCOPE);
  const c = (await app.inject(as(coordinator, { method: 'POST', url: '/api/campaigns', payload: campaignBody(list.id) }))).json();
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  t.equal(warnings(), 2, 'and at the campaign start');
  t.match(log.lines.find((l) => l.includes('RELAY_SMTP_URL is not set')), /"level":50/, 'as an error, so it stands out');
  // the invitation goes to the outbox folder; waiting for it also keeps the sender from writing
  // into the test's folder while tap removes it (a race seen in CI)
  const outbox = join(app.config.dataDir, 'outbox');
  const deadline = Date.now() + 10_000;
  const files = () => (existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')) : []);
  while (files().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  t.equal(files().length, 1, 'the invitation is written as an .eml file');
  await app.close();
});
