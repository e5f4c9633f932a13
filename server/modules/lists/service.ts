import { and, asc, eq, sql, type AnyColumn } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contactLists, contacts, partners } from '../../db/schema/index.js';
import { newId } from '../../crypto.js';
import { conflict, invalid } from '../../errors.js';
import type { AuditService } from '../audit/service.js';
import { assertVisible, partnerOf, type Scope } from './scope.js';

export type ContactList = typeof contactLists.$inferSelect;

export interface Page { page: number; pageSize: number }

/** A LIKE pattern that matches `text` literally anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
/** Lower-cased email and name in one column: SQLite's LIKE folds case for ASCII only, so we fold in JS. */
export function searchText(...parts: Array<string | null | undefined>): string {
  return parts.filter(Boolean).join(' ').toLocaleLowerCase('und');
}
export const likeEscaped = (column: AnyColumn, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;

export function createListsService({ db, audit, clock = () => new Date() }: { db: Db; audit: AuditService; clock?: () => Date }) {
  const iso = () => clock().toISOString();

  function withCounts(l: ContactList) {
    const rows = db.select({ status: contacts.status, n: sql<number>`count(*)` }).from(contacts).where(eq(contacts.listId, l.id)).groupBy(contacts.status).all();
    const counts = { active: 0, opted_out: 0, bounced: 0, erased: 0 } as Record<string, number>;
    for (const r of rows) counts[r.status] = r.n;
    return { ...l, counts, total: rows.reduce((a, r) => a + r.n, 0) };
  }

  function get(id: string, scope: Scope): ContactList {
    return assertVisible(db.select().from(contactLists).where(eq(contactLists.id, id)).get(), scope, 'The list');
  }

  function assertNameFree(partnerId: string, name: string, exceptId?: string) {
    const other = db.select({ id: contactLists.id }).from(contactLists).where(and(eq(contactLists.partnerId, partnerId), eq(contactLists.name, name))).get();
    if (other && other.id !== exceptId) throw conflict(`This partner already has a list named "${name}".`);
  }

  return {
    get,
    getWithCounts: (id: string, scope: Scope) => withCounts(get(id, scope)),

    list(scope: Scope, q: { partnerId?: string; search?: string } & Page) {
      const p = partnerOf(scope);
      const where = and(
        p !== undefined ? eq(contactLists.partnerId, p) : q.partnerId ? eq(contactLists.partnerId, q.partnerId) : undefined,
        q.search ? likeEscaped(contactLists.name, containsPattern(q.search)) : undefined,
      );
      const total = db.select({ n: sql<number>`count(*)` }).from(contactLists).where(where).get()!.n;
      const items = db.select().from(contactLists).where(where).orderBy(asc(contactLists.name)).limit(q.pageSize).offset((q.page - 1) * q.pageSize).all();
      return { items: items.map(withCounts), total, page: q.page, pageSize: q.pageSize };
    },

    create(input: { name: string; description?: string | null; partnerId?: string }, scope: Scope) {
      const partnerId = scope.role === 'admin' ? input.partnerId : scope.partnerId;
      if (!partnerId) throw invalid('Say which partner the list belongs to.', [{ pointer: '/partnerId', message: 'is required for an admin' }]);
      if (scope.role !== 'admin' && input.partnerId && input.partnerId !== scope.partnerId) {
        throw invalid('A coordinator creates lists for their own partner only.', [{ pointer: '/partnerId', message: 'must be your own partner or left out' }]);
      }
      if (!db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)).get()) {
        throw invalid('No partner has this id.', [{ pointer: '/partnerId', message: 'no partner has this id' }]);
      }
      assertNameFree(partnerId, input.name);
      const row: ContactList = { id: newId(), partnerId, name: input.name, description: input.description ?? null, createdBy: scope.userId, createdAt: iso(), updatedAt: iso() };
      db.transaction((tx) => {
        tx.insert(contactLists).values(row).run();
        audit.record({ actorId: scope.userId, partnerId, action: 'list.create', targetType: 'list', targetId: row.id }, tx);
      });
      return withCounts(row);
    },

    update(id: string, patch: { name?: string; description?: string | null }, scope: Scope) {
      const l = get(id, scope);
      if (patch.name) assertNameFree(l.partnerId, patch.name, id);
      db.transaction((tx) => {
        tx.update(contactLists).set({ ...patch, updatedAt: iso() }).where(eq(contactLists.id, id)).run();
        audit.record({ actorId: scope.userId, partnerId: l.partnerId, action: 'list.update', targetType: 'list', targetId: id, details: { fields: Object.keys(patch) } }, tx);
      });
      return withCounts(get(id, scope));
    },

    /** Deletes the list and its contacts. Suppressions (opt-outs, erasures) of the partner stay. */
    remove(id: string, scope: Scope) {
      const l = withCounts(get(id, scope));
      db.transaction((tx) => {
        tx.delete(contactLists).where(eq(contactLists.id, id)).run();
        audit.record({ actorId: scope.userId, partnerId: l.partnerId, action: 'list.delete', targetType: 'list', targetId: id, details: { contacts: l.total } }, tx);
      });
    },

  };
}

export type ListsService = ReturnType<typeof createListsService>;
