/**
 * Debian's Chromium driven by playwright-core, at a phone's viewport. Where no Chromium is
 * installed the browser tests are skipped, loudly (`npm test` installs it first where it can;
 * CI always has it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Test } from 'tap';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The browser for a test file, closed at its end; undefined (and a loud skip) without Chromium. */
export async function launch(t: Test): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    const why = `NO CHROMIUM at ${CHROMIUM}: browser tests SKIPPED. Install it with "apt-get install chromium" (or set CHROMIUM_PATH).`;
    process.stderr.write(`\n*** ${why} ***\n\n`);
    t.plan(0, why);
    return undefined;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  t.teardown(() => browser.close());
  return browser;
}

/** A phone-sized page that fails the test on any script error or request to another host. */
export async function phonePage(t: Test, context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => t.fail(`script error in the page: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(msg.text())) t.fail(`console error: ${msg.text()}`); });
  page.on('request', (req) => { if (!req.url().startsWith(origin) && !req.url().startsWith('data:')) t.fail(`request to another host: ${req.url()}`); });
  return page;
}

/** Waits until the client has hydrated the server-rendered page. */
export async function ready(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page (run outside the page's CSP, through the debugging protocol). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
