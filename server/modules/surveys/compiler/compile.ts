/**
 * compileSurvey: a published SurveyJS definition → the compiled form phones load (one structure
 * payload and one texts payload per locale; see client/runtime/compiled-types.ts). survey-core
 * reads the definition, so every default is its own; anything the phone runtime does not
 * implement is a fault with its JSON pointer, never a survey that behaves differently on a phone.
 */
import type { SurveyModel } from 'survey-core';
import type { StructurePayload, TextsPayload } from '../../../../client/runtime/compiled-types.js';
import { collectStrings, usedLocales } from '../definition/locales.js';
import { Model } from '../definition/survey-core-setup.js';
import type { Fault } from '../definition/types.js';
import { validateDefinition } from '../definition/validate.js';
import { BuildContext } from './build-context.js';
import { buildStructure } from './build-structure.js';
import { buildTexts, checkAnswerCycles, checkPiping } from './build-texts.js';
import { checkDivergentReads } from './check-divergent-reads.js';
import { checkOtherReads } from './check-other-reads.js';
import { checkRecalculation } from './check-recalculation.js';
import { checkSubset } from './check-subset.js';
import { withHash } from './hash.js';

export type CompileResult =
  | { ok: true; structure: StructurePayload; texts: Record<string, TextsPayload>; locales: string[] }
  | { ok: false; faults: Fault[] };

/** Loading must not make survey-core fetch choicesByUrl (see definition/survey-core-faults.ts). */
const offline: NonNullable<SurveyModel['webProvider']> = {
  canHandleRequest: () => true,
  sendRequest: (_request, done) => done({ status: 403, statusText: 'Requests are disabled while compiling' }),
};

export function compileSurvey(definition: unknown): CompileResult {
  try {
    return compile(definition);
  } catch (error) {
    // not expected; a compiler that throws would turn a bad definition into a 500
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, faults: [{ pointer: '', message: `The definition could not be compiled: ${detail}` }] };
  }
}

function compile(definition: unknown): CompileResult {
  const validated = validateDefinition(definition);
  if (!validated.ok) return validated;
  const json = structuredClone(validated.definition);
  const subset = checkSubset(json);
  if (subset.faults.length > 0) return { ok: false, faults: subset.faults };

  const model = new Model();
  try {
    model.webProvider = offline;
    // survey-core writes into the JSON it loads
    model.fromJSON(structuredClone(json));
    const rankings = model.getAllQuestions().filter((q) => q.getType() === 'ranking').map((q) => q.name.toLowerCase());
    const context = new BuildContext(subset.expressions, new Set(rankings));
    const structure = withHash<StructurePayload>(buildStructure(model, json, context));
    context.faults.push(...checkRecalculation(json, subset.expressions), ...checkDivergentReads(json, subset.expressions),
      ...checkOtherReads(structure, subset.expressions));
    if (context.faults.length > 0) return { ok: false, faults: context.faults };

    const locales = ['default', ...usedLocales(collectStrings(json))];
    const texts = locales.map((locale) => withHash<TextsPayload>(buildTexts(model, context.texts, locale)));
    const questions = model.getAllQuestions();
    const matrices = new Map(questions.flatMap((q) => (q.getType() === 'paneldynamic' ? [[q.name.toLowerCase(), 'dynamic panel']]
      : q.getType() === 'matrix' || q.getType() === 'matrixdropdown' ? [[q.name.toLowerCase(), 'matrix']] : [])));
    const pipeable = new Set([...questions.map((q) => q.name.toLowerCase()), ...model.calculatedValues.map((c) => c.name.toLowerCase())]);
    const piping = [...checkPiping(texts, context.texts, pipeable, matrices), ...checkAnswerCycles(texts, context.texts)];
    if (piping.length > 0) return { ok: false, faults: piping };
    return { ok: true, structure, texts: Object.fromEntries(texts.map((t) => [t.locale, t])), locales };
  } finally {
    model.dispose();
  }
}
