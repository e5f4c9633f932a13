/** A small published survey with every kind of answer the intake checks, and helpers to submit to it. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { as, type TestUser } from '../../../helper.js';

export const INTAKE_SURVEY = {
  title: { default: 'Living here', sv: 'Att bo här' },
  calculatedValues: [{ name: 'adult', expression: '{age} >= 18', includeIntoResult: true }],
  pages: [
    {
      name: 'about',
      elements: [
        { type: 'text', name: 'name', title: { default: 'Your first name', sv: 'Ditt förnamn' }, isRequired: true },
        { type: 'text', name: 'age', inputType: 'number', title: { default: 'Age', sv: 'Ålder' }, min: 16, max: 120 },
        { type: 'boolean', name: 'consent', title: { default: 'I agree', sv: 'Jag godkänner' }, isRequired: true },
        { type: 'radiogroup', name: 'home', title: { default: 'Home language', sv: 'Hemspråk' }, choices: ['sv', 'pl', 'ar'], showOtherItem: true },
        { type: 'text', name: 'email', inputType: 'email', title: { default: 'Email', sv: 'E-post' }, pii: true },
      ],
    },
    {
      name: 'life',
      visibleIf: '{consent} = true',
      elements: [
        { type: 'checkbox', name: 'topics', title: { default: 'Topics', sv: 'Ämnen' }, choices: ['work', 'housing', 'school'], showNoneItem: true, maxSelectedChoices: 2 },
        { type: 'comment', name: 'why', title: { default: 'Why work?', sv: 'Varför arbete?' }, visibleIf: "{topics} contains 'work'", maxLength: 500 },
        { type: 'rating', name: 'rate', title: { default: 'How is it?', sv: 'Hur är det?' }, rateMin: 1, rateMax: 5, isRequired: true },
        { type: 'matrix', name: 'grid', title: { default: 'Agree?', sv: 'Håller du med?' }, rows: ['a', 'b'], columns: [1, 2, 3] },
        { type: 'expression', name: 'score', expression: '{rate} * 2' },
      ],
    },
  ],
};

/** Answers that complete the survey. */
export const GOOD_ANSWERS = { name: 'Amina', age: 30, consent: true, home: 'pl', topics: ['work'], why: 'To live', rate: 4, grid: { a: 1, b: 3 } };

export async function publishSurvey(app: FastifyInstance, admin: TestUser, slug = 'living', definition: Record<string, unknown> = INTAKE_SURVEY) {
  const created = await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug, definition } }));
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const published = await app.inject(as(admin, { method: 'POST', url: `/api/surveys/${slug}/publish` }));
  if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);
}

export const newKey = () => randomUUID();

/** An intake request as `user`, with a fresh idempotency key unless one is given. */
export function submit(user: TestUser, method: 'POST' | 'PATCH', url: string, payload: unknown, key: string | null = newKey()): InjectOptions {
  return as(user, { method, url, payload: payload as InjectOptions['payload'], headers: key === null ? {} : { 'idempotency-key': key } });
}

export function count(app: FastifyInstance, table = 'responses'): number {
  return (app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
