/**
 * Regression tests for divergences from survey-core that the generated-survey runs found and the
 * runtime now fixes: each file in test/fixtures/surveys/divergences/ holds the smallest survey and
 * answer sets that showed one, and why survey-core behaves as it does. Each is observed through
 * survey-core and through our runtime and compared as generated.test.ts compares them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { compileSurvey } from '../../../server/modules/surveys/compiler/compile.js';
import { comparable, knownSurveyCoreDivergences } from './generate-compare.js';
import { firstDifference, observeRuntime, observeSurveyCore } from './observe.js';
import type { Answers } from './observe.js';

interface Divergence {
  found: string;
  why: string;
  survey: Record<string, unknown>;
  answers: Array<{ answers: Answers; locale: string }>;
}

const folder = new URL('../../fixtures/surveys/divergences/', import.meta.url);

for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
  const { why, survey, answers } = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Divergence;
  t.test(`${file.replace(/\.json$/, '')}: ${why}`, async (t) => {
    const compiled = compileSurvey(survey);
    if (!compiled.ok) {
      t.fail('the survey does not compile', { faults: compiled.faults });
      return;
    }
    for (const { answers: given, locale } of answers) {
      const ours = comparable(observeRuntime(compiled.structure, compiled.texts[locale], given));
      const reference = comparable(knownSurveyCoreDivergences(observeSurveyCore(survey, given, locale)));
      t.same(firstDifference(ours, reference), undefined, `${JSON.stringify(given)} in locale ${locale}`);
    }
  });
}
