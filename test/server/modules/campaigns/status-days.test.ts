import t from 'tap';
import { as } from '../../../helper.js';
import { campaignApp, campaignBody, createCampaign, linksOf, received } from './setup.js';
import { GOOD_ANSWERS, newKey } from '../responses/setup.js';

t.test('the status board counts opened links and completions day by day', async (t) => {
  let now = new Date('2026-12-01T22:30:00.000Z').getTime();
  const clock = { now: () => new Date(now), advanceDays: (days: number) => { now += days * 86_400_000; } };
  const { app, smtp, coordinator, list } = await campaignApp(t, { clock });
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 3);
  const linkOf = (to: string) => linksOf(mails.find((m) => m.to[0] === to)!.mail.text ?? '').link.replace('http://localhost:3000', '');
  const complete = (to: string) => app.inject({ method: 'POST', url: `${linkOf(to)}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS } });

  t.equal((await app.inject({ method: 'GET', url: linkOf('sara@example.org') })).statusCode, 200, 'Sara opens her link on 1 December');
  t.equal((await complete('sara@example.org')).statusCode < 300, true, 'and completes it');
  now += 2 * 60 * 60_000; // 00:30 UTC on 2 December
  t.equal((await complete('amal@example.org')).statusCode < 300, true, 'Amal completes after midnight');

  const status = (await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).json() as { byDay: { date: string; opened: number; started: number; completed: number }[] };
  t.same(status.byDay.map((d) => [d.date, d.completed]), [['2026-12-01', 1], ['2026-12-02', 1]], 'one completion on each day');
  t.equal(status.byDay[0].opened, 1, 'the opened link on the first day');
  t.equal(status.byDay.reduce((n, d) => n + d.completed, 0), 2, 'every completion counted once');
});
