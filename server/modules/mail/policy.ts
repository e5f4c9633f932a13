/** How the sender judges a failure, how long it waits before a retry, and how fast it may send. */
import { InvalidMessageError } from './message.js';

export type Failure =
  /** the recipient's server refused this message for good (5xx to RCPT TO or DATA): a bounce */
  | 'permanent'
  /** 4xx, connection refused or lost, timeouts, DNS, and anything unknown: retried later */
  | 'temporary'
  /** the message as rendered cannot be sent (e.g. a line break in a header): failed, not a bounce */
  | 'invalid';

interface MailError { code?: string; responseCode?: number; command?: string }

export function classify(err: unknown): Failure {
  if (err instanceof InvalidMessageError) return 'invalid';
  const e = (err ?? {}) as MailError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : 0;
  // 503 is a session in the wrong state, not a refusal (RFC 5321); a 5xx to MAIL FROM or AUTH is our
  // own configuration (sender address, credentials) and must not mark every contact bounced
  const aboutRecipient = (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && !/^MAIL FROM/i.test(e.command ?? '');
  if (code >= 500 && code < 600 && code !== 503 && aboutRecipient) return 'permanent';
  return 'temporary';
}

/** A short, log-safe description of a failure: codes only, never the server's text (it may quote the address). */
export function failureCode(err: unknown): string {
  const e = (err ?? {}) as MailError & { name?: string };
  return [e.code ?? e.name ?? 'Error', e.responseCode].filter((x) => x !== undefined).join(' ');
}

/** The error kept on the row (the operator may read it): the server's reply, bounded. */
export function failureText(err: unknown): string {
  const e = (err ?? {}) as { response?: string; message?: string };
  return `${failureCode(err)}: ${e.response ?? e.message ?? String(err)}`.slice(0, 500);
}

export interface BackoffOptions {
  /** the first retry's delay; each further one doubles it */
  baseMs: number;
  capMs: number;
  random?: () => number;
}

/**
 * Delay before the next try after `attempts` tries: base · 2^(attempts-1), capped, with "equal
 * jitter" (between half and all of it) so rows that failed together do not retry together.
 */
export function backoffMs(attempts: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  const full = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/**
 * At most `perMinute` sends a minute, evenly spaced: a bucket of one token refilled every
 * 60/perMinute seconds (so no minute-long burst at the start of a campaign). 0 turns it off.
 */
export function createRateLimiter(perMinute: number, now: () => number) {
  const interval = perMinute > 0 ? 60_000 / perMinute : 0;
  let next = now();
  return {
    /** how many sends may start now */
    available(): number {
      if (!interval) return Number.POSITIVE_INFINITY;
      return now() >= next ? 1 : 0;
    },
    take(n: number) {
      if (interval) next = Math.max(next, now()) + n * interval;
    },
    /** milliseconds until the next send may start */
    wait(): number {
      return interval ? Math.max(0, next - now()) : 0;
    },
  };
}
