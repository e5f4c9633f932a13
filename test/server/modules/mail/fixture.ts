import Fastify from 'fastify';
import type { Test } from 'tap';
import { eq } from 'drizzle-orm';
import { logCollector, testConfig } from '../../../helper.js';
import { loggerOptions } from '../../../../server/logger.js';
import { databaseFile, openDatabase, type Db } from '../../../../server/db/client.js';
import { mailOutbox, partners } from '../../../../server/db/schema/index.js';
import { enqueue, type OutboxRow } from '../../../../server/modules/mail/outbox.js';
import { messageIdFor } from '../../../../server/modules/mail/message.js';
import { createMailer, type MailerOptions, type MailSource, type Mailer } from '../../../../server/modules/mail/sender.js';

export const START = new Date('2026-03-02T09:00:00.000Z');

/** A clock that moves only when the test says so. */
export function manualClock(start = START) {
  let now = start.getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, { advance: (ms: number) => { now += ms; } });
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 8000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A source like the campaigns module's: renders test rows, records what the sender reported. */
export function recordingSource(extra: { replyTo?: string; headers?: Record<string, string>; cancel?: (row: OutboxRow) => boolean } = {}) {
  const sent: string[] = [];
  const bounced: Array<{ id: string; error: string }> = [];
  const source: MailSource = {
    render(row) {
      if (extra.cancel?.(row)) return null;
      return {
        to: row.recipient!, fromName: 'Röda Korset "Malmö"', replyTo: extra.replyTo, subject: `Your survey ${row.id}`,
        text: `Answer here: https://relay.example/s/secret-${row.id}`, html: `<p>Answer <a href="https://relay.example/s/secret-${row.id}">here</a></p>`,
        headers: extra.headers, messageId: row.messageId,
      };
    },
    sent: (_tx, row) => { sent.push(row.id); },
    bounced: (_tx, row, error) => { bounced.push({ id: row.id, error }); },
  };
  return { source, sent, bounced };
}

/** A database file with a partner, a logger whose lines the test can read, and mailers stopped at teardown. */
export function mailFixture(t: Test, env: Record<string, string> = {}) {
  const config = testConfig(t, { RELAY_MAIL_RATE: '0', RELAY_SMTP_TIMEOUT_SECONDS: '2', ...env });
  const db = openDatabase(databaseFile(config.dataDir));
  const logs = logCollector();
  const log = Fastify({ logger: loggerOptions({ ...config, logLevel: 'info' }, logs.stream) }).log;
  const clock = manualClock();
  const partnerId = 'partner-1';
  db.insert(partners).values({ id: partnerId, name: 'Röda Korset', country: 'SE', timeZone: 'Europe/Stockholm', createdAt: START.toISOString(), updatedAt: START.toISOString() }).run();
  const mailers: Mailer[] = [];
  const dbs: Db[] = [db];
  t.teardown(async () => {
    await Promise.all(mailers.map((m) => m.stop(2000)));
    for (const d of dbs) d.$client.close();
  });
  let seq = 0;

  return {
    config, db, log, logs, clock, partnerId,
    /** Queues n test messages to person<i>@example.org; returns their outbox ids. */
    queue(n: number, fields: { recipient?: (i: number) => string; language?: string } = {}): string[] {
      return db.transaction((tx) => Array.from({ length: n }, () => {
        const i = ++seq;
        return enqueue(tx, { kind: 'test', partnerId, recipient: fields.recipient?.(i) ?? `person${i}@example.org`, language: fields.language ?? null,
          messageId: messageIdFor(config.mailFrom, `test-${i}`), now: clock() });
      }));
    },
    mailer(source: MailSource, options: Partial<MailerOptions> = {}) {
      const m = createMailer({ db, config, log, clock, source, pollMs: 20, retryBaseMs: 1000, ...options });
      mailers.push(m);
      return m;
    },
    /** another connection to the same file, as a second server process would have */
    secondConnection(): Db {
      const other = openDatabase(databaseFile(config.dataDir), { migrate: false });
      dbs.push(other);
      return other;
    },
    row: (id: string) => db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get()!,
    rows: () => db.select().from(mailOutbox).all(),
    states: () => db.select({ state: mailOutbox.state }).from(mailOutbox).all().map((r) => r.state),
  };
}
