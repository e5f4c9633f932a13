/**
 * The sender loop: claims due outbox rows with a lease, renders each through the caller's
 * MailSource, sends it, and records the outcome. At most `mailConcurrency` rows are leased by a
 * process at once, so a crash can leave at most that many messages sent but not recorded: the
 * only ones that can go out twice.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { toMailOptions, type OutgoingMessage } from './message.js';
import { claim, finish, type OutboxRow, type Tx } from './outbox.js';
import { backoffMs, classify, createRateLimiter, failureCode, failureText } from './policy.js';
import { createTransport, type MailTransport } from './transport.js';

/** What to send and what sending means, given by the module that queues messages (campaigns). */
export interface MailSource {
  /** The message for a claimed row, rendered now; null: it must not be sent any more (the row becomes 'cancelled'). */
  render(row: OutboxRow): OutgoingMessage | null | Promise<OutgoingMessage | null>;
  /** Runs in the transaction that marks the row sent. */
  sent(tx: Tx, row: OutboxRow): void;
  /** A permanent failure (5xx): runs in the transaction that marks the row bounced. */
  bounced(tx: Tx, row: OutboxRow, error: string): void;
}

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
  /** the first retry's delay, doubled after each further failure, default 1 min */
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
  // the lease outlasts the whole exchange, which is abandoned at 1.5 × the SMTP timeout
  const leaseMs = 2 * timeoutMs;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = { baseMs: options.retryBaseMs ?? 60_000, capMs: options.retryCapMs ?? 6 * 60 * 60 * 1000 };
  const limiter = createRateLimiter(config.mailRatePerMinute, () => clock().getTime());
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  /** after stop(): the caller may close the database, so late outcomes are left to lease expiry */
  let closed = false;
  let rateTimer: NodeJS.Timeout | undefined;
  const poll = setInterval(() => pump(), options.pollMs ?? 5000);

  function record(row: OutboxRow, outcome: string, next: Parameters<typeof finish>[3], also?: (tx: Tx) => void, fields: object = {}) {
    if (closed) return log.warn({ outboxId: row.id, kind: row.kind, outcome }, 'mail outcome after stop: not recorded, retried when its lease ends');
    let kept: boolean;
    try {
      kept = finish(db, row, owner, next, also);
    } catch (err) {
      if (!also) throw err;
      // a failing callback must not undo the record of a send: that would send the message again
      log.error({ err, outboxId: row.id, kind: row.kind }, 'the mail source failed to record an outcome; recording the send alone');
      kept = finish(db, row, owner, next);
    }
    if (kept) log.info({ outboxId: row.id, kind: row.kind, outcome, attempts: row.attempts, ...fields }, 'mail outcome');
    else log.warn({ outboxId: row.id, kind: row.kind, outcome }, 'mail lease lost to another sender: outcome not recorded');
  }

  async function attempt(row: OutboxRow) {
    const message = await source.render(row);
    if (message === null) return record(row, 'cancelled', { state: 'cancelled', lastError: null });
    const mail = toMailOptions({ ...message, messageId: row.messageId, language: message.language ?? row.language }, config.mailFrom);
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error('the SMTP exchange took too long'), { code: 'ETIMEDOUT' }));
      }, timeoutMs * 1.5);
    });
    try {
      await Promise.race([transport.send(mail, { outboxId: row.id, kind: row.kind }, abort.signal), expired]);
    } finally {
      clearTimeout(timer);
    }
    record(row, 'sent', { state: 'sent', sentAt: clock().toISOString() }, (tx) => source.sent(tx, row));
  }

  async function deliver(row: OutboxRow) {
    try {
      await attempt(row);
    } catch (err) {
      const failure = classify(err);
      const code = failureCode(err);
      const text = failureText(err);
      if (failure === 'permanent') record(row, 'bounced', { state: 'bounced', lastError: text }, (tx) => source.bounced(tx, row, text), { code });
      else if (failure === 'invalid' || row.attempts >= maxAttempts) record(row, 'failed', { state: 'failed', lastError: text }, undefined, { code });
      else {
        const notBefore = new Date(clock().getTime() + backoffMs(row.attempts, backoff)).toISOString();
        record(row, 'retry', { state: 'pending', notBefore, lastError: text }, undefined, { code, notBefore });
      }
    }
  }

  /** Claims and starts as many due rows as the concurrency and rate limits allow. Synchronous: never runs twice at once. */
  function pump() {
    if (stopping) return;
    try {
      for (;;) {
        const n = Math.min(concurrency - inFlight.size, limiter.available());
        if (n <= 0) break;
        const rows = claim(db, owner, n, clock(), leaseMs);
        if (!rows.length) return;
        limiter.take(rows.length);
        for (const row of rows) {
          const p: Promise<void> = deliver(row)
            .catch((err) => log.error({ err, outboxId: row.id, kind: row.kind }, 'could not record a mail outcome; the row is retried when its lease ends'))
            .finally(() => { inFlight.delete(p); pump(); });
          inFlight.add(p);
        }
      }
    } catch (err) {
      log.error({ err }, 'could not claim mail from the outbox; trying again at the next poll');
      return;
    }
    // the rate limit stopped us: come back when the next send may start
    if (inFlight.size < concurrency && !rateTimer) {
      rateTimer = setTimeout(() => { rateTimer = undefined; pump(); }, Math.max(10, limiter.wait()));
    }
  }

  return {
    owner,
    transport,
    /** Look for due rows now (after enqueueing, once the transaction has committed). */
    wake: () => pump(),
    /** messages being sent right now */
    inFlight: () => inFlight.size,
    /** Stops claiming, waits (at most `waitMs`, default the SMTP timeout) for sends in flight, closes the transport. */
    async stop(waitMs = timeoutMs) {
      if (stopping) return;
      stopping = true;
      clearInterval(poll);
      clearTimeout(rateTimer);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => { timer = setTimeout(resolve, waitMs); })]);
      clearTimeout(timer);
      closed = true;
      await transport.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
