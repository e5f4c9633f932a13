/**
 * survey-core's ranking question (without select-to-rank): a non-empty answer always lists every
 * visible choice, the respondent's order first (getRankedValueByVisibleChoices), and is brought
 * back in line whenever the visible choices change.
 */
import type { CompiledChoice, CompiledQuestion, RankingQuestion } from './compiled-types.js';
import type { VisibleChoice } from './runtime-choices.js';
import { setOrDelete } from './runtime-state.js';
import type { RuntimeState } from './runtime-state.js';
import type { QuestionNode } from './runtime-tree.js';
import { isValueEmpty, sameChoiceValue, valuesEqual } from './values.js';

export type RankingNode = QuestionNode & { def: RankingQuestion };

export function isRanking(def: CompiledQuestion): def is RankingQuestion {
  return def.type === 'ranking';
}

/** The answer's visible choices in its order (first occurrence), then the other visible choices. */
export function rankedValue(value: unknown, shown: CompiledChoice[]): unknown[] {
  const result: unknown[] = [];
  for (const item of Array.isArray(value) ? value : []) {
    // survey-core finds the choice loosely but checks for repeats strictly
    if (shown.some((c) => sameChoiceValue(c.value, item)) && !result.includes(item)) result.push(item);
  }
  for (const choice of shown) if (!result.includes(choice.value)) result.push(choice.value);
  return result;
}

/** What survey-core stores when an answer reaches a ranking question: ranked by the choices visible at that moment. */
export function rankOnArrival(state: RuntimeState, def: RankingQuestion, value: unknown): unknown {
  return isValueEmpty(value) ? value : rankedValue(value, state.shownChoices(def));
}

/**
 * model.data = … for rankings, in document order: each is ranked by the choices visible before the
 * new answers, until one changes; that change makes survey-core run its conditions on the new
 * answers, so the rankings after it see the new choices.
 */
export function rankOnData(state: RuntimeState, rankings: RankingQuestion[], before: Map<string, CompiledChoice[]>): void {
  let fresh = false;
  for (const def of rankings) {
    const value = state.data[def.name];
    if (isValueEmpty(value)) continue;
    const ranked = rankedValue(value, fresh ? state.shownChoices(def) : before.get(def.name) ?? []);
    if (valuesEqual(value, ranked)) continue;
    setOrDelete(state.data, def.name, ranked);
    state.changed();
    fresh = true;
  }
}

/**
 * survey-core's onVisibleChoicesChanged for ranking; true when the answers changed. (Its special
 * case of a single visible choice, which empties the data but not the question, cannot happen:
 * the compiler wants two choices that are always visible.)
 */
export function rankOnChoicesChanged(state: RuntimeState, def: RankingQuestion): boolean {
  const value = state.data[def.name];
  if (isValueEmpty(value)) return false;
  const ranked = rankedValue(value, state.shownChoices(def));
  if (valuesEqual(value, ranked)) return false;
  setOrDelete(state.data, def.name, ranked);
  return true;
}

export function rankingChoices(state: RuntimeState, def: RankingQuestion): VisibleChoice[] {
  return state.shownChoices(def).map((choice) => ({
    value: choice.value,
    textKey: choice.textKey,
    enabled: state.choiceCondition(choice.enableIf ?? def.choicesEnableIf, choice.value),
  }));
}
