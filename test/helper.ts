import { Writable } from 'node:stream';
import type { Test } from 'tap';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type BuildOptions } from '../server/app.js';
import { loadConfig, type Config } from '../server/config.js';
import type { Role } from '../server/db/schema/index.js';

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'first-admin-password-42';

/** A fresh app on its own temporary SQLite file, closed when the test ends. */
export async function buildTestApp(t: Test, env: Record<string, string> = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  // tap runs teardowns in the order they were added and removes t.testdir() in one of them:
  // closing first lets background work (the mail sender, imports) finish before the folder goes
  let app: FastifyInstance | undefined;
  t.teardown(() => app?.close());
  app = await buildApp(testConfig(t, env), options);
  return app;
}

/** Note: t.testdir() is one directory per test; pass RELAY_DATA_DIR to use several in one test. */
export function testConfig(t: Test, env: Record<string, string> = {}): Config {
  const dataDir = env.RELAY_DATA_DIR ?? t.testdir();
  return loadConfig({ RELAY_LOG_LEVEL: 'silent', RELAY_LOAD_EXAMPLES: 'false', ...env, RELAY_DATA_DIR: dataDir });
}

/** Collects log lines written by the app, for tests that read the log. */
export function logCollector() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString()); cb(); } });
  return { stream, lines, text: () => lines.join('') };
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  partnerId: string | null;
  /** Bearer authorization header value. */
  bearer: string;
}

let seq = 0;

/** A user with an API token, made through the services (fast: no password hashing). */
export function createUser(app: FastifyInstance, role: Role, partnerId: string | null = null): TestUser {
  const email = `${role}${++seq}@example.org`;
  const { user } = app.services.accounts.inviteUser({ email, role, partnerId });
  const { token } = app.services.accounts.createApiToken(user.id, 'test');
  return { id: user.id, email, role, partnerId, bearer: `Bearer ${token}` };
}

export function createPartner(app: FastifyInstance, name = `Partner ${++seq}`) {
  return app.services.partners.create({ name, country: 'SE', timeZone: 'Europe/Stockholm' });
}

/** One user of each role, the coordinator tied to a partner. */
export function createCast(app: FastifyInstance) {
  const partner = createPartner(app);
  return {
    partner,
    admin: createUser(app, 'admin'),
    coordinator: createUser(app, 'coordinator', partner.id),
    researcher: createUser(app, 'researcher'),
  };
}

export function as(user: TestUser, opts: InjectOptions): InjectOptions {
  return { ...opts, headers: { ...opts.headers, authorization: user.bearer } };
}

/** Signs in through the API and returns the session cookie header value. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'relay_session');
  return `relay_session=${cookie!.value}`;
}

/** A list of the partner, made through the service as an admin. */
export function createList(app: FastifyInstance, partnerId: string, name = `List ${++seq}`) {
  return app.services.lists.create({ name, partnerId }, { userId: null, role: 'admin', partnerId: null });
}

/** Uploads a file to a list and waits for its preview. */
export async function uploadImport(app: FastifyInstance, user: TestUser, listId: string, body: string | Buffer, query = '', contentType = 'text/csv') {
  const res = await app.inject(as(user, { method: 'POST', url: `/api/lists/${listId}/imports?wait=true${query}`, headers: { 'content-type': contentType }, payload: body }));
  return res;
}
