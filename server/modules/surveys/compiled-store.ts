import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { compiledSurveys, compiledTexts, surveyVersions } from '../../db/schema/index.js';
import { FORMAT_VERSION } from '../../../client/runtime/compiled-types.js';
import { compileSurvey, type CompileResult } from './compiler/compile.js';

type Tx = Pick<Db, 'insert' | 'delete'>;

/** The compiled payloads of published versions, stored by version and addressed by content hash. */
export function createCompiledStore({ db, log, clock = () => new Date() }: { db: Db; log: FastifyBaseLogger; clock?: () => Date }) {
  function store(tx: Tx, versionId: string, result: Extract<CompileResult, { ok: true }>) {
    tx.delete(compiledTexts).where(eq(compiledTexts.versionId, versionId)).run();
    tx.delete(compiledSurveys).where(eq(compiledSurveys.versionId, versionId)).run();
    tx.insert(compiledSurveys).values({ versionId, formatVersion: result.structure.formatVersion, structureHash: result.structure.hash,
      structure: result.structure as unknown as Record<string, unknown>, compiledAt: clock().toISOString() }).run();
    for (const [locale, texts] of Object.entries(result.texts)) {
      tx.insert(compiledTexts).values({ versionId, locale, hash: texts.hash, texts: texts as unknown as Record<string, unknown> }).run();
    }
  }

  return {
    compile: compileSurvey,
    store,

    /** Which payloads make up a version: what a phone needs to fetch. */
    manifest(versionId: string) {
      const s = db.select({ formatVersion: compiledSurveys.formatVersion, hash: compiledSurveys.structureHash, compiledAt: compiledSurveys.compiledAt })
        .from(compiledSurveys).where(eq(compiledSurveys.versionId, versionId)).get();
      if (!s) return null;
      const texts = db.select({ locale: compiledTexts.locale, hash: compiledTexts.hash }).from(compiledTexts).where(eq(compiledTexts.versionId, versionId)).all();
      return { formatVersion: s.formatVersion, structure: s.hash, compiledAt: s.compiledAt, texts: Object.fromEntries(texts.map((t) => [t.locale, t.hash])) };
    },

    structure: (hash: string) => db.select({ p: compiledSurveys.structure }).from(compiledSurveys).where(eq(compiledSurveys.structureHash, hash)).limit(1).get()?.p,
    texts: (hash: string) => db.select({ p: compiledTexts.texts }).from(compiledTexts).where(eq(compiledTexts.hash, hash)).limit(1).get()?.p,

    /**
     * At start: compile published versions that have no compiled form yet (published before the
     * compiler existed) or an older format. One that does not compile is logged, not fatal.
     */
    compilePublished(): { compiled: number; failed: number } {
      const pending = db.select({ id: surveyVersions.id, definition: surveyVersions.definition, version: surveyVersions.version, surveyId: surveyVersions.surveyId })
        .from(surveyVersions).leftJoin(compiledSurveys, eq(compiledSurveys.versionId, surveyVersions.id))
        .where(and(isNotNull(surveyVersions.publishedAt), or(isNull(compiledSurveys.versionId), lt(compiledSurveys.formatVersion, FORMAT_VERSION)))).all();
      let failed = 0;
      for (const v of pending) {
        const result = compileSurvey(v.definition);
        if (result.ok) db.transaction((tx) => store(tx, v.id, result));
        else {
          failed++;
          log.error({ surveyId: v.surveyId, version: v.version, faults: result.faults.slice(0, 20) }, 'a published survey version does not compile for phones');
        }
      }
      return { compiled: pending.length - failed, failed };
    },
  };
}

export type CompiledStore = ReturnType<typeof createCompiledStore>;
