import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { surveys, surveyVersions, type SurveyState } from '../../db/schema/index.js';
import { newId, sha256Hex } from '../../crypto.js';
import { conflict, invalid, notFound, type FieldFault } from '../../errors.js';
import { validateDefinition } from './definition/validate.js';
import { localeReport } from './definition/locales.js';
import { mergeTranslationsCsv, translationsToCsv } from './definition/translations-csv.js';
import type { SurveyDefinition } from './definition/types.js';
import type { CompiledStore } from './compiled-store.js';

type SurveyRow = typeof surveys.$inferSelect;
type VersionRow = typeof surveyVersions.$inferSelect;
export type VersionSelector = number | 'latest' | 'published';

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

/** ASCII slug from a title: "Integracja – ankieta" → "integracja-ankieta". */
export function slugify(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'survey';
}

function versionMeta(v: VersionRow) {
  return { version: v.version, title: v.title, origin: v.origin, definitionHash: v.definitionHash, createdAt: v.createdAt, publishedAt: v.publishedAt };
}

export function createSurveysService({ db, compiled, clock = () => new Date() }: { db: Db; compiled: CompiledStore; clock?: () => Date }) {
  const iso = () => clock().toISOString();

  function getSurvey(slug: string): SurveyRow {
    const s = db.select().from(surveys).where(eq(surveys.slug, slug)).get();
    if (!s) throw notFound(`The survey "${slug}"`);
    return s;
  }

  function findVersion(surveyId: string, which: VersionSelector): VersionRow | undefined {
    const q = db.select().from(surveyVersions);
    if (typeof which === 'number') return q.where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.version, which))).get();
    const published = which === 'published' ? isNotNull(surveyVersions.publishedAt) : undefined;
    return q.where(and(eq(surveyVersions.surveyId, surveyId), published)).orderBy(desc(surveyVersions.version)).limit(1).get();
  }

  function getVersion(slug: string, which: VersionSelector = 'latest'): VersionRow {
    const v = findVersion(getSurvey(slug).id, which);
    if (!v) throw notFound(which === 'published' ? `A published version of "${slug}"` : `Version ${which} of "${slug}"`);
    return v;
  }

  function checked(definition: unknown, pointerPrefix: string): { definition: SurveyDefinition; title: string } {
    const result = validateDefinition(definition);
    if (!result.ok) {
      const faults: FieldFault[] = result.faults.map((f) => ({ pointer: pointerPrefix + f.pointer, message: f.message }));
      throw invalid(`The survey definition has ${faults.length} problem(s); each is listed with its JSON path.`, faults);
    }
    return { definition: result.definition, title: result.title };
  }

  function summary(s: SurveyRow) {
    const latest = findVersion(s.id, 'latest')!;
    const published = findVersion(s.id, 'published');
    const report = localeReport(latest.definition);
    return {
      id: s.id, slug: s.slug, state: s.state, title: latest.title, latestVersion: latest.version,
      publishedVersion: published?.version ?? null, locales: report.locales.map((l) => l.locale), createdAt: s.createdAt, updatedAt: s.updatedAt,
    };
  }

  /** Appends a version; a definition identical to the latest one adds nothing (idempotent re-upload). */
  function addVersion(s: SurveyRow, definition: SurveyDefinition, title: string, origin: VersionRow['origin'], userId: string | null) {
    const definitionHash = sha256Hex(JSON.stringify(definition));
    const latest = findVersion(s.id, 'latest');
    if (latest && latest.definitionHash === definitionHash) return { created: false, version: latest };
    const row: VersionRow = { id: newId(), surveyId: s.id, version: (latest?.version ?? 0) + 1, title: title || s.slug, definition, definitionHash,
      origin, createdAt: iso(), createdBy: userId, publishedAt: null };
    db.transaction((tx) => {
      tx.insert(surveyVersions).values(row).run();
      tx.update(surveys).set({ updatedAt: iso() }).where(eq(surveys.id, s.id)).run();
    });
    return { created: true, version: row };
  }

  function setState(slug: string, state: SurveyState) {
    db.update(surveys).set({ state, updatedAt: iso() }).where(eq(surveys.slug, slug)).run();
  }

  return {
    list: () => db.select().from(surveys).orderBy(surveys.slug).all().map(summary),

    get(slug: string) {
      const s = getSurvey(slug);
      const versions = db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, s.id)).orderBy(surveyVersions.version).all();
      return { ...summary(s), versions: versions.map(versionMeta) };
    },

    getVersion(slug: string, which: VersionSelector = 'latest') {
      const v = getVersion(slug, which);
      return { ...versionMeta(v), slug, definition: v.definition };
    },

    create(input: { slug?: string; definition: unknown }, userId: string | null) {
      const { definition, title } = checked(input.definition, '/definition');
      let slug = input.slug;
      if (slug) {
        if (db.select({ id: surveys.id }).from(surveys).where(eq(surveys.slug, slug)).get()) throw conflict(`The slug "${slug}" is taken; choose another or replace that survey's definition.`);
      } else {
        const base = slugify(title);
        slug = base;
        for (let n = 2; db.select({ id: surveys.id }).from(surveys).where(eq(surveys.slug, slug)).get(); n++) slug = `${base}-${n}`;
      }
      const s: SurveyRow = { id: newId(), slug, state: 'draft', createdAt: iso(), updatedAt: iso(), createdBy: userId };
      db.transaction((tx) => {
        tx.insert(surveys).values(s).run();
        tx.insert(surveyVersions).values({ id: newId(), surveyId: s.id, version: 1, title: title || slug, definition,
          definitionHash: sha256Hex(JSON.stringify(definition)), origin: 'upload', createdAt: iso(), createdBy: userId, publishedAt: null }).run();
      });
      return this.get(slug);
    },

    replace(slug: string, definition: unknown, userId: string | null) {
      const s = getSurvey(slug);
      const ok = checked(definition, '');
      const { created, version } = addVersion(s, ok.definition, ok.title, 'replace', userId);
      return { created, ...versionMeta(version) };
    },

    /**
     * Publishing compiles the version for phones (a feature phones cannot run is a fault, so a
     * survey never breaks on a phone), freezes it for good, and opens the survey (again, if closed).
     */
    publish(slug: string, version?: number) {
      const s = getSurvey(slug);
      const v = getVersion(slug, version ?? 'latest');
      if (!v.publishedAt || !compiled.manifest(v.id)) {
        const result = compiled.compile(v.definition);
        if (!result.ok) {
          throw invalid(`Version ${v.version} cannot be published: ${result.faults.length} part(s) of its definition cannot run on phones; each is listed with its JSON path.`,
            result.faults.map((f) => ({ pointer: f.pointer || '/', message: f.message })));
        }
        db.transaction((tx) => {
          compiled.store(tx, v.id, result);
          if (!v.publishedAt) tx.update(surveyVersions).set({ publishedAt: iso() }).where(eq(surveyVersions.id, v.id)).run();
        });
      }
      if (s.state !== 'open') setState(slug, 'open');
      return this.get(slug);
    },

    /** The compiled payload hashes of a version, or null when it was never published. */
    compiledManifest(slug: string, which: VersionSelector) {
      const v = getVersion(slug, which);
      return { version: v.version, manifest: compiled.manifest(v.id) };
    },

    close(slug: string) {
      const s = getSurvey(slug);
      if (s.state !== 'closed') setState(slug, 'closed');
      return this.get(slug);
    },

    languages(slug: string, which: VersionSelector = 'latest') {
      const v = getVersion(slug, which);
      return { slug, version: v.version, ...localeReport(v.definition) };
    },

    translationsCsv(slug: string, which: VersionSelector = 'latest', extraLocales: string[] = []) {
      const v = getVersion(slug, which);
      return { version: v.version, csv: translationsToCsv(v.definition, extraLocales) };
    },

    /** Merges a filled translation CSV into the latest version, as a new draft version. */
    mergeTranslations(slug: string, csv: string, userId: string | null) {
      const s = getSurvey(slug);
      const base = getVersion(slug, 'latest');
      const merged = mergeTranslationsCsv(base.definition, csv);
      if (!merged.ok) {
        const faults = merged.faults.map((f) => ({ pointer: f.row ? `/rows/${f.row}${f.column ? `/${f.column}` : ''}` : (f.pointer ?? '/'), message: f.message }));
        throw invalid(`The translation file has ${faults.length} problem(s); each names its row.`, faults);
      }
      const ok = checked(merged.definition, '');
      const { created, version } = addVersion(s, ok.definition, ok.title, 'translations', userId);
      return { created, basedOnVersion: base.version, updated: merged.updated, addedLocales: merged.addedLocales, defaultChanged: merged.defaultChanged, ...versionMeta(version) };
    },

    count: () => db.select({ n: sql<number>`count(*)` }).from(surveys).get()!.n,
  };
}

export type SurveysService = ReturnType<typeof createSurveysService>;
