import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import { databaseFile, openDatabase, type Db } from './db/client.js';
import { loggerOptions } from './logger.js';
import problemPlugin from './plugins/problem.js';
import docsPlugin from './plugins/docs.js';
import authPlugin from './plugins/auth.js';
import healthRoutes from './modules/health/routes.js';
import { createAccountsService, type AccountsService } from './modules/accounts/service.js';
import meRoutes from './modules/accounts/me-routes.js';
import usersRoutes from './modules/accounts/users-routes.js';
import { createPartnersService, type PartnersService } from './modules/partners/service.js';
import partnersRoutes from './modules/partners/routes.js';
import { createSurveysService, type SurveysService } from './modules/surveys/service.js';
import surveysRoutes from './modules/surveys/routes.js';
import { createCompiledStore, type CompiledStore } from './modules/surveys/compiled-store.js';
import compiledRoutes from './modules/surveys/compiled-routes.js';
import { createAuditService, type AuditService } from './modules/audit/service.js';
import { createListsService, type ListsService } from './modules/lists/service.js';
import { createContactsService, type ContactsService } from './modules/lists/contacts-service.js';
import { createImportsService, type ImportsService } from './modules/lists/imports-service.js';
import listsRoutes from './modules/lists/lists-routes.js';
import contactsRoutes from './modules/lists/contacts-routes.js';
import importsRoutes from './modules/lists/imports-routes.js';
import { createResponsesService, type ResponsesService } from './modules/responses/service.js';
import responsesRoutes from './modules/responses/routes.js';
import { createAuditor } from './modules/responses/audit/auditor.js';
import { auditPending } from './modules/responses/audit/report.js';
import { emailHasher, loadOrCreateSecret } from './secret.js';

export interface Services {
  accounts: AccountsService;
  partners: PartnersService;
  surveys: SurveysService;
  compiled: CompiledStore;
  audit: AuditService;
  lists: ListsService;
  contacts: ContactsService;
  imports: ImportsService;
  responses: ResponsesService;
  /** survey-core's re-check thread; `idle()` resolves once every completed response is checked */
  auditor: ReturnType<typeof createAuditor>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    services: Services;
  }
}

export interface BuildOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  clock?: () => Date;
}

export const APP_VERSION = '0.1.0';

/** Builds the whole service from a validated config. Never reads process.env and never listens. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    // proxy-addr takes a hop count too; Fastify's types only list the other forms.
    trustProxy: config.trustProxy as boolean | string[],
    bodyLimit: config.bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const dbFile = databaseFile(config.dataDir);
  const db = openDatabase(dbFile);
  const secret = loadOrCreateSecret(config.dataDir);
  app.decorate('config', config);
  app.decorate('db', db);

  const clock = options.clock;
  const audit = createAuditService({ db, clock });
  const compiled = createCompiledStore({ db, log: app.log, clock });
  const lists = createListsService({ db, audit, clock });
  const auditor = createAuditor({ dbFile, log: app.log });
  const services: Services = {
    accounts: createAccountsService({ db, log: app.log, clock, sessionTtlHours: config.sessionTtlHours, inviteTtlHours: config.inviteTtlHours }),
    partners: createPartnersService({ db, clock }),
    surveys: createSurveysService({ db, compiled, clock }),
    compiled,
    audit,
    lists,
    contacts: createContactsService({ db, audit, lists, hashEmail: emailHasher(secret), clock }),
    imports: createImportsService({ db, dbFile, dataDir: config.dataDir, secret, lists, log: app.log, maxBytes: config.importMaxBytes, clock }),
    responses: createResponsesService({ db, compiled, clock, onCompleted: () => auditor.wake() }),
    auditor,
  };
  // completed responses left unchecked by a crash or restart
  if (auditPending(db)) auditor.wake();
  app.decorate('services', services);
  app.addHook('onClose', async () => {
    // Imports on worker threads finish (or roll back) before the database closes.
    await services.imports.close();
    await auditor.close();
    db.$client.close();
  });

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(problemPlugin);
  await app.register(cookie);
  await app.register(authPlugin, { accounts: services.accounts, publicUrl: config.publicUrl });
  await app.register(docsPlugin, { publicUrl: config.publicUrl, version: APP_VERSION });

  await app.register(healthRoutes, { db });
  await app.register(meRoutes, { accounts: services.accounts, secureCookies: secureCookies(config.publicUrl), loginMaxAttempts: config.loginMaxAttempts });
  await app.register(usersRoutes, { accounts: services.accounts, publicUrl: config.publicUrl });
  await app.register(partnersRoutes, { partners: services.partners });
  await app.register(surveysRoutes, { surveys: services.surveys });
  await app.register(compiledRoutes, { surveys: services.surveys, compiled });
  await app.register(listsRoutes, { lists, contacts: services.contacts, imports: services.imports });
  await app.register(contactsRoutes, { contacts: services.contacts });
  await app.register(importsRoutes, { imports: services.imports, audit });
  await app.register(responsesRoutes, { responses: services.responses });
  return app;
}

/** Secure cookies, except on plain http to another host than localhost (where browsers would drop them). */
function secureCookies(publicUrl: string): boolean {
  const u = new URL(publicUrl);
  return u.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}
