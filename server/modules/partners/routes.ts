import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import { caller } from '../../plugins/auth.js';
import type { PartnersService } from './service.js';
import { CreatePartnerBodySchema, PartnerParamsSchema, PartnerSchema, UpdatePartnerBodySchema } from './schemas.js';

/** Partners: admins manage them; a coordinator sees only their own; researchers see all (for grouping exports). */
const partnersRoutes: FastifyPluginAsyncTypebox<{ partners: PartnersService }> = async (app, { partners }) => {
  app.get('/api/partners', {
    config: { auth: ['admin', 'coordinator', 'researcher'] },
    schema: { tags: ['partners'], summary: 'Partners you may see', response: { 200: Type.Array(PartnerSchema), ...errorResponses() } },
  }, async (request) => {
    const user = caller(request);
    return user.role === 'coordinator' ? partners.list().filter((p) => p.id === user.partnerId) : partners.list();
  });

  app.post('/api/partners', {
    config: { auth: ['admin'] },
    schema: { tags: ['partners'], summary: 'Create a partner', body: CreatePartnerBodySchema, response: { 201: PartnerSchema, ...errorResponses(409, 422) } },
  }, async (request, reply) => {
    reply.code(201);
    return partners.create(request.body);
  });

  app.get('/api/partners/:partnerId', {
    config: { auth: ['admin', 'coordinator', 'researcher'] },
    schema: { tags: ['partners'], summary: 'One partner', params: PartnerParamsSchema, response: { 200: PartnerSchema, ...errorResponses(404) } },
  }, async (request) => {
    const user = caller(request);
    // 404, not 403: a coordinator must not learn which other partners exist.
    if (user.role === 'coordinator' && user.partnerId !== request.params.partnerId) throw notFound('The partner');
    return partners.get(request.params.partnerId);
  });

  app.patch('/api/partners/:partnerId', {
    config: { auth: ['admin'] },
    schema: { tags: ['partners'], summary: 'Change a partner', params: PartnerParamsSchema, body: UpdatePartnerBodySchema,
      response: { 200: PartnerSchema, ...errorResponses(404, 409, 422) } },
  }, async (request) => partners.update(request.params.partnerId, request.body));
};

export default partnersRoutes;
