/**
 * The server killed with SIGKILL in the middle of a campaign, then started again: every contact
 * gets their invitation, and only messages in flight at the kill (at most RELAY_MAIL_CONCURRENCY)
 * may arrive twice.
 */
import t from 'tap';
import { buildApp } from '../../../../server/app.js';
import { startProcess } from '../../../process.js';
import { createCast, createList, testConfig } from '../../../helper.js';
import { duplicates, startSmtp } from '../mail/smtp.js';
import { publishSurvey } from '../responses/setup.js';
import { ADMIN_SCOPE, SURVEY, campaignBody } from './setup.js';

const CONTACTS = 40;
const CONCURRENCY = 4;

t.test('kill -9 mid-campaign, restart: every invitation delivered, duplicates within the bound', async (t) => {
  const smtp = await startSmtp({ light: true, delay: () => 60 });
  t.teardown(() => smtp.close());
  const dir = t.testdir();
  const env = { RELAY_DATA_DIR: dir, RELAY_SMTP_URL: smtp.url, RELAY_MAIL_CONCURRENCY: String(CONCURRENCY), RELAY_MAIL_RATE: '0', RELAY_SMTP_TIMEOUT_SECONDS: '2',
    RELAY_PUBLIC_URL: 'http://localhost:3000', RELAY_LOAD_EXAMPLES: 'false' };
  const app = await buildApp(testConfig(t, env));
  const { admin, coordinator, partner } = createCast(app);
  await publishSurvey(app, admin, 'living', SURVEY);
  const list = createList(app, partner.id);
  for (let i = 0; i < CONTACTS; i++) app.services.contacts.create(list.id, { email: `person${i}@example.org`, language: 'sv' }, ADMIN_SCOPE);
  const campaign = app.services.campaigns.create({ ...campaignBody(list.id), partnerId: partner.id }, ADMIN_SCOPE);
  await app.close();

  const first = startProcess({ ...env, PORT: '0', RELAY_LOG_LEVEL: 'info' });
  t.teardown(() => { first.child.kill('SIGKILL'); });
  const address = await first.ready;
  const started = await fetch(`${address}/api/campaigns/${campaign.id}/start`, { method: 'POST', headers: { authorization: coordinator.bearer } });
  t.equal(started.status, 200);
  while (smtp.ids.length < CONTACTS / 3) await new Promise((r) => setTimeout(r, 10));
  first.child.kill('SIGKILL');
  await first.exited;
  const beforeRestart = smtp.ids.length;
  t.ok(beforeRestart < CONTACTS, `killed after ${beforeRestart} of ${CONTACTS}`);

  const second = startProcess({ ...env, PORT: '0', RELAY_LOG_LEVEL: 'info' });
  t.teardown(() => { second.child.kill('SIGKILL'); });
  await second.ready;
  const deadline = Date.now() + 60_000;
  while (new Set(smtp.ids).size < CONTACTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  t.equal(new Set(smtp.ids).size, CONTACTS, 'every invitation delivered');
  const twice = [...duplicates(smtp.ids).values()].reduce((n, count) => n + count - 1, 0);
  t.ok(twice <= CONCURRENCY, `${twice} sent twice, at most ${CONCURRENCY} (the messages in flight at the kill)`);
  second.child.kill('SIGTERM');
  await second.exited;
});
