import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { contactImportRows, contactImports, IMPORT_ACTIONS } from '../../db/schema/index.js';
import { newId } from '../../crypto.js';
import { conflict, ProblemError } from '../../errors.js';
import { createImportWorker } from './import/run-in-worker.js';
import { assertVisible, type Scope } from './scope.js';
import type { ListsService, Page } from './service.js';

export type ImportJob = typeof contactImports.$inferSelect;
export type RowFilter = 'all' | 'problems' | (typeof IMPORT_ACTIONS)[number];

export interface ImportsDeps {
  db: Db;
  dbFile: string;
  dataDir: string;
  secret: Buffer;
  lists: ListsService;
  log: FastifyBaseLogger;
  maxBytes: number;
  clock?: () => Date;
}

export interface UploadMeta { fileName?: string; encoding?: string; delimiter?: string }
export type ImportRequest = NonNullable<ImportJob['request']>;

export function createImportsService(deps: ImportsDeps) {
  const { db } = deps;
  const iso = () => (deps.clock ?? (() => new Date()))().toISOString();
  const uploads = path.join(deps.dataDir, 'imports');
  const running = new Set<Promise<unknown>>();
  const worker = createImportWorker();
  const runInWorker = worker.run;
  const uploadPath = (id: string) => path.join(uploads, `${id}.upload`);

  function job(id: string, scope: Scope): ImportJob {
    return assertVisible(db.select().from(contactImports).where(eq(contactImports.id, id)).get(), scope, 'The import');
  }

  function view(j: ImportJob) {
    const { partnerId: _p, createdBy: _c, ...rest } = j;
    return { ...rest, progress: j.bytesTotal > 0 ? Math.min(1, j.bytesRead / j.bytesTotal) : 0 };
  }

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p);
    p.finally(() => running.delete(p)).catch(() => {});
    return p;
  }

  function removeUpload(id: string) {
    fs.rmSync(uploadPath(id), { force: true });
  }

  /** Reads the stored upload into staged rows on a worker; the job row carries progress and the outcome. */
  function stage(id: string): Promise<void> {
    return track(runInWorker({ kind: 'stage', dbFile: deps.dbFile, importId: id, filePath: uploadPath(id), secret: deps.secret.toString('base64url') })
      .then((r) => { if (!r.ok) throw new Error(r.error.message); })
      .catch((err) => {
        deps.log.error({ err, importId: id }, 'import staging failed');
        db.update(contactImports).set({ status: 'failed', error: { code: 'INTERNAL', message: 'The file could not be read because of a server error. Try again.' }, updatedAt: iso() })
          .where(eq(contactImports.id, id)).run();
      }));
  }

  return {
    async start(listId: string, body: Readable, meta: UploadMeta, scope: Scope) {
      const list = deps.lists.get(listId, scope);
      const id = newId();
      fs.mkdirSync(uploads, { recursive: true, mode: 0o700 });
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > deps.maxBytes) cb(new ProblemError(413, 'FILE_TOO_LARGE', `The file is larger than ${Math.round(deps.maxBytes / 1048576)} MB (RELAY_IMPORT_MAX_BYTES). Split it and import the parts.`));
          else cb(null, chunk);
        },
      });
      try {
        await pipeline(body, limit, fs.createWriteStream(uploadPath(id), { mode: 0o600 }));
      } catch (err) {
        removeUpload(id);
        throw err;
      }
      const request: ImportRequest = { ...(meta.encoding ? { encoding: meta.encoding } : {}), ...(meta.delimiter ? { delimiter: meta.delimiter } : {}) };
      const row: ImportJob = { id, listId, partnerId: list.partnerId, status: 'reading', fileName: meta.fileName ?? null, format: null, encoding: null,
        delimiter: null, request, header: null, mapping: null, bytesTotal: size, bytesRead: 0, rowsRead: 0, counts: null, error: null,
        createdBy: scope.userId, createdAt: iso(), updatedAt: iso(), committedAt: null };
      db.insert(contactImports).values(row).run();
      const done = stage(id);
      return { job: view(row), done };
    },

    get: (id: string, scope: Scope) => view(job(id, scope)),

    history(listId: string, scope: Scope) {
      deps.lists.get(listId, scope);
      return db.select().from(contactImports).where(eq(contactImports.listId, listId)).orderBy(desc(contactImports.createdAt)).all().map(view);
    },

    rows(id: string, scope: Scope, q: { filter: RowFilter } & Page) {
      job(id, scope);
      const where = and(eq(contactImportRows.importId, id),
        q.filter === 'problems' ? sql`${contactImportRows.problems} <> '[]'` : q.filter === 'all' ? undefined : inArray(contactImportRows.action, [q.filter]));
      const total = db.select({ n: sql<number>`count(*)` }).from(contactImportRows).where(where).get()!.n;
      const items = db.select().from(contactImportRows).where(where).orderBy(asc(contactImportRows.rowNumber)).limit(q.pageSize).offset((q.page - 1) * q.pageSize).all()
        .map(({ importId: _i, emailHash: _h, ...r }) => r);
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    /** Re-reads the file with a column mapping the coordinator chose. */
    remap(id: string, request: ImportRequest, scope: Scope) {
      const j = job(id, scope);
      if (!['ready', 'failed'].includes(j.status) || !fs.existsSync(uploadPath(id))) throw conflict(`This import is ${j.status}; only a previewed or failed import can be mapped again.`);
      db.update(contactImports).set({ status: 'reading', request, counts: null, error: null, bytesRead: 0, rowsRead: 0, updatedAt: iso() }).where(eq(contactImports.id, id)).run();
      return { job: view(job(id, scope)), done: stage(id) };
    },

    async commit(id: string, scope: Scope) {
      const j = job(id, scope);
      const claimed = db.update(contactImports).set({ status: 'committing', updatedAt: iso() })
        .where(and(eq(contactImports.id, id), eq(contactImports.status, 'ready'))).run();
      if (claimed.changes === 0) throw conflict(`This import is ${j.status}; only a previewed import can be committed.`);
      const outcome = await track(runInWorker({ kind: 'commit', dbFile: deps.dbFile, importId: id, actorId: scope.userId }));
      if (!outcome.ok) {
        db.update(contactImports).set({ status: 'ready', updatedAt: iso() }).where(eq(contactImports.id, id)).run();
        deps.log.error({ importId: id, error: outcome.error.message }, 'import commit failed; nothing was written');
        throw new ProblemError(500, 'INTERNAL', 'The import could not be committed; nothing was written. Try again.');
      }
      removeUpload(id);
      return { ...view(job(id, scope)), result: outcome.result! };
    },

    discard(id: string, scope: Scope) {
      const j = job(id, scope);
      if (j.status === 'committed' || j.status === 'committing') throw conflict(`This import is ${j.status} and cannot be discarded.`);
      db.transaction((tx) => {
        tx.delete(contactImportRows).where(eq(contactImportRows.importId, id)).run();
        tx.update(contactImports).set({ status: 'discarded', updatedAt: iso() }).where(eq(contactImports.id, id)).run();
      });
      removeUpload(id);
    },

    /** After a restart: re-read imports cut short, and release commits the crash rolled back. */
    recover() {
      db.update(contactImports).set({ status: 'ready', updatedAt: iso() }).where(eq(contactImports.status, 'committing')).run();
      for (const j of db.select().from(contactImports).where(eq(contactImports.status, 'reading')).all()) {
        if (fs.existsSync(uploadPath(j.id))) void stage(j.id);
        else db.update(contactImports).set({ status: 'failed', error: { code: 'LOST', message: 'The upload was lost in a restart. Upload the file again.' } }).where(eq(contactImports.id, j.id)).run();
      }
    },

    /** Lets staging and commits in flight finish, then stops the worker (graceful shutdown). */
    async close() {
      await Promise.allSettled([...running]);
      await worker.close();
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
