/**
 * The embedded transport: each message as an RFC 5322 .eml file under <data dir>/outbox/,
 * readable by the service's user only (the files hold personal links). Old files are deleted
 * after the retention period, at start and daily.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { MailTransport } from './transport.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const SAFE = /[^A-Za-z0-9_-]/g;

export const outboxDir = (dataDir: string) => path.join(dataDir, 'outbox');

/** Deletes .eml files last written more than `retentionDays` days before `now`; returns how many. */
export function purgeOutboxFiles(dir: string, retentionDays: number, now: Date): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.eml')) continue;
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) {
        fs.unlinkSync(file);
        removed++;
      }
    } catch {
      // removed meanwhile by another process or a campaign purge
    }
  }
  return removed;
}

/** Deletes the files of these outbox rows (a campaign's, when its retention period ends). */
export function deleteOutboxFiles(dataDir: string, outboxIds: Iterable<string>): number {
  const dir = outboxDir(dataDir);
  const ids = new Set([...outboxIds].map((id) => id.replace(SAFE, '_')));
  let removed = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = /^[^.]+\.([A-Za-z0-9_-]+)\.eml$/.exec(name);
    if (m && ids.has(m[1])) {
      fs.rmSync(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

export function createOutboxDirectory({ dir, retentionDays, log, clock }:
  { dir: string; retentionDays: number; log: FastifyBaseLogger; clock: () => Date }): MailTransport {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // the RFC 5322 bytes, exactly as they would go over SMTP
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const purge = () => {
    const removed = purgeOutboxFiles(dir, retentionDays, clock());
    if (removed) log.info({ removed, retentionDays }, 'deleted old messages from the outbox directory');
  };
  purge();
  const daily = setInterval(purge, DAY_MS);
  daily.unref();

  return {
    kind: 'outbox',
    async send(mail, meta) {
      const info = await builder.sendMail(mail);
      const stamp = clock().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const file = path.join(dir, `${stamp}.${meta.outboxId.replace(SAFE, '_')}.eml`);
      // written whole, then renamed: a reader never sees half a message
      const partial = `${file}.partial`;
      await fs.promises.writeFile(partial, info.message as Buffer, { mode: 0o600 });
      await fs.promises.rename(partial, file);
      log.info({ outboxId: meta.outboxId, kind: meta.kind, file }, 'message written to the outbox directory (RELAY_SMTP_URL is not set)');
    },
    async close() {
      clearInterval(daily);
    },
  };
}
