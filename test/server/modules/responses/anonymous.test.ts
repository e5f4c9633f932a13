/**
 * Anonymous mode, proven on the database itself: after personal-link respondents complete, no
 * table and no column ties an anonymous response to its invitation, its draft or its contact,
 * and neither the order of rows nor any time gives the link away.
 */
import { randomBytes } from 'node:crypto';
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, createCast, createList } from '../../../helper.js';
import type { InvitationGate } from '../../../../server/modules/responses/drafts.js';
import { GOOD_ANSWERS, newKey, publishSurvey } from './setup.js';

const ADMIN = { userId: null, role: 'admin' as const, partnerId: null };

/** The HTTP status a service call fails with, or 0. */
function statusOf(call: () => unknown): number {
  try {
    call();
    return 0;
  } catch (err) {
    return (err as { statusCode?: number }).statusCode ?? -1;
  }
}

/** Every cell of every table, as text. */
function everyCell(app: FastifyInstance): Array<{ table: string; column: string; value: string; row: Record<string, unknown> }> {
  const db = app.db.$client;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
  const cells = [];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row)) if (value !== null) cells.push({ table: name, column, value: String(value), row });
    }
  }
  return cells;
}

t.test('a completed anonymous response cannot be joined to its invitation or contact', async (t) => {
  const app = await buildTestApp(t);
  const { admin, partner } = createCast(app);
  await publishSurvey(app, admin);
  const versionId = app.services.responses.versions.find('living', 1).versionId;
  const list = createList(app, partner.id);
  const drafts = app.services.responses.drafts;
  const done = new Set<string>();
  const gate = (invitationId: string): InvitationGate => ({ completed: () => done.has(invitationId), markCompleted: () => { done.add(invitationId); } });

  // 20 contacts answer through their personal links, in two steps, in a known order
  const people = Array.from({ length: 20 }, (_, i) => {
    const contact = app.services.contacts.create(list.id, { email: `person${i}@example.org`, name: `Person ${i}` }, ADMIN);
    return { contact, invitationId: randomBytes(16).toString('base64url'), name: `Respondent-${i}-${randomBytes(4).toString('hex')}` };
  });
  for (const p of people) {
    const saved = drafts.save(p.invitationId, versionId, { answers: { name: p.name }, locale: 'sv' }, newKey(), gate(p.invitationId));
    t.equal(saved.body.state, 'draft');
  }
  t.same(drafts.get(people[0].invitationId)?.data, { name: people[0].name }, 'a draft resumes on another visit');
  const completions = people.map((p) => drafts.complete(p.invitationId, {
    versionId, anonymous: true, campaignId: 'campaign-1', partnerId: partner.id, answers: { ...GOOD_ANSWERS, name: p.name },
  }, newKey(), gate(p.invitationId)));
  t.ok(completions.every((c) => c.status === 200 && !('id' in c.body)), 'the respondent is not even told the response id');
  t.equal(statusOf(() => drafts.complete(people[0].invitationId, { versionId, anonymous: true, campaignId: 'campaign-1', partnerId: partner.id, answers: GOOD_ANSWERS },
    newKey(), gate(people[0].invitationId))), 409, 'an invitation completes once');

  const db = app.db.$client;
  t.equal((db.prepare('SELECT count(*) AS n FROM response_drafts').get() as { n: number }).n, 0, 'drafts deleted with the completion');
  const rows = db.prepare('SELECT * FROM responses').all() as Array<Record<string, string | null>>;
  t.equal(rows.length, 20);
  const cells = everyCell(app);

  for (const p of people) {
    const row = rows.find((r) => JSON.parse(r.data!).name === p.name)!;
    t.equal(row.invitation_id, null);
    t.equal(row.anonymous, 'yes');
    const secrets = [p.invitationId, p.contact.id, String(p.contact.email), String(p.contact.name)];
    const leaks = Object.values(row).filter((v) => v !== null && secrets.some((s) => String(v).includes(s)));
    t.same(leaks, [], `response of ${p.name} names nothing of its invitation or contact`);
    const elsewhere = cells.filter((c) => c.table !== 'responses' && (c.value.includes(row.id!) || c.value.includes(p.name)));
    t.same(elsewhere.map((c) => `${c.table}.${c.column}`), [], 'no other table names the response or its answers');
    for (const column of ['started_at', 'updated_at', 'completed_at']) t.match(row[column], /T00:00:00\.000Z$/, `${column} is a date only`);
  }
  const receipts = cells.filter((c) => c.table === 'intake_receipts');
  t.ok(receipts.every((c) => c.column !== 'expires_on' || /^\d{4}-\d\d-\d\d$/.test(c.value)), 'receipts expire on a date, not at a time');

  // order: no rowid, rows kept in id order, which is random with respect to completion order
  t.throws(() => db.prepare('SELECT rowid FROM responses').all(), /no such column/, 'responses has no rowid');
  const scanned = (db.prepare('SELECT id FROM responses').all() as Array<{ id: string }>).map((r) => r.id);
  t.same(scanned, [...scanned].sort(), 'a plain scan returns rows in id order');
  const byCompletion = people.map((p) => rows.find((r) => JSON.parse(r.data!).name === p.name)!.id);
  t.not(JSON.stringify(byCompletion), JSON.stringify(scanned), 'id order is not completion order');
  const auditColumns = (db.prepare("SELECT name FROM pragma_table_info('responses')").all() as Array<{ name: string }>).map((c) => c.name);
  t.notOk(auditColumns.some((c) => /audited|queued|seq/.test(c)), 'the re-check queue records no time or sequence');
});

t.test('a tracked completion keeps its invitation; the draft still goes', async (t) => {
  const app = await buildTestApp(t);
  const { admin, partner } = createCast(app);
  await publishSurvey(app, admin);
  const versionId = app.services.responses.versions.find('living', 1).versionId;
  const invitationId = randomBytes(16).toString('base64url');
  let completed = false;
  const gate: InvitationGate = { completed: () => completed, markCompleted: () => { completed = true; } };
  app.services.responses.drafts.save(invitationId, versionId, { answers: { name: 'Kim' } }, newKey(), gate);
  const r = app.services.responses.drafts.complete(invitationId, { versionId, anonymous: false, campaignId: null, partnerId: partner.id, answers: GOOD_ANSWERS }, newKey(), gate);
  const row = app.db.$client.prepare('SELECT * FROM responses WHERE id = ?').get(r.body.id) as Record<string, string>;
  t.equal(row.invitation_id, invitationId);
  t.notMatch(row.completed_at, /T00:00:00\.000Z$/, 'tracked responses keep their times');
  t.equal(completed, true, 'the gate marked the invitation');
  t.equal(statusOf(() => app.services.responses.drafts.save(invitationId, versionId, { answers: { name: 'x' } }, newKey(), gate)), 409, 'nor saved again');
});
