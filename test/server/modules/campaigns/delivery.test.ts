import t from 'tap';
import { as } from '../../../helper.js';
import { campaignApp, campaignBody, createCampaign, linksOf, received, testClock } from './setup.js';
import { GOOD_ANSWERS, newKey } from '../responses/setup.js';

t.test('each contact gets one invitation in their language, with working links, the unsubscribe headers and RTL for Arabic', async (t) => {
  const { app, smtp, coordinator, partner, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { closesAt: '2027-01-31T16:00:00.000Z' }));
  t.equal(c.state, 'draft');
  t.equal(smtp.received.length, 0, 'a draft sends nothing');
  const started = await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  t.equal(started.json().state, 'running');
  const mails = await received(smtp, 3);
  await new Promise((r) => setTimeout(r, 200));
  t.equal(smtp.received.length, 3, 'one message per contact');

  const by = (to: string) => mails.find((m) => m.to[0] === to)!;
  const sara = by('sara@example.org');
  t.equal(sara.mail.from?.value[0].name, partner.name, "the partner's name as sender");
  t.equal(sara.mail.replyTo?.value[0].address, 'office@partner.example.org');
  t.equal(sara.mail.headers.get('content-language'), 'sv', 'sv-SE finds sv');
  t.match(sara.mail.subject, /Att bo här/, 'the survey title in Swedish');
  t.match(sara.mail.text, /Sara/);
  t.match(sara.mail.text, /2027/, 'the deadline is written');
  const raw = sara.raw.toString('latin1').replace(/\r\n[ \t]+/g, ' ');
  t.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m, 'RFC 8058 one-click');
  const { link, unsubscribe } = linksOf(sara.mail.text ?? '');
  t.match(raw, new RegExp(`^List-Unsubscribe: <${unsubscribe}>\\r?$`, 'm'), 'List-Unsubscribe names the same link');
  t.ok(link && unsubscribe, 'both links in the text part');
  t.match(String(sara.mail.html), `href="${link}"`, 'the link is clickable in the HTML part');

  const amal = by('amal@example.org');
  t.equal(amal.mail.headers.get('content-language'), 'ar');
  t.match(String(amal.mail.html), /dir="rtl"/, 'Arabic is right to left');
  t.match(amal.mail.subject, /العيش هنا/);
  const jonas = by('jonas@example.org');
  t.equal(jonas.mail.headers.get('content-language'), 'en', "a language the campaign does not offer falls back to the campaign's first");
  t.notMatch(jonas.mail.text, /null|undefined/, 'no name: a greeting without one');

  const page = await app.inject({ method: 'GET', url: link.replace('http://localhost:3000', '') + '?lang=sv' });
  t.equal(page.statusCode, 200);
  t.equal(page.headers['referrer-policy'], 'no-referrer');
  t.match(page.body, /lang="sv"/);
  t.match(page.body, /Att bo här/);
  const status = (await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).json();
  t.match(status.total, { invited: 3, sent: 3, opened: 1, started: 0, completed: 0, optedOut: 0 });
});

t.test('a link scanner that fetches every URL unsubscribes nobody and starts nothing; only a POST unsubscribes', async (t) => {
  const { app, smtp, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 3);
  for (const m of mails) {
    for (const url of `${m.mail.text} ${m.mail.html}`.match(/http:\/\/localhost:3000\/[^\s"<]+/g) ?? []) {
      const res = await app.inject({ method: 'GET', url: url.replace('http://localhost:3000', '') });
      t.ok(res.statusCode < 500, `GET ${res.statusCode}`);
    }
  }
  let status = (await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).json();
  t.match(status.total, { optedOut: 0, started: 0, opened: 3 }, 'opened, nothing more');
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts` }))).json().items.filter((x: { status: string }) => x.status !== 'active').length, 0);

  const { unsubscribe } = linksOf(mails.find((m) => m.to[0] === 'sara@example.org')!.mail.text ?? '');
  const form = await app.inject({ method: 'GET', url: unsubscribe.replace('http://localhost:3000', '') });
  t.match(form.body, /<form method="post">/, 'the GET asks');
  const oneClick = await app.inject({ method: 'POST', url: unsubscribe.replace('http://localhost:3000', ''), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  t.equal(oneClick.statusCode, 200);
  t.match(oneClick.body, /lang="sv"/, 'confirmed in her language');
  status = (await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).json();
  t.equal(status.total.optedOut, 1);
  const contacts = (await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts` }))).json().items;
  t.equal(contacts.find((x: { email: string }) => x.email === 'sara@example.org').status, 'opted_out', 'opted out for the partner');
});

t.test('reminders go only to those who have not answered, opted out or bounced', async (t) => {
  const clock = testClock();
  const { app, smtp, coordinator, list } = await campaignApp(t, { clock });
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { reminders: { days: [5, 12], max: 2 }, mode: 'tracked' }));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 3);
  const linkOf = (to: string) => linksOf(mails.find((m) => m.to[0] === to)!.mail.text ?? '');
  // Sara answers, Amal unsubscribes, Jonas does nothing
  const sara = linkOf('sara@example.org').link.replace('http://localhost:3000', '');
  const saved = await app.inject({ method: 'POST', url: `${sara}/answers`, headers: { 'idempotency-key': newKey() }, payload: { answers: { name: 'Sara' }, locale: 'sv' } });
  t.equal(saved.statusCode, 200, saved.body);
  const done = await app.inject({ method: 'POST', url: `${sara}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS } });
  t.equal(done.statusCode, 200, done.body);
  t.ok(done.json().id, 'tracked mode: the response id is returned');
  await app.inject({ method: 'POST', url: linkOf('amal@example.org').unsubscribe.replace('http://localhost:3000', ''), payload: {} });

  clock.advanceDays(4);
  app.services.scheduler.tick();
  await new Promise((r) => setTimeout(r, 300));
  t.equal(smtp.received.length, 3, 'no reminder before day 5');
  clock.advanceDays(1);
  app.services.scheduler.tick();
  await received(smtp, 4);
  t.same(smtp.received.slice(3).map((m) => m.to[0]), ['jonas@example.org'], 'the first reminder: only Jonas');
  t.match(smtp.received[3].mail.subject, /Reminder/);
  t.not(smtp.received[3].messageId, mails.find((m) => m.to[0] === 'jonas@example.org')!.messageId, 'a new Message-ID per send');
  app.services.scheduler.tick();
  await new Promise((r) => setTimeout(r, 300));
  t.equal(smtp.received.length, 4, 'a tick again queues nothing twice');
  clock.advanceDays(30);
  app.services.scheduler.tick();
  await received(smtp, 5);
  app.services.scheduler.tick();
  await new Promise((r) => setTimeout(r, 300));
  t.equal(smtp.received.length, 5, 'at most two reminders');
  const status = (await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).json();
  t.match(status.total, { invited: 3, completed: 1, started: 1, optedOut: 1, responseRate: 0.333 });
});

t.test('contacts added to a running campaign\'s list are invited once, an address already invited is not', async (t) => {
  const { app, smtp, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  await received(smtp, 3);
  await app.inject(as(coordinator, { method: 'POST', url: `/api/lists/${list.id}/contacts`, payload: { email: 'late@example.org', name: 'Late', language: 'sv' } }));
  app.services.scheduler.tick();
  await received(smtp, 4);
  app.services.scheduler.tick();
  await new Promise((r) => setTimeout(r, 300));
  t.same(smtp.received.map((m) => m.to[0]).filter((to) => to === 'late@example.org'), ['late@example.org'], 'invited once');
  t.equal(smtp.received.length, 4, 'nobody else twice');
});
