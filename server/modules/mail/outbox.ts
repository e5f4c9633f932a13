/**
 * The outbox table's state changes. A row is claimed with a lease (owner + expiry) in one
 * immediate transaction, and only the lease's owner can finish it: a process that was too slow
 * (its lease expired and another process took the row) finds its update matching nothing.
 */
import { and, asc, eq, inArray, lte, or, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mailOutbox, type MailKind } from '../../db/schema/index.js';
import { newId } from '../../crypto.js';

export type OutboxRow = typeof mailOutbox.$inferSelect;
/** the database or a transaction of it: what enqueue and the source's callbacks receive */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface EnqueueInput {
  kind: MailKind;
  partnerId?: string | null;
  campaignId?: string | null;
  invitationId?: string | null;
  /** test messages only: invitations read the contact's address at send time */
  recipient?: string | null;
  language?: string | null;
  /** stable per invitation and send: see messageIdFor */
  messageId: string;
  /** now, from the caller's clock */
  now: Date;
  /** not sent before this time; default now */
  notBefore?: Date;
}

/** Queues a message inside the caller's transaction; returns the outbox id. Call the mailer's wake() after commit. */
export function enqueue(tx: Tx | Db, input: EnqueueInput): string {
  const id = newId();
  const created = input.now.toISOString();
  tx.insert(mailOutbox).values({
    id, kind: input.kind, partnerId: input.partnerId ?? null, campaignId: input.campaignId ?? null, invitationId: input.invitationId ?? null,
    recipient: input.recipient ?? null, language: input.language ?? null, messageId: input.messageId, state: 'pending', attempts: 0,
    notBefore: (input.notBefore ?? input.now).toISOString(), createdAt: created,
  }).run();
  return id;
}

/**
 * Claims up to `limit` due rows, inside the caller's immediate transaction: pending ones whose
 * time has come, and rows left 'sending' by a process whose lease ran out (crashed, or stuck).
 * Attempts count claims, so a message that crashes its sender every time still ends 'failed'.
 */
export function claimIn(tx: Tx | Db, owner: string, limit: number, now: Date, leaseMs: number): OutboxRow[] {
  if (limit <= 0) return [];
  const at = now.toISOString();
  const due = tx.select({ id: mailOutbox.id }).from(mailOutbox)
    .where(or(
      and(eq(mailOutbox.state, 'pending'), lte(mailOutbox.notBefore, at)),
      and(eq(mailOutbox.state, 'sending'), lt(mailOutbox.leaseUntil, at)),
    ))
    .orderBy(asc(mailOutbox.notBefore)).limit(limit).all();
  if (!due.length) return [];
  return tx.update(mailOutbox)
    .set({ state: 'sending', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), attempts: sql`${mailOutbox.attempts} + 1` })
    .where(inArray(mailOutbox.id, due.map((r) => r.id)))
    .returning().all();
}

export function claim(db: Db, owner: string, limit: number, now: Date, leaseMs: number): OutboxRow[] {
  if (limit <= 0) return [];
  return db.transaction((tx) => claimIn(tx, owner, limit, now, leaseMs), { behavior: 'immediate' });
}

export type Outcome = { state: 'sent'; sentAt: string } | { state: 'bounced' | 'failed' | 'cancelled'; lastError: string | null }
  | { state: 'pending'; notBefore: string; lastError: string };

/**
 * Moves a claimed row on inside the caller's transaction, if this owner still holds its lease.
 * Returns false when the lease was lost to another sender (nothing changed).
 */
export function finishIn(tx: Tx | Db, row: OutboxRow, owner: string, next: Outcome): boolean {
  const res = tx.update(mailOutbox).set({ ...next, leaseOwner: null, leaseUntil: null })
    .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.state, 'sending'), eq(mailOutbox.leaseOwner, owner)))
    .run();
  return res.changes === 1;
}

/** Rows not yet finished: pending (due or scheduled) and in flight. */
export function unfinishedCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(mailOutbox).where(inArray(mailOutbox.state, ['pending', 'sending'])).get()!.n;
}
