/**
 * What generated.test.ts compares of two observations (observe.ts): all of it, except where the
 * observation itself is made differently on the two sides, survey-core keeps stale state no
 * respondent sees, or a divergence is already known. Each exception is a KNOWN DIVERGENCE,
 * reported with the test that found it; none hides anything else.
 */
import type { Observation } from './observe.js';

/** calculated values (calc1, calc2…) whose value is null */
const withoutNullCalculated = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).filter(([key, v]) => !/^calc\d+$/.test(key) || v !== null));

/** Applied to survey-core's observation only. */
export function knownSurveyCoreDivergences(observation: Observation): Observation {
  return {
    ...observation,
    // KNOWN DIVERGENCE: survey-core keeps a null calculated value (includeIntoResult) in the data,
    // ours drops it, since ours is null where survey-core's is undefined (see `variables` below)
    data: withoutNullCalculated(observation.data),
    validated: withoutNullCalculated(observation.validated),
    completed: withoutNullCalculated(observation.completed),
    // KNOWN DIVERGENCE: a calculated value of an unanswered question is undefined in survey-core, null in ours
    variables: Object.fromEntries(Object.entries(observation.variables).map(([name, v]) => [name, v === undefined ? null : v])),
  };
}

/** Applied to both observations. */
export function comparable(observation: Observation): Observation {
  const out = texts(observation, (text) => text.replace(/\{calc\d+\}/g, ''));
  // KNOWN DIVERGENCE: survey-core leaves `{calc}` as written when the value is undefined (a
  // calculated value of a cleared answer), our runtime when it is null: so neither is compared
  // KNOWN DIVERGENCE (survey-core, stale state): with showQuestionNumbers 'onPage' survey-core
  // renumbers only visible pages, so a hidden page keeps the numbers it had; no one sees them.
  out.elements = Object.fromEntries(Object.entries(out.elements).map(([name, state]) =>
    [name, state.inSurvey || state.number === undefined ? state : { ...state, number: '' }]));
  out.variables = Object.fromEntries(Object.entries(out.variables).map(([name, v]) => [name, v === undefined ? null : v]));
  return out;
}

/** The observation with `clean` applied to every text that may pipe an answer. */
function texts(observation: Observation, clean: (text: string) => string): Observation {
  return {
    ...observation,
    surveyTitle: clean(observation.surveyTitle), surveyDescription: clean(observation.surveyDescription), completedHtml: clean(observation.completedHtml),
    pages: observation.pages.map((page) => ({ ...page, title: clean(page.title) })),
    elements: Object.fromEntries(Object.entries(observation.elements).map(([name, state]) =>
      [name, { ...state, title: clean(state.title), description: clean(state.description) }])),
    choices: Object.fromEntries(Object.entries(observation.choices).map(([name, list]) =>
      [name, list.map((choice) => ({ ...choice, text: clean(choice.text) }))])),
    panels: Object.fromEntries(Object.entries(observation.panels).map(([name, { count, panels }]) => [name, {
      count,
      panels: panels.map((panel) => ({
        title: clean(panel.title),
        description: clean(panel.description),
        questions: Object.fromEntries(Object.entries(panel.questions).map(([inner, q]) =>
          [inner, { ...q, title: clean(q.title), ...(q.choices ? { choices: q.choices.map((c) => ({ ...c, text: clean(c.text) })) } : {}) }])),
      })),
    }])),
  };
}
