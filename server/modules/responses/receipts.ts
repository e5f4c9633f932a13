/**
 * Idempotency keys (the IETF httpapi "Idempotency-Key" header): the first request with a key is
 * carried out and its answer kept; a retry with the same key and the same request gets that
 * answer again and stores nothing; the same key with another request is refused. Receipts are
 * written in the transaction of the change they answer, so either both exist or neither.
 */
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { intakeReceipts } from '../../db/schema/index.js';
import { sha256Hex } from '../../crypto.js';
import { ProblemError } from '../../errors.js';

type Tx = Pick<Db, 'select' | 'insert' | 'delete'>;

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{16,128}$/;
/** How long a retry is recognised. */
const KEEP_DAYS = 2;

export interface Receipt {
  status: number;
  body: Record<string, unknown>;
  /** true when this is the kept answer to an earlier request with the same key */
  replayed?: boolean;
}

/** A key as sent by the client, checked: 400 when missing or malformed. */
export function idempotencyKey(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key === '') {
    throw new ProblemError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header with a new random value (e.g. a UUID) for each submission, and the same value when you retry it.');
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ProblemError(400, 'IDEMPOTENCY_KEY_MALFORMED', 'The Idempotency-Key header must be 16 to 128 characters of letters, digits and . _ : - (a UUID fits).');
  }
  return key;
}

export function createReceipts(clock: () => Date) {
  const keyHash = (scope: string, key: string) => sha256Hex(`${scope}\u0000${key}`);
  let nextPurge = 0;

  return {
    /** The kept answer of an earlier request with this key, or undefined for a new key. */
    replay(tx: Tx, scope: string, key: string, request: unknown): Receipt | undefined {
      const found = tx.select().from(intakeReceipts).where(eq(intakeReceipts.keyHash, keyHash(scope, key))).get();
      if (!found) return undefined;
      if (found.requestHash !== sha256Hex(JSON.stringify(request))) {
        throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different submission. Use a new key for each new submission.');
      }
      return { status: found.status, body: found.body, replayed: true };
    },

    keep(tx: Tx, scope: string, key: string, request: unknown, receipt: Receipt): void {
      const now = clock();
      const expires = new Date(now.getTime() + KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
      tx.insert(intakeReceipts).values({ keyHash: keyHash(scope, key), requestHash: sha256Hex(JSON.stringify(request)), status: receipt.status,
        body: receipt.body, expiresOn: expires }).run();
      if (now.getTime() >= nextPurge) {
        tx.delete(intakeReceipts).where(lt(intakeReceipts.expiresOn, now.toISOString().slice(0, 10))).run();
        nextPurge = now.getTime() + 3_600_000;
      }
    },
  };
}

export type Receipts = ReturnType<typeof createReceipts>;
