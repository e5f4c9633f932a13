import t from 'tap';
import { as, buildTestApp, createCast, createList, createPartner, createUser, uploadImport } from '../../../helper.js';

/**
 * A coordinator of partner A gets 404 for every list, contact, import and audit entry of partner B,
 * by every route that takes such an id, and for guessed ids too.
 */
t.test('coordinator of partner A gets 404 for everything of partner B, by every route', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  const partnerB = createPartner(app, 'Partner B');
  const coordinatorB = createUser(app, 'coordinator', partnerB.id);
  const listB = createList(app, partnerB.id, 'B list');
  const contactB = app.services.contacts.create(listB.id, { email: 'b-person@example.org', name: 'B Person' }, { userId: admin.id, role: 'admin', partnerId: null });
  const importB = (await uploadImport(app, coordinatorB, listB.id, 'email\nother@example.org\n')).json();
  t.equal(importB.status, 'ready');

  const ids: Record<string, string> = { listId: listB.id, contactId: contactB.id, importId: importB.id };
  const routes = app.routeAccess.filter((r) => r.method !== 'HEAD' && /:(listId|contactId|importId)/.test(r.url));
  t.ok(routes.length >= 15, `${routes.length} routes take a list, contact or import id`);
  const bodies: Record<string, object> = {
    'PATCH /api/lists/:listId': { name: 'taken over' }, 'POST /api/lists/:listId/contacts': { email: 'x@example.org' },
    'PATCH /api/contacts/:contactId': { name: 'x' }, 'PUT /api/imports/:importId/request': { encoding: 'utf-8' },
  };
  for (const route of routes) {
    for (const guessed of [false, true]) {
      const url = route.url.replace(/:(listId|contactId|importId)/, (_m, k: string) => (guessed ? 'AAAAAAAAAAAAAAAA' : ids[k]));
      const key = `${route.method} ${route.url}`;
      const res = await app.inject(as(coordinator, { method: route.method as 'GET', url, headers: { 'content-type': 'text/csv' },
        ...(bodies[key] ? { payload: JSON.stringify(bodies[key]), headers: { 'content-type': 'application/json' } } : route.url.endsWith('/imports') && route.method === 'POST' ? { payload: 'email\nz@example.org\n' } : {}) }));
      t.equal(res.statusCode, 404, `${key} with ${guessed ? 'a guessed' : 'partner B\'s'} id → 404 (got ${res.statusCode})`);
    }
  }
  const audit = (await app.inject(as(coordinator, { method: 'GET', url: `/api/audit?partnerId=${partnerB.id}` }))).json();
  t.notOk(audit.items.some((e: { partnerId: string }) => e.partnerId === partnerB.id), 'no audit entry of partner B');
  // Nothing of B changed.
  const stillB = app.services.contacts.get(contactB.id, { userId: admin.id, role: 'admin', partnerId: null });
  t.equal(stillB.status, 'active');
  t.equal(stillB.name, 'B Person');
  t.equal(app.services.imports.get(importB.id, { userId: admin.id, role: 'admin', partnerId: null }).status, 'ready');
});
