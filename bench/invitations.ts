/**
 * Invitation delivery benchmark: COUNT messages through the durable outbox (queued in one
 * transaction, claimed with leases, rendered, sent over pooled SMTP, each outcome committed with
 * synchronous=FULL) to a loopback SMTP sink with the rate limit off, beside COUNT raw nodemailer
 * sends of the same fixed message over the same pool size, in the same run. Each phase runs in its
 * own process (so peak memory is its own); the sink runs in this one. Median of RUNS runs.
 *
 *   npm run bench:invitations            (RUNS=3 COUNT=10000 CONCURRENCY=4 by default)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../server/config.js';
import { loggerOptions } from '../server/logger.js';
import { databaseFile, openDatabase } from '../server/db/client.js';
import { partners } from '../server/db/schema/index.js';
import { enqueue, unfinishedCount } from '../server/modules/mail/outbox.js';
import { messageIdFor, toMailOptions, type OutgoingMessage } from '../server/modules/mail/message.js';
import { createMailer } from '../server/modules/mail/sender.js';

const RUNS = Number(process.env.RUNS ?? 3);
const COUNT = Number(process.env.COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);

/** An invitation-sized message: a personal link in both parts, the RFC 8058 headers. */
function message(n: number, messageId: string): OutgoingMessage {
  const link = `https://relay.example.org/s/${'x'.repeat(43)}${n}`;
  const text = `Hello,\n\nRöda Korset Malmö asks you to answer a short survey about your first year here.\n\n${link}\n\nThe survey closes on 30 March 2026.\nUnsubscribe: https://relay.example.org/u/${'y'.repeat(43)}\n`;
  return {
    to: `person${n}@example.org`, fromName: 'Röda Korset Malmö', replyTo: 'coordinator@redcross.example', subject: 'Your voice in the integration survey',
    text, html: `<p>${text.replace(/\n/g, '<br>')}</p>`, messageId, language: 'sv',
    headers: { 'List-Unsubscribe': `<https://relay.example.org/u/${'y'.repeat(43)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

function sampleMemory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  return () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss); };
}

async function outboxPhase(url: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-bench-mail-'));
  const config = loadConfig({ RELAY_DATA_DIR: dir, RELAY_SMTP_URL: url, RELAY_MAIL_RATE: '0', RELAY_MAIL_CONCURRENCY: String(CONCURRENCY), RELAY_LOG_LEVEL: 'silent' });
  const db = openDatabase(databaseFile(dir));
  const now = new Date();
  db.insert(partners).values({ id: 'p', name: 'Bench', country: 'SE', timeZone: 'Europe/Stockholm', createdAt: now.toISOString(), updatedAt: now.toISOString() }).run();
  const base = process.memoryUsage().rss;
  const peak = sampleMemory();
  const queued = performance.now();
  db.transaction((tx) => {
    for (let i = 0; i < COUNT; i++) enqueue(tx, { kind: 'test', partnerId: 'p', recipient: `person${i}@example.org`, messageId: messageIdFor(config.mailFrom, `bench-${i}`), now });
  });
  const start = performance.now();
  const log = Fastify({ logger: loggerOptions(config) }).log;
  let n = 0;
  const mailer = createMailer({ db, config, log, pollMs: 1000, source: { render: (row) => message(n++, row.messageId), sent() {}, bounced() {} } });
  mailer.wake();
  while (unfinishedCount(db) > 0) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - start) / 1000;
  await mailer.stop();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { seconds, enqueueSeconds: (start - queued) / 1000, baseMB: base / 2 ** 20, peakMB: peak() / 2 ** 20 };
}

async function rawPhase(url: string) {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: CONCURRENCY, maxMessages: 100 });
  const fixed = toMailOptions(message(0, messageIdFor('bench@relay.example.org', 'fixed')), 'bench@relay.example.org');
  const base = process.memoryUsage().rss;
  const peak = sampleMemory();
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < COUNT) await transport.sendMail(fixed);
  }));
  const seconds = (performance.now() - start) / 1000;
  transport.close();
  return { seconds, enqueueSeconds: 0, baseMB: base / 2 ** 20, peakMB: peak() / 2 ** 20 };
}

type Result = Awaited<ReturnType<typeof rawPhase>>;

function runPhase(phase: 'outbox' | 'raw', url: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/invitations.ts'], { env: { ...process.env, BENCH_PHASE: phase, BENCH_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${phase} phase exited ${code}: ${out}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.env.BENCH_PHASE) {
  const url = process.env.BENCH_URL!;
  const result = process.env.BENCH_PHASE === 'outbox' ? await outboxPhase(url) : await rawPhase(url);
  process.stdout.write(JSON.stringify(result));
} else {
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, closeTimeout: 100,
    onData(stream, _session, callback) { stream.on('data', () => {}); stream.on('end', () => { received++; callback(); }); },
  } as ConstructorParameters<typeof SMTPServer>[0]);
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(sink.server.address() as { port: number }).port}`;
  process.stdout.write(`${COUNT} messages, concurrency ${CONCURRENCY}, rate limit off, loopback SMTP sink, ${RUNS} runs (${os.cpus().length} cores)\n`);
  const results: Record<'outbox' | 'raw', Result[]> = { outbox: [], raw: [] };
  for (let run = 0; run < RUNS; run++) {
    // alternate the order, so neither phase always gets the warmer machine
    for (const phase of (run % 2 ? ['raw', 'outbox'] : ['outbox', 'raw']) as Array<'outbox' | 'raw'>) {
      const before = received;
      const r = await runPhase(phase, url);
      if (received - before < COUNT) throw new Error(`${phase}: the sink received ${received - before} of ${COUNT}`);
      results[phase].push(r);
      process.stdout.write(`  run ${run + 1} ${phase.padEnd(6)} ${(COUNT / r.seconds).toFixed(0).padStart(6)} msg/s  peak RSS ${r.peakMB.toFixed(0)} MB (at start ${r.baseMB.toFixed(0)} MB)${phase === 'outbox' ? `  queueing ${r.enqueueSeconds.toFixed(2)} s` : ''}\n`);
    }
  }
  const rate = (p: 'outbox' | 'raw') => median(results[p].map((r) => COUNT / r.seconds));
  const peak = (p: 'outbox' | 'raw') => median(results[p].map((r) => r.peakMB));
  const growth = (p: 'outbox' | 'raw') => median(results[p].map((r) => r.peakMB - r.baseMB));
  process.stdout.write(`\nmedian   outbox ${rate('outbox').toFixed(0)} msg/s, peak RSS ${peak('outbox').toFixed(0)} MB (+${growth('outbox').toFixed(0)} MB while sending)\n`);
  process.stdout.write(`         raw nodemailer ${rate('raw').toFixed(0)} msg/s, peak RSS ${peak('raw').toFixed(0)} MB (+${growth('raw').toFixed(0)} MB while sending)\n`);
  process.stdout.write(`ratio    outbox / raw: throughput ${(rate('outbox') / rate('raw')).toFixed(2)}, peak memory ${(peak('outbox') / peak('raw')).toFixed(2)}\n`);
  process.stdout.write(`         ${COUNT} invitations take ${(COUNT / rate('outbox')).toFixed(1)} s through the outbox\n`);
  await new Promise<void>((resolve) => sink.close(() => resolve()));
}
