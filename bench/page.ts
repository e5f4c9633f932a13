/**
 * Respondent page benchmark: what a phone on a slow connection downloads and how long it waits for
 * the migrant survey (surveys/migrant-experience.json, in Arabic), on OUR open-link page (A:
 * /c/<openCode>?lang=ar of a running campaign) beside stock SurveyJS (B: survey-core +
 * survey-js-ui 2.5.38 from bench/stock/node_modules, served by a small gzip static server here),
 * in the same run, in headless Chromium: 360x740 phone (isMobile, hasTouch, deviceScaleFactor 2),
 * CPU throttled 4x, network 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency.
 *
 * Each run is a fresh browser context (empty cache): a first visit, then a repeat visit in the
 * same context (about:blank, then the link again, as a person opening it a second time). Runs
 * alternate A/B (ABBA…); every figure is the median of RUNS runs, printed beside stock as a ratio.
 *
 * Figures:
 *  - bytes: encodedDataLength of every response the page's CDP session sees (headers included;
 *    cache hits count 0, a 304 its headers), split by resource type; "server sent" is the bytes
 *    the server wrote on its sockets in the same window (catches requests the page session does
 *    not see, such as a service worker's);
 *  - first question visible: first `[data-name]` (ours) / `.sd-question` (stock) with a non-empty
 *    box and not visibility:hidden, checked every animation frame, as performance.now() of that
 *    frame (milliseconds from navigation start);
 *  - can be answered: ours when `document.documentElement.dataset.ready === '1'` (after the client
 *    hydrates) and the question is visible; stock renders with script, so the same moment as visible.
 *
 * Stock is served as a careful deployment would: versioned asset URLs with a year's immutable cache,
 * the HTML and the survey JSON revalidated (ETag, 304), gzip for text (STOCK_ENCODING=br: brotli 11,
 * to compare like with like when our server answers in brotli; the table's last lines say which
 * encodings each side used), the JSON fetch started at the top of <head> so it runs in parallel with
 * the scripts, the fontless CSS (the default one loads Open Sans from Google's CDN), survey-core's
 * Arabic strings. CDP files requests by type; a `<link rel="preload">` of data counts as "other".
 *
 * If our page cannot be set up, or shows no question with data-ready="1" within 30 s (in an
 * unthrottled warm-up), its times are "not available" and the runs do not wait for them.
 *
 *   npm run bench:page            (RUNS=5 STOCK_ENCODING=gzip by default; installs bench/stock on first use)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, errors, type Browser, type CDPSession, type Page } from 'playwright-core';

const { TimeoutError } = errors;

const RUNS = Number(process.env.RUNS ?? 5);
const PROBE_TIMEOUT_MS = 30_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STOCK_DIR = path.join(ROOT, 'bench', 'stock');
const SURVEY_FILE = path.join(ROOT, 'surveys', 'migrant-experience.json');
const STOCK_VERSION = '2.5.38';
/** gzip (default, like a plain server) or br (precompressed at quality 11, like a tuned static deploy) for stock's text files */
const STOCK_ENCODING = process.env.STOCK_ENCODING === 'br' ? 'br' : 'gzip';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_RATE = 4;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

const TYPES = ['document', 'script', 'stylesheet', 'fetch/xhr', 'other'] as const;
type Kind = typeof TYPES[number];

interface Probe { visible: number | null; ready: number | null }

interface Visit {
  bytes: number;
  byType: Record<Kind, number>;
  /** responses that came over the network (a 304 included) */
  requests: number;
  /** responses served from the HTTP cache or a service worker */
  cached: number;
  serverBytes: number;
  /** ms from navigation start; null when the page never showed it within the timeout */
  visible: number | null;
  answerable: number | null;
  fcp: number | null;
  encodings: Set<string>;
}

interface Target {
  label: string;
  url: string;
  selector: string;
  /** the page says it can be answered (ours: hydrated); stock has no such signal */
  readyFlag: boolean;
  serverBytes: () => number;
  stop: () => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// (B) stock SurveyJS on a tiny static server

function ensureStock() {
  if (fs.existsSync(path.join(STOCK_DIR, 'node_modules', 'survey-js-ui', 'package.json'))) return;
  console.log('installing stock SurveyJS into bench/stock/node_modules …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', STOCK_DIR, '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`npm install --prefix bench/stock failed (${result.status ?? result.error})`);
}

/** Sums what a server wrote on every socket it ever had (bytesWritten stays readable after close). */
function socketCounter(server: http.Server | net.Server) {
  const sockets = new Set<net.Socket>();
  let closed = 0;
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => { closed += socket.bytesWritten; sockets.delete(socket); });
  });
  return () => closed + [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0);
}

interface Asset { body: Buffer; packed: Buffer | null; type: string; etag: string; cache: string }

/** Text compressed once at start (gzip at zlib's default level 6, or brotli 11), as a static server with a cache of compressed files would. */
function asset(body: Buffer | string, type: string, cache: string): Asset {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const text = /^(text\/|application\/(javascript|json))/.test(type);
  const packed = !text ? null : STOCK_ENCODING === 'br' ? zlib.brotliCompressSync(buf) : zlib.gzipSync(buf);
  return { body: buf, packed, type, etag: `"${createHash('sha1').update(buf).digest('base64url')}-${STOCK_ENCODING}"`, cache };
}

function stockHtml(core: string, ui: string) {
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<script>window.surveyJson = fetch('/survey.json').then(function (r) { return r.json(); });</script>
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Survey</title>
<link rel="stylesheet" href="${core}/survey-core.fontless.min.css">
<script src="${core}/survey.core.min.js"></script>
<script src="${core}/i18n/arabic.min.js"></script>
<script src="${ui}/survey-js-ui.min.js"></script>
</head><body><div id="survey"></div>
<script>
Survey.Serializer.addProperty('question', { name: 'quasiIdentifier:boolean', default: false });
Survey.Serializer.addProperty('question', { name: 'pii:boolean', default: false });
window.surveyJson.then(function (json) {
  var model = new Survey.Model(json);
  model.locale = 'ar';
  SurveyUI.renderSurvey(model, document.getElementById('survey'));
});
</script></body></html>`;
}

async function startStock(): Promise<Target> {
  ensureStock();
  const modules = path.join(STOCK_DIR, 'node_modules');
  const core = `/npm/survey-core@${STOCK_VERSION}`;
  const ui = `/npm/survey-js-ui@${STOCK_VERSION}`;
  for (const name of ['survey-core', 'survey-js-ui']) {
    const version = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
    if (version !== STOCK_VERSION) throw new Error(`bench/stock has ${name} ${version}, expected ${STOCK_VERSION}: delete bench/stock/node_modules`);
  }
  const immutable = 'public, max-age=31536000, immutable';
  const revalidate = 'no-cache';
  const file = (p: string) => fs.readFileSync(path.join(modules, p));
  const assets = new Map<string, Asset>([
    ['/', asset(stockHtml(core, ui), 'text/html; charset=utf-8', revalidate)],
    ['/survey.json', asset(fs.readFileSync(SURVEY_FILE), 'application/json; charset=utf-8', revalidate)],
    [`${core}/survey-core.fontless.min.css`, asset(file('survey-core/survey-core.fontless.min.css'), 'text/css; charset=utf-8', immutable)],
    [`${core}/survey.core.min.js`, asset(file('survey-core/survey.core.min.js'), 'application/javascript; charset=utf-8', immutable)],
    [`${core}/i18n/arabic.min.js`, asset(file('survey-core/i18n/arabic.min.js'), 'application/javascript; charset=utf-8', immutable)],
    [`${ui}/survey-js-ui.min.js`, asset(file('survey-js-ui/survey-js-ui.min.js'), 'application/javascript; charset=utf-8', immutable)],
  ]);
  const server = http.createServer((req, res) => {
    const a = assets.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!a || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-length': 9 }).end('not found');
      return;
    }
    const headers: http.OutgoingHttpHeaders = { 'content-type': a.type, etag: a.etag, 'cache-control': a.cache, vary: 'Accept-Encoding' };
    if (req.headers['if-none-match'] === a.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const packed = a.packed && new RegExp(`\\b${STOCK_ENCODING}\\b`).test(String(req.headers['accept-encoding'] ?? ''));
    const body = packed ? a.packed! : a.body;
    if (packed) headers['content-encoding'] = STOCK_ENCODING;
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  const sent = socketCounter(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    label: 'stock SurveyJS', url: `http://127.0.0.1:${port}/`, selector: '.sd-question', readyFlag: false, serverBytes: sent,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

// ---------------------------------------------------------------------------------------------
// (A) our open-link page of a running campaign

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startOurs(): Promise<Target> {
  const { buildApp } = await import('../server/app.js');
  const { loadConfig } = await import('../server/config.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-bench-page-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = await buildApp(loadConfig({ RELAY_DATA_DIR: dir, RELAY_LOG_LEVEL: 'silent', RELAY_LOAD_EXAMPLES: 'false', RELAY_PUBLIC_URL: origin, RELAY_MAIL_RATE: '0' }));
  try {
    const scope = { userId: null, role: 'admin' as const, partnerId: null };
    const partner = app.services.partners.create({ name: 'Bench partner', country: 'SE', timeZone: 'Europe/Stockholm' });
    app.services.surveys.create({ slug: 'migrant-experience', definition: JSON.parse(fs.readFileSync(SURVEY_FILE, 'utf8')) }, null);
    app.services.surveys.publish('migrant-experience');
    const list = app.services.lists.create({ name: 'Bench list (empty: the open link is measured)', partnerId: partner.id }, scope);
    const campaign = app.services.campaigns.create({ name: 'Page bench', survey: 'migrant-experience', partnerId: partner.id, listIds: [list.id],
      languages: ['ar', 'en', 'sv'] }, scope);
    const started = app.services.campaigns.start(campaign.id, scope);
    if (started.state !== 'running') throw new Error(`campaign is ${started.state}, not running`);
    const code = new URL(started.openLink).pathname.split('/').pop();
    await app.listen({ port, host: '127.0.0.1' });
    const sent = socketCounter(app.server);
    return {
      label: 'ours', url: `${origin}/c/${code}?lang=ar`, selector: '[data-name]', readyFlag: true, serverBytes: sent,
      stop: async () => { await app.close(); fs.rmSync(dir, { recursive: true, force: true }); },
    };
  } catch (err) {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// measuring one visit

/**
 * Runs in the page before any of its scripts: the frame in which the first question shows, the
 * moment the page says it is ready. A string, not a function: tsx's name-keeping helper (__name)
 * does not exist in the page.
 */
function probeScript(selector: string, readyFlag: boolean) {
  return `(() => {
  if (window.top !== window) return;
  const selector = ${JSON.stringify(selector)};
  const probe = window.__bench = { visible: null, ready: ${readyFlag ? 'null' : '0'} };
  const shown = () => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const readyNow = () => !!document.documentElement && document.documentElement.dataset.ready === '1';
  if (probe.ready === null) {
    new MutationObserver(() => { if (probe.ready === null && readyNow()) probe.ready = performance.now(); })
      .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  }
  const frame = () => {
    if (probe.visible === null && shown()) probe.visible = performance.now();
    if (probe.ready === null && readyNow()) probe.ready = performance.now();
    if (probe.visible === null || probe.ready === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;
}

const kindOf = (type: string | undefined): Kind =>
  type === 'Document' ? 'document' : type === 'Script' ? 'script' : type === 'Stylesheet' ? 'stylesheet' : type === 'Fetch' || type === 'XHR' ? 'fetch/xhr' : 'other';

/** Every response the page's CDP session sees, from start() on. */
function recorder(cdp: CDPSession) {
  let types = new Map<string, Kind>();
  let inflight = new Set<string>();
  let lastActivity = 0;
  let cached = new Set<string>();
  let result = { bytes: 0, byType: emptySplit(), requests: 0, cached: 0, encodings: new Set<string>() };
  const done = (id: string) => { inflight.delete(id); lastActivity = performance.now(); };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith('data:')) return;
    types.set(e.requestId, kindOf(e.type));
    inflight.add(e.requestId);
    lastActivity = performance.now();
  });
  cdp.on('Network.requestServedFromCache', (e) => { cached.add(e.requestId); });
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) cached.add(e.requestId);
    const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
    if (e.response.status !== 304 && !e.response.fromDiskCache) result.encodings.add(`${kindOf(e.type)}:${encoding || 'identity'}`);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const kind = types.get(e.requestId);
    if (!kind) return;
    result.bytes += e.encodedDataLength;
    result.byType[kind] += e.encodedDataLength;
    if (cached.has(e.requestId)) result.cached++;
    else result.requests++;
    done(e.requestId);
  });
  cdp.on('Network.loadingFailed', (e) => done(e.requestId));
  return {
    start() {
      types = new Map();
      inflight = new Set();
      cached = new Set();
      lastActivity = performance.now();
      result = { bytes: 0, byType: emptySplit(), requests: 0, cached: 0, encodings: new Set() };
    },
    result: () => result,
    /** No request in flight for `quietMs` (or `capMs` passed). */
    async idle(quietMs = 500, capMs = 10_000) {
      const start = performance.now();
      while (performance.now() - start < capMs) {
        if (inflight.size === 0 && performance.now() - lastActivity >= quietMs) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

function emptySplit(): Record<Kind, number> {
  return { document: 0, script: 0, stylesheet: 0, 'fetch/xhr': 0, other: 0 };
}

async function visit(page: Page, net: ReturnType<typeof recorder>, target: Target, waitForProbe: boolean): Promise<{ visit: Visit; timedOut: boolean }> {
  await page.goto('about:blank');
  net.start();
  const before = target.serverBytes();
  let timedOut = false;
  try {
    await page.goto(target.url, { waitUntil: 'load', timeout: 60_000 });
    if (waitForProbe) {
      // polled with CDP evaluations, not waitForFunction: our page's CSP forbids the eval that one uses
      const deadline = performance.now() + PROBE_TIMEOUT_MS;
      while (!(await page.evaluate('!!window.__bench && window.__bench.visible !== null && window.__bench.ready !== null'))) {
        if (performance.now() > deadline) throw new TimeoutError(`no visible ${target.selector}${target.readyFlag ? ' and data-ready="1"' : ''} within ${PROBE_TIMEOUT_MS} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (err) {
    if (!(err instanceof TimeoutError)) throw err;
    timedOut = true;
  }
  await net.idle();
  // the paint entry is queued after the frame is presented: give it a moment when something was shown
  let seen: { probe: Probe; fcp: number | null };
  const waitFcp = performance.now() + 3000;
  do {
    seen = await page.evaluate(`({
      probe: window.__bench || { visible: null, ready: null },
      fcp: performance.getEntriesByName('first-contentful-paint').length ? performance.getEntriesByName('first-contentful-paint')[0].startTime : null,
    })`) as { probe: Probe; fcp: number | null };
    if (seen.fcp !== null || timedOut) break;
    await new Promise((r) => setTimeout(r, 100));
  } while (performance.now() < waitFcp);
  const { visible, ready } = seen.probe;
  const r = net.result();
  return {
    timedOut,
    visit: {
      bytes: r.bytes, byType: r.byType, requests: r.requests, cached: r.cached, encodings: r.encodings, serverBytes: target.serverBytes() - before,
      visible, answerable: visible === null || ready === null ? null : Math.max(visible, ready), fcp: seen.fcp,
    },
  };
}

/** One run: a fresh context, a first and a repeat visit. */
async function run(browser: Browser, target: Target, throttled: boolean, waitForProbe: boolean) {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    await page.addInitScript(probeScript(target.selector, target.readyFlag));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', NETWORK);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    }
    const net = recorder(cdp);
    const first = await visit(page, net, target, waitForProbe);
    const repeat = await visit(page, net, target, waitForProbe && !first.timedOut);
    return { first: first.visit, repeat: repeat.visit, timedOut: first.timedOut || repeat.timedOut };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// report

function median(xs: Array<number | null>): number | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const kb = (n: number | null) => (n === null ? 'not available' : `${(n / 1024).toFixed(1)} KiB`);
const ms = (n: number | null) => (n === null ? 'not available' : `${Math.round(n)} ms`);
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? '-' : (a / b).toFixed(3));

function print(oursRuns: Array<{ first: Visit; repeat: Visit }> | null, stockRuns: Array<{ first: Visit; repeat: Visit }>, oursNote: string) {
  const rows: Array<[string, string, string, string]> = [];
  for (const which of ['first', 'repeat'] as const) {
    const A = oursRuns?.map((r) => r[which]) ?? null;
    const B = stockRuns.map((r) => r[which]);
    const add = (label: string, pick: (v: Visit) => number | null, fmt: (n: number | null) => string) => {
      const a = A ? median(A.map(pick)) : null;
      const b = median(B.map(pick));
      rows.push([label, A ? fmt(a) : oursNote, fmt(b), ratio(a, b)]);
    };
    const title = which === 'first' ? 'first visit (empty cache)' : 'repeat visit (same context)';
    rows.push([title, '', '', '']);
    add('  bytes transferred', (v) => v.bytes, kb);
    for (const kind of TYPES) add(`    ${kind}`, (v) => v.byType[kind], kb);
    add('  server sent (check)', (v) => v.serverBytes, kb);
    const count = (n: number | null) => (n === null ? 'not available' : String(n));
    add('  responses over the network', (v) => v.requests, count);
    add('  responses from cache', (v) => v.cached, count);
    add('  first contentful paint', (v) => v.fcp, ms);
    add('  first question visible', (v) => v.visible, ms);
    add('  can be answered', (v) => v.answerable, ms);
    rows.push(['', '', '', '']);
  }
  const header: [string, string, string, string] = ['', 'ours (A)', `stock SurveyJS ${STOCK_VERSION} (B)`, 'ours/stock'];
  const all = [header, ...rows];
  const width = [0, 1, 2, 3].map((i) => Math.max(...all.map((r) => r[i].length)));
  for (const r of all) console.log(`${r[0].padEnd(width[0])}  ${r[1].padStart(width[1])}  ${r[2].padStart(width[2])}  ${r[3].padStart(width[3])}`.trimEnd());
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  if (!fs.existsSync('/usr/bin/chromium')) throw new Error('no Chromium at /usr/bin/chromium (apt-get install -y chromium)');
  const stock = await startStock();
  let ours: Target | null = null;
  const oursNote = 'not available';
  try {
    ours = await startOurs();
  } catch (err) {
    const faults = (err as { errors?: unknown }).errors;
    console.log(`ours: could not start the app with a running campaign (${err instanceof Error ? err.message : err}${faults ? ` ${JSON.stringify(faults)}` : ''}); measuring stock only`);
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    console.log(`${browser.version()} headless, ${PHONE.viewport.width}x${PHONE.viewport.height} @${PHONE.deviceScaleFactor}x touch, CPU ${CPU_RATE}x slower, ` +
      `${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down, ${NETWORK.uploadThroughput * 8 / 1e3} kbit/s up, ${NETWORK.latency} ms latency; ${os.cpus().length} cores`);
    // warm-up, unthrottled and not counted: the servers' first requests, and whether our page shows its questions at all
    await run(browser, stock, false, true);
    let oursProbe = false;
    if (ours) {
      const warm = await run(browser, ours, false, true);
      oursProbe = !warm.timedOut;
      if (!oursProbe) console.log(`ours: no visible ${ours.selector} with data-ready="1" within ${PROBE_TIMEOUT_MS / 1000} s at ${ours.url}; times are not available, bytes are of the page as it is`);
    }
    const stockRuns: Array<{ first: Visit; repeat: Visit }> = [];
    const oursRuns: Array<{ first: Visit; repeat: Visit }> = [];
    for (let i = 0; i < RUNS; i++) {
      const order = ours ? (i % 2 === 0 ? [ours, stock] : [stock, ours]) : [stock];
      for (const target of order) {
        const result = await run(browser, target, true, target === stock || oursProbe);
        if (target === ours && result.timedOut && oursProbe) {
          console.log(`ours: run ${i + 1} timed out after ${PROBE_TIMEOUT_MS / 1000} s; later runs do not wait for the question`);
          oursProbe = false;
        }
        if (target === stock && result.timedOut) throw new Error(`stock SurveyJS did not show ${stock.selector} within ${PROBE_TIMEOUT_MS / 1000} s`);
        (target === stock ? stockRuns : oursRuns).push({ first: result.first, repeat: result.repeat });
        const f = result.first;
        const r = result.repeat;
        console.log(`run ${i + 1} ${target.label.padEnd(14)} first ${kb(f.bytes).padStart(10)} visible ${ms(f.visible).padStart(13)} answerable ${ms(f.answerable).padStart(13)}` +
          ` | repeat ${kb(r.bytes).padStart(10)} visible ${ms(r.visible).padStart(13)} answerable ${ms(r.answerable).padStart(13)}`);
      }
    }
    console.log(`\nmedian of ${RUNS} runs each (alternating A/B), times from navigation start:`);
    print(ours ? oursRuns : null, stockRuns, oursNote);
    const encodings = (runs: Array<{ first: Visit }>) => [...new Set(runs.flatMap((r) => [...r.first.encodings]))].sort().join(', ');
    console.log(`\ncontent encodings on the first visit: ours ${ours ? encodings(oursRuns) || '-' : '-'}; stock ${encodings(stockRuns)} (STOCK_ENCODING=${STOCK_ENCODING})`);
    console.log(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
    await stock.stop();
    await ours?.stop();
  }
}

if (process.argv[1]?.endsWith('page.ts')) await main();
