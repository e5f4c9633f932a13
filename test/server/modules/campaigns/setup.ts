/** An app that mails through a real SMTP server on loopback, a published survey in three languages, and a partner's list. */
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { as, buildTestApp, createCast, createList, type logCollector } from '../../../helper.js';
import { INTAKE_SURVEY, publishSurvey } from '../responses/setup.js';
import { startSmtp, type Sink } from '../mail/smtp.js';

export const ADMIN_SCOPE = { userId: null, role: 'admin' as const, partnerId: null };

export const SURVEY = { ...INTAKE_SURVEY, title: { default: 'Living here', sv: 'Att bo här', ar: 'العيش هنا' } };

/** A clock the test moves. */
export function testClock(start = new Date('2026-12-01T09:00:00.000Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advanceDays: (days: number) => { now += days * 86_400_000; } };
}

export async function campaignApp(t: Test, { sink, clock, log }: { sink?: Sink; clock?: ReturnType<typeof testClock>; log?: ReturnType<typeof logCollector> } = {}) {
  const smtp = sink ?? await startSmtp();
  if (!sink) t.teardown(() => smtp.close());
  const app = await buildTestApp(t, { RELAY_SMTP_URL: smtp.url, RELAY_PUBLIC_URL: 'http://localhost:3000', RELAY_MAIL_RATE: '0', ...(log ? { RELAY_LOG_LEVEL: 'info' } : {}) },
    { ...(clock ? { clock: clock.now } : {}), ...(log ? { logStream: log.stream } : {}) });
  const cast = createCast(app);
  await publishSurvey(app, cast.admin, 'living', SURVEY);
  const list = createList(app, cast.partner.id, 'Migrants 2026');
  const people = [
    { email: 'sara@example.org', name: 'Sara', language: 'sv-SE' },
    { email: 'amal@example.org', name: 'Amal', language: 'ar' },
    { email: 'jonas@example.org', name: null, language: 'lt' },
  ].map((p) => app.services.contacts.create(list.id, { email: p.email, name: p.name ?? undefined, language: p.language }, ADMIN_SCOPE));
  return { app, smtp, ...cast, list, people };
}

export function campaignBody(listId: string, extra: Record<string, unknown> = {}) {
  return { name: 'Spring wave', survey: 'living', listIds: [listId], languages: ['en', 'sv', 'ar'], replyTo: 'office@partner.example.org', ...extra };
}

export async function createCampaign(app: FastifyInstance, user: Parameters<typeof as>[0], body: Record<string, unknown>) {
  const res = await app.inject(as(user, { method: 'POST', url: '/api/campaigns', payload: body }));
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return res.json() as { id: string; openLink: string; state: string };
}

/** Waits until the SMTP server has received `count` messages. */
export async function received(smtp: Sink, count: number, timeoutMs = 10_000) {
  const start = Date.now();
  while (smtp.received.length < count) {
    if (Date.now() - start > timeoutMs) throw new Error(`only ${smtp.received.length} of ${count} messages arrived`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return smtp.received;
}

/** The personal link and the unsubscribe link of a received message. */
export function linksOf(text: string) {
  return { link: /http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '', unsubscribe: /http:\/\/localhost:3000\/u\/[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '' };
}

/** Waits for a condition, such as the mailer having marked its messages sent (no fixed sleep). */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
