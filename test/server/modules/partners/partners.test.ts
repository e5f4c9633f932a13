import t from 'tap';
import { as, buildTestApp, createCast, createPartner } from '../../../helper.js';

t.test('admin creates and edits partners; bad country and time zone are named', async (t) => {
  const app = await buildTestApp(t);
  const { admin } = createCast(app);
  const bad = await app.inject(as(admin, { method: 'POST', url: '/api/partners', payload: { name: 'Gmina Gdańsk', country: 'XX', timeZone: 'Mars/Olympus' } }));
  t.equal(bad.statusCode, 422);
  t.same(bad.json().errors.map((e: { pointer: string }) => e.pointer), ['/country', '/timeZone']);
  const created = await app.inject(as(admin, { method: 'POST', url: '/api/partners',
    payload: { name: 'Gmina Gdańsk', country: 'pl', region: 'Pomorskie', timeZone: 'Europe/Warsaw', contactEmail: 'integracja@gdansk.example' } }));
  t.equal(created.statusCode, 201);
  t.equal(created.json().country, 'PL');
  const id = created.json().id;
  const patched = await app.inject(as(admin, { method: 'PATCH', url: `/api/partners/${id}`, payload: { region: 'Pomerania' } }));
  t.equal(patched.json().region, 'Pomerania');
  t.equal(patched.json().name, 'Gmina Gdańsk');
  const dup = await app.inject(as(admin, { method: 'POST', url: '/api/partners', payload: { name: 'Gmina Gdańsk', country: 'PL', timeZone: 'Europe/Warsaw' } }));
  t.equal(dup.statusCode, 409);
});

t.test('coordinator of partner A sees only partner A and gets 404 for partner B', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner, researcher } = createCast(app);
  const other = createPartner(app, 'Kauno savivaldybė');
  const list = await app.inject(as(coordinator, { method: 'GET', url: '/api/partners' }));
  t.same(list.json().map((p: { id: string }) => p.id), [partner.id]);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/partners/${partner.id}` }))).statusCode, 200);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/partners/${other.id}` }))).statusCode, 404);
  t.equal((await app.inject(as(researcher, { method: 'GET', url: '/api/partners' }))).json().length, 2);
  t.equal((await app.inject(as(coordinator, { method: 'PATCH', url: `/api/partners/${partner.id}`, payload: { name: 'Mine now' } }))).statusCode, 403);
});

t.test('SQL-looking text is stored as text', async (t) => {
  const app = await buildTestApp(t);
  const { admin } = createCast(app);
  const name = "Robert'); DROP TABLE partners;--";
  const res = await app.inject(as(admin, { method: 'POST', url: '/api/partners', payload: { name, country: 'LT', region: "' OR 1=1 --", timeZone: 'Europe/Vilnius' } }));
  t.equal(res.statusCode, 201);
  const list = await app.inject(as(admin, { method: 'GET', url: '/api/partners' }));
  t.ok(list.json().some((p: { name: string; region: string }) => p.name === name && p.region === "' OR 1=1 --"));
});
