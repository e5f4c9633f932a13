/**
 * Intake benchmark: completed submissions per second and p99 latency at 100 concurrent clients
 * (autocannon) for a 30-question survey, each validated by our runtime and committed durably
 * (synchronous=FULL) while survey-core's re-check thread works, beside a bare Fastify route that
 * parses the same JSON body, on the same machine in the same run. Then how far the re-check
 * queue fell behind and how fast it drains.
 *
 *   npm run bench:submit            (RUNS=3 SECONDS=10 CONNECTIONS=100 by default)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';

const RUNS = Number(process.env.RUNS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100);

/** 30 questions on 3 pages, the third shown only to those who consent. */
export function survey() {
  const page = (n: number, elements: unknown[], visibleIf?: string) => ({ name: `p${n}`, visibleIf, elements });
  const q = (i: number) => {
    const kinds = [
      { type: 'text', isRequired: true }, { type: 'radiogroup', choices: ['a', 'b', 'c', 'd'], showOtherItem: true },
      { type: 'checkbox', choices: ['w', 'x', 'y', 'z'], showNoneItem: true }, { type: 'rating', rateMin: 1, rateMax: 5 },
      { type: 'comment', maxLength: 2000 }, { type: 'dropdown', choices: ['sv', 'pl', 'lt', 'ar', 'uk'] },
    ];
    return { name: `q${i}`, title: `Question ${i}`, ...kinds[i % kinds.length] };
  };
  return {
    title: 'Bench',
    pages: [
      page(1, [{ type: 'boolean', name: 'consent', isRequired: true }, ...Array.from({ length: 9 }, (_, i) => q(i + 1))]),
      page(2, Array.from({ length: 10 }, (_, i) => q(i + 10))),
      page(3, Array.from({ length: 10 }, (_, i) => q(i + 20)), '{consent} = true'),
    ],
  };
}

function answers(): Record<string, unknown> {
  const data: Record<string, unknown> = { consent: true };
  for (let i = 1; i < 30; i++) {
    data[`q${i}`] = [`Answer number ${i} with some words`, 'b', ['w', 'y'], 4, 'A longer free text answer, as people write them.', 'pl'][i % 6];
  }
  return data;
}

async function prepare(dir: string) {
  const app = await buildApp(loadConfig({ RELAY_DATA_DIR: dir, RELAY_LOG_LEVEL: 'silent', RELAY_LOAD_EXAMPLES: 'false' }));
  const partner = app.services.partners.create({ name: 'Bench', country: 'SE', timeZone: 'Europe/Stockholm' });
  const { user } = app.services.accounts.inviteUser({ email: 'bench@example.org', role: 'coordinator', partnerId: partner.id });
  const { token } = app.services.accounts.createApiToken(user.id, 'bench');
  const admin = app.services.accounts.inviteUser({ email: 'admin@example.org', role: 'admin', partnerId: null }).user;
  app.services.surveys.create({ slug: 'bench', definition: survey() }, admin.id);
  app.services.surveys.publish('bench');
  await app.close();
  return token;
}

/** The server under test, in its own process. */
function serve(kind: 'app' | 'bare', dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, kind, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({
      url: String(d).trim(),
      stop: () => new Promise((done) => { child.once('exit', () => done()); child.kill('SIGTERM'); }),
    }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
}

async function load(url: string, token: string) {
  const body = JSON.stringify({ answers: answers(), complete: true });
  const result = await autocannon({
    url, connections: CONNECTIONS, duration: SECONDS,
    requests: [{
      method: 'POST', path: '/api/surveys/bench/versions/1/responses', body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }),
    }],
  });
  const codes = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, s]) => `${code}×${(s as { count: number }).count}`);
  if (result.timeouts) codes.push(`timeout×${result.timeouts}`);
  return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'], other: result.non2xx + result.errors, codes: codes.join(' ') };
}

async function drain(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  const pending = () => (db.prepare("SELECT count(*) AS n FROM responses WHERE audit_state = 'pending'").get() as { n: number }).n;
  const behind = pending();
  const start = performance.now();
  while (pending() > 0 && performance.now() - start < 300_000) await new Promise((r) => setTimeout(r, 100));
  const seconds = (performance.now() - start) / 1000;
  const differs = (db.prepare("SELECT count(*) AS n FROM responses WHERE audit_state IN ('differs', 'failed')").get() as { n: number }).n;
  db.close();
  return { behind, seconds, differs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const [kind, dir] = process.argv.slice(2);
  if (kind === 'app') {
    const app = await buildApp(loadConfig({ RELAY_DATA_DIR: dir, RELAY_LOG_LEVEL: 'silent', RELAY_LOAD_EXAMPLES: 'false' }));
    process.stdout.write(`${await app.listen({ port: 0, host: '127.0.0.1' })}\n`);
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
    return;
  }
  if (kind === 'bare') {
    const bare = Fastify();
    bare.post('/api/surveys/bench/versions/1/responses', async (request, reply) => reply.code(201).send({ id: randomUUID(), size: Object.keys(request.body as object).length }));
    process.stdout.write(`${await bare.listen({ port: 0, host: '127.0.0.1' })}\n`);
    process.once('SIGTERM', () => void bare.close().then(() => process.exit(0)));
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-bench-submit-'));
  const token = await prepare(work);
  const runs: Array<{ bare: Awaited<ReturnType<typeof load>>; app: Awaited<ReturnType<typeof load>>; audit: Awaited<ReturnType<typeof drain>> }> = [];
  for (let i = 0; i < RUNS; i++) {
    const bareServer = await serve('bare', work);
    const bare = await load(bareServer.url, token);
    await bareServer.stop();
    const appServer = await serve('app', work);
    const app = await load(appServer.url, token);
    const audit = await drain(path.join(work, 'relay.sqlite'));
    await appServer.stop();
    runs.push({ bare, app, audit });
    console.log(`run ${i + 1}: bare ${bare.rps.toFixed(0)} req/s p99 ${bare.p99} ms | intake ${app.rps.toFixed(0)} completions/s p99 ${app.p99} ms ` +
      `(${app.ok} stored, ${app.other} not 2xx${app.codes ? `: ${app.codes}` : ''}) | re-check ${audit.behind} behind, drained in ${audit.seconds.toFixed(1)} s, ${audit.differs} defects`);
  }
  const rps = median(runs.map((r) => r.app.rps));
  const bareRps = median(runs.map((r) => r.bare.rps));
  const behind = median(runs.map((r) => r.audit.behind));
  const drainS = median(runs.map((r) => r.audit.seconds));
  console.log(`\nmedian of ${RUNS} runs, ${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores:`);
  console.log(`completed submissions: ${rps.toFixed(0)}/s vs bare Fastify route ${bareRps.toFixed(0)}/s (ratio ${(rps / bareRps).toFixed(3)})`);
  console.log(`p99 latency: ${median(runs.map((r) => r.app.p99))} ms vs ${median(runs.map((r) => r.bare.p99))} ms`);
  console.log(`re-check queue: ${behind} responses behind at the end of the load, drained in ${drainS.toFixed(1)} s (${(behind / Math.max(drainS, 0.001)).toFixed(0)} checks/s)`);
  fs.rmSync(work, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith("submit.ts")) await main();
