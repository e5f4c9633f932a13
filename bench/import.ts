/**
 * Contact import benchmark: a generated 100,000-row CSV imported into a list (read, preview, commit),
 * against the same file merely parsed by csv-parse in the same run. Each phase runs in its own child
 * process so peak memory is its own. While the import runs, a client polls GET /healthz and the slowest
 * answer is compared with the slowest of an idle period of the same length.
 *
 *   npm run bench:import            (ROWS=100000 RUNS=3 by default)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { fileURLToPath } from 'node:url';

const ROWS = Number(process.env.ROWS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const phase = process.argv[2];

function peakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  return { stop: () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss); } };
}

function generate(file: string) {
  const first = ['Åsa', 'Łukasz', 'Žydrūnė', 'Amal', 'Olena', 'Mohammed', 'Märta', 'Zofia', 'Jonas', 'Fatima'];
  const last = ['Öberg', 'Wąsowski', 'Šimkūnaitė', 'Haddad', 'Kovalenko', 'Ali', 'Lind', 'Żółć', 'Jonaitis', 'Rahimi'];
  const langs = ['sv', 'pl', 'lt', 'ar', 'uk', 'prs', 'en', 'ti', 'so', 'fa'];
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'E-post;Namn;Språk;Kommun;Åldersgrupp;Typ\r\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += `person${i}@example.org;${first[i % 10]} ${last[(i * 7) % 10]};${langs[i % 10]};Kommun ${i % 290};${18 + (i % 6) * 10}-${27 + (i % 6) * 10};migrant\r\n`;
    if (chunk.length > 1 << 20) { fs.writeSync(out, chunk); chunk = ''; }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

async function parseOnly(file: string) {
  const mem = peakRss();
  const start = performance.now();
  let rows = 0;
  for await (const _ of fs.createReadStream(file).pipe(parse({ delimiter: ';', from_line: 2 }))) rows++;
  const seconds = (performance.now() - start) / 1000;
  return { rows, seconds, peakMb: mem.stop() / 1048576 };
}

async function poll(address: string, until: () => boolean) {
  const times: number[] = [];
  while (!until()) {
    const t0 = performance.now();
    await fetch(`${address}/healthz`).then((r) => r.arrayBuffer());
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  return times;
}

async function importRun(file: string) {
  const { buildApp } = await import('../server/app.js');
  const { loadConfig } = await import('../server/config.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-bench-'));
  const app = await buildApp(loadConfig({ RELAY_DATA_DIR: dir, RELAY_LOG_LEVEL: 'silent', RELAY_IMPORT_MAX_BYTES: String(1 << 30) }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const scope = { userId: null, role: 'admin' as const, partnerId: null };
  const partner = app.services.partners.create({ name: 'Bench', country: 'SE', timeZone: 'Europe/Stockholm' });
  const list = app.services.lists.create({ name: 'Bench', partnerId: partner.id }, scope);
  // Warm the worker thread so its start-up is not counted as import time.
  await (await app.services.imports.start(list.id, (await import('node:stream')).Readable.from(['email\nwarm@example.org\n']), {}, scope)).done;

  const baseMb = process.memoryUsage().rss / 1048576;
  const mem = peakRss();
  const start = performance.now();
  let busy = true;
  const during = poll(address, () => !busy);
  const { job, done } = await app.services.imports.start(list.id, fs.createReadStream(file), { fileName: 'bench.csv' }, scope);
  await done;
  const staged = performance.now();
  const { result } = await app.services.imports.commit(job.id, scope);
  const seconds = (performance.now() - start) / 1000;
  busy = false;
  const duringTimes = await during;
  const peakMb = mem.stop() / 1048576;

  let idleBusy = true;
  const idleEnd = setTimeout(() => { idleBusy = false; }, Math.min(seconds * 1000, 5000));
  const idleTimes = await poll(address, () => !idleBusy);
  clearTimeout(idleEnd);
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows: result.added, seconds, stageSeconds: (staged - start) / 1000, peakMb, baseMb, maxHealthMs: Math.max(...duringTimes), healthChecks: duringTimes.length,
    idleMaxHealthMs: Math.max(...idleTimes) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (phase === 'parse' || phase === 'import') {
  const result = phase === 'parse' ? await parseOnly(process.argv[3]) : await importRun(process.argv[3]);
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-bench-csv-'));
  const file = path.join(dir, 'contacts.csv');
  generate(file);
  const self = fileURLToPath(import.meta.url);
  const child = (p: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, p, file], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  const parses = [];
  const imports = [];
  for (let i = 0; i < RUNS; i++) {
    parses.push(child('parse'));
    imports.push(child('import'));
  }
  const p = { rps: median(parses.map((r) => r.rows / r.seconds)), mb: median(parses.map((r) => r.peakMb)) };
  const im = {
    baseMb: median(imports.map((r) => r.baseMb)),
    rps: median(imports.map((r) => r.rows / r.seconds)), stageRps: median(imports.map((r) => r.rows / r.stageSeconds)), mb: median(imports.map((r) => r.peakMb)),
    maxHealth: median(imports.map((r) => r.maxHealthMs)), idleHealth: median(imports.map((r) => r.idleMaxHealthMs)), checks: median(imports.map((r) => r.healthChecks)),
  };
  const size = fs.statSync(file).size / 1048576;
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`contact import: ${ROWS.toLocaleString('en')} rows, ${size.toFixed(1)} MB CSV, median of ${RUNS} runs`);
  console.log(`  csv-parse only (baseline):   ${Math.round(p.rps).toLocaleString('en')} rows/s, peak RSS ${p.mb.toFixed(0)} MB`);
  console.log(`  import (read+preview+commit): ${Math.round(im.rps).toLocaleString('en')} rows/s (preview alone ${Math.round(im.stageRps).toLocaleString('en')} rows/s), peak RSS ${im.mb.toFixed(0)} MB (the app with its worker thread idle: ${im.baseMb.toFixed(0)} MB)`);
  console.log(`  ratio import/parse: ${(im.rps / p.rps).toFixed(3)} of the speed, ${(im.mb / p.mb).toFixed(2)}x the memory`);
  console.log(`  GET /healthz during the import: slowest ${im.maxHealth.toFixed(1)} ms over ${im.checks} checks; idle slowest ${im.idleHealth.toFixed(1)} ms (ratio ${(im.maxHealth / im.idleHealth).toFixed(1)})`);
}
