import t from 'tap';
import { as, createList, createPartner, createUser } from '../../../helper.js';
import { campaignApp, campaignBody, createCampaign, received } from './setup.js';

t.test('bad campaign settings get every fault at its field, and nothing is created or queued', async (t) => {
  const { app, admin, coordinator, list } = await campaignApp(t);
  const otherList = createList(app, createPartner(app).id);
  await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'draft-one', definition: { pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] } } }));
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['a draft survey', { survey: 'draft-one' }, ['/survey']],
    ['another partner\'s list', { listIds: [list.id, otherList.id] }, ['/listIds/1']],
    ['no languages', { languages: [] }, ['/languages']],
    ['a language the survey lacks', { languages: ['sv', 'pl'] }, ['/languages/1']],
    ['a close time in the past', { closesAt: '2020-01-01T00:00:00Z' }, ['/closesAt']],
    ['a template with an unknown variable and a script tag', { messages: { sv: { invitation: { subject: 'Hej {{firstname}}', body: '<script>alert(1)</script> {{link}}' } } } },
      ['/messages/sv/invitation/subject', '/messages/sv/invitation/body']],
    ['a body without the link', { messages: { en: { reminder: { body: 'Please answer.' } } } }, ['/messages/en/reminder/body']],
    ['a reply-to with a newline', { replyTo: 'a@example.org\r\nBcc: everyone@example.org' }, ['/replyTo']],
    ['a sender name with a newline', { senderName: 'NGO\nBcc: x@example.org' }, ['/senderName']],
    ['editing in anonymous mode', { mode: 'anonymous', allowEdit: true }, ['/allowEdit']],
  ];
  for (const [what, change, pointers] of cases) {
    const res = await app.inject(as(coordinator, { method: 'POST', url: '/api/campaigns', payload: campaignBody(list.id, change) }));
    t.equal(res.statusCode, 422, what);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.same(res.json().errors.map((e: { pointer: string }) => e.pointer), pointers, what);
  }
  await app.inject(as(admin, { method: 'POST', url: '/api/surveys/living/close' }));
  const closed = await app.inject(as(coordinator, { method: 'POST', url: '/api/campaigns', payload: campaignBody(list.id) }));
  t.match(closed.json().errors, [{ pointer: '/survey', message: /closed/ }], 'a closed survey');
  const count = (table: string) => (app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  t.equal(count('campaigns'), 0);
  t.equal(count('mail_outbox'), 0, 'nothing queued');
});

t.test('lifecycle: start, pause holds unsent mail, resume sends it, close stops everything', async (t) => {
  const { app, smtp, coordinator, list } = await campaignApp(t);
  app.services.mailer.stop(0);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  const act = async (action: string) => app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/${action}` }));
  t.equal((await act('resume')).statusCode, 409, 'a draft cannot be resumed');
  t.equal((await act('start')).json().state, 'running');
  t.equal((await act('start')).statusCode, 409, 'nor started twice');
  const outbox = () => app.db.$client.prepare("SELECT state, count(*) AS n FROM mail_outbox GROUP BY state").all();
  t.same(outbox(), [{ state: 'pending', n: 3 }], 'three invitations queued');
  t.equal((await act('pause')).json().state, 'paused');
  t.same(outbox(), [{ state: 'cancelled', n: 3 }], 'held');
  t.equal((await act('resume')).json().state, 'running');
  t.same(outbox(), [{ state: 'cancelled', n: 3 }, { state: 'pending', n: 3 }], 'queued again');
  t.equal((await act('close')).json().state, 'closed');
  t.same(outbox(), [{ state: 'cancelled', n: 6 }], 'nothing left to send');
  t.equal(smtp.received.length, 0);
  const patch = await app.inject(as(coordinator, { method: 'PATCH', url: `/api/campaigns/${c.id}`, payload: { name: 'x' } }));
  t.equal(patch.statusCode, 409, 'a closed campaign does not change');
});

t.test('a start time in the future schedules; the scheduler starts it then', async (t) => {
  const { app, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { startsAt: new Date(Date.now() + 3_600_000).toISOString() }));
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }))).json().state, 'scheduled');
  app.services.scheduler.tick();
  t.equal(app.services.campaigns.find(c.id, { userId: null, role: 'admin', partnerId: null }).state, 'scheduled', 'not before its time');
});

t.test('a coordinator sees and runs only their partner\'s campaigns; researchers none', async (t) => {
  const { app, coordinator, researcher, admin, list } = await campaignApp(t);
  const other = createUser(app, 'coordinator', createPartner(app).id);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  t.equal((await app.inject(as(other, { method: 'GET', url: `/api/campaigns/${c.id}` }))).statusCode, 404);
  t.equal((await app.inject(as(other, { method: 'POST', url: `/api/campaigns/${c.id}/start` }))).statusCode, 404);
  t.equal((await app.inject(as(other, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).statusCode, 404);
  t.same((await app.inject(as(other, { method: 'GET', url: '/api/campaigns' }))).json(), []);
  t.equal((await app.inject(as(researcher, { method: 'GET', url: '/api/campaigns' }))).statusCode, 403);
  t.equal((await app.inject(as(admin, { method: 'GET', url: '/api/campaigns' }))).json().length, 1);
});

t.test('a test email goes to the requester in the chosen language, with a link that does not work', async (t) => {
  const { app, smtp, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  const res = await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/test-email`, payload: { language: 'ar' } }));
  t.equal(res.statusCode, 202);
  const [mail] = await received(smtp, 1);
  t.same(mail.to, [coordinator.email]);
  t.match(mail.mail.subject, /^\[/, 'marked as a test');
  const link = /http:\/\/localhost:3000\/s\/\S+/.exec(mail.mail.text ?? '')![0];
  t.equal((await app.inject({ method: 'GET', url: link.replace('http://localhost:3000', '') })).statusCode, 404, 'its link leads nowhere');
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/test-email`, payload: { language: 'fr' } }))).statusCode, 422);
});

t.test('a bounce reported after delivery marks the address bounced for the partner', async (t) => {
  const { app, smtp, admin, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 3);
  await new Promise((r) => setTimeout(r, 200));
  const amal = mails.find((m) => m.to[0] === 'amal@example.org')!;
  const res = await app.inject(as(admin, { method: 'POST', url: '/api/mail/bounces', payload: { messageId: amal.messageId, reason: '550 mailbox unavailable' } }));
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { invitations: 1 });
  const status = (await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).json();
  t.equal(status.total.bounced, 1);
  const contacts = (await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts` }))).json().items;
  t.equal(contacts.find((x: { email: string }) => x.email === 'amal@example.org').status, 'bounced');
  t.equal((await app.inject(as(admin, { method: 'POST', url: '/api/mail/bounces', payload: { messageId: '<nope@x>' } }))).statusCode, 404);
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: '/api/mail/bounces', payload: { messageId: amal.messageId } }))).statusCode, 403);
});

t.test('a running campaign moves to a newer published version; answers begun on the old one finish on it', async (t) => {
  const { app, smtp, admin, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { mode: 'tracked' }));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const [first, second] = (await received(smtp, 3)).map((m) => /http:\/\/localhost:3000(\/s\/\S+)/.exec(m.mail.text ?? '')![1]);
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: { 'idempotency-key': `k-${Math.random().toString(36).slice(2)}-${Date.now()}` }, payload });
  t.equal((await post(`${first}/answers`, { answers: { name: 'Early' } })).statusCode, 200, 'begun on version 1');
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/version`, payload: { version: 2 } }))).statusCode, 422, 'no version 2 yet');
  const def = (await app.inject(as(admin, { method: 'GET', url: '/api/surveys/living/versions/1' }))).json().definition;
  def.title = { default: 'Living here (typo fixed)', sv: 'Att bo här', ar: 'العيش هنا' };
  await app.inject(as(admin, { method: 'PUT', url: '/api/surveys/living/definition', payload: def }));
  await app.inject(as(admin, { method: 'POST', url: '/api/surveys/living/publish' }));
  const moved = await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/version`, payload: { version: 2 } }));
  t.equal(moved.statusCode, 200, moved.body);
  t.equal(moved.json().version, 2);
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/version`, payload: { version: 1 } }))).statusCode, 422, 'never back');
  const answers = { name: 'A', consent: false };
  t.equal((await post(`${first}/complete`, { answers })).json().version, 1, 'the early respondent finishes on version 1');
  t.equal((await post(`${second}/complete`, { answers })).json().version, 2, 'a new one answers version 2');
});

t.test('guessing tokens: 20 failed lookups a minute from one address, then 429', async (t) => {
  const { app } = await campaignApp(t);
  const codes: number[] = [];
  for (let i = 0; i < 22; i++) codes.push((await app.inject({ method: 'GET', url: `/s/${'A'.repeat(42)}${i % 10}` })).statusCode);
  t.same(codes.slice(0, 20), Array(20).fill(404));
  t.same(codes.slice(20), [429, 429]);
});

t.test("times are written and shown in the partner's time zone, stored in UTC; the deadline is written in the contact's language", async (t) => {
  const { app, smtp, coordinator, list } = await campaignApp(t);
  const res = await app.inject(as(coordinator, { method: 'POST', url: '/api/campaigns', payload: campaignBody(list.id, { closesAt: '2027-01-31T18:00' }) }));
  t.equal(res.statusCode, 201, res.body);
  t.match(res.json(), { timeZone: 'Europe/Stockholm', closesAt: '2027-01-31T17:00:00.000Z', closesAtLocal: '2027-01-31T18:00' }, 'winter: UTC+1');
  const summer = await app.inject(as(coordinator, { method: 'PATCH', url: `/api/campaigns/${res.json().id}`, payload: { closesAt: '2027-07-01T12:00' } }));
  t.match(summer.json(), { closesAt: '2027-07-01T10:00:00.000Z', closesAtLocal: '2027-07-01T12:00' }, 'summer: UTC+2');
  t.equal((await app.inject(as(coordinator, { method: 'PATCH', url: `/api/campaigns/${res.json().id}`, payload: { closesAt: '2027-07-01T12:00:00Z' } }))).json().closesAt,
    '2027-07-01T12:00:00.000Z', 'an explicit offset is taken as it is');
  const bad = await app.inject(as(coordinator, { method: 'PATCH', url: `/api/campaigns/${res.json().id}`, payload: { closesAt: '31/01/2027' } }));
  t.equal(bad.statusCode, 422);
  t.match(bad.json().errors, [{ pointer: '/closesAt', message: /Europe\/Stockholm/ }]);
  await app.inject(as(coordinator, { method: 'PATCH', url: `/api/campaigns/${res.json().id}`, payload: { closesAt: '2027-01-31T18:00' } }));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${res.json().id}/start` }));
  const mails = await received(smtp, 3);
  t.match(mails.find((m) => m.to[0] === 'sara@example.org')!.mail.text, /31 januari 2027 (kl\. )?18:00/, 'Swedish, Stockholm time');
});
