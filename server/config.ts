import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Every setting comes from an environment variable with the RELAY_ prefix (plus PORT and HOST,
 * which hosting platforms set). loadConfig validates them all at once and names every bad one.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  publicUrl: Type.String({ minLength: 1 }),
  adminEmail: Type.Optional(Type.String()),
  adminPassword: Type.Optional(Type.String()),
  trustProxy: Type.Union([Type.Boolean(), Type.Integer({ minimum: 1 }), Type.Array(Type.String())]),
  logLevel: Type.Union(LOG_LEVELS.map((l) => Type.Literal(l))),
  bodyLimit: Type.Integer({ minimum: 1024 }),
  importMaxBytes: Type.Integer({ minimum: 1024 }),
  sessionTtlHours: Type.Integer({ minimum: 1 }),
  inviteTtlHours: Type.Integer({ minimum: 1 }),
  loginMaxAttempts: Type.Integer({ minimum: 1 }),
  loadExampleSurveys: Type.Boolean(),
  smtpUrl: Type.String(),
  mailFrom: Type.String({ minLength: 3 }),
  mailRatePerMinute: Type.Integer({ minimum: 0 }),
  mailConcurrency: Type.Integer({ minimum: 1, maximum: 64 }),
  smtpTimeoutSeconds: Type.Integer({ minimum: 1 }),
  outboxRetentionDays: Type.Integer({ minimum: 0 }),
});
export type Config = Static<typeof ConfigSchema>;

export interface ConfigVariable {
  env: string;
  key: keyof Config;
  default?: string;
  description: string;
  parse: (raw: string) => unknown;
}

const int = (raw: string) => (/^\d+$/.test(raw.trim()) ? Number(raw) : NaN);
const bool = (raw: string) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return raw;
};
const str = (raw: string) => raw;

/** One table drives parsing, defaults and the README's configuration table. */
export const CONFIG_VARIABLES: ConfigVariable[] = [
  { env: 'PORT', key: 'port', default: '3000', description: 'TCP port to listen on (0 picks a free one).', parse: int },
  { env: 'HOST', key: 'host', default: '127.0.0.1', description: 'Interface to listen on; `0.0.0.0` for all.', parse: str },
  { env: 'RELAY_DATA_DIR', key: 'dataDir', default: './data', description: 'Directory for the SQLite database, secrets, backups and the mail outbox.', parse: str },
  { env: 'RELAY_PUBLIC_URL', key: 'publicUrl', description: 'Base URL of links in emails, and the only origin trusted for browser requests. Default `http://localhost:PORT`.', parse: str },
  { env: 'RELAY_ADMIN_EMAIL', key: 'adminEmail', description: 'Email of the first admin, created when no user exists. Default `admin@localhost`.', parse: str },
  { env: 'RELAY_ADMIN_PASSWORD', key: 'adminPassword', description: 'Password of the first admin (at least 12 characters). If unset, one is generated into `<data dir>/initial-admin-password.txt` (mode 0600) and must be changed at first sign-in.', parse: str },
  { env: 'RELAY_TRUST_PROXY', key: 'trustProxy', default: 'false', description: 'Which proxies\' `X-Forwarded-For` to believe: `false`, `true` (any: only behind a proxy you control), a hop count, or a comma-separated list of addresses/CIDRs.', parse: parseTrustProxy },
  { env: 'RELAY_LOG_LEVEL', key: 'logLevel', default: 'info', description: `Log level: ${LOG_LEVELS.join(', ')}.`, parse: str },
  { env: 'RELAY_BODY_LIMIT', key: 'bodyLimit', default: '2097152', description: 'Largest request body in bytes (survey definitions, CSV uploads); larger gets 413.', parse: int },
  { env: 'RELAY_IMPORT_MAX_BYTES', key: 'importMaxBytes', default: '67108864', description: 'Largest contact file (CSV or XLSX) in bytes; it is streamed to disk, never held in memory.', parse: int },
  { env: 'RELAY_SESSION_TTL_HOURS', key: 'sessionTtlHours', default: '12', description: 'How long a browser sign-in lasts.', parse: int },
  { env: 'RELAY_INVITE_TTL_HOURS', key: 'inviteTtlHours', default: '72', description: 'How long a set-password link stays valid.', parse: int },
  { env: 'RELAY_LOGIN_MAX_ATTEMPTS', key: 'loginMaxAttempts', default: '10', description: 'Failed sign-ins per address and per account within 15 minutes before 429.', parse: int },
  { env: 'RELAY_SMTP_URL', key: 'smtpUrl', default: '', description: 'SMTP server for outgoing mail, e.g. `smtps://user:pass@smtp.example.org:465` or `smtp://relay.example.org:587` (STARTTLS); pooled. Empty: every message is written as an `.eml` file under `<data dir>/outbox/` instead.', parse: str },
  { env: 'RELAY_MAIL_FROM', key: 'mailFrom', description: 'Sender address of every message (the display name is the partner\'s); replies go to the campaign\'s reply-to. Default `survey-relay@` + the host of `RELAY_PUBLIC_URL`.', parse: str },
  { env: 'RELAY_MAIL_RATE', key: 'mailRatePerMinute', default: '600', description: 'Messages sent per minute at most (0: no limit).', parse: int },
  { env: 'RELAY_MAIL_CONCURRENCY', key: 'mailConcurrency', default: '4', description: 'Messages in flight at once; also the most that can be sent twice after a crash.', parse: int },
  { env: 'RELAY_SMTP_TIMEOUT_SECONDS', key: 'smtpTimeoutSeconds', default: '60', description: 'Give up on an SMTP exchange after this long and retry later; a claimed message\'s lease lasts twice as long.', parse: int },
  { env: 'RELAY_OUTBOX_RETENTION_DAYS', key: 'outboxRetentionDays', default: '7', description: 'Days `.eml` files stay in `<data dir>/outbox/` before they are deleted.', parse: int },
  { env: 'RELAY_LOAD_EXAMPLES', key: 'loadExampleSurveys', default: 'true', description: 'Load the example questionnaires from `surveys/` into an empty database at start.', parse: bool },
];

function parseTrustProxy(raw: string): unknown {
  const v = raw.trim();
  if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Number(v);
  const b = bool(v);
  if (typeof b === 'boolean') return b;
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const addr = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;
  return list.every((s) => addr.test(s)) ? list : raw;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const v of CONFIG_VARIABLES) {
    const text = env[v.env] ?? v.default;
    if (text === undefined) continue;
    const value = v.parse(text);
    if (typeof value === 'number' && Number.isNaN(value)) {
      problems.push(`${v.env}=${JSON.stringify(text)} is not a whole number`);
      continue;
    }
    raw[v.key] = value;
  }
  raw.publicUrl ??= `http://localhost:${raw.port ?? 3000}`;
  raw.adminEmail ??= 'admin@localhost';
  // a bad RELAY_PUBLIC_URL is reported once, below, not again as a missing sender
  raw.mailFrom ??= `survey-relay@${typeof raw.publicUrl === 'string' && isHttpUrl(raw.publicUrl) ? new URL(raw.publicUrl).hostname : 'localhost'}`;
  for (const e of Value.Errors(ConfigSchema, raw)) {
    const key = e.path.split('/')[1];
    const v = CONFIG_VARIABLES.find((c) => c.key === key);
    const name = v?.env ?? key;
    if (!problems.some((p) => p.startsWith(`${name}=`))) {
      const shown = /PASSWORD|SMTP_URL/.test(name) ? '(hidden)' : JSON.stringify(env[name] ?? v?.default);
      problems.push(`${name}=${shown}: ${v?.description ?? e.message}`);
    }
  }
  if (typeof raw.publicUrl === 'string' && !isHttpUrl(raw.publicUrl)) {
    problems.push(`RELAY_PUBLIC_URL=${JSON.stringify(raw.publicUrl)} must be an absolute http(s) URL`);
  }
  if (typeof raw.smtpUrl === 'string' && raw.smtpUrl !== '' && !/^smtps?:\/\/[^/]/.test(raw.smtpUrl)) {
    problems.push('RELAY_SMTP_URL=(hidden) must start with smtp:// or smtps://');
  }
  if (typeof raw.adminPassword === 'string' && raw.adminPassword.length < 12) {
    problems.push('RELAY_ADMIN_PASSWORD must be at least 12 characters');
  }
  if (problems.length) throw new ConfigError(problems);
  const config = raw as Config;
  config.dataDir = path.resolve(config.dataDir);
  config.publicUrl = config.publicUrl.replace(/\/+$/, '');
  return config;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
