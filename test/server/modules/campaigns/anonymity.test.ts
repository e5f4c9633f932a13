/**
 * Anonymous mode end to end: a contact answers through the personal link of an anonymous
 * campaign; the database then holds nothing that joins the response to the invitation or the
 * contact, and no log line carries both the token and the response.
 */
import t from 'tap';
import { as, logCollector } from '../../../helper.js';
import { GOOD_ANSWERS, newKey } from '../responses/setup.js';
import { campaignApp, campaignBody, createCampaign, linksOf, received, testClock } from './setup.js';
import { startSmtp } from '../mail/smtp.js';

t.test('an anonymous completion through a personal link leaves no link to the invitation, in tables or logs', async (t) => {
  const log = logCollector();
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const { app, coordinator, list } = await campaignApp(t, { sink: smtp, log });
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { mode: 'anonymous' }));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 3);
  const link = linksOf(mails.find((m) => m.to[0] === 'amal@example.org')!.mail.text ?? '').link.replace('http://localhost:3000', '');
  const token = link.split('/').pop()!;

  const saved = await app.inject({ method: 'POST', url: `${link}/answers`, headers: { 'idempotency-key': newKey() }, payload: { answers: { name: 'Amal Q.' }, locale: 'default' } });
  t.equal(saved.statusCode, 200, saved.body);
  const key = newKey();
  const done = await app.inject({ method: 'POST', url: `${link}/complete`, headers: { 'idempotency-key': key }, payload: { answers: { ...GOOD_ANSWERS, name: 'Amal Q.' } } });
  t.equal(done.statusCode, 200, done.body);
  t.notOk('id' in done.json(), 'no response id given back');
  const again = await app.inject({ method: 'POST', url: `${link}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS } });
  t.equal(again.statusCode, 409, 'a completed invitation cannot answer again');
  const page = await app.inject({ method: 'GET', url: link });
  t.match(page.body, app.services.i18n.t('ar', 'pages.completed'), 'the link says it was answered, in her language');

  const db = app.db.$client;
  const response = db.prepare("SELECT * FROM responses WHERE json_extract(data, '$.name') = 'Amal Q.'").get() as Record<string, string | null>;
  t.ok(response, 'stored');
  t.equal(response.invitation_id, null);
  t.equal(response.campaign_id, c.id, 'attributed to the campaign and partner');
  const invitation = db.prepare("SELECT * FROM invitations WHERE completed = 1").get() as Record<string, unknown>;
  t.ok(invitation, 'the invitation knows it was answered');
  for (const column of Object.keys(invitation)) t.notMatch(String(invitation[column]), /^$/, column);
  const invitationValues = Object.values(invitation).filter((v) => v !== null).map(String);
  const shared = Object.entries(response).filter(([column, v]) => v !== null && invitationValues.includes(String(v)) &&
    !['campaign_id', 'partner_id', 'state', 'locale'].includes(column));
  t.same(shared, [], 'the response shares no value with the invitation but campaign and partner');
  t.match(response.completed_at, /T00:00:00\.000Z$/, 'completion date only');
  t.equal((db.prepare('SELECT count(*) AS n FROM response_drafts').get() as { n: number }).n, 0);

  const lines = log.lines.filter((l) => l.includes(token) || l.includes(response.id!));
  t.ok(log.lines.some((l) => l.includes('/s/[redacted]')), 'the personal link requests were logged, redacted');
  t.same(lines, [], 'no log line names the token or the response');
});

t.test('after the retention period, tokens and the link to contacts are purged; responses stay', async (t) => {
  const clock = testClock();
  const { app, smtp, coordinator, list } = await campaignApp(t, { clock });
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { mode: 'tracked', retentionDays: 30 }));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 3);
  const link = linksOf(mails[0].mail.text ?? '').link.replace('http://localhost:3000', '');
  await app.inject({ method: 'POST', url: `${link}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS } });
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/close` }));
  const db = app.db.$client;
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  clock.advanceDays(29);
  app.services.scheduler.tick();
  t.equal(count('SELECT count(*) AS n FROM invitations WHERE token_hash IS NOT NULL'), 3, 'kept during retention');
  clock.advanceDays(2);
  app.services.scheduler.tick();
  t.equal(count('SELECT count(*) AS n FROM invitations WHERE token_hash IS NOT NULL OR contact_id IS NOT NULL'), 0, 'tokens and contact links gone');
  t.equal(count('SELECT count(*) AS n FROM mail_outbox'), 0, 'outbox rows gone');
  t.equal(count('SELECT count(*) AS n FROM responses WHERE invitation_id IS NOT NULL'), 0, 'tracked responses lose their link');
  t.equal(count("SELECT count(*) AS n FROM responses WHERE state = 'completed'"), 1, 'the response stays');
  t.equal((await app.inject({ method: 'GET', url: link })).statusCode, 404, 'the link no longer works');
});

t.test('erasing a contact stops their link and withdraws their unsent messages', async (t) => {
  const { app, smtp, coordinator, list, people } = await campaignApp(t);
  await app.services.mailer.stop(0);
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { mode: 'tracked' }));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const erased = await app.inject(as(coordinator, { method: 'POST', url: `/api/contacts/${people[0].id}/erase` }));
  t.equal(erased.statusCode, 200, erased.body);
  const db = app.db.$client;
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  t.equal(count('SELECT count(*) AS n FROM invitations WHERE token_hash IS NOT NULL'), 2, 'her token is gone');
  t.equal(count("SELECT count(*) AS n FROM mail_outbox WHERE state = 'pending'"), 2, 'her invitation will not be sent');
  t.equal(smtp.received.length, 0);
});
