/**
 * Choices as the respondent sees them, and what survey-core does to a choice answer when its
 * choice is hidden (clearIncorrectValues) or an exclusive choice is picked (removeNoneItemsValues).
 */
import type { SelectQuestion } from './compiled-types.js';
import type { RuntimeState } from './runtime-state.js';
import type { QuestionNode } from './runtime-tree.js';
import { isValueEmpty, sameChoiceValue, valuesEqual } from './values.js';

export type SelectNode = QuestionNode & { def: SelectQuestion };

/** Checkbox answers dropped because their choice was hidden (survey-core's invisibleOldValues). */
export type Memory = Map<string, unknown>;

export interface VisibleChoice {
  value: unknown;
  textKey: string;
  enabled: boolean;
  exclusive?: true;
  /** the built-in items survey-core adds around the choices */
  special?: 'selectAll' | 'none' | 'other';
}

/** survey-core's visibleChoices: "select all" first, then the shown choices, "none" and "other". */
export function visibleChoices(state: RuntimeState, def: SelectQuestion): VisibleChoice[] {
  const value = state.data[def.name];
  const selected = Array.isArray(value) ? value : [];
  // a full checkbox disables what is not chosen (survey-core's maxSelectedChoices)
  const atMax = def.type === 'checkbox' && def.maxSelectedChoices >= 1 && selected.length >= def.maxSelectedChoices;
  const isSelected = (v: unknown) => (def.type === 'checkbox' ? selected.some((s) => s === v) : value === v);
  const regular: VisibleChoice[] = state.shownChoices(def).map((choice) => {
    const own = state.choiceCondition(choice.enableIf ?? def.choicesEnableIf, choice.value);
    return { value: choice.value, textKey: choice.textKey, enabled: own && (!atMax || isSelected(choice.value)), exclusive: choice.exclusive };
  });
  const result: VisibleChoice[] = [];
  if (def.hasSelectAll) {
    const enabledCount = regular.filter((c) => c.enabled && !c.exclusive).length;
    const fits = !(def.maxSelectedChoices > 0 && def.maxSelectedChoices < enabledCount);
    result.push({ value: '', textKey: def.selectAllTextKey ?? '', enabled: fits && enabledCount > 0, special: 'selectAll' });
  }
  result.push(...regular);
  // survey-core runs maxSelectedChoices over the regular choices only: "none" stays enabled
  if (def.hasNone) result.push({ value: 'none', textKey: def.noneTextKey ?? '', enabled: true, special: 'none' });
  if (def.hasOther) result.push({ value: 'other', textKey: def.otherTextKey ?? '', enabled: !atMax || isSelected('other'), special: 'other' });
  return result;
}

/**
 * survey-core's clearIncorrectValues for one choice question, applied to `data`: answers no longer
 * among the visible choices go (a checkbox remembers them in `memory` and takes back those whose
 * choice is visible again). Returns whether `data` changed.
 */
export function correctChoices(state: RuntimeState, q: SelectNode, data: Record<string, unknown>, memory: Memory): boolean {
  const name = q.def.name;
  const value = state.questionValue(q.def, data);
  if (q.def.type !== 'checkbox') {
    if (isValueEmpty(value) || state.isKnownChoice(q.def, value)) return false;
    delete data[name];
    return true;
  }
  if (isValueEmpty(value) && memory.size === 0) return false;
  const selected = Array.isArray(value) ? value : [];
  const restored: unknown[] = [];
  for (const choice of visibleValues(state, q.def)) {
    const key = String(choice);
    if (!memory.has(key) || !valuesEqual(choice, memory.get(key))) continue;
    if (!selected.some((v) => sameChoiceValue(choice, v))) restored.push(choice);
    memory.delete(key);
  }
  if (!Array.isArray(value) || value.length === 0) {
    const cleared = !isValueEmpty(value);
    if (cleared) delete data[name];
    if (restored.length === 0) return cleared;
  }
  const kept: unknown[] = [];
  let changed = restored.length > 0;
  for (const item of selected) {
    if (state.isKnownChoice(q.def, item)) kept.push(item);
    else {
      changed = true;
      memory.set(String(item), item);
    }
  }
  if (!changed) return false;
  const next = withExclusiveRule(selected, [...kept, ...restored], exclusiveValues(state, q.def));
  if (next.length === 0) delete data[name];
  else data[name] = next;
  return true;
}

function visibleValues(state: RuntimeState, def: SelectQuestion): unknown[] {
  const values: unknown[] = state.shownChoices(def).map((c) => c.value);
  if (def.hasNone) values.push('none');
  if (def.hasOther) values.push('other');
  return values;
}

function exclusiveValues(state: RuntimeState, def: SelectQuestion): unknown[] {
  const values: unknown[] = state.shownChoices(def).filter((c) => c.exclusive).map((c) => c.value);
  if (def.hasNone) values.push('none');
  return values;
}

/**
 * survey-core's removeNoneItemsValues, run whenever a checkbox's value is replaced through the
 * question: choosing another item after an exclusive one unchecks the exclusive one, and choosing
 * an exclusive one unchecks the rest. (A plain setValue on the survey does not run it.)
 */
export function withExclusiveRule(previous: unknown[], next: unknown[], exclusive: unknown[]): unknown[] {
  const result = [...next];
  if (exclusive.length === 0 || (previous.length === result.length && previous.every((v, i) => valuesEqual(v, result[i])))) return result;
  const lastIndex = (values: unknown[], among: unknown[]) => {
    for (let i = values.length - 1; i >= 0; i--) if (among.includes(values[i])) return { index: i, value: values[i] };
    return { index: -1, value: undefined };
  };
  const before = lastIndex(previous, exclusive);
  const after = lastIndex(result, exclusive);
  if (before.index > -1) {
    if (before.value === after.value) {
      if (result.length > 0) result.splice(after.index, 1);
    } else {
      const again = lastIndex(result, [before.value]);
      if (again.index > -1 && again.index < result.length - 1) result.splice(again.index, 1);
    }
  } else if (after.index > -1 && result.length > 1) {
    result.splice(0, result.length, after.value);
  }
  return result;
}
