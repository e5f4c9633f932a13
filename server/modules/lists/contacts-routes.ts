import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/schemas.js';
import { scopeOf } from '../../plugins/auth.js';
import type { ContactsService } from './contacts-service.js';
import { ContactParams, ContactSchema, EraseEverywhereBodySchema, ErasureResultSchema, UpdateContactBodySchema } from './schemas.js';

const COORD = { auth: ['admin', 'coordinator'] as const };
const tags = ['contacts'];

/** Single contacts: edit, remove, opt out, erase; and an admin's erasure of an address everywhere. */
const contactsRoutes: FastifyPluginAsyncTypebox<{ contacts: ContactsService }> = async (app, { contacts }) => {
  app.get('/api/contacts/:contactId', {
    config: COORD,
    schema: { tags, summary: 'One contact', params: ContactParams, response: { 200: ContactSchema, ...errorResponses(404) } },
  }, async (request) => contacts.get(request.params.contactId, scopeOf(request)));

  app.patch('/api/contacts/:contactId', {
    config: COORD,
    schema: { tags, summary: 'Edit a contact (attributes are replaced as given)', params: ContactParams, body: UpdateContactBodySchema,
      response: { 200: ContactSchema, ...errorResponses(404, 409, 422) } },
  }, async (request) => contacts.update(request.params.contactId, request.body, scopeOf(request)));

  app.delete('/api/contacts/:contactId', {
    config: COORD,
    schema: { tags, summary: 'Remove a contact from its list (it may be imported again; to stop that, opt out or erase)', params: ContactParams,
      response: { 204: Type.Null(), ...errorResponses(404) } },
  }, async (request, reply) => {
    contacts.remove(request.params.contactId, scopeOf(request));
    return reply.code(204).send(null);
  });

  app.post('/api/contacts/:contactId/opt-out', {
    config: COORD,
    schema: { tags, summary: 'Opt the address out for this partner: never mailed by it again, skipped by later imports', params: ContactParams,
      response: { 200: ContactSchema, ...errorResponses(404, 409) } },
  }, async (request) => contacts.optOut(request.params.contactId, scopeOf(request)));

  app.post('/api/contacts/:contactId/erase', {
    config: COORD,
    schema: { tags, summary: 'Erase the person from every list of this partner (GDPR art. 17); only a keyed hash is kept to stop re-import',
      params: ContactParams, response: { 200: ErasureResultSchema, ...errorResponses(404) } },
  }, async (request) => contacts.erase(request.params.contactId, scopeOf(request)));

  app.post('/api/erasures', {
    config: { auth: ['admin'] },
    schema: { tags, summary: 'Erase an email address from every partner', body: EraseEverywhereBodySchema, response: { 200: ErasureResultSchema, ...errorResponses(422) } },
  }, async (request) => contacts.eraseEverywhere(request.body.email, scopeOf(request)));
};

export default contactsRoutes;
