/**
 * The staff preview of any version of a survey, draft or published. A published version is served
 * from its stored compiled form, as respondents get it. A draft is compiled on demand with the
 * publishing compiler and kept only in this process's memory: its payloads are served under
 * /preview (staff only), never under /api/compiled, so nothing of a draft reaches a respondent.
 */
import type { Fault } from '../surveys/definition/types.js';
import type { CompileResult } from '../surveys/compiler/compile.js';
import type { SurveysService } from '../surveys/service.js';
import { offeredLanguages, type ServedVersion, type VersionCache } from '../responses/versions.js';
import type { StructurePayload, TextsPayload } from '../../../client/runtime/compiled-types.js';
import { shapeChecks } from '../../../client/runtime/value-shape.js';
import { notFound } from '../../errors.js';

export type Preview =
  | { ok: true; version: ServedVersion; offered: string[]; draft: boolean }
  | { ok: false; version: number; faults: Fault[] };

/** Compiled drafts kept (least recently used first out); a version's definition never changes, so its compiled form neither. */
const DRAFTS_KEPT = 16;


/** Where the preview page's script loads a draft's compiled payloads from. */
export const draftPayloads = (slug: string, version: number) => `/preview/${encodeURIComponent(slug)}/${version}/compiled`;

export function createPreviews({ surveys, versions, compile }: { surveys: SurveysService; versions: VersionCache; compile: (definition: unknown) => CompileResult }) {
  const drafts = new Map<string, Preview>();

  function compileDraft(slug: string, number: number): Preview {
    const v = surveys.getVersion(slug, number);
    const key = `${slug}\n${number}\n${v.definitionHash}`;
    let preview = drafts.get(key);
    if (preview) drafts.delete(key);
    else {
      const result = compile(v.definition);
      const locale = v.definition.locale;
      preview = result.ok
        ? { ok: true, draft: true, offered: [], version: {
          versionId: `draft:${slug}:${number}`, surveyId: '', slug, version: number, structure: result.structure, texts: result.texts,
          checks: shapeChecks(result.structure), defaultLanguage: typeof locale === 'string' && locale ? locale : 'en',
        } }
        : { ok: false, version: number, faults: result.faults };
      if (preview.ok) preview.offered = offeredLanguages(preview.version);
    }
    drafts.set(key, preview);
    if (drafts.size > DRAFTS_KEPT) drafts.delete(drafts.keys().next().value as string);
    return preview;
  }

  return {
    /** Version `number` of a survey, ready to render; a draft that does not compile gives its faults. 404 when there is no such version. */
    get(slug: string, number: number): Preview {
      const meta = surveys.getVersion(slug, number);
      if (!meta.publishedAt) return compileDraft(slug, number);
      const version = versions.get(versions.find(slug, number).versionId);
      return { ok: true, draft: false, version, offered: offeredLanguages(version) };
    },

    /** A draft's compiled payload by its hash (what the preview page's script loads). */
    payload(slug: string, number: number, kind: 'structure' | 'texts', hash: string): StructurePayload | TextsPayload {
      const preview = compileDraft(slug, number);
      const found = !preview.ok ? undefined
        : kind === 'structure' ? (preview.version.structure.hash === hash ? preview.version.structure : undefined)
        : Object.values(preview.version.texts).find((texts) => texts.hash === hash);
      if (!found) throw notFound(`A compiled ${kind} payload of version ${number} of "${slug}" with this hash`);
      return found;
    },
  };
}

export type Previews = ReturnType<typeof createPreviews>;
