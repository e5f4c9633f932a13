import t from 'tap';
import { as, createList, createPartner, createUser } from '../../../helper.js';
import { ADMIN_SCOPE, campaignApp, received } from './setup.js';

t.test('an admin launches one questionnaire for several partners; each coordinator sees only their own campaign', async (t) => {
  const { app, smtp, admin, coordinator, partner, list } = await campaignApp(t);
  const partnerB = createPartner(app, 'Partner B');
  const listB = createList(app, partnerB.id, 'B list');
  app.services.contacts.create(listB.id, { email: 'pia@example.org', name: 'Pia', language: 'pl' }, ADMIN_SCOPE);
  const coordinatorB = createUser(app, 'coordinator', partnerB.id);
  const body = {
    name: 'Spring 2027', survey: 'living', languages: ['en', 'sv'],
    partners: [{ partnerId: partner.id, listIds: [list.id] }, { partnerId: partnerB.id, listIds: [listB.id], senderName: 'Fundacja B' }],
  };

  const wrong = await app.inject(as(admin, { method: 'POST', url: '/api/waves', payload: { ...body, partners: [body.partners[0], { partnerId: partnerB.id, listIds: [list.id] }] } }));
  t.equal(wrong.statusCode, 422);
  t.same(wrong.json().errors.map((e: { pointer: string }) => e.pointer), ['/partners/1/listIds/0'], "a list of another partner, named where it is");
  t.equal((app.db.$client.prepare('SELECT count(*) AS n FROM campaigns').get() as { n: number }).n, 0, 'all or none');
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: '/api/waves', payload: body }))).statusCode, 403, 'admins only');

  const created = await app.inject(as(admin, { method: 'POST', url: '/api/waves', payload: body }));
  t.equal(created.statusCode, 201, created.body);
  const wave = created.json();
  t.equal(wave.campaigns.length, 2);
  t.same(wave.campaigns.map((c: { state: string }) => c.state), ['draft', 'draft']);
  t.equal(wave.campaigns.find((c: { partnerId: string }) => c.partnerId === partnerB.id).senderName, 'Fundacja B');

  const started = await app.inject(as(admin, { method: 'POST', url: `/api/waves/${wave.id}/start` }));
  t.same(started.json().campaigns.map((c: { state: string }) => c.state), ['running', 'running']);
  await received(smtp, 4);
  await new Promise((r) => setTimeout(r, 200));
  const status = (await app.inject(as(admin, { method: 'GET', url: `/api/waves/${wave.id}/status` }))).json();
  t.match(status.total, { invited: 4, sent: 4 });
  t.same(status.byPartner.map((p: { partnerId: string; invited: number }) => [p.partnerId, p.invited]).sort(), [[partner.id, 3], [partnerB.id, 1]].sort());

  const mine = (await app.inject(as(coordinatorB, { method: 'GET', url: '/api/campaigns' }))).json();
  t.same(mine.map((c: { partnerId: string }) => c.partnerId), [partnerB.id], 'coordinator B sees only B');
  t.equal((await app.inject(as(coordinatorB, { method: 'GET', url: `/api/waves/${wave.id}/status` }))).statusCode, 403, 'the combined board is the admin\'s');
  const closed = await app.inject(as(admin, { method: 'POST', url: `/api/waves/${wave.id}/close` }));
  t.same(closed.json().campaigns.map((c: { state: string }) => c.state), ['closed', 'closed']);
});
