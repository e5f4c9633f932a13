import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { errorResponses } from '../../http/schemas.js';
import { scopeOf } from '../../plugins/auth.js';
import { VersionParamsSchema } from '../surveys/schemas.js';
import type { Receipt } from './receipts.js';
import { idempotencyKey } from './receipts.js';
import type { ResponsesService } from './service.js';
import { AuditReportSchema, IdempotencyHeaders, ResponseParams, ResponseSchema, StartBodySchema, SubmissionBodySchema } from './schemas.js';

const ENTRY = { auth: ['admin', 'coordinator'] as const };
const tags = ['responses'];

function send(reply: FastifyReply, receipt: Receipt) {
  if (receipt.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(receipt.status).send(receipt.body);
}

/**
 * Responses entered by API clients (a coordinator typing in paper questionnaires, another
 * system): the same intake the respondents' pages use, for a published survey version.
 */
const responsesRoutes: FastifyPluginAsyncTypebox<{ responses: ResponsesService }> = async (app, { responses }) => {
  app.post('/api/surveys/:slug/versions/:version/responses', {
    config: ENTRY,
    schema: { tags, summary: 'Start a response to a published version (optionally completing it at once); needs an Idempotency-Key header',
      params: VersionParamsSchema, headers: IdempotencyHeaders, body: StartBodySchema, response: { 200: ResponseSchema, 201: ResponseSchema, ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => {
    const key = idempotencyKey(request.headers['idempotency-key']);
    const scope = scopeOf(request);
    const { versionId } = responses.versions.find(request.params.slug, request.params.version);
    const { partnerId, ...submission } = request.body;
    return send(reply, responses.start({ ...submission, versionId, partnerId: responses.partnerFor(scope, partnerId), channel: 'api' }, key, scope.userId));
  });

  app.get('/api/responses/:responseId', {
    config: ENTRY,
    schema: { tags, summary: "A response (a coordinator sees their partner's only)", params: ResponseParams, response: { 200: ResponseSchema, ...errorResponses(404) } },
  }, async (request) => responses.get(request.params.responseId, scopeOf(request)));

  app.patch('/api/responses/:responseId', {
    config: ENTRY,
    schema: { tags, summary: 'Save answers of a partial response (a page at a time); values replace, null clears; needs an Idempotency-Key header',
      params: ResponseParams, headers: IdempotencyHeaders, body: SubmissionBodySchema, response: { 200: ResponseSchema, ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => send(reply,
    responses.save(request.params.responseId, request.body, idempotencyKey(request.headers['idempotency-key']), scopeOf(request))));

  app.post('/api/responses/:responseId/complete', {
    config: ENTRY,
    schema: { tags, summary: 'Complete a response: every visible page is validated, values of hidden questions are dropped; needs an Idempotency-Key header',
      params: ResponseParams, headers: IdempotencyHeaders, body: SubmissionBodySchema, response: { 200: ResponseSchema, ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => send(reply,
    responses.complete(request.params.responseId, request.body ?? {}, idempotencyKey(request.headers['idempotency-key']), scopeOf(request))));

  app.get('/api/responses/audit', {
    config: { auth: ['admin'] },
    schema: { tags, summary: "survey-core's re-check of completed responses: counts, and every response where it disagreed with our runtime",
      response: { 200: AuditReportSchema, ...errorResponses() } },
  }, async () => responses.auditReport());
};

export default responsesRoutes;
