/**
 * Where messages go: a pooled SMTP connection when RELAY_SMTP_URL is set, otherwise the outbox
 * directory, one .eml file per message, so a new user can open the links without a mail server.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import { createOutboxDirectory, outboxDir } from './outbox-files.js';

export interface SendMeta { outboxId: string; kind: string }

export interface MailTransport {
  kind: 'smtp' | 'outbox';
  /** Resolves when the message was accepted (by the SMTP server, or written); rejects with nodemailer's error otherwise. */
  send(mail: SendMailOptions, meta: SendMeta, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export type MailTransportConfig = Pick<Config, 'smtpUrl' | 'dataDir' | 'mailConcurrency' | 'smtpTimeoutSeconds' | 'outboxRetentionDays'>;

export function createTransport(config: MailTransportConfig, log: FastifyBaseLogger, clock: () => Date = () => new Date()): MailTransport {
  return config.smtpUrl ? createSmtpTransport(config) : createOutboxDirectory({ dir: outboxDir(config.dataDir), retentionDays: config.outboxRetentionDays, log, clock });
}

function createSmtpTransport(config: MailTransportConfig): MailTransport {
  const timeout = config.smtpTimeoutSeconds * 1000;
  // smtps:// connects with TLS; smtp:// upgrades with STARTTLS when the server offers it (URL options decide the rest)
  const smtp = nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: config.mailConcurrency,
    maxMessages: 100,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    logger: false,
    debug: false,
  });
  return {
    kind: 'smtp',
    async send(mail, _meta, signal) {
      await smtp.sendMail({ ...mail, ...(signal ? { signal } : {}) });
    },
    async close() {
      smtp.close();
    },
  };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether the public URL points at this machine only (a developer trying the service out). */
export function isLocalUrl(publicUrl: string): boolean {
  try {
    const host = new URL(publicUrl).hostname.toLowerCase();
    return LOCAL_HOSTS.has(host) || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

/**
 * The warning to shout when messages go to the outbox directory while the public URL is not a
 * local address: a real deployment that forgot its SMTP settings. Null when all is well.
 */
export function outboxWarning(config: Pick<Config, 'smtpUrl' | 'publicUrl' | 'dataDir'>): string | null {
  if (config.smtpUrl || isLocalUrl(config.publicUrl)) return null;
  return `RELAY_SMTP_URL is not set: emails are NOT sent but written as .eml files to ${outboxDir(config.dataDir)}, `
    + `while RELAY_PUBLIC_URL (${config.publicUrl}) is not a local address. Set RELAY_SMTP_URL to deliver them.`;
}

/** Logs the outbox warning at error level (so it stands out) and tells whether it did. */
export function warnIfOutboxInProduction(config: Pick<Config, 'smtpUrl' | 'publicUrl' | 'dataDir'>, log: FastifyBaseLogger): boolean {
  const warning = outboxWarning(config);
  if (warning) log.error({ outbox: outboxDir(config.dataDir) }, warning);
  return warning !== null;
}
