import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { surveys, surveyVersions } from '../../db/schema/index.js';
import type { SurveyState } from '../../db/schema/index.js';
import type { StructurePayload, TextsPayload } from '../../../client/runtime/compiled-types.js';
import { shapeChecks } from '../../../client/runtime/value-shape.js';
import type { CompiledStore } from '../surveys/compiled-store.js';
import { notFound } from '../../errors.js';

/** A published version as the intake needs it: compiled payloads and the answer checks built from them. */
export interface ServedVersion {
  versionId: string;
  surveyId: string;
  slug: string;
  version: number;
  structure: StructurePayload;
  texts: Record<string, TextsPayload>;
  checks: ReturnType<typeof shapeChecks>;
  /** the language of the 'default' texts (the definition's locale, else English) */
  defaultLanguage: string;
}

const CACHE_SIZE = 64;

/** The languages a version offers to respondents: its default language, then its other locales. */
export const offeredLanguages = (v: Pick<ServedVersion, 'defaultLanguage' | 'texts'>): string[] =>
  [v.defaultLanguage, ...Object.keys(v.texts).filter((l) => l !== 'default' && l !== v.defaultLanguage)];

/**
 * Published versions by id, compiled payloads parsed once and kept (least recently used first
 * out): the payloads of a published version never change while the process runs.
 */
export function createVersionCache(db: Db, compiled: CompiledStore) {
  const cache = new Map<string, ServedVersion>();

  function load(versionId: string): ServedVersion | undefined {
    const row = db.select({ surveyId: surveyVersions.surveyId, slug: surveys.slug, version: surveyVersions.version, definition: surveyVersions.definition })
      .from(surveyVersions).innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
      .where(and(eq(surveyVersions.id, versionId), isNotNull(surveyVersions.publishedAt))).get();
    const manifest = row && compiled.manifest(versionId);
    if (!row || !manifest) return undefined;
    const structure = compiled.structure(manifest.structure) as unknown as StructurePayload;
    const texts = Object.fromEntries(Object.entries(manifest.texts).map(([locale, hash]) => [locale, compiled.texts(hash) as unknown as TextsPayload]));
    const locale = row.definition.locale;
    return {
      versionId, surveyId: row.surveyId, slug: row.slug, version: row.version, structure, texts, checks: shapeChecks(structure),
      defaultLanguage: typeof locale === 'string' && locale ? locale : 'en',
    };
  }

  function get(versionId: string): ServedVersion {
    let served = cache.get(versionId);
    if (served) cache.delete(versionId);
    else served = load(versionId);
    if (!served) throw notFound('The survey version');
    cache.set(versionId, served);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return served;
  }

  return {
    get,

    /** A published version of an open survey, by slug and number. */
    find(slug: string, version: number): { versionId: string; state: SurveyState } {
      const row = db.select({ versionId: surveyVersions.id, state: surveys.state }).from(surveyVersions)
        .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
        .where(and(eq(surveys.slug, slug), eq(surveyVersions.version, version), isNotNull(surveyVersions.publishedAt))).get();
      if (!row) throw notFound(`Published version ${version} of survey "${slug}"`);
      return row;
    },

    /** The survey's title in a language (the default texts when the version lacks it), else its slug. */
    title(versionId: string, language: string): string {
      const v = get(versionId);
      const texts = v.texts[language] ?? v.texts.default;
      return (v.structure.titleKey && texts?.texts[v.structure.titleKey]) || v.slug;
    },

    surveyState(surveyId: string): SurveyState | undefined {
      return db.select({ state: surveys.state }).from(surveys).where(eq(surveys.id, surveyId)).get()?.state;
    },
  };
}

export type VersionCache = ReturnType<typeof createVersionCache>;
