import t from 'tap';
import { as, createList, createPartner, createUser } from '../../../helper.js';
import { GOOD_ANSWERS, newKey } from '../responses/setup.js';
import { ADMIN_SCOPE, campaignApp, campaignBody, createCampaign, linksOf, received, until } from './setup.js';

interface Listed { id: string; partnerId: string; counts: Record<string, number> }

t.test("the list of campaigns gives each one's counts; a coordinator sees only their partner's", async (t) => {
  const { app, smtp, admin, coordinator, list } = await campaignApp(t);
  const partnerB = createPartner(app, 'Partner B');
  const listB = createList(app, partnerB.id, 'B list');
  app.services.contacts.create(listB.id, { email: 'pia@example.org', name: 'Pia', language: 'en' }, ADMIN_SCOPE);
  const coordinatorB = createUser(app, 'coordinator', partnerB.id);

  const running = await createCampaign(app, coordinator, campaignBody(list.id));
  const draft = await createCampaign(app, coordinator, campaignBody(list.id, { name: 'Not yet' }));
  const other = await createCampaign(app, coordinatorB, campaignBody(listB.id, { name: 'B wave' }));
  for (const [user, c] of [[coordinator, running], [coordinatorB, other]] as const) await app.inject(as(user, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 4);
  const sent = () => (app.db.$client.prepare("SELECT count(*) AS n FROM invitations WHERE delivery = 'sent'").get() as { n: number }).n;
  await until(() => sent() === 4, 'four invitations marked sent');

  const sara = linksOf(mails.find((m) => m.to[0] === 'sara@example.org')!.mail.text ?? '').link.replace('http://localhost:3000', '');
  t.ok((await app.inject({ method: 'POST', url: `${sara}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS } })).statusCode < 300, 'Sara completes');
  const open = new URL(running.openLink).pathname;
  const viaOpen = (complete: boolean) => app.inject({ method: 'POST', url: `${open}/responses`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS, complete } });
  t.equal((await viaOpen(true)).statusCode, 201, 'one completes through the open link');
  t.equal((await viaOpen(false)).statusCode, 201, 'another only begins there');

  const list$ = async (user: typeof admin) => {
    const res = await app.inject(as(user, { method: 'GET', url: '/api/campaigns' }));
    if (res.statusCode !== 200) throw new Error(`list: ${res.body}`);
    return res.json() as Listed[];
  };
  const all = await list$(admin);
  const byId = (id: string) => all.find((c) => c.id === id)!.counts;
  t.match(byId(running.id), { invited: 3, queued: 0, sent: 3, completed: 1, responseRate: 0.333, openStarted: 2, openCompleted: 1 },
    'three invited and sent, one completed through her link, the open link counted apart');
  t.match(byId(other.id), { invited: 1, sent: 1, completed: 0, responseRate: 0, openStarted: 0, openCompleted: 0 }, "partner B's own counts");
  t.same(byId(draft.id), { invited: 0, queued: 0, sent: 0, failed: 0, bounced: 0, optedOut: 0, opened: 0, started: 0, completed: 0, responseRate: 0, openStarted: 0, openCompleted: 0 },
    'a draft counts zero');

  const mine = await list$(coordinator);
  t.same(mine.map((c) => c.id).sort(), [running.id, draft.id].sort(), "coordinator A sees A's two campaigns");
  t.equal(mine.find((c) => c.id === running.id)!.counts.completed, 1, "with A's counts");
  const theirs = await list$(coordinatorB);
  t.same(theirs.map((c) => [c.id, c.counts.invited]), [[other.id, 1]], "coordinator B sees only B's, with B's counts");
});

t.test('the OpenAPI document describes the counts of the list', async (t) => {
  const { app } = await campaignApp(t);
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
  const item = doc.paths['/api/campaigns'].get.responses['200'].content['application/json'].schema.items;
  for (const key of ['invited', 'sent', 'completed', 'responseRate', 'openStarted', 'openCompleted']) t.ok(item.properties.counts.properties[key], `counts.${key}`);
});
