/**
 * survey-core's verdict on a completed response: the answers as submitted go into a Model of the
 * version's definition, every page the respondent passes is validated, and the Model completes.
 * It must find no error our runtime did not, and keep exactly the data we stored.
 */
import type { PageModel, PanelModel, Question, SurveyModel } from 'survey-core';
import { Model } from '../../surveys/definition/survey-core-setup.js';

export interface AuditInput {
  answers: Record<string, unknown>;
  locale: string;
}

export type Verdict =
  | { agrees: true }
  | { agrees: false; detail: { reason: 'errors'; errors: Array<{ element: string; type: string }> } | { reason: 'data'; path: string; ours: unknown; surveyCore: unknown } };

function collectErrors(page: PageModel, out: Array<{ element: string; type: string }>) {
  const walk = (container: PanelModel | PageModel) => {
    for (const element of container.elements) {
      if (element.isPanel) walk(element as unknown as PanelModel);
      else for (const e of (element as unknown as Question).errors) out.push({ element: element.name, type: e.getErrorType() });
    }
    for (const e of container.errors) out.push({ element: container.name, type: e.getErrorType() });
  };
  walk(page);
}

/** The path and both values of the first difference (key order ignored), or undefined. */
export function firstDifference(ours: unknown, theirs: unknown, path = ''): { path: string; ours: unknown; surveyCore: unknown } | undefined {
  if (Object.is(ours, theirs)) return undefined;
  if (typeof ours !== 'object' || typeof theirs !== 'object' || ours === null || theirs === null || Array.isArray(ours) !== Array.isArray(theirs)) {
    return { path: path || '/', ours, surveyCore: theirs };
  }
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const diff = firstDifference((ours as Record<string, unknown>)[key], (theirs as Record<string, unknown>)[key], `${path}/${key}`);
    if (diff) return diff;
  }
  return undefined;
}

export function judge(model: SurveyModel, input: AuditInput, stored: Record<string, unknown>): Verdict {
  model.locale = input.locale === 'default' ? '' : input.locale;
  model.data = structuredClone(input.answers);
  const errors: Array<{ element: string; type: string }> = [];
  const checked = new Set<PageModel>();
  for (let page = model.visiblePages.find((p) => !checked.has(p)); page; page = model.visiblePages.find((p) => !checked.has(p))) {
    checked.add(page);
    page.hasErrors(true, false);
    collectErrors(page, errors);
  }
  if (errors.length > 0) return { agrees: false, detail: { reason: 'errors', errors } };
  model.doComplete();
  const diff = firstDifference(stored, model.data);
  return diff ? { agrees: false, detail: { reason: 'data', ...diff } } : { agrees: true };
}

/**
 * One Model per version, reset between responses (a new Model costs ~20 ms). A reset might keep
 * some state, so a disagreement is confirmed with a fresh Model before it counts.
 */
export function createReferee(definitionOf: (versionId: string) => Record<string, unknown> | undefined) {
  const models = new Map<string, { definition: Record<string, unknown>; model: SurveyModel }>();
  return (versionId: string, input: AuditInput, stored: Record<string, unknown>): Verdict => {
    let cached = models.get(versionId);
    if (!cached) {
      const definition = definitionOf(versionId);
      if (!definition) throw new Error(`survey version ${versionId} has no definition`);
      cached = { definition, model: new Model(structuredClone(definition)) };
      models.set(versionId, cached);
    }
    cached.model.clear(true, true);
    const quick = judge(cached.model, input, stored);
    if (quick.agrees) return quick;
    const fresh = new Model(structuredClone(cached.definition));
    try {
      return judge(fresh, input, stored);
    } finally {
      fresh.dispose();
    }
  };
}
