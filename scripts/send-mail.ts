import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { loadConfig } from '../server/config.js';
import { loggerOptions } from '../server/logger.js';
import { databaseFile, openDatabase } from '../server/db/client.js';
import { loadOrCreateSecret } from '../server/secret.js';
import { createMailer } from '../server/modules/mail/sender.js';
import { unfinishedCount } from '../server/modules/mail/outbox.js';
import { warnIfOutboxInProduction } from '../server/modules/mail/transport.js';
import { createDefaultSource } from '../server/modules/mail/source.js';

// Usage: node --import tsx scripts/send-mail.ts [--drain] [--poll <ms>]
// Works the mail outbox of the data directory alone, with the server's settings (RELAY_* variables);
// safe beside a running server: rows are leased, so no message is sent by both.
// --drain: exit once nothing is left pending or in flight.
const { values } = parseArgs({ options: { drain: { type: 'boolean', default: false }, poll: { type: 'string', default: '5000' } } });
const pollMs = Number(values.poll);
if (!Number.isInteger(pollMs) || pollMs < 10) {
  process.stderr.write('--poll takes milliseconds, at least 10\n');
  process.exit(2);
}

const config = loadConfig(process.env);
// the server's logger settings (levels, redaction), without a server
const log = Fastify({ logger: loggerOptions(config) }).log;
const db = openDatabase(databaseFile(config.dataDir));
const secret = loadOrCreateSecret(config.dataDir);
warnIfOutboxInProduction(config, log);
const mailer = createMailer({ db, config, log, source: createDefaultSource(db, config, secret, { log }), pollMs });
log.info({ owner: mailer.owner, transport: mailer.transport.kind, concurrency: config.mailConcurrency, ratePerMinute: config.mailRatePerMinute }, 'mail sender started');

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await mailer.stop();
  db.$client.close();
  log.info('mail sender stopped');
  process.exit(code);
}
process.once('SIGTERM', () => void shutdown(0));
process.once('SIGINT', () => void shutdown(0));

if (values.drain) {
  setInterval(() => {
    if (mailer.inFlight() === 0 && unfinishedCount(db) === 0) void shutdown(0);
  }, Math.min(pollMs, 500));
}
mailer.wake();
