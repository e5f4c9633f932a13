import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { contactImportRows, contactImports, contacts, suppressions } from '../../../db/schema/index.js';
import { newId } from '../../../crypto.js';
import { conflict } from '../../../errors.js';
import { createAuditService } from '../../audit/service.js';
import { mergeContact } from './stage.js';
import { searchText } from '../service.js';

/** Accepted rows in pages: the connection cannot run the inserts while an iterator over it is open. */
function* acceptedRows(tx: Pick<Db, 'select'>, importId: string) {
  let after = 0;
  for (;;) {
    const page = tx.select().from(contactImportRows)
      .where(and(eq(contactImportRows.importId, importId), gt(contactImportRows.rowNumber, after), inArray(contactImportRows.action, ['add', 'update', 'unchanged'])))
      .orderBy(contactImportRows.rowNumber).limit(2000).all();
    yield* page;
    if (page.length < 2000) return;
    after = page[page.length - 1].rowNumber;
  }
}

export interface CommitResult { added: number; updated: number; unchanged: number; skipped: number }

/**
 * Applies a staged import in one transaction: every accepted row or none. The list may have changed
 * since the preview, so each row is checked again against the list and the suppression list. Runs in
 * a worker thread: readers keep reading (WAL), writers wait for the one commit.
 */
export function commitImport(db: Db, importId: string, actorId: string | null, clock: () => Date = () => new Date()): CommitResult {
  const at = clock().toISOString();
  return db.transaction((tx) => {
    const job = tx.select().from(contactImports).where(eq(contactImports.id, importId)).get();
    if (!job || job.status !== 'committing') throw conflict('This import is not waiting to be committed.');
    const suppressed = new Set(tx.select({ h: suppressions.emailHash }).from(suppressions).where(eq(suppressions.partnerId, job.partnerId)).all().map((s) => s.h));
    const result: CommitResult = { added: 0, updated: 0, unchanged: 0, skipped: 0 };
    // Inside the write transaction this is the list as it is now, whatever changed since the preview.
    const current = new Map(tx.select().from(contacts).where(eq(contacts.listId, job.listId)).all().map((c) => [c.emailNormalized, c]));
    let inserts: Array<typeof contacts.$inferInsert> = [];
    const flush = () => {
      if (inserts.length) tx.insert(contacts).values(inserts).run();
      inserts = [];
    };
    // Staging already skipped repeated addresses; this only guards the unique index if it did not.
    const inserted = new Set<string>();
    for (const row of acceptedRows(tx, importId)) {
      if (!row.emailNormalized || !row.emailHash || suppressed.has(row.emailHash) || inserted.has(row.emailNormalized)) {
        result.skipped++;
        continue;
      }
      const existing = current.get(row.emailNormalized);
      if (!existing) {
        const contact = { id: newId(), listId: job.listId, partnerId: job.partnerId, email: row.email, emailNormalized: row.emailNormalized,
          emailHash: row.emailHash, name: row.name, searchText: searchText(row.email, row.name), language: row.language, attributes: row.attributes,
          status: 'active' as const, createdAt: at, updatedAt: at };
        inserts.push(contact);
        inserted.add(row.emailNormalized);
        if (inserts.length >= 500) flush();
        result.added++;
        continue;
      }
      const merged = mergeContact(existing, row);
      if (!merged.changed) {
        result.unchanged++;
        continue;
      }
      tx.update(contacts).set({ name: merged.name, searchText: searchText(existing.email, merged.name), language: merged.language, attributes: merged.attributes, updatedAt: at })
        .where(eq(contacts.id, existing.id)).run();
      result.updated++;
    }
    flush();
    // The staged rows hold personal data: they go once the import is done.
    tx.delete(contactImportRows).where(eq(contactImportRows.importId, importId)).run();
    tx.update(contactImports).set({ status: 'committed', committedAt: at, updatedAt: at }).where(eq(contactImports.id, importId)).run();
    createAuditService({ db, clock }).record({ actorId, partnerId: job.partnerId, action: 'contacts.import', targetType: 'list', targetId: job.listId,
      details: { importId, ...result } }, tx);
    return result;
  });
}
