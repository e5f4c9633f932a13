import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Id } from '../../http/schemas.js';
import { errorResponses } from '../../http/schemas.js';
import { scopeOf } from '../../plugins/auth.js';
import { CampaignSchema, CreateCampaignSchema, StatusSchema } from './schemas.js';
import type { Waves } from './waves.js';

const ADMIN = { auth: ['admin'] as const };
const tags = ['waves'];

const Shared = Type.Omit(CreateCampaignSchema, ['partnerId', 'listIds', 'senderName', 'replyTo', 'messages']);
const Member = Type.Composite([Type.Pick(CreateCampaignSchema, ['senderName', 'replyTo', 'messages']), Type.Object({ partnerId: Id, listIds: Type.Array(Id, { maxItems: 100 }) })], { additionalProperties: false });
const CreateWave = Type.Composite([Shared, Type.Object({ partners: Type.Array(Member, { maxItems: 200, description: "each partner's lists, and optionally its own sender name, reply-to and messages" }) })], { additionalProperties: false });
const WaveSchema = Type.Object({ id: Type.String(), name: Type.String(), surveyId: Type.String(), createdAt: Type.String(), campaigns: Type.Array(CampaignSchema) }, { additionalProperties: true });
const WaveStatus = Type.Object({
  total: Type.Omit(StatusSchema.properties.total, []),
  byPartner: Type.Array(Type.Composite([Type.Object({ campaignId: Type.String(), partnerId: Type.String(), state: Type.String() }), StatusSchema.properties.total])),
  byDay: StatusSchema.properties.byDay,
});
const Params = Type.Object({ waveId: Id });

/** Waves: an admin's launch of one questionnaire for several partners, with a combined board. */
const waveRoutes: FastifyPluginAsyncTypebox<{ waves: Waves }> = async (app, { waves }) => {
  app.get('/api/waves', { config: ADMIN, schema: { tags, summary: 'Waves', response: { 200: Type.Array(WaveSchema), ...errorResponses() } } }, async () => waves.list());

  app.post('/api/waves', {
    config: ADMIN,
    schema: { tags, summary: 'Create one draft campaign per partner, all or none', body: CreateWave, response: { 201: WaveSchema, ...errorResponses(422) } },
  }, async (request, reply) => reply.code(201).send(waves.create(request.body, scopeOf(request))));

  app.get('/api/waves/:waveId', { config: ADMIN, schema: { tags, summary: 'A wave and its campaigns', params: Params, response: { 200: WaveSchema, ...errorResponses(404) } } },
    async (request) => waves.get(request.params.waveId));

  for (const action of ['start', 'pause', 'resume', 'close'] as const) {
    app.post(`/api/waves/:waveId/${action}`, {
      config: ADMIN,
      schema: { tags, summary: `${action[0].toUpperCase()}${action.slice(1)} every campaign of the wave that can be`, params: Params, response: { 200: WaveSchema, ...errorResponses(404) } },
    }, async (request) => waves.act(request.params.waveId, action, scopeOf(request)));
  }

  app.get('/api/waves/:waveId/status', {
    config: ADMIN, schema: { tags, summary: 'Combined status board: each partner\'s counts and the sums', params: Params, response: { 200: WaveStatus, ...errorResponses(404) } },
  }, async (request) => waves.status(request.params.waveId));
};

export default waveRoutes;
