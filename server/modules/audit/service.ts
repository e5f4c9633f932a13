import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { newId } from '../../crypto.js';

export interface AuditEntry {
  actorId: string | null;
  partnerId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Counts and ids only: never an email, a name or an answer. */
  details?: Record<string, unknown>;
}

export function createAuditService({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  return {
    /** Records inside the caller's transaction when given one, so the entry and the change land together. */
    record(entry: AuditEntry, tx: Pick<Db, 'insert'> = db) {
      tx.insert(auditLog).values({ id: newId(), at: clock().toISOString(), actorId: entry.actorId, partnerId: entry.partnerId,
        action: entry.action, targetType: entry.targetType, targetId: entry.targetId ?? null, details: entry.details ?? {} }).run();
    },

    list(filter: { partnerId?: string; action?: string }, page: number, pageSize: number) {
      const where = and(filter.partnerId ? eq(auditLog.partnerId, filter.partnerId) : undefined, filter.action ? eq(auditLog.action, filter.action) : undefined);
      const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()!.n;
      const items = db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(pageSize).offset((page - 1) * pageSize).all();
      return { items, total, page, pageSize };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
