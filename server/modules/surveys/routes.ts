import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { invalid } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import { caller } from '../../plugins/auth.js';
import type { SurveysService } from './service.js';
import { isLocaleTag } from './definition/locale-tags.js';
import {
  CreateSurveyBodySchema, CsvQuerySchema, LocaleReportSchema, MergeReplySchema, PublishBodySchema, ReplaceReplySchema,
  SlugParamsSchema, SurveyDetailSchema, SurveySummarySchema, VersionParamsSchema, VersionQuerySchema, VersionSchema,
} from './schemas.js';

const READERS = { auth: ['admin', 'coordinator', 'researcher'] as const };
const ADMIN = { auth: ['admin'] as const };
const tags = ['surveys'];

/** Survey definitions: admins write; coordinators and researchers read (to run campaigns, to export). */
const surveysRoutes: FastifyPluginAsyncTypebox<{ surveys: SurveysService }> = async (app, { surveys }) => {
  app.get('/api/surveys', {
    config: READERS,
    schema: { tags, summary: 'All surveys with state, versions and languages', response: { 200: Type.Array(SurveySummarySchema), ...errorResponses() } },
  }, async () => surveys.list());

  app.post('/api/surveys', {
    config: ADMIN,
    schema: { tags, summary: 'Upload a new survey (version 1, draft); the slug is derived from the title when not given',
      body: CreateSurveyBodySchema, response: { 201: SurveyDetailSchema, ...errorResponses(409, 413, 422) } },
  }, async (request, reply) => {
    reply.code(201);
    return surveys.create(request.body, caller(request).id);
  });

  app.get('/api/surveys/:slug', {
    config: READERS,
    schema: { tags, summary: 'One survey and its versions', params: SlugParamsSchema, response: { 200: SurveyDetailSchema, ...errorResponses(404) } },
  }, async (request) => surveys.get(request.params.slug));

  app.put('/api/surveys/:slug/definition', {
    config: ADMIN,
    schema: { tags, summary: 'Replace the definition: adds a new draft version (published versions never change)',
      params: SlugParamsSchema, body: Type.Unknown({ description: 'A SurveyJS survey definition (JSON)' }),
      response: { 200: ReplaceReplySchema, 201: ReplaceReplySchema, ...errorResponses(404, 413, 422) } },
  }, async (request, reply) => {
    const result = surveys.replace(request.params.slug, request.body, caller(request).id);
    reply.code(result.created ? 201 : 200);
    return result;
  });

  app.get('/api/surveys/:slug/versions/:version', {
    config: READERS,
    schema: { tags, summary: 'One version with its full definition', params: VersionParamsSchema, response: { 200: VersionSchema, ...errorResponses(404) } },
  }, async (request) => surveys.getVersion(request.params.slug, request.params.version));

  app.post('/api/surveys/:slug/publish', {
    config: ADMIN,
    schema: { tags, summary: 'Publish the latest (or a given) version and open the survey', params: SlugParamsSchema,
      body: Type.Optional(PublishBodySchema), response: { 200: SurveyDetailSchema, ...errorResponses(404) } },
  }, async (request) => surveys.publish(request.params.slug, request.body?.version));

  app.post('/api/surveys/:slug/close', {
    config: ADMIN,
    schema: { tags, summary: 'Close the survey', params: SlugParamsSchema, response: { 200: SurveyDetailSchema, ...errorResponses(404) } },
  }, async (request) => surveys.close(request.params.slug));

  app.get('/api/surveys/:slug/languages', {
    config: READERS,
    schema: { tags, summary: 'Translation completeness per locale, with every missing string', params: SlugParamsSchema,
      querystring: VersionQuerySchema, response: { 200: LocaleReportSchema, ...errorResponses(404) } },
  }, async (request) => surveys.languages(request.params.slug, request.query.version));

  app.get('/api/surveys/:slug/translations.csv', {
    config: READERS,
    schema: { tags, summary: 'All strings as CSV: key, default text, one column per locale', params: SlugParamsSchema,
      querystring: CsvQuerySchema, produces: ['text/csv'], response: { 200: Type.String(), ...errorResponses(404, 422) } },
  }, async (request, reply) => {
    const extra = (request.query.add ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const bad = extra.filter((l) => !isLocaleTag(l));
    if (bad.length) throw invalid('Some added locales are not BCP 47 tags.', bad.map((l) => ({ pointer: '/add', message: `"${l}" is not a language tag` })));
    const { version, csv } = surveys.translationsCsv(request.params.slug, request.query.version, extra);
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.slug}-v${version}-translations.csv"`).send(csv);
  });

  app.put('/api/surveys/:slug/translations', {
    config: ADMIN,
    schema: { tags, summary: 'Upload a filled translation CSV (text/csv): merged into a new draft version', params: SlugParamsSchema,
      consumes: ['text/csv'], body: Type.String({ description: 'The CSV downloaded from translations.csv, filled in' }),
      response: { 200: MergeReplySchema, 201: MergeReplySchema, ...errorResponses(404, 413, 415, 422) } },
  }, async (request, reply) => {
    const result = surveys.mergeTranslations(request.params.slug, request.body, caller(request).id);
    reply.code(result.created ? 201 : 200);
    return result;
  });
};

export default surveysRoutes;
