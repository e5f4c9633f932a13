import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/schemas.js';
import { scopeOf } from '../../plugins/auth.js';
import type { AuditService } from '../audit/service.js';
import type { ImportsService, RowFilter } from './imports-service.js';
import { partnerOf } from './scope.js';
import {
  AuditEntrySchema, AuditQuerySchema, CommitResultSchema, ImportParams, ImportRowSchema, ImportRowsQuerySchema, ImportSchema, paged, RemapBodySchema,
} from './schemas.js';

const COORD = { auth: ['admin', 'coordinator'] as const };
const tags = ['imports'];

/** An import's life after upload: progress and preview, mapping, commit, discard. Plus the audit log. */
const importsRoutes: FastifyPluginAsyncTypebox<{ imports: ImportsService; audit: AuditService }> = async (app, { imports, audit }) => {
  app.get('/api/imports/:importId', {
    config: COORD,
    schema: { tags, summary: 'Progress, detected format and the preview counts', params: ImportParams, response: { 200: ImportSchema, ...errorResponses(404) } },
  }, async (request) => imports.get(request.params.importId, scopeOf(request)));

  app.get('/api/imports/:importId/rows', {
    config: COORD,
    schema: { tags, summary: 'Previewed rows with their problems (filter=problems for the rows that need a look)', params: ImportParams,
      querystring: ImportRowsQuerySchema, response: { 200: paged(ImportRowSchema), ...errorResponses(404) } },
  }, async (request) => imports.rows(request.params.importId, scopeOf(request), { ...request.query, filter: (request.query.filter ?? 'problems') as RowFilter }));

  app.put('/api/imports/:importId/request', {
    config: COORD,
    schema: { tags, summary: 'Read the file again with an explicit column mapping, encoding or delimiter', params: ImportParams, body: RemapBodySchema,
      response: { 200: ImportSchema, 202: ImportSchema, ...errorResponses(404, 409) } },
  }, async (request, reply) => {
    const { wait, ...wanted } = request.body;
    const { job, done } = imports.remap(request.params.importId, wanted, scopeOf(request));
    if (!wait) return reply.code(202).send(job);
    await done;
    return imports.get(job.id, scopeOf(request));
  });

  app.post('/api/imports/:importId/commit', {
    config: COORD,
    schema: { tags, summary: 'Import the accepted rows, all or nothing', params: ImportParams, response: { 200: CommitResultSchema, ...errorResponses(404, 409) } },
  }, async (request) => imports.commit(request.params.importId, scopeOf(request)));

  app.delete('/api/imports/:importId', {
    config: COORD,
    schema: { tags, summary: 'Discard a previewed import and its uploaded file', params: ImportParams, response: { 204: Type.Null(), ...errorResponses(404, 409) } },
  }, async (request, reply) => {
    imports.discard(request.params.importId, scopeOf(request));
    return reply.code(204).send(null);
  });

  app.get('/api/audit', {
    config: COORD,
    schema: { tags: ['audit'], summary: 'Who did what, when (a coordinator: their partner only); no personal data', querystring: AuditQuerySchema,
      response: { 200: paged(AuditEntrySchema), ...errorResponses() } },
  }, async (request) => {
    const own = partnerOf(scopeOf(request));
    const { page, pageSize, ...filter } = request.query;
    return audit.list({ ...filter, partnerId: own ?? filter.partnerId }, page, pageSize);
  });
};

export default importsRoutes;
