/**
 * Export benchmark: 100,000 completed responses to a 40-question survey, exported as CSV and XLSX
 * through the real HTTP route of a server in its own process, at 10,000 and at 100,000 responses:
 * time to first byte, total time, and the server's peak RSS growth during the export (sampled from
 * /proc). Beside it, in the same run on the same database file, `sqlite3 -csv` dumping the raw
 * responses table (Debian's sqlite3: apt-get install -y sqlite3).
 *
 *   npm run bench:export            (RUNS=3 by default; SIZES=10000,100000)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? '10000,100000').split(',').map(Number);
const QUESTIONS = 40;

/** 40 questions of the kinds researchers export, two of them quasi-identifiers. */
export function survey() {
  const kinds = [
    { type: 'radiogroup', choices: ['a', 'b', 'c', 'd'], showOtherItem: true },
    { type: 'checkbox', choices: ['w', 'x', 'y', 'z'], showNoneItem: true },
    { type: 'rating', rateMin: 1, rateMax: 5 },
    { type: 'text' },
    { type: 'dropdown', choices: ['sv', 'pl', 'lt', 'ar', 'uk'] },
    { type: 'matrix', rows: ['r1', 'r2', 'r3'], columns: [1, 2, 3, 4, 5] },
    { type: 'boolean' },
    { type: 'text', inputType: 'number' },
    { type: 'comment' },
    { type: 'ranking', choices: ['p', 'q', 'r'] },
  ];
  const q = (i: number) => ({ name: `q${i}`, title: `Question ${i}`, ...kinds[i % kinds.length], ...(i === 2 || i === 4 ? { quasiIdentifier: true } : {}) });
  return { title: 'Bench', pages: [1, 2, 3, 4].map((p) => ({ name: `p${p}`, elements: Array.from({ length: QUESTIONS / 4 }, (_, j) => q((p - 1) * 10 + j)) })) };
}

function answers(i: number): string {
  const data: Record<string, unknown> = {};
  for (let q = 0; q < QUESTIONS; q++) {
    const x = (i * 31 + q * 7) % 97;
    data[`q${q}`] = [
      ['a', 'b', 'c', 'd'][x % 4], ['w', 'y'].slice(0, 1 + (x % 2)), 1 + (x % 5), `Answer ${x} with a few words`, ['sv', 'pl', 'lt', 'ar', 'uk'][x % 5],
      { r1: 1 + (x % 5), r2: 1 + ((x + 1) % 5), r3: 3 }, x % 2 === 0, 18 + (x % 60), 'A longer free text answer, as people write them, with, commas.', ['q', 'p', 'r'],
    ][q % 10];
  }
  data.q2 = 1 + (i % 3);
  return JSON.stringify(data);
}

/** A data directory with the survey, four partners and an admin's API token. */
async function prepare(dir: string) {
  const app = await buildApp(loadConfig({ RELAY_DATA_DIR: dir, RELAY_LOG_LEVEL: 'silent', RELAY_LOAD_EXAMPLES: 'false' }));
  const partners = [['Malmö Welcome', 'SE', 'Skåne'], ['Oslo Welcome', 'NO', 'Oslo'], ['Vilnius Start', 'LT', 'Vilnius'], ['Kraków Together', 'PL', 'Małopolska']]
    .map(([name, country, region]) => app.services.partners.create({ name, country, region, timeZone: 'Europe/Stockholm' }).id);
  const admin = app.services.accounts.inviteUser({ email: 'admin@example.org', role: 'admin', partnerId: null }).user;
  const { token } = app.services.accounts.createApiToken(admin.id, 'bench');
  app.services.surveys.create({ slug: 'bench', definition: survey() }, admin.id);
  app.services.surveys.publish('bench');
  const versionId = (app.db.$client.prepare("SELECT id FROM survey_versions WHERE version = 1").get() as { id: string }).id;
  await app.close();
  return { token, partners, versionId };
}

/** Adds completed responses straight into the table, in one transaction. */
async function grow(dbFile: string, from: number, to: number, partners: string[], versionId: string) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(dbFile);
  const insert = db.prepare(`INSERT INTO responses (id, version_id, partner_id, channel, anonymous, locale, state, data, started_at, updated_at, completed_at)
    VALUES (?, ?, ?, 'open', 'yes', ?, 'completed', ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = from; i < to; i++) {
      const day = `2026-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`;
      insert.run(randomBytes(16).toString('hex'), versionId, partners[i % partners.length], ['default', 'sv', 'ar'][i % 3], answers(i), `${day}T00:00:00.000Z`, `${day}T00:00:00.000Z`, `${day}T00:00:00.000Z`);
    }
  })();
  db.close();
}

/** The RSS (or the peak RSS so far, VmHWM) of a process, in MB, from /proc. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function sampler(pid: number, field: 'VmRSS' | 'VmHWM') {
  let peak = rssMb(pid, field);
  const timer = setInterval(() => { peak = Math.max(peak, rssMb(pid, field)); }, 5);
  return () => { clearInterval(timer); return Math.max(peak, rssMb(pid, field)); };
}

/** The server under test, in its own process. */
function serve(dir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, 'serve', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({
      url: String(d).trim(), pid: child.pid!,
      stop: () => new Promise((done) => { child.once('exit', () => done()); child.kill('SIGTERM'); }),
    }));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

interface Figure { ttfb: number; total: number; mb: number; bytes: number }

async function exportOnce(url: string, pid: number, token: string, format: string): Promise<Figure> {
  await new Promise((r) => setTimeout(r, 200));
  const before = rssMb(pid);
  const peak = sampler(pid, 'VmRSS');
  const start = performance.now();
  const res = await fetch(`${url}/api/surveys/bench/export?format=${format}&freeText=true`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } });
  if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
  let ttfb = 0;
  let bytes = 0;
  for await (const chunk of res.body!) {
    if (!ttfb) ttfb = performance.now() - start;
    bytes += (chunk as Uint8Array).length;
  }
  const total = performance.now() - start;
  return { ttfb, total, mb: peak() - before, bytes };
}

function sqliteDump(dbFile: string): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('sqlite3', ['-csv', '-header', dbFile, 'SELECT * FROM responses'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const peak = sampler(child.pid!, 'VmHWM');
    let ttfb = 0;
    let bytes = 0;
    let mb = 0;
    child.stdout.on('data', (d: Buffer) => { if (!ttfb) ttfb = performance.now() - start; bytes += d.length; });
    child.stdout.once('end', () => { mb = peak(); });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve({ ttfb, total: performance.now() - start, mb: mb || peak(), bytes }) : reject(new Error(`sqlite3 exited ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mid = (runs: Figure[]): Figure => ({ ttfb: median(runs.map((r) => r.ttfb)), total: median(runs.map((r) => r.total)), mb: median(runs.map((r) => r.mb)), bytes: median(runs.map((r) => r.bytes)) });
const show = (f: Figure) => `first byte ${(f.ttfb / 1000).toFixed(2)} s, total ${(f.total / 1000).toFixed(2)} s, ${(f.bytes / 1048576).toFixed(1)} MB`;

async function main() {
  const [kind, dir] = process.argv.slice(2);
  if (kind === 'serve') {
    const app = await buildApp(loadConfig({ RELAY_DATA_DIR: dir, RELAY_LOG_LEVEL: 'silent', RELAY_LOAD_EXAMPLES: 'false' }));
    process.stdout.write(`${await app.listen({ port: 0, host: '127.0.0.1' })}\n`);
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-bench-export-'));
  const dbFile = path.join(work, 'relay.sqlite');
  const { token, partners, versionId } = await prepare(work);
  let have = 0;
  console.log(`export benchmark: ${QUESTIONS}-question survey, median of ${RUNS} runs, ${os.cpus().length} cores`);
  for (const size of SIZES) {
    const t0 = performance.now();
    await grow(dbFile, have, size, partners, versionId);
    have = size;
    console.log(`\n${size.toLocaleString('en')} completed responses (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const server = await serve(work);
    // one export first, so that start-up work (compiling the version, warming the JIT) is not counted
    await exportOnce(server.url, server.pid, token, 'csv');
    const idle = rssMb(server.pid);
    const figures: Record<string, Figure> = {};
    for (const format of ['csv', 'xlsx']) {
      const runs: Figure[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await exportOnce(server.url, server.pid, token, format));
      figures[format] = mid(runs);
    }
    await server.stop();
    const dumps: Figure[] = [];
    for (let i = 0; i < RUNS; i++) dumps.push(await sqliteDump(dbFile));
    const raw = mid(dumps);
    console.log(`  sqlite3 -csv (raw table, baseline): ${show(raw)}, peak RSS ${raw.mb.toFixed(0)} MB`);
    for (const [format, f] of Object.entries(figures)) {
      console.log(`  ${format.padEnd(4)} export over HTTP:             ${show(f)}, server RSS growth ${f.mb.toFixed(0)} MB (server at ${idle.toFixed(0)} MB before)`);
      console.log(`       ratio to sqlite3: first byte ${(f.ttfb / raw.ttfb).toFixed(1)}x, total ${(f.total / raw.total).toFixed(1)}x; ${Math.round(size / (f.total / 1000)).toLocaleString('en')} rows/s`);
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith('export.ts')) await main();
