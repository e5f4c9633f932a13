/**
 * Answering through a campaign's open link (shared in groups, printed as a QR code): anyone may
 * start a response, attributed to the campaign and its partner, and continue it with the resume
 * key they get back (the phone keeps it). Guards against ballot stuffing, and their limits: a
 * honeypot field catches naive bots; at most OPEN_STARTS_PER_HOUR starts per address and per
 * device cookie stop one person's repeated submissions from one browser; a cap on completed
 * responses bounds the damage. None of this stops a determined person with many addresses and
 * fresh browsers: open-link answers are marked as such, and researchers can filter them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { responses as responsesTable } from '../../db/schema/index.js';
import { ProblemError, conflict, notFound } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import { idempotencyKey } from '../responses/receipts.js';
import { ConsentSchema, IdempotencyHeaders, NoticeSchema, SubmissionBodySchema } from '../responses/schemas.js';
import type { ResponsesService } from '../responses/service.js';
import type { Links } from './links.js';

export const OPEN_STARTS_PER_HOUR = 30;
const DEVICE_COOKIE = 'relay_device';
const ADMIN = { userId: null, role: 'admin' as const, partnerId: null };

const StartBody = Type.Object({
  answers: Type.Optional(Type.Unknown()),
  locale: Type.Optional(Type.String({ maxLength: 35 })),
  complete: Type.Optional(Type.Boolean()),
  notice: Type.Optional(NoticeSchema),
  consent: Type.Optional(ConsentSchema),
  website: Type.Optional(Type.String({ description: 'honeypot: left empty by people (the field is hidden); anything in it discards the submission' })),
}, { additionalProperties: false });

export function resumeKey(secret: Buffer, responseId: string): string {
  return createHmac('sha256', secret).update(`resume:${responseId}`).digest('base64url');
}

const openRoutes: FastifyPluginAsyncTypebox<{ links: Links; responses: ResponsesService; secret: Buffer; clock: () => Date; secureCookies: boolean }> =
  async (app, { links, responses, secret, clock, secureCookies }) => {
    const starts = new Map<string, number[]>();
    function allow(key: string): boolean {
      const now = clock().getTime();
      const recent = (starts.get(key) ?? []).filter((t) => now - t < 3_600_000);
      if (starts.size > 50_000) starts.clear();
      if (recent.length >= OPEN_STARTS_PER_HOUR) return false;
      starts.set(key, [...recent, now]);
      return true;
    }

    function campaignOf(code: string, ip: string) {
      const r = links.openLink(code, ip);
      if (r === 'limited') throw new ProblemError(429, 'RATE_LIMITED', 'Too many attempts with links that do not work. Wait a minute and try again.');
      if (!r) throw notFound('This link');
      if (r.campaign.state !== 'running') throw conflict('This questionnaire is not open for answers.');
      return r.campaign;
    }

    /** Refuses once the open link has as many completed responses as its cap. */
    const underCap = (campaign: { id: string; openCap: number | null }) => (tx: Db) => {
      if (campaign.openCap === null) return;
      const done = tx.select({ n: sql<number>`count(*)` }).from(responsesTable)
        .where(and(eq(responsesTable.campaignId, campaign.id), eq(responsesTable.channel, 'open'), eq(responsesTable.state, 'completed'))).get()!.n;
      if (done >= campaign.openCap) throw new ProblemError(410, 'CAMPAIGN_FULL', 'This questionnaire has received all the answers it needs. Thank you!');
    };

    app.post('/c/:code/responses', {
      config: { auth: 'public' },
      schema: { tags: ['respondents'], summary: 'Start (or complete at once) a response through an open link; needs an Idempotency-Key header',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }), headers: IdempotencyHeaders, body: StartBody, response: errorResponses(404, 409, 410, 422, 429) },
    }, async (request, reply) => {
      const key = idempotencyKey(request.headers['idempotency-key']);
      const campaign = campaignOf(request.params.code, request.ip);
      const { website, ...submission } = request.body;
      // a bot filled the hidden field: answered as a success, stored nowhere
      if (website) return reply.code(201).send({ state: 'partial' });
      let device = request.cookies[DEVICE_COOKIE];
      if (!device || !/^[A-Za-z0-9_-]{22}$/.test(device)) {
        device = randomBytes(16).toString('base64url');
        reply.setCookie(DEVICE_COOKIE, device, { path: '/c/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 365 * 86_400 });
      }
      if (!allow(`ip:${campaign.id}:${request.ip}`) || !allow(`device:${campaign.id}:${device}`)) {
        throw new ProblemError(429, 'RATE_LIMITED', 'Many answers came from this connection or device in the last hour. Please try again later.');
      }
      const receipt = responses.start({ ...submission, versionId: campaign.versionId, partnerId: campaign.partnerId, campaignId: campaign.id, channel: 'open' },
        key, `open:${campaign.id}`, underCap(campaign));
      const id = String(receipt.body.id);
      return reply.code(receipt.status).send({ id, state: receipt.body.state, resumeKey: resumeKey(secret, id) });
    });

    const withKey = (request: { headers: Record<string, unknown>; params: { id: string } }) => {
      const given = Buffer.from(String(request.headers['relay-resume-key'] ?? ''));
      const expected = Buffer.from(resumeKey(secret, request.params.id));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notFound('The response');
    };

    for (const action of ['answers', 'complete'] as const) {
      app.post(`/c/:code/responses/:id/${action}`, {
        config: { auth: 'public' },
        schema: { tags: ['respondents'], summary: `${action === 'answers' ? 'Save answers of' : 'Complete'} an open-link response; needs the Relay-Resume-Key and Idempotency-Key headers`,
          params: Type.Object({ code: Type.String({ maxLength: 64 }), id: Type.String({ maxLength: 64 }) }), headers: IdempotencyHeaders, body: SubmissionBodySchema, response: errorResponses(404, 409, 410, 422, 429) },
      }, async (request, reply) => {
        const key = idempotencyKey(request.headers['idempotency-key']);
        const campaign = campaignOf(request.params.code, request.ip);
        withKey(request);
        if (responses.get(request.params.id, ADMIN).campaignId !== campaign.id) throw notFound('The response');
        const body = request.body ?? {};
        const receipt = action === 'answers'
          ? responses.save(request.params.id, body, key, ADMIN)
          : responses.complete(request.params.id, body, key, ADMIN, underCap(campaign));
        return reply.code(receipt.status).send({ id: request.params.id, state: receipt.body.state });
      });
    }
  };

export default openRoutes;
