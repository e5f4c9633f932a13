import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify';
import { ProblemError } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import { scopeOf } from '../../plugins/auth.js';
import { guardCell } from '../../spreadsheet-guard.js';
import type { ContactsService } from './contacts-service.js';
import type { ImportsService } from './imports-service.js';
import type { ListsService } from './service.js';
import {
  ContactQuerySchema, ContactSchema, CreateContactBodySchema, CreateListBodySchema, ImportSchema, ListParams, ListQuerySchema,
  ListSchema, paged, UpdateListBodySchema, UploadQuerySchema,
} from './schemas.js';

export interface ListsRoutesOptions { lists: ListsService; contacts: ContactsService; imports: ImportsService }

const COORD = { auth: ['admin', 'coordinator'] as const };
const tags = ['lists'];
export const IMPORT_CONTENT_TYPES = ['text/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream', 'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** Distribution lists of a partner: coordinators for their own partner, admins for any; researchers never. */
const listsRoutes: FastifyPluginAsyncTypebox<ListsRoutesOptions> = async (app, { lists, contacts, imports }) => {
  // Uploads stream to disk as they arrive instead of being buffered; the import service enforces its own size limit.
  app.removeContentTypeParser(['text/csv', 'text/plain']);
  app.addContentTypeParser(IMPORT_CONTENT_TYPES, (_request, payload, done) => done(null, payload));

  app.get('/api/lists', {
    config: COORD,
    schema: { tags, summary: 'Lists you may see (a coordinator: their partner\'s)', querystring: ListQuerySchema, response: { 200: paged(ListSchema), ...errorResponses() } },
  }, async (request) => lists.list(scopeOf(request), request.query));

  app.post('/api/lists', {
    config: COORD,
    schema: { tags, summary: 'Create a list (an admin names the partner)', body: CreateListBodySchema, response: { 201: ListSchema, ...errorResponses(409, 422) } },
  }, async (request, reply) => {
    reply.code(201);
    return lists.create(request.body, scopeOf(request));
  });

  app.get('/api/lists/:listId', {
    config: COORD,
    schema: { tags, summary: 'One list with counts by status', params: ListParams, response: { 200: ListSchema, ...errorResponses(404) } },
  }, async (request) => lists.getWithCounts(request.params.listId, scopeOf(request)));

  app.patch('/api/lists/:listId', {
    config: COORD,
    schema: { tags, summary: 'Rename or describe a list', params: ListParams, body: UpdateListBodySchema, response: { 200: ListSchema, ...errorResponses(404, 409) } },
  }, async (request) => lists.update(request.params.listId, request.body, scopeOf(request)));

  app.delete('/api/lists/:listId', {
    config: COORD,
    schema: { tags, summary: 'Delete a list and its contacts (opt-outs and erasures of the partner stay)', params: ListParams, response: { 204: Type.Null(), ...errorResponses(404) } },
  }, async (request, reply) => {
    lists.remove(request.params.listId, scopeOf(request));
    return reply.code(204).send(null);
  });

  app.get('/api/lists/:listId/contacts', {
    config: COORD,
    schema: { tags: ['contacts'], summary: 'Contacts of a list: search by email or name, filter by status, sort, page', params: ListParams,
      querystring: ContactQuerySchema, response: { 200: paged(ContactSchema), ...errorResponses(404) } },
  }, async (request) => contacts.list(request.params.listId, scopeOf(request), request.query));

  app.post('/api/lists/:listId/contacts', {
    config: COORD,
    schema: { tags: ['contacts'], summary: 'Add one contact', params: ListParams, body: CreateContactBodySchema, response: { 201: ContactSchema, ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => {
    reply.code(201);
    return contacts.create(request.params.listId, request.body, scopeOf(request));
  });

  app.get('/api/lists/:listId/contacts.csv', {
    config: COORD,
    schema: { tags: ['contacts'], summary: 'Download the list as CSV (UTF-8 with BOM; formula-like cells neutralised)', params: ListParams,
      produces: ['text/csv'], response: errorResponses(404) },
  }, async (request, reply) => {
    const list = lists.get(request.params.listId, scopeOf(request));
    const { attributeKeys, pages } = contacts.exportRows(list.id, scopeOf(request));
    const csv = stringify({ bom: true, header: true, columns: ['email', 'name', 'language', 'status', ...attributeKeys], cast: { string: guardCell } });
    Readable.from((function* () {
      for (const page of pages) for (const c of page) yield [c.email, c.name, c.language, c.status, ...attributeKeys.map((k) => c.attributes[k] ?? '')];
    })()).pipe(csv);
    const fileName = `${list.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'contacts'}.csv`;
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="contacts.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(csv);
  });

  app.post('/api/lists/:listId/imports', {
    config: COORD,
    bodyLimit: Number.MAX_SAFE_INTEGER,
    schema: { tags: ['imports'], summary: 'Upload a CSV or XLSX file (the raw file as the body) for a preview; nothing is imported until committed',
      params: ListParams, querystring: UploadQuerySchema, consumes: IMPORT_CONTENT_TYPES,
      response: { 201: ImportSchema, 202: ImportSchema, ...errorResponses(404, 413, 415) } },
  }, async (request, reply) => {
    const { wait, ...meta } = request.query;
    if (!(request.body instanceof Readable)) {
      throw new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the file itself as the body, with content-type text/csv or ${IMPORT_CONTENT_TYPES.at(-1)}.`);
    }
    const { job, done } = await imports.start(request.params.listId, request.body, meta, scopeOf(request));
    if (!wait) return reply.code(202).send(job);
    await done;
    return reply.code(201).send(imports.get(job.id, scopeOf(request)));
  });

  app.get('/api/lists/:listId/imports', {
    config: COORD,
    schema: { tags: ['imports'], summary: 'Import history of a list', params: ListParams, response: { 200: Type.Array(ImportSchema), ...errorResponses(404) } },
  }, async (request) => imports.history(request.params.listId, scopeOf(request)));
};

export default listsRoutes;
