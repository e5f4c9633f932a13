import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/schemas.js';
import { scopeOf } from '../../plugins/auth.js';
import { codebookCsv } from './codebook.js';
import { companion, COMPANIONS } from './companions.js';
import { CodebookQuerySchema, CodebookSchema, ExportQuerySchema, FollowUpQuerySchema, SurveySlugParams } from './schemas.js';
import type { ExportsService } from './service.js';

const RESEARCH = { auth: ['admin', 'researcher'] as const };
const tags = ['exports'];

/** Header values are Latin-1: JSON with every other character escaped. */
const asciiJson = (value: unknown) => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Anonymised exports of responses and their codebook, for researchers and admins. */
const exportsRoutes: FastifyPluginAsyncTypebox<{ exports: ExportsService }> = async (app, { exports }) => {
  // no HEAD twin: a HEAD would be audited as an export that never leaves
  app.get('/api/surveys/:slug/export', {
    config: RESEARCH,
    exposeHeadRoute: false,
    schema: { tags, summary: 'Anonymised responses of every version, as CSV, NDJSON or XLSX (with a codebook sheet), streamed; the manifest (k, rows, suppressed values) is in the X-Export-Manifest header',
      params: SurveySlugParams, querystring: ExportQuerySchema, response: errorResponses(404, 422) },
  }, async (request, reply) => {
    const scope = scopeOf(request);
    const prepared = await exports.prepare(request.params.slug, request.query, { userId: scope.userId, role: scope.role });
    request.log.info({ survey: request.params.slug, rows: prepared.manifest.rows, format: request.query.format }, 'export started');
    return reply.type(prepared.contentType)
      .header('content-disposition', `attachment; filename="${prepared.fileName}"`)
      .header('cache-control', 'no-store')
      .header('x-export-manifest', asciiJson(prepared.manifest))
      .send(prepared.body);
  });

  for (const kind of ['datapackage', 'spss'] as const) {
    app.get(`/api/surveys/:slug/${kind}`, {
      config: RESEARCH,
      schema: { tags, summary: COMPANIONS[kind], params: SurveySlugParams, querystring: ExportQuerySchema, response: errorResponses(404) },
    }, async (request, reply) => {
      const file = companion(kind, await exports.describe(request.params.slug, request.query, scopeOf(request)), request.query.flavour === 'excel');
      return reply.type(file.type).header('content-disposition', `attachment; filename="${file.name}"`).send(file.text);
    });
  }

  app.get('/api/surveys/:slug/follow-up-contacts', {
    config: { auth: ['admin'] },
    exposeHeadRoute: false,
    schema: { tags, summary: 'Admins only, audited: the answers to personal questions (pii: an address left for a follow-up interview, say) with the partner and the date alone, as CSV',
      params: SurveySlugParams, querystring: FollowUpQuerySchema, response: errorResponses(403, 404) },
  }, async (request, reply) => {
    const contacts = await exports.followUpContacts(request.params.slug, request.query, scopeOf(request));
    request.log.info({ survey: request.params.slug, rows: contacts.rows }, 'follow-up contacts exported');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${contacts.fileName}"`)
      .header('cache-control', 'no-store').send(contacts.body);
  });

  app.get('/api/surveys/:slug/codebook', {
    config: RESEARCH,
    schema: { tags, summary: "Every exported column: the question's text in a language, type, value labels and codes, the versions it appears in",
      params: SurveySlugParams, querystring: CodebookQuerySchema,
      response: { 200: { content: { 'application/json': { schema: CodebookSchema }, 'text/csv': { schema: Type.String() } } }, ...errorResponses(404) } },
  }, async (request, reply) => {
    const codebook = await exports.codebook(request.params.slug, request.query);
    if (request.query.format === 'json') return codebook;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${codebook.survey}-codebook.csv"`).send(codebookCsv(codebook));
  });
};

export default exportsRoutes;
