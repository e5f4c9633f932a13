/**
 * The sender loop: claims due outbox rows with a lease, delivers each, and records outcomes in
 * group commits (every outcome ready at that moment, plus the claim of the next rows, in one
 * transaction). A process never holds more than `mailConcurrency` leases, recorded or not, so a
 * crash leaves at most that many messages sent but unrecorded: the only ones that can go twice.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { claim, claimIn, finishIn, type OutboxRow, type Tx } from './outbox.js';
import { createRateLimiter } from './policy.js';
import { createTransport, type MailTransport } from './transport.js';
import { createDeliver, type MailSource, type Settled } from './deliver.js';

export type { MailSource } from './deliver.js';

/** how long an outcome may wait for others to share its commit (each commit is an fsync) */
const GROUP_COMMIT_MS = 5;
export type MailerConfig = Pick<Config, 'smtpUrl' | 'dataDir' | 'mailFrom' | 'mailRatePerMinute' | 'mailConcurrency' | 'smtpTimeoutSeconds' | 'outboxRetentionDays'>;

export interface MailerOptions {
  db: Db;
  config: MailerConfig;
  log: FastifyBaseLogger;
  source: MailSource;
  clock?: () => Date;
  /** the lease owner's name; random per process by default */
  owner?: string;
  /** default: SMTP when config.smtpUrl is set, else the outbox directory */
  transport?: MailTransport;
  /** how often due rows are looked for without a wake(), default 5 s */
  pollMs?: number;
  /** the first retry's delay, doubled after each further failure, default 1 min; capped at retryCapMs (6 h) */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** tries before a row is 'failed', default 8 */
  maxAttempts?: number;
}

export function createMailer(options: MailerOptions) {
  const { db, config, log, source } = options;
  const clock = options.clock ?? (() => new Date());
  const owner = options.owner ?? `${process.pid}-${randomBytes(6).toString('base64url')}`;
  const transport = options.transport ?? createTransport(config, log, clock);
  const concurrency = config.mailConcurrency;
  const timeoutMs = config.smtpTimeoutSeconds * 1000;
  // the whole exchange is abandoned at 1.5 × the SMTP timeout, well before the lease (2 ×) ends
  const leaseMs = 2 * timeoutMs;
  const deliver = createDeliver({ source, transport, mailFrom: config.mailFrom, clock, timeoutMs: 1.5 * timeoutMs, maxAttempts: options.maxAttempts ?? 8,
    backoff: { baseMs: options.retryBaseMs ?? 60_000, capMs: options.retryCapMs ?? 6 * 60 * 60 * 1000 } });
  const limiter = createRateLimiter(config.mailRatePerMinute, () => clock().getTime());
  /** rows this process holds a lease on: being sent, or sent and waiting for the group commit */
  let leased = 0;
  const settled: Settled[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  /** after stop(): the caller may close the database, so late outcomes are left to lease expiry */
  let closed = false;
  let rateTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const poll = setInterval(() => pump(), options.pollMs ?? 5000);

  function start(rows: OutboxRow[]) {
    limiter.take(rows.length);
    leased += rows.length;
    for (const row of rows) {
      void deliver(row).then((s) => {
        settled.push(s);
        // one commit for several outcomes: at once when every leased row is done, else within a few ms
        if (settled.length >= leased) { clearTimeout(flushTimer); flushTimer = undefined; setImmediate(flush); } else flushTimer ??= setTimeout(flush, GROUP_COMMIT_MS);
      });
    }
  }

  /** The outcome, and the source's part in a savepoint: a failing callback must not undo the record of a send. */
  function record(tx: Tx, s: Settled): boolean {
    if (!finishIn(tx, s.row, owner, s.next)) return false;
    if (s.also) {
      try {
        tx.transaction((sp) => s.also!(sp));
      } catch (err) {
        log.error({ err, outboxId: s.row.id, kind: s.row.kind }, 'the mail source failed on an outcome; the outcome is recorded without it');
      }
    }
    return true;
  }

  function flush() {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = settled.splice(0);
    if (!batch.length) return;
    if (closed) {
      for (const s of batch) log.warn({ outboxId: s.row.id, kind: s.row.kind, outcome: s.outcome }, 'mail outcome after stop: not recorded, retried when its lease ends');
      return;
    }
    let kept: boolean[];
    let claimed: OutboxRow[];
    try {
      [kept, claimed] = db.transaction((tx) => {
        const k = batch.map((s) => record(tx, s));
        const free = stopping ? 0 : Math.min(concurrency - leased + batch.length, limiter.available());
        return [k, claimIn(tx, owner, free, clock(), leaseMs)] as const;
      }, { behavior: 'immediate' });
    } catch (err) {
      // the leases stay held (and counted) until the outcomes are written
      log.error({ err }, 'could not record mail outcomes; trying again shortly');
      settled.unshift(...batch);
      retryTimer ??= setTimeout(() => { retryTimer = undefined; flush(); }, 250);
      return;
    }
    leased -= batch.length;
    batch.forEach((s, i) => {
      if (kept[i]) log.info({ outboxId: s.row.id, kind: s.row.kind, outcome: s.outcome, attempts: s.row.attempts, ...s.fields }, 'mail outcome');
      else log.warn({ outboxId: s.row.id, kind: s.row.kind, outcome: s.outcome }, 'mail lease lost to another sender: outcome not recorded');
    });
    if (claimed.length) start(claimed);
    waitForRate();
  }

  /** Claims and starts as many due rows as the concurrency and rate limits allow. */
  function pump() {
    if (stopping) return;
    const free = Math.min(concurrency - leased, limiter.available());
    if (free > 0) {
      try {
        start(claim(db, owner, free, clock(), leaseMs));
      } catch (err) {
        log.error({ err }, 'could not claim mail from the outbox; trying again at the next poll');
      }
    }
    waitForRate();
  }

  /** When the rate limit, not the concurrency, holds sends back: come back when the next may start. */
  function waitForRate() {
    if (stopping || rateTimer || leased >= concurrency || limiter.available() > 0) return;
    rateTimer = setTimeout(() => { rateTimer = undefined; pump(); }, Math.max(10, limiter.wait()));
  }

  return {
    owner,
    transport,
    /** Look for due rows now (after enqueueing, once the transaction has committed). */
    wake: () => pump(),
    /** messages leased by this process right now (being sent or being recorded) */
    inFlight: () => leased,
    /** Stops claiming, waits (at most `waitMs`, default the SMTP timeout) for sends in flight to be recorded, closes the transport. */
    async stop(waitMs = timeoutMs) {
      if (stopping) return;
      stopping = true;
      clearInterval(poll);
      clearTimeout(rateTimer);
      const until = Date.now() + waitMs;
      while (leased > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      clearTimeout(retryTimer);
      closed = true;
      await transport.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
