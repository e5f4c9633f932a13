/**
 * What the intake accepts, decided by the compiled version the respondent was served and our
 * runtime: the shape of every answer first (value-shape.ts), then, on completion, every visible
 * page's errors in the respondent's language, and finally the data survey-core would keep
 * (hidden questions' values dropped).
 */
import { checkShape } from '../../../client/runtime/value-shape.js';
import { createRuntime } from '../../../client/runtime/runtime.js';
import { invalid, ProblemError, type FieldFault } from '../../errors.js';
import type { ServedVersion } from './versions.js';

const pointer = (name: string) => `/answers/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** The answers a submission may store, or a 422 naming each wrong answer. */
export function acceptedAnswers(version: ServedVersion, submitted: unknown): Record<string, unknown> {
  const { faults, answers } = checkShape(version.checks, submitted);
  if (faults.length === 0) return answers;
  throw invalid(`${faults.length === 1 ? 'One answer does' : `${faults.length} answers do`} not fit survey "${version.slug}" version ${version.version}.`,
    faults.map((f) => ({ pointer: f.name ? pointer(f.name) : '/answers', message: f.message, code: f.reason })));
}

/** Stored answers with a submission's applied: a value replaces, null removes. */
export function mergeAnswers(stored: Record<string, unknown>, accepted: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...stored };
  for (const [name, value] of Object.entries(accepted)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/** The text payload locale a respondent answers in; 422 for a language the version does not offer. */
export function checkLocale(version: ServedVersion, locale: string | undefined): string {
  const chosen = locale ?? 'default';
  if (version.texts[chosen]) return chosen;
  if (chosen === version.defaultLanguage) return 'default';
  throw invalid('This survey version is not offered in that language.', [{
    pointer: '/locale', message: `"${chosen}" is not one of ${Object.keys(version.texts).map((l) => `"${l}"`).join(', ')}`, code: 'unknownLocale',
  }]);
}

/**
 * Completes answers as survey-core would on "Complete": every page the respondent would pass
 * through is validated (texts in their language), then hidden questions' values are dropped.
 */
export function completedAnswers(version: ServedVersion, answers: Record<string, unknown>, locale: string): Record<string, unknown> {
  const runtime = createRuntime(version.structure, version.texts[locale]);
  runtime.setData(answers);
  const faults: FieldFault[] = [];
  const checked = new Set<number>();
  // validating a page may drop answers (hidden choices), which may change the pages shown after it
  for (let next = runtime.visiblePages().find((p) => !checked.has(p)); next !== undefined; next = runtime.visiblePages().find((p) => !checked.has(p))) {
    checked.add(next);
    for (const e of runtime.pageErrors(next)) faults.push({ pointer: pointer(e.question), message: e.text, code: e.kind });
  }
  if (faults.length > 0) {
    throw new ProblemError(422, 'ANSWERS_INCOMPLETE', `${faults.length === 1 ? 'One answer needs' : `${faults.length} answers need`} attention before the response can be completed.`, faults);
  }
  return runtime.completedData();
}
