import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import QRCode from 'qrcode';
import type { Db } from '../../db/client.js';
import { errorResponses } from '../../http/schemas.js';
import { caller, scopeOf } from '../../plugins/auth.js';
import { campaignStatus } from './status.js';
import type { CampaignsService } from './service.js';
import { CampaignParams, CampaignSchema, CampaignSummarySchema, CreateCampaignSchema, StatusSchema, UpdateCampaignSchema } from './schemas.js';

const COORD = { auth: ['admin', 'coordinator'] as const };
const tags = ['campaigns'];

/** Campaigns of a partner: its coordinator or an admin creates, starts, pauses, resumes, closes them. */
const campaignsRoutes: FastifyPluginAsyncTypebox<{ campaigns: CampaignsService; db: Db }> = async (app, { campaigns, db }) => {
  const one = { params: CampaignParams, response: { 200: CampaignSchema, ...errorResponses(404, 409, 422) } };

  app.get('/api/campaigns', { config: COORD, schema: { tags, summary: 'Campaigns with their counts (a coordinator sees their partner\'s)', response: { 200: Type.Array(CampaignSummarySchema), ...errorResponses() } } },
    async (request) => campaigns.list(scopeOf(request)));

  app.post('/api/campaigns', {
    config: COORD,
    schema: { tags, summary: 'Create a campaign (a draft: nothing is sent until it starts)', body: CreateCampaignSchema, response: { 201: CampaignSchema, ...errorResponses(404, 422) } },
  }, async (request, reply) => reply.code(201).send(campaigns.create(request.body, scopeOf(request))));

  app.get('/api/campaigns/:campaignId', { config: COORD, schema: { tags, summary: 'One campaign', ...one } },
    async (request) => campaigns.view(campaigns.find(request.params.campaignId, scopeOf(request))));

  app.patch('/api/campaigns/:campaignId', { config: COORD, schema: { tags, summary: 'Change a draft, scheduled or paused campaign', ...one, body: UpdateCampaignSchema } },
    async (request) => campaigns.update(request.params.campaignId, request.body, scopeOf(request)));

  const actions = {
    start: 'Start: invitations are queued now, or at the start time if it is later',
    pause: 'Pause: messages not yet sent are held',
    resume: 'Resume a paused campaign',
    close: 'Close: no more messages; links show that the survey is closed',
  } as const;
  for (const [action, summary] of Object.entries(actions) as Array<[keyof typeof actions, string]>) {
    app.post(`/api/campaigns/:campaignId/${action}`, { config: COORD, schema: { tags, summary, ...one } },
      async (request) => campaigns[action](request.params.campaignId, scopeOf(request)));
  }

  app.post('/api/campaigns/:campaignId/version', {
    config: COORD,
    schema: { tags, summary: 'Move to a newer published version of the survey (responses keep the version they answered)', ...one,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }) },
  }, async (request) => campaigns.moveVersion(request.params.campaignId, request.body.version, scopeOf(request)));

  app.post('/api/campaigns/:campaignId/test-email', {
    config: COORD,
    schema: { tags, summary: 'Send yourself the invitation as a contact would get it (with a link that does not work)', params: CampaignParams,
      body: Type.Object({ language: Type.Optional(Type.String({ maxLength: 35 })) }, { additionalProperties: false }),
      response: { 202: Type.Object({ queued: Type.Literal(true), to: Type.String(), language: Type.String() }), ...errorResponses(404, 422) } },
  }, async (request, reply) => reply.code(202).send(campaigns.testEmail(request.params.campaignId, request.body.language, caller(request).email, scopeOf(request))));

  // the open link as a QR code for flyers: SVG to scale, PNG at print resolution; error correction M survives a creased flyer
  app.get('/api/campaigns/:campaignId/qr.svg', {
    config: COORD, schema: { tags, summary: "The open link's QR code as SVG", params: CampaignParams, response: errorResponses(404) },
  }, async (request, reply) => {
    const url = campaigns.view(campaigns.find(request.params.campaignId, scopeOf(request))).openLink;
    return reply.type('image/svg+xml').header('content-disposition', 'inline; filename="open-link.svg"')
      .send(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  });

  app.get('/api/campaigns/:campaignId/qr.png', {
    config: COORD, schema: { tags, summary: "The open link's QR code as PNG (1024 px)", params: CampaignParams, response: errorResponses(404) },
  }, async (request, reply) => {
    const url = campaigns.view(campaigns.find(request.params.campaignId, scopeOf(request))).openLink;
    return reply.type('image/png').header('content-disposition', 'attachment; filename="open-link.png"')
      .send(await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 1024 }));
  });

  app.get('/api/campaigns/:campaignId/status', {
    config: COORD,
    schema: { tags, summary: 'Status board: queued, sent, failed, bounced, opted out, opened, started, completed and response rate, by list and language',
      params: CampaignParams, response: { 200: StatusSchema, ...errorResponses(404) } },
  }, async (request) => campaignStatus(db, campaigns.find(request.params.campaignId, scopeOf(request)).id));
};

export default campaignsRoutes;
