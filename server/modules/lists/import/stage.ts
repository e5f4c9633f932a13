import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { contactImportRows, contactImports, contacts, suppressions, type ImportCounts } from '../../../db/schema/index.js';
import { explicitMapping, guessMapping, type ColumnMapping } from './columns.js';
import { normalizeRow } from './normalize-row.js';
import { openTable, TableError, type ReadOptions } from './read-table.js';

export interface StageInput {
  importId: string;
  filePath: string;
  hashEmail: (normalized: string) => string;
  limits?: Pick<ReadOptions, 'maxColumns' | 'maxCellLength' | 'maxBytes'>;
  clock?: () => Date;
}

type Row = typeof contactImportRows.$inferInsert;
type Existing = { name: string | null; language: string | null; attributes: Record<string, string> };
const BATCH = 1000;

/** Rows that are reported but not imported. */
const BLOCKING = new Set(['invalid_email', 'duplicate_in_file', 'opted_out_earlier', 'erased_earlier', 'bounced_earlier', 'too_long']);

function sortedJson(o: Record<string, string>): string {
  return JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** What committing a row would do to the contact already in the list. */
export function mergeContact(existing: Existing, row: Pick<Row, 'name' | 'language' | 'attributes'>): Existing & { changed: boolean } {
  const merged = { name: row.name ?? existing.name, language: row.language ?? existing.language, attributes: { ...existing.attributes, ...row.attributes } };
  const changed = merged.name !== existing.name || merged.language !== existing.language || sortedJson(merged.attributes) !== sortedJson(existing.attributes);
  return { ...merged, changed };
}

/**
 * Reads an uploaded file into staged, classified rows: the preview. Runs in a worker thread with its own
 * database connection, writing in small transactions so the server's own writes interleave.
 */
export async function stageImport(db: Db, input: StageInput): Promise<void> {
  const now = () => (input.clock ?? (() => new Date()))().toISOString();
  const job = db.select().from(contactImports).where(eq(contactImports.id, input.importId)).get();
  if (!job) throw new Error(`import ${input.importId} is gone`);
  db.delete(contactImportRows).where(eq(contactImportRows.importId, job.id)).run();
  const fail = (code: string, message: string, faults?: string[]) =>
    db.update(contactImports).set({ status: 'failed', error: { code, message, ...(faults ? { faults } : {}) }, updatedAt: now() }).where(eq(contactImports.id, job.id)).run();

  let table;
  try {
    table = await openTable(fs.createReadStream(input.filePath), { ...input.limits, encoding: job.request.encoding, delimiter: job.request.delimiter });
  } catch (err) {
    if (err instanceof TableError) return void fail(err.code, err.message);
    throw err;
  }
  const { info } = table;
  const mapped = job.request.mapping ? explicitMapping(info.header, job.request.mapping) : guessMapping(info.header);
  db.update(contactImports).set({ format: info.format, encoding: info.encoding, delimiter: info.delimiter, header: info.header, updatedAt: now() })
    .where(eq(contactImports.id, job.id)).run();
  if ('faults' in mapped) {
    await table.rows[Symbol.asyncIterator]().return?.();
    return void fail('MAPPING', 'The columns could not be matched: say which column holds the email address.', mapped.faults);
  }
  const mapping: ColumnMapping = mapped.mapping;

  const existing = new Map<string, Existing>();
  for (const c of db.select({ e: contacts.emailNormalized, name: contacts.name, language: contacts.language, attributes: contacts.attributes })
    .from(contacts).where(eq(contacts.listId, job.listId)).all()) {
    if (c.e) existing.set(c.e, { name: c.name, language: c.language, attributes: c.attributes });
  }
  const suppressed = new Map<string, string>();
  for (const s of db.select().from(suppressions).where(eq(suppressions.partnerId, job.partnerId)).all()) suppressed.set(s.emailHash, s.reason);

  const seen = new Set<string>();
  const counts: ImportCounts = { rows: 0, add: 0, update: 0, unchanged: 0, skip: 0, problems: {} };
  let batch: Row[] = [];
  /** Writes a batch; false once the import was discarded meanwhile (its rows must not come back). */
  const flush = () => {
    const rows = batch;
    batch = [];
    return db.transaction((tx) => {
      const progress = tx.update(contactImports).set({ bytesRead: table.bytesRead(), rowsRead: counts.rows, updatedAt: now() })
        .where(and(eq(contactImports.id, job.id), eq(contactImports.status, 'reading'))).run();
      if (progress.changes === 0) return false;
      if (rows.length) tx.insert(contactImportRows).values(rows).run();
      return true;
    });
  };

  try {
    for await (const { rowNumber, cells } of table.rows) {
      const c = normalizeRow(cells, mapping, info.header.length);
      const problems: string[] = [...c.problems];
      const hash = c.emailNormalized ? input.hashEmail(c.emailNormalized) : null;
      if (c.emailNormalized) {
        if (seen.has(c.emailNormalized)) problems.push('duplicate_in_file');
        seen.add(c.emailNormalized);
        const reason = hash && suppressed.get(hash);
        if (reason) problems.push(`${reason}_earlier`);
      }
      let action: Row['action'];
      if (problems.some((p) => BLOCKING.has(p))) action = 'skip';
      else {
        const before = existing.get(c.emailNormalized);
        if (!before) action = 'add';
        else {
          action = mergeContact(before, c).changed ? 'update' : 'unchanged';
          problems.push('in_list');
        }
      }
      counts.rows++;
      counts[action!]++;
      for (const p of problems) counts.problems[p] = (counts.problems[p] ?? 0) + 1;
      batch.push({ importId: job.id, rowNumber, email: c.email || null, emailNormalized: c.emailNormalized || null, emailHash: hash,
        name: c.name, language: c.language, languageInput: c.languageInput, attributes: c.attributes, problems, action });
      if (batch.length >= BATCH) {
        if (!flush()) {
          await table.rows[Symbol.asyncIterator]().return?.();
          return;
        }
        // Let the other thread's writers in between batches.
        await new Promise((r) => setImmediate(r));
      }
    }
  } catch (err) {
    if (err instanceof TableError) return void fail(err.code, err.message);
    throw err;
  }
  if (!flush()) return;
  if (counts.rows === 0) return void fail('NO_ROWS', 'The file has a header row but no contacts.');
  // The encoding guessed from the first 64 KB may have been corrected while reading: store the final one.
  db.update(contactImports).set({ status: 'ready', counts, encoding: info.encoding, mapping: mapping as unknown as Record<string, unknown>, bytesRead: table.bytesRead(), updatedAt: now() })
    .where(and(eq(contactImports.id, job.id), eq(contactImports.status, 'reading'))).run();
}
