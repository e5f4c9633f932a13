import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { randomToken } from './crypto.js';

export const EXAMPLE_SURVEYS_DIR = fileURLToPath(new URL('../surveys', import.meta.url));
export const INITIAL_PASSWORD_FILE = 'initial-admin-password.txt';

/**
 * The first admin, when the database has no user. With RELAY_ADMIN_PASSWORD that password is used;
 * otherwise one is generated into a file only the owner can read, and must be changed at first sign-in.
 * The log says where the file is, never the password.
 */
export async function ensureFirstAdmin(app: FastifyInstance): Promise<void> {
  const { adminEmail, adminPassword, dataDir } = app.config;
  const generated = adminPassword === undefined;
  const password = adminPassword ?? randomToken().slice(0, 24);
  const user = await app.services.accounts.ensureFirstAdmin(adminEmail!, password, generated);
  if (!user) return;
  if (generated) {
    const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    app.log.warn({ file, userId: user.id }, `first admin created; its one-time password is in ${file}; sign in and change it, then delete the file`);
  } else {
    app.log.info({ userId: user.id }, 'first admin created from RELAY_ADMIN_EMAIL / RELAY_ADMIN_PASSWORD');
  }
}

/** Loads surveys/*.json into an empty database and publishes them: the demo data. */
export function loadExampleSurveys(app: FastifyInstance, dir = EXAMPLE_SURVEYS_DIR): number {
  if (!app.config.loadExampleSurveys || app.services.surveys.count() > 0 || !fs.existsSync(dir)) return 0;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const slug = path.basename(file, '.json');
    const definition = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    app.services.surveys.create({ slug, definition }, null);
    app.services.surveys.publish(slug);
  }
  app.log.info({ count: files.length }, 'example surveys loaded');
  return files.length;
}

export async function bootstrap(app: FastifyInstance): Promise<void> {
  await ensureFirstAdmin(app);
  const { compiled, failed } = app.services.compiled.compilePublished();
  if (compiled || failed) app.log.info({ compiled, failed }, 'published survey versions compiled for phones');
  loadExampleSurveys(app);
  app.services.imports.recover();
}
