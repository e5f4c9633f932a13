import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import { databaseFile, openDatabase, type Db } from './db/client.js';
import { loggerOptions } from './logger.js';
import { compilersFactory } from './schema-compilers.js';
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
import type { VersionCache } from './modules/responses/versions.js';
import { createI18n } from './i18n/index.js';
import { createMailer, type Mailer, type MailSource } from './modules/mail/sender.js';
import { warnIfOutboxInProduction } from './modules/mail/transport.js';
import { createCampaignsService, type CampaignsService } from './modules/campaigns/service.js';
import { createDefaultSource } from './modules/mail/source.js';
import { createScheduler } from './modules/campaigns/scheduler.js';
import { createLinks } from './modules/campaigns/links.js';
import campaignsRoutes from './modules/campaigns/routes.js';
import unsubscribePages from './modules/campaigns/pages.js';
import { assetRoutes, createAssets, type Assets } from './plugins/assets.js';
import respondPages from './modules/respond/routes.js';
import adminRoutes from './modules/admin/routes.js';
import respondRoutes from './modules/campaigns/respond-routes.js';
import openRoutes from './modules/campaigns/open-routes.js';
import bounceRoutes from './modules/campaigns/bounce-routes.js';
import waveRoutes from './modules/campaigns/wave-routes.js';
import { createWaves } from './modules/campaigns/waves.js';
import { eraseInvitations } from './modules/campaigns/erasure.js';
import { emailHasher, loadOrCreateSecret } from './secret.js';
import { createExportsService, type ExportsService } from './modules/exports/service.js';
import exportsRoutes from './modules/exports/routes.js';

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
  campaigns: CampaignsService;
  mailer: Mailer;
  /** starts, closes, reminders and retention; `tick()` runs them now */
  scheduler: ReturnType<typeof createScheduler>;
  i18n: ReturnType<typeof createI18n>;
  mailSource: MailSource;
  /** the answering pages' and the admin interface's scripts and stylesheets, bundled on first use */
  assets: Assets;
  exports: ExportsService;
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
    schemaController: { compilersFactory },
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
  const responses = createResponsesService({ db, compiled, clock, onCompleted: () => auditor.wake() });
  const services: Services = {
    accounts: createAccountsService({ db, log: app.log, clock, sessionTtlHours: config.sessionTtlHours, inviteTtlHours: config.inviteTtlHours }),
    partners: createPartnersService({ db, clock }),
    surveys: createSurveysService({ db, compiled, clock }),
    compiled,
    audit,
    lists,
    contacts: createContactsService({ db, audit, lists, hashEmail: emailHasher(secret), clock, erasureSteps: [eraseInvitations] }),
    imports: createImportsService({ db, dbFile, dataDir: config.dataDir, secret, lists, log: app.log, maxBytes: config.importMaxBytes, clock }),
    responses,
    auditor,
    ...campaignServices(responses.versions),
    assets: createAssets(),
    exports: createExportsService({ dbFile, versions: responses.versions, audit }),
  };
  // completed responses left unchecked by a crash or restart
  if (auditPending(db)) auditor.wake();
  /** Campaigns, the sender loop that delivers their mail, and the scheduler that moves them in time. */
  function campaignServices(versions: VersionCache) {
    const now = clock ?? (() => new Date());
    const i18n = createI18n();
    const source = createDefaultSource(db, config, secret, { log: app.log, clock: now, versions, i18n });
    const mailer = createMailer({ db, config, log: app.log, source, clock: now });
    const campaigns = createCampaignsService({ db, versions, secret, publicUrl: config.publicUrl, mailFrom: config.mailFrom, clock: now,
      queued: () => mailer.wake(), onStart: () => warnIfOutboxInProduction(config, app.log) });
    const scheduler = createScheduler({ db, clock: now, mailFrom: config.mailFrom, dataDir: config.dataDir, secret, launch: campaigns.launch, queued: () => mailer.wake() });
    return { campaigns, mailer, scheduler, i18n, mailSource: source };
  }
  app.decorate('services', services);
  app.addHook('onClose', async () => {
    // Imports on worker threads finish (or roll back) before the database closes.
    services.scheduler.stop();
    await services.mailer.stop(1000);
    await services.imports.close();
    await auditor.close();
    db.$client.close();
  });

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(problemPlugin);
  // pages and payloads go out compressed to phones on prepaid data; assets come precompressed
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
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
  const links = createLinks({ db, clock: clock ?? (() => new Date()), optOut: (contactId) => optOutQuietly(services, contactId) });
  await app.register(campaignsRoutes, { campaigns: services.campaigns, db });
  await app.register(assetRoutes, { assets: services.assets });
  await app.register(adminRoutes, { assets: services.assets });
  await app.register(respondPages, { links, versions: services.responses.versions, responses: services.responses, surveys: services.surveys, i18n: services.i18n, assets: services.assets,
    clock: clock ?? (() => new Date()), secureCookies: secureCookies(config.publicUrl) });
  await app.register(unsubscribePages, { links, i18n: services.i18n, assets: services.assets });
  await app.register(respondRoutes, { links, responses: services.responses, clock: clock ?? (() => new Date()) });
  await app.register(bounceRoutes, { db, source: services.mailSource });
  await app.register(waveRoutes, { waves: createWaves({ db, campaigns: services.campaigns, clock: clock ?? (() => new Date()) }) });
  await app.register(exportsRoutes, { exports: services.exports });
  await app.register(openRoutes, { links, responses: services.responses, secret, clock: clock ?? (() => new Date()), secureCookies: secureCookies(config.publicUrl) });
  app.addHook('onReady', async () => {
    warnIfOutboxInProduction(config, app.log);
    services.scheduler.start();
  });
  return app;
}

/** An unsubscribe of a contact erased meanwhile has nothing left to opt out. */
function optOutQuietly(services: Services, contactId: string) {
  try {
    services.contacts.optOut(contactId, { userId: null, role: 'admin', partnerId: null });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 409 && (err as { statusCode?: number }).statusCode !== 404) throw err;
  }
}

/** Secure cookies, except on plain http to another host than localhost (where browsers would drop them). */
function secureCookies(publicUrl: string): boolean {
  const u = new URL(publicUrl);
  return u.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}
