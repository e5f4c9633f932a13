import t from 'tap';
import { parse } from 'csv-parse/sync';
import { as, buildTestApp, createCast, createList, createPartner, createUser } from '../../../helper.js';

t.test('a coordinator creates lists for their own partner only; an admin names the partner', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator, partner } = createCast(app);
  const other = createPartner(app, 'Kaunas NGO');
  const own = await app.inject(as(coordinator, { method: 'POST', url: '/api/lists', payload: { name: 'Mentors 2027', description: 'Volunteer mentors' } }));
  t.equal(own.statusCode, 201);
  t.equal(own.json().partnerId, partner.id);
  t.same(own.json().counts, { active: 0, opted_out: 0, bounced: 0, erased: 0 });
  const foreign = await app.inject(as(coordinator, { method: 'POST', url: '/api/lists', payload: { name: 'Sneaky', partnerId: other.id } }));
  t.equal(foreign.statusCode, 422);
  const dup = await app.inject(as(coordinator, { method: 'POST', url: '/api/lists', payload: { name: 'Mentors 2027' } }));
  t.equal(dup.statusCode, 409);
  const noPartner = await app.inject(as(admin, { method: 'POST', url: '/api/lists', payload: { name: 'Admin list' } }));
  t.equal(noPartner.statusCode, 422);
  t.equal((await app.inject(as(admin, { method: 'POST', url: '/api/lists', payload: { name: 'Kaunas migrants', partnerId: other.id } }))).statusCode, 201);
  const mine = await app.inject(as(coordinator, { method: 'GET', url: '/api/lists' }));
  t.same(mine.json().items.map((l: { name: string }) => l.name), ['Mentors 2027']);
  t.equal((await app.inject(as(admin, { method: 'GET', url: '/api/lists?search=kaunas' }))).json().total, 1);
  const renamed = await app.inject(as(coordinator, { method: 'PATCH', url: `/api/lists/${own.json().id}`, payload: { name: 'Mentors' } }));
  t.equal(renamed.json().name, 'Mentors');
  t.equal((await app.inject(as(coordinator, { method: 'DELETE', url: `/api/lists/${own.json().id}` }))).statusCode, 204);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${own.json().id}` }))).statusCode, 404);
});

t.test('contacts: add, validate, search, sort, page, edit and remove', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner } = createCast(app);
  const list = createList(app, partner.id);
  const add = (payload: object) => app.inject(as(coordinator, { method: 'POST', url: `/api/lists/${list.id}/contacts`, payload }));
  const anna = await add({ email: '"Anna Svensson" <Anna.Svensson@Example.ORG >', name: 'Anna Svensson', language: 'SV-se', attributes: { municipality: 'Malmö' } });
  t.equal(anna.statusCode, 201, anna.body);
  t.equal(anna.json().email, 'Anna.Svensson@Example.ORG');
  t.equal(anna.json().language, 'sv-SE');
  const bad = await add({ email: 'not an email', language: 'klingon-ish' });
  t.equal(bad.statusCode, 422);
  t.same(bad.json().errors.map((e: { pointer: string }) => e.pointer), ['/email', '/language']);
  t.equal((await add({ email: 'anna.svensson@example.org' })).statusCode, 409, 'same address, other case');
  for (const [email, name] of [['jonas@example.lt', 'Jonas Jonaitis'], ['zofia@example.pl', 'Zofia Żółć'], ['amal@example.org', 'أمل']]) {
    t.equal((await add({ email, name })).statusCode, 201);
  }
  const page1 = await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?sort=email&pageSize=2` }));
  t.equal(page1.json().total, 4);
  t.same(page1.json().items.map((c: { email: string }) => c.email), ['amal@example.org', 'Anna.Svensson@Example.ORG']);
  const page2 = await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?sort=email&pageSize=2&page=2` }));
  t.same(page2.json().items.map((c: { email: string }) => c.email), ['jonas@example.lt', 'zofia@example.pl']);
  const desc = await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?sort=name&order=desc&pageSize=1` }));
  t.equal(desc.json().items[0].name, 'أمل');
  const search = await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?search=%C5%BC%C3%B3%C5%82` }));
  t.same(search.json().items.map((c: { name: string }) => c.name), ['Zofia Żółć'], 'search by part of a name');
  const literal = await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?search=%25` }));
  t.equal(literal.json().total, 0, '% is matched literally');
  const edited = await app.inject(as(coordinator, { method: 'PATCH', url: `/api/contacts/${anna.json().id}`, payload: { name: 'Anna S.', attributes: { role: 'mentor' } } }));
  t.equal(edited.json().name, 'Anna S.');
  t.same(edited.json().attributes, { role: 'mentor' });
  t.equal((await app.inject(as(coordinator, { method: 'DELETE', url: `/api/contacts/${anna.json().id}` }))).statusCode, 204);
  t.equal((await add({ email: 'anna.svensson@example.org' })).statusCode, 201, 'a removed contact may be added again');
});

t.test('opt-out is per partner and sticks; erasure keeps only a keyed hash and an audit entry without personal data', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner, admin } = createCast(app);
  const listA = createList(app, partner.id, 'Migrants');
  const listB = createList(app, partner.id, 'Mentors');
  const otherPartner = createPartner(app, 'Vilnius');
  const otherList = createList(app, otherPartner.id, 'Vilnius list');
  const email = 'mohammed.ali@example.org';
  const a = app.services.contacts.create(listA.id, { email, name: 'Mohammed Ali' }, { userId: admin.id, role: 'admin', partnerId: null });
  app.services.contacts.create(listB.id, { email, name: 'Mohammed' }, { userId: admin.id, role: 'admin', partnerId: null });
  const elsewhere = app.services.contacts.create(otherList.id, { email }, { userId: admin.id, role: 'admin', partnerId: null });

  const out = await app.inject(as(coordinator, { method: 'POST', url: `/api/contacts/${a.id}/opt-out` }));
  t.equal(out.json().status, 'opted_out');
  const inB = await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${listB.id}/contacts?status=opted_out` }));
  t.equal(inB.json().total, 1, 'opted out in every list of the partner');
  t.equal(app.services.contacts.get(elsewhere.id, { userId: admin.id, role: 'admin', partnerId: null }).status, 'active', 'not for other partners');
  const listC = createList(app, partner.id, 'New list');
  const readd = await app.inject(as(coordinator, { method: 'POST', url: `/api/lists/${listC.id}/contacts`, payload: { email: 'Mohammed.Ali@example.org' } }));
  t.equal(readd.statusCode, 409);
  t.match(readd.json().detail, /opted out/);

  const erased = await app.inject(as(coordinator, { method: 'POST', url: `/api/contacts/${a.id}/erase` }));
  t.same(erased.json(), { contactsErased: 2, partners: 1 });
  const dump = JSON.stringify(app.db.$client.prepare("SELECT * FROM contacts WHERE partner_id = ?").all(partner.id))
    + JSON.stringify(app.db.$client.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(app.db.$client.prepare('SELECT * FROM suppressions').all());
  t.notOk(dump.toLowerCase().includes('mohammed'), 'no trace of the address or name in contacts, audit log or suppressions');
  const row = app.db.$client.prepare('SELECT status, email, name FROM contacts WHERE id = ?').get(a.id);
  t.same(row, { status: 'erased', email: null, name: null });
  const audit = await app.inject(as(coordinator, { method: 'GET', url: '/api/audit?action=contact.erase' }));
  t.equal(audit.json().total, 1);
  t.same(audit.json().items[0].details, { contactsErased: 2 });

  const everywhere = await app.inject(as(admin, { method: 'POST', url: '/api/erasures', payload: { email: ' MOHAMMED.ALI@example.org ' } }));
  t.same(everywhere.json(), { contactsErased: 1, partners: 1 }, 'the other partner\'s copy');
  const readdOther = await app.inject(as(admin, { method: 'POST', url: `/api/lists/${otherList.id}/contacts`, payload: { email } }));
  t.equal(readdOther.statusCode, 409);
  t.match(readdOther.json().detail, /erased/);
});

t.test('list download is CSV with a BOM and neutralised formula cells', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner } = createCast(app);
  const list = createList(app, partner.id, 'Event 2027');
  const scope = { userId: coordinator.id, role: 'coordinator' as const, partnerId: partner.id };
  app.services.contacts.create(list.id, { email: 'x@example.org', name: '=HYPERLINK("http://evil.example","click")', attributes: { note: '+46 70 123', city: 'Göteborg' } }, scope);
  app.services.contacts.create(list.id, { email: 'y@example.org', name: 'Ona Žukauskienė', language: 'lt' }, scope);
  const res = await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts.csv` }));
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/csv/);
  t.ok(res.body.startsWith('\uFEFF'), 'BOM for Excel');
  const rows: string[][] = parse(res.body, { bom: true });
  t.same(rows[0], ['email', 'name', 'language', 'status', 'city', 'note']);
  const x = rows.find((r) => r[0] === 'x@example.org')!;
  t.equal(x[1], '\'=HYPERLINK("http://evil.example","click")');
  t.equal(x[5], "'+46 70 123");
  t.ok(rows.some((r) => r[1] === 'Ona Žukauskienė' && r[2] === 'lt'));
});

t.test('a researcher cannot see contacts at all', async (t) => {
  const app = await buildTestApp(t);
  const { partner } = createCast(app);
  const researcher = createUser(app, 'researcher');
  const list = createList(app, partner.id);
  for (const url of ['/api/lists', `/api/lists/${list.id}/contacts`, `/api/lists/${list.id}/contacts.csv`, '/api/audit']) {
    t.equal((await app.inject(as(researcher, { method: 'GET', url }))).statusCode, 403, url);
  }
});

t.test('erasure runs the steps later modules register, inside its transaction', async (t) => {
  const app = await buildTestApp(t);
  const { admin, partner } = createCast(app);
  const { createContactsService } = await import('../../../../server/modules/lists/contacts-service.js');
  const { emailHasher, loadOrCreateSecret } = await import('../../../../server/secret.js');
  const calls: Array<{ contactIds: string[]; partnerIds: string[] }> = [];
  const contacts = createContactsService({ db: app.db, audit: app.services.audit, lists: app.services.lists,
    hashEmail: emailHasher(loadOrCreateSecret(app.config.dataDir)), erasureSteps: [(_tx, target) => calls.push(target)] });
  const scope = { userId: admin.id, role: 'admin' as const, partnerId: null };
  const c = contacts.create(createList(app, partner.id).id, { email: 'step@example.org' }, scope);
  contacts.erase(c.id, scope);
  t.equal(calls.length, 1);
  t.same(calls[0].contactIds, [c.id]);
  t.same(calls[0].partnerIds, [partner.id]);
  const failing = createContactsService({ db: app.db, audit: app.services.audit, lists: app.services.lists,
    hashEmail: emailHasher(loadOrCreateSecret(app.config.dataDir)), erasureSteps: [() => { throw new Error('step failed'); }] });
  const d = failing.create(createList(app, partner.id).id, { email: 'kept@example.org' }, scope);
  t.throws(() => failing.erase(d.id, scope));
  t.equal(failing.get(d.id, scope).email, 'kept@example.org', 'a failing step leaves nothing half-erased');
});
