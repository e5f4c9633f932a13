import t from 'tap';
import { as } from '../../../helper.js';
import { seed, SLUG, versionId } from './fixture.js';
import { CONTACT, csvRows, exportApp } from './setup.js';

t.test('follow-up contacts: admins alone export the personal answers with partner and date, audited; an erasure removes them', async (t) => {
  const { app, admin, researcher, coordinator, partner, campaignId } = await exportApp(t);
  const db = app.db.$client;
  const contact = db.prepare('SELECT id, list_id AS listId FROM contacts WHERE name = ?').get(CONTACT.name) as { id: string; listId: string };
  db.prepare(`INSERT INTO invitations (id, campaign_id, partner_id, list_id, contact_id, token_hash, language, delivery, created_at)
    VALUES ('inv-tracked', ?, ?, ?, ?, 'hash', 'en', 'sent', '2026-03-01T00:00:00.000Z')`).run(campaignId, partner.id, contact.listId, contact.id);
  const [tracked, open, other] = seed(app, [
    { partnerId: partner.id, campaignId, data: { fullname: CONTACT.name, mail: 'tracked.answer@example.org', gender: 'f', rate: 3 } },
    { partnerId: partner.id, at: '2026-04-02T08:00:00.000Z', data: { mail: ' Hidden.Contact@EXAMPLE.org ', phone: '+46 70 111 22 33', gender: 'm', rate: 2 } },
    { partnerId: partner.id, data: { fullname: 'Olga Other', mail: 'olga@example.org', gender: 'f', rate: 5 } },
    ...Array.from({ length: 5 }, () => ({ partnerId: partner.id, data: { gender: 'f', rate: 1 } })),
  ]);
  db.prepare("UPDATE responses SET invitation_id = 'inv-tracked', audit_input = ? WHERE id = ?").run(JSON.stringify({ locale: 'en', answers: { mail: 'tracked.answer@example.org', gender: 'f' } }), tracked);
  db.prepare(`INSERT INTO response_drafts (invitation_id, version_id, locale, data, started_at, updated_at) VALUES ('inv-tracked', ?, 'en', ?, '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`)
    .run(versionId(app, 2), JSON.stringify({ mail: 'tracked.answer@example.org', gender: 'f' }));

  const get = (user: typeof admin) => app.inject(as(user, { method: 'GET', url: `/api/surveys/${SLUG}/follow-up-contacts` }));
  for (const user of [researcher, coordinator]) {
    const res = await get(user);
    t.equal(res.statusCode, 403, `${user.role}: 403`);
    t.match(res.json(), { code: 'FORBIDDEN', detail: new RegExp(`needs the role admin; you are ${user.role}`) }, `${user.role}: with the reason`);
  }
  const before = await get(admin);
  t.equal(before.statusCode, 200);
  t.match(before.headers['content-disposition'], /lives-follow-up-contacts\.csv/);
  const rows = csvRows(before.body);
  t.same(Object.keys(rows[0]), ['partner', 'date', 'fullname', 'mail', 'phone'], 'the personal questions alone, with partner and date');
  t.same(rows.map((r) => `${r.partner}|${r.date}|${r.fullname}|${r.mail}|${r.phone}`).sort(), [
    `${partner.name}|2026-03-14|${CONTACT.name}|tracked.answer@example.org|`,
    `${partner.name}|2026-03-14|Olga Other|olga@example.org|`,
    `${partner.name}|2026-04-02|| Hidden.Contact@EXAMPLE.org |'+46 70 111 22 33`,
  ].sort(), 'only responses that left a personal answer; text guarded against formulas');
  const audit = db.prepare("SELECT actor_id AS actor, details FROM audit_log WHERE action = 'responses.export_contacts'").all() as Array<{ actor: string; details: string }>;
  t.equal(audit.length, 1, 'audited once (the refused requests export nothing)');
  t.equal(audit[0].actor, admin.id);
  t.match(JSON.parse(audit[0].details), { rows: 3, questions: ['fullname', 'mail', 'phone'] });
  t.notOk(/example\.org|Olga/.test(audit[0].details), 'the audit entry holds no answer');

  const erased = await app.inject(as(admin, { method: 'POST', url: '/api/erasures', payload: { email: CONTACT.email } }));
  t.equal(erased.statusCode, 200, erased.body);
  const data = (id: string) => JSON.parse((db.prepare('SELECT data FROM responses WHERE id = ?').get(id) as { data: string }).data) as Record<string, unknown>;
  t.same(data(tracked), { gender: 'f', rate: 3 }, "the erased contact's tracked response keeps its other answers only");
  t.same(data(open), { gender: 'm', rate: 2 }, 'an open-link response that left the same address (written otherwise) loses its personal answers');
  t.same(data(other), { fullname: 'Olga Other', mail: 'olga@example.org', gender: 'f', rate: 5 }, "someone else's stay");
  const leftovers = db.prepare(`SELECT (SELECT count(*) FROM responses WHERE data LIKE '%tracked.answer%' OR data LIKE '%idden.contact%' OR audit_input LIKE '%tracked.answer%')
    + (SELECT count(*) FROM response_drafts WHERE data LIKE '%tracked.answer%') AS n`).get() as { n: number };
  t.equal(leftovers.n, 0, 'nothing of it in responses, their re-check input or drafts');
  const after = csvRows((await get(admin)).body);
  t.same(after.map((r) => r.fullname), ['Olga Other'], 'the follow-up export no longer lists the erased person');
});
