/**
 * One claimed row's try: render it through the MailSource, send it, and judge the result. Nothing
 * is written here: the outcome is recorded by the sender loop, with others, in one transaction.
 */
import { toMailOptions, type OutgoingMessage } from './message.js';
import type { Outcome, OutboxRow, Tx } from './outbox.js';
import { backoffMs, classify, failureCode, failureText, type BackoffOptions } from './policy.js';
import type { MailTransport } from './transport.js';

/** What to send and what sending means, given by the module that queues messages (campaigns). */
export interface MailSource {
  /** The message for a claimed row, rendered now; null: it must not be sent any more (the row becomes 'cancelled'). */
  render(row: OutboxRow): OutgoingMessage | null | Promise<OutgoingMessage | null>;
  /** Runs in the transaction that marks the row sent. */
  sent(tx: Tx, row: OutboxRow): void;
  /** A permanent failure (5xx): runs in the transaction that marks the row bounced. */
  bounced(tx: Tx, row: OutboxRow, error: string): void;
}

export interface Settled {
  row: OutboxRow;
  outcome: 'sent' | 'cancelled' | 'bounced' | 'failed' | 'retry';
  next: Outcome;
  /** the source's part, run in the same transaction */
  also?: (tx: Tx) => void;
  /** log fields: failure codes only, never the server's text */
  fields?: Record<string, unknown>;
}

export interface DeliverOptions {
  source: MailSource;
  transport: MailTransport;
  mailFrom: string;
  clock: () => Date;
  /** the whole exchange is abandoned after this long (it must end before the lease does) */
  timeoutMs: number;
  backoff: BackoffOptions;
  maxAttempts: number;
}

export function createDeliver({ source, transport, mailFrom, clock, timeoutMs, backoff, maxAttempts }: DeliverOptions) {
  async function send(row: OutboxRow, message: OutgoingMessage) {
    // the row's Message-ID, whatever the source says: the same id on every try of this send
    const mail = toMailOptions({ ...message, messageId: row.messageId, language: message.language ?? row.language }, mailFrom);
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error('the SMTP exchange took too long'), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
    });
    try {
      await Promise.race([transport.send(mail, { outboxId: row.id, kind: row.kind }, abort.signal), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  function judge(row: OutboxRow, err: unknown): Settled {
    const failure = classify(err);
    const lastError = failureText(err);
    const fields = { code: failureCode(err) };
    if (failure === 'permanent') return { row, outcome: 'bounced', next: { state: 'bounced', lastError }, also: (tx) => source.bounced(tx, row, lastError), fields };
    if (failure === 'invalid' || row.attempts >= maxAttempts) return { row, outcome: 'failed', next: { state: 'failed', lastError }, fields };
    const notBefore = new Date(clock().getTime() + backoffMs(row.attempts, backoff)).toISOString();
    return { row, outcome: 'retry', next: { state: 'pending', notBefore, lastError }, fields: { ...fields, notBefore } };
  }

  return async function deliver(row: OutboxRow): Promise<Settled> {
    try {
      const message = await source.render(row);
      if (message === null) return { row, outcome: 'cancelled', next: { state: 'cancelled', lastError: null } };
      await send(row, message);
      return { row, outcome: 'sent', next: { state: 'sent', sentAt: clock().toISOString() }, also: (tx) => source.sent(tx, row) };
    } catch (err) {
      return judge(row, err);
    }
  };
}
