/** A survey with every kind of exported answer, personal questions and quasi-identifiers, and a fast way to seed responses. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { as, type TestUser } from '../../../helper.js';
import { publishSurvey } from '../responses/setup.js';

export const SLUG = 'lives';

const elements = [
  { type: 'text', name: 'fullname', title: { default: 'Your name', sv: 'Ditt namn' }, pii: true },
  { type: 'text', name: 'mail', inputType: 'email', title: 'Email' },
  { type: 'text', name: 'phone', inputType: 'tel', title: 'Phone' },
  { type: 'radiogroup', name: 'gender', title: { default: 'Gender', sv: 'Kön' }, choices: [{ value: 'f', text: { default: 'Woman', sv: 'Kvinna' } }, { value: 'm', text: 'Man' }, { value: 'x', text: 'Other' }], quasiIdentifier: true },
  { type: 'checkbox', name: 'topics', title: 'Topics', choices: ['work', 'housing', 'school'], showOtherItem: true },
  { type: 'ranking', name: 'priorities', title: 'Priorities', choices: ['a', 'b', 'c'] },
  { type: 'matrix', name: 'grid', title: 'Agree?', rows: ['r1', 'r2'], columns: [1, 2, 3] },
  { type: 'matrixdropdown', name: 'jobs', title: 'Jobs', rows: ['now', 'before'],
    columns: [{ name: 'hours', cellType: 'text', inputType: 'number' }, { name: 'sector', cellType: 'dropdown', choices: ['public', 'private'] }] },
  { type: 'comment', name: 'story', title: 'Your story' },
  { type: 'text', name: 'note', title: 'A note' },
  { type: 'rating', name: 'rate', title: 'How is it?', rateMin: 1, rateMax: 5 },
  { type: 'boolean', name: 'ok', title: 'All fine?' },
];

export const SURVEY_V1 = { title: { default: 'Lives', sv: 'Liv' }, pages: [{ name: 'p1', elements }] };

/** Version 2: `rate` becomes a choice of words (another type under the same name), `city` is new. */
export const SURVEY_V2 = {
  title: { default: 'Lives', sv: 'Liv' },
  pages: [{ name: 'p1', elements: [
    ...elements.filter((e) => e.name !== 'rate'),
    { type: 'radiogroup', name: 'rate', title: 'How is it?', choices: ['low', 'high'] },
    { type: 'dropdown', name: 'city', title: 'City', choices: ['north', 'south'] },
  ] }],
};

export async function publishBoth(app: FastifyInstance, admin: TestUser) {
  await publishSurvey(app, admin, SLUG, SURVEY_V1);
  const replaced = await app.inject(as(admin, { method: 'PUT', url: `/api/surveys/${SLUG}/definition`, payload: SURVEY_V2 }));
  if (replaced.statusCode >= 300) throw new Error(`replace failed: ${replaced.body}`);
  const published = await app.inject(as(admin, { method: 'POST', url: `/api/surveys/${SLUG}/publish`, payload: { version: 2 } }));
  if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);
}

export function versionId(app: FastifyInstance, version: number): string {
  return (app.db.$client.prepare('SELECT v.id FROM survey_versions v JOIN surveys s ON s.id = v.survey_id WHERE s.slug = ? AND v.version = ?').get(SLUG, version) as { id: string }).id;
}

export interface Seed {
  version?: number;
  partnerId: string | null;
  campaignId?: string | null;
  locale?: string;
  state?: 'partial' | 'completed';
  at?: string;
  data: Record<string, unknown>;
}

/** Inserts responses straight into the table (the intake is tested elsewhere), each with an invitation id to look for. */
export function seed(app: FastifyInstance, rows: Seed[]): string[] {
  const insert = app.db.$client.prepare(`INSERT INTO responses (id, version_id, campaign_id, partner_id, invitation_id, channel, anonymous, locale, state, data, started_at, updated_at, completed_at)
    VALUES (?, ?, ?, ?, ?, 'personal', 'no', ?, ?, ?, ?, ?, ?)`);
  const ids = new Map<number, string>();
  const out: string[] = [];
  app.db.$client.transaction(() => {
    for (const r of rows) {
      const version = r.version ?? 1;
      if (!ids.has(version)) ids.set(version, versionId(app, version));
      const id = randomBytes(16).toString('hex');
      const at = r.at ?? '2026-03-14T10:11:12.345Z';
      const state = r.state ?? 'completed';
      insert.run(id, ids.get(version), r.campaignId ?? null, r.partnerId, `inv-${id}`, r.locale ?? 'default', state, JSON.stringify(r.data), at, at, state === 'completed' ? at : null);
      out.push(id);
    }
  })();
  return out;
}
