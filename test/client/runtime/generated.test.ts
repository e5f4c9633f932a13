/**
 * Differential tests on generated surveys (generate-survey.ts): every generated definition must
 * compile, and for a few generated answer sets each, survey-core's Model and our runtime must
 * observe the same thing (observe.ts). A refusal or a divergence fails with fast-check's shrunk
 * survey and answers. The deliberate differences listed in differential.test.ts are left out here
 * too, and only those.
 *
 * The suite runs a fixed seed, so `npm test` and CI are reproducible: a divergence found by a long
 * exploratory run (GENERATED_RUNS=500 FC_SEED=random) must not fail an unrelated change at random.
 * GENERATED_RUNS=500 runs more surveys; FC_SEED=<n> replays the seed a failure reports;
 * FC_SEED=random draws a new one. A run with GENERATED_RUNS set has no time limit of its own, so
 * give tap none either: `GENERATED_RUNS=500 FC_SEED=random npx tap -t0 test/client/runtime/generated.test.ts`.
 */
import fc from 'fast-check';
import t from 'tap';
import { compileSurvey } from '../../../server/modules/surveys/compiler/compile.js';
import type { CompileResult } from '../../../server/modules/surveys/compiler/compile.js';
import { dataArbitrary, questionsOf, stepsArbitrary } from './answers.js';
import { answerAdapter } from './generate-answers.js';
import { surveyArbitrary } from './generate-survey.js';
import { firstDifference, observeRuntime, observeSurveyCore, reusableSurveyCore } from './observe.js';
import type { Answers } from './observe.js';
import { comparable, knownSurveyCoreDivergences } from './generate-compare.js';
import { fcSeed } from './differential.js';
import { createRuntime } from '../../../client/runtime/runtime.js';

/** surveys per run; each is compiled and loaded into survey-core once, then answered several times */
const RUNS = Number(process.env.GENERATED_RUNS ?? 50);
const SEED = fcSeed(20261127);

interface Case {
  json: Record<string, unknown>;
  compiled: CompileResult;
  /** the survey as loaded comes first; then answer sets loaded at once or given one by one */
  answers: Array<{ answers: Answers; locale: string }>;
}

const caseArbitrary: fc.Arbitrary<Case> = surveyArbitrary().chain((json) => {
  const compiled = compileSurvey(json);
  if (!compiled.ok) return fc.constant<Case>({ json, compiled, answers: [] });
  const { structure, locales } = compiled;
  const adapt = answerAdapter(structure);
  const answers = fc.oneof(
    dataArbitrary(structure).map((data): Answers => ({ data: Object.fromEntries(Object.entries(data).map(([name, value]) => [name, adapt(name, value)])) })),
    // stepsArbitrary needs a question to answer; a survey of expressions only has none
    questionsOf(structure).every((q) => q.type === 'expression') ? fc.constant<Answers>({ steps: [] })
      : stepsArbitrary(structure).map((steps): Answers => ({ steps: steps.map(([name, value]) => [name, adapt(name, value)]) })),
  );
  const asLoaded = { answers: {}, locale: 'default' };
  return fc.array(fc.record({ answers, locale: fc.constantFrom(...locales) }), { minLength: 1, maxLength: 4 })
    .map((sets): Case => ({ json, compiled, answers: [asLoaded, ...sets] }));
});

/**
 * KNOWN DIVERGENCE (survey-core crash): sum() and avg() of a decimal and a text throw in survey-core's
 * Helpers.correctAfterPlusMinis ('res.toFixed is not a function'); and a dropdown with "other" that
 * took a number as its "other" text (a numeric choice hidden when answered) throws in its
 * validators' needConvertRenderedOtherToDataValue ('_a.trim is not a function'; smallest
 * reproduction: dropdown q, choices [1], showOtherItem, choicesVisibleIf "{item} <> 1", an
 * expression validator; setValue('q', 1) and validate()). Such answer sets are skipped.
 */
const SURVEY_CORE_CRASHES = ['res.toFixed is not a function', '_a.trim is not a function'];

function surveyCoreCrash(error: unknown): boolean {
  return error instanceof TypeError && SURVEY_CORE_CRASHES.includes(error.message);
}

/**
 * The compiler refuses a survey that survey-core cannot load, as it should; one whose defaults
 * already crash survey-core as above (a calculated value sum(1.5, {text}) with a text default;
 * exploratory seed 1765040001) is skipped too.
 */
function refusedForSurveyCoreCrash(compiled: Extract<CompileResult, { ok: false }>): boolean {
  return compiled.faults.every((fault) => SURVEY_CORE_CRASHES.some((crash) => fault.message === `survey-core cannot load the definition: ${crash}`));
}

/**
 * KNOWN DIVERGENCE (survey-core, stale state): once "other" is taken off a checkbox, survey-core
 * empties its own "other" box but leaves the text in the data; given "other" again together with
 * a hidden choice, it reports the "other" text missing although the data still holds it (ours
 * reads the data). Exploratory seed 1765050001; smallest: checkbox q2, choices 3 (visibleIf
 * "{q8} == 'because'") and 2, showOtherItem; steps q2 ['other'], q2-Comment 'mauve', q2 [],
 * q2 [3, 'other']. With a shown choice, or "other" alone, survey-core reads the data again. Only a
 * respondent's own answers can show it, never a choice they cannot see: such answer sets are skipped.
 */
function reselectsOtherWithHiddenChoice(compiled: Extract<CompileResult, { ok: true }>, locale: string, steps: Answers['steps'] = []): boolean {
  if (steps.length === 0) return false;
  const runtime = createRuntime(compiled.structure, compiled.texts[locale]);
  const otherTakenOff = new Set<string>();
  for (const [name, value] of steps) {
    const before = runtime.getValue(name);
    if (Array.isArray(value) && value.includes('other')) {
      // survey-core compares choice values loosely (3 is '3')
      const hidden = value.some((item) => item !== 'other' && !runtime.visibleChoices(name).some((choice) => choice.value == item));
      if (hidden && otherTakenOff.has(name)) return true;
    } else if (Array.isArray(before) && before.includes('other')) {
      otherTakenOff.add(name);
    }
    runtime.setValue(name, value);
  }
  return false;
}

/*
 * KNOWN DIVERGENCE, not fixed nor skipped (exploratory seed 1765070003): survey-core's run of the
 * conditions after `model.data =` computes expression questions in document order, so a page or
 * panel placed before one sees its old value for a moment. Smallest: page1 visibleIf
 * "{q4} contains 1" holding text q1 (defaultValue 'a'); on a later page expression q4 "{calc3}",
 * calc3 "17"; `model.data = {}` hides page1 until q4 is computed again and then shows it, which
 * fills q1's default 'a'; the runtime computes q4 first, so page1 never hides and q1 stays empty.
 * Only a survey whose page condition reads an expression question placed after it, with defaults
 * on that page, meets it, when saved answers lacking the expression's value are loaded.
 */

function check({ json, compiled, answers }: Case): void {
  if (!compiled.ok && refusedForSurveyCoreCrash(compiled)) return;
  if (!compiled.ok) throw new Error(`the generated survey does not compile: ${JSON.stringify(compiled.faults)}`);
  const quickReference = reusableSurveyCore(json);
  for (const { answers: given, locale } of answers) {
    if (reselectsOtherWithHiddenChoice(compiled, locale, given.steps)) continue;
    const ours = comparable(observeRuntime(compiled.structure, compiled.texts[locale], given));
    // a difference counts only when a Model made for this answer set alone shows it too
    let diff;
    try {
      diff = quickDifference(ours, () => quickReference(given, locale))
        && firstDifference(ours, comparable(knownSurveyCoreDivergences(observeSurveyCore(json, given, locale))));
    } catch (error) {
      if (surveyCoreCrash(error)) continue;
      throw error;
    }
    if (diff) {
      throw new Error(`${JSON.stringify(given)} in locale ${locale} differs at ${diff.path}: ours ${JSON.stringify(diff.ours)}, survey-core ${JSON.stringify(diff.surveyCore)}`);
    }
  }
}

/**
 * The first difference from the reused Model, or true when it crashes: a reused Model may keep
 * state a fresh one does not have (a dropdown's "other" text left a number by an earlier answer
 * set makes its validation throw '_a.trim is not a function'), so the fresh Model decides then.
 */
function quickDifference(ours: ReturnType<typeof comparable>, observe: () => Parameters<typeof comparable>[0]): ReturnType<typeof firstDifference> | true {
  let reference;
  try {
    reference = observe();
  } catch {
    return true;
  }
  return firstDifference(ours, comparable(knownSurveyCoreDivergences(reference)));
}

t.test('generated surveys compile, and our runtime observes what survey-core observes', async (t) => {
  // shrinking compiles and loads every candidate survey: stop it in time to report within tap's
  // timeout; an exploratory run (GENERATED_RUNS set) runs under tap -t0 and must finish its runs
  const limit = process.env.GENERATED_RUNS === undefined ? { interruptAfterTimeLimit: 80_000, markInterruptAsFailure: true } : {};
  const result = fc.check(fc.property(caseArbitrary, check), { numRuns: RUNS, seed: SEED, ...limit });
  if (!result.failed) {
    t.pass(`${RUNS} generated surveys (seed ${SEED})`);
    return;
  }
  const failing = result.counterexample?.[0];
  t.fail('a generated survey is refused or observed differently', {
    diag: {
      problem: String((result.errorInstance as Error | undefined)?.message),
      survey: JSON.stringify(failing?.json),
      answers: JSON.stringify(failing?.answers),
      replay: `FC_SEED=${SEED} GENERATED_RUNS=${RUNS}`,
    },
  });
});
