/**
 * Answering through a personal link, for the phone pages and API clients: partial answers go to
 * the invitation's draft (the first one marks the invitation started), completion turns the draft
 * into a response, once; in anonymous mode that response cannot be traced back to the invitation.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { invitations } from '../../db/schema/index.js';
import { notFound, ProblemError } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import type { InvitationGate } from '../responses/drafts.js';
import { idempotencyKey } from '../responses/receipts.js';
import { IdempotencyHeaders, SubmissionBodySchema } from '../responses/schemas.js';
import type { ResponsesService } from '../responses/service.js';
import type { Links, Resolved, Invitation } from './links.js';

const tags = ['respondents'];

const respondRoutes: FastifyPluginAsyncTypebox<{ links: Links; responses: ResponsesService; clock: () => Date }> = async (app, { links, responses, clock }) => {
  function resolve(token: string, ip: string): Resolved<Invitation> {
    const r = links.invitation(token, ip);
    if (r === 'limited') throw new ProblemError(429, 'RATE_LIMITED', 'Too many attempts with links that do not work. Wait a minute and try again.');
    if (!r) throw notFound('This link');
    const closes = r.campaign.closesAt ? new Date(r.campaign.closesAt) : undefined;
    if (r.campaign.state !== 'running' || (closes && closes <= clock())) throw new ProblemError(409, 'CAMPAIGN_CLOSED', 'This questionnaire is not open for answers.');
    return r;
  }

  function gate(inv: Invitation): InvitationGate {
    const where = eq(invitations.id, inv.id);
    return {
      completed: (tx: Db) => !!tx.select({ c: invitations.completed }).from(invitations).where(where).get()?.c,
      // only that it is completed: no time, so an anonymous response's date cannot be matched to it
      markCompleted: (tx: Db) => { tx.update(invitations).set({ completed: true }).where(where).run(); },
      saved: (tx: Db) => { tx.update(invitations).set({ startedAt: clock().toISOString() }).where(and(where, isNull(invitations.startedAt))).run(); },
    };
  }

  const schema = { tags, headers: IdempotencyHeaders, body: SubmissionBodySchema, hide: false };

  app.post<{ Params: { token: string } }>('/s/:token/answers', {
    config: { auth: 'public' },
    schema: { ...schema, summary: 'Save answers through a personal link (a page at a time); needs an Idempotency-Key header', response: errorResponses(404, 409, 422, 429) },
  }, async (request, reply) => {
    const key = idempotencyKey(request.headers['idempotency-key']);
    const { found: inv, campaign } = resolve(request.params.token, request.ip);
    const versionId = responses.drafts.get(inv.id)?.versionId ?? campaign.versionId;
    const receipt = responses.drafts.save(inv.id, versionId, request.body ?? {}, key, gate(inv));
    return reply.code(receipt.status).send(receipt.body);
  });

  app.post<{ Params: { token: string } }>('/s/:token/complete', {
    config: { auth: 'public' },
    schema: { ...schema, summary: 'Complete the answers of a personal link, once; needs an Idempotency-Key header', response: errorResponses(404, 409, 422, 429) },
  }, async (request, reply) => {
    const key = idempotencyKey(request.headers['idempotency-key']);
    const { found: inv, campaign } = resolve(request.params.token, request.ip);
    const versionId = responses.drafts.get(inv.id)?.versionId ?? campaign.versionId;
    const receipt = responses.drafts.complete(inv.id, { ...(request.body ?? {}), versionId, anonymous: campaign.mode === 'anonymous',
      campaignId: campaign.id, partnerId: campaign.partnerId, editable: campaign.allowEdit && campaign.mode === 'tracked' }, key, gate(inv));
    return reply.code(receipt.status).send(receipt.body);
  });
};

export default respondRoutes;
