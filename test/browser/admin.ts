/**
 * The admin interface in a real browser: the real service on a real port with a first admin
 * (and, on request, the example surveys), pages at phone and desktop width, signing in through
 * the form, and screenshots of every screen saved as test artefacts (test-artifacts/screens/,
 * not committed).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { Test } from 'tap';
import { buildApp } from '../../server/app.js';
import { users } from '../../server/db/schema/index.js';
import { loadConfig } from '../../server/config.js';
import { ensureFirstAdmin, loadExampleSurveys } from '../../server/bootstrap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helper.js';
import { axeViolations, phonePage, PHONE } from './browser.js';
import { freePort } from './fixture.js';

export const DESKTOP = { viewport: { width: 1280, height: 860 } };
export const SCREENS_DIR = path.resolve('test-artifacts/screens');

export interface AdminFixture {
  app: FastifyInstance;
  origin: string;
  admin: { email: string; password: string };
}

/** The service on a free port with the first admin; closed when the test ends. */
export async function startAdmin(t: Test, options: { examples?: boolean; env?: Record<string, string> } = {}): Promise<AdminFixture> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    RELAY_DATA_DIR: t.testdir(), RELAY_LOG_LEVEL: 'silent', RELAY_PUBLIC_URL: origin, PORT: String(port),
    RELAY_ADMIN_EMAIL: ADMIN_EMAIL, RELAY_ADMIN_PASSWORD: ADMIN_PASSWORD, RELAY_LOAD_EXAMPLES: String(options.examples ?? false), ...options.env,
  });
  let app: FastifyInstance | undefined;
  t.teardown(() => app?.close());
  app = await buildApp(config);
  await ensureFirstAdmin(app);
  if (options.examples) loadExampleSurveys(app);
  await app.listen({ port, host: '127.0.0.1' });
  return { app, origin, admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } };
}

/** A new browser context (its own cookies and storage) and page, phone-sized unless asked otherwise. */
export async function adminPage(t: Test, browser: Browser, origin: string, size: 'phone' | 'desktop' = 'phone'): Promise<Page> {
  const context = await browser.newContext(size === 'phone' ? PHONE : DESKTOP);
  t.teardown(() => context.close());
  return phonePage(t, context, origin);
}

/** Opens a path under /admin and waits for the interface to start. */
export async function open(page: Page, origin: string, path = '/admin') {
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
}

/** Signs in through the form and waits for the menu. */
export async function signIn(page: Page, origin: string, email: string, password: string) {
  await open(page, origin);
  await page.getByLabel(/^email$/i).fill(email);
  await page.getByLabel(/^password$/i).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
}

/**
 * Checks the screen with axe-core (no serious or critical violation) and saves its screenshot at
 * phone and desktop width.
 */
export async function checkScreen(t: Test, page: Page, name: string) {
  t.same(await axeViolations(page), [], `${name}: axe-core finds no serious or critical violation`);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const size = page.viewportSize();
  for (const [label, viewport] of [['phone', PHONE.viewport], ['desktop', DESKTOP.viewport]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${label}.png`), fullPage: true });
  }
  if (size) await page.setViewportSize(size);
  // nothing wider than a phone's screen at 360 px
  await page.setViewportSize(PHONE.viewport);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  t.ok(overflow <= 0, `${name}: nothing scrolls sideways at 360 px (overflow ${overflow} px)`);
  if (size) await page.setViewportSize(size);
}

let seq = 0;

/** A user who can sign in through the form (their password set with their invitation's token). */
export async function staffUser(app: FastifyInstance, role: 'admin' | 'coordinator' | 'researcher', partnerId: string | null = null, options: { mustChangePassword?: boolean } = {}) {
  const email = `${role}.${++seq}@example.org`;
  const password = `${role} passphrase number ${seq}`;
  const { user, token } = app.services.accounts.inviteUser({ email, role, partnerId });
  await app.services.accounts.setPasswordWithToken(token, password);
  if (options.mustChangePassword) app.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id)).run();
  return { id: user.id, email, password, role, partnerId };
}

/** Waits for a condition outside the browser, such as mail at the SMTP server (no fixed sleep). */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
