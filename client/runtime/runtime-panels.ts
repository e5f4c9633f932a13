/**
 * The panels of a paneldynamic, as survey-core evaluates them: each template question's
 * conditions and validators once per panel, with `{panel.<name>}` reading that panel's answers
 * and `{panelIndex}` its position (from 0 in expressions, from 1 in texts); how many panels there
 * are; and what validating and completing do to the panels' answers.
 */
import type { PanelDynamicQuestion } from './compiled-panel-types.js';
import type { CompiledQuestion } from './compiled-types.js';
import type { EvalContext, Expr } from './expression-types.js';
import type { VisibleChoice } from './runtime-choices.js';
import type { ErrorKind, RuntimeError } from './runtime-errors.js';
import { itemState } from './runtime-matrix.js';
import type { CellState } from './runtime-matrix.js';
import { correctCell } from './runtime-matrix-correct.js';
import { innerErrors } from './runtime-matrix-errors.js';
import { conditionIn } from './runtime-state.js';
import type { RuntimeState } from './runtime-state.js';
import { asText, displayValue } from './runtime-text.js';
import type { Lookup } from './runtime-text.js';
import type { QuestionNode, TreeNode } from './runtime-tree.js';
import { isAnswerEmpty, isPlainObject, isValueEmpty, readPath, valuesEqual } from './values.js';

export type PanelNode = QuestionNode & { def: PanelDynamicQuestion };

export function isPanelDynamic(def: CompiledQuestion): def is PanelDynamicQuestion {
  return def.type === 'paneldynamic';
}

/** survey-core's panelCount: set by the definition, then by every answer that brings panels. */
export function panelCount(state: RuntimeState, def: PanelDynamicQuestion): number {
  return state.panelCounts[def.name] ?? def.panelCount;
}

/** One panel's scope: its answers under `panel.`, its index, then the survey's values. */
export class PanelScope {
  readonly values: Record<string, unknown>;

  constructor(private readonly state: RuntimeState, def: PanelDynamicQuestion, private readonly index: number) {
    const value = state.data[def.name];
    const item = Array.isArray(value) ? value[index] : undefined;
    this.values = isPlainObject(item) ? item : {};
  }

  context(): EvalContext {
    return {
      value: (name: string) => {
        const lower = name.toLowerCase();
        if (lower.startsWith('panel.')) return readPath(this.values, name.substring(6)).value;
        return lower === 'panelindex' ? this.index : this.state.read(name).value;
      },
    };
  }

  condition(expr: Expr): boolean {
    return conditionIn(expr, this.context());
  }
}

/** A template question of one panel by the paneldynamic's node, panel index and the question's name. */
export function findInner(node: TreeNode | undefined, index: number, name: string): { panel: PanelNode; def: CompiledQuestion } | undefined {
  if (node?.kind !== 'question' || !isPanelDynamic(node.def) || !(index >= 0)) return undefined;
  const def = node.def.templateElements.find((q) => q.name === name);
  return def && { panel: node as PanelNode, def };
}

export function innerState(state: RuntimeState, panel: PanelNode, index: number, def: CompiledQuestion): CellState | undefined {
  return index < panelCount(state, panel.def) ? itemState(new PanelScope(state, panel.def, index), def, state.readOnly(panel), true) : undefined;
}

/**
 * survey-core's visibleChoices of a template question: "select all", the choices, "none"; a full
 * checkbox (maxSelectedChoices) disables the choices not chosen.
 */
export function innerChoices(def: CompiledQuestion, value: unknown): VisibleChoice[] {
  if (def.type !== 'radiogroup' && def.type !== 'checkbox' && def.type !== 'dropdown') return [];
  const selected = Array.isArray(value) ? value : [];
  const atMax = def.maxSelectedChoices >= 1 && selected.length >= def.maxSelectedChoices;
  const result: VisibleChoice[] = def.choices.map((c) => ({ value: c.value, textKey: c.textKey, enabled: !atMax || selected.includes(c.value), exclusive: c.exclusive }));
  if (def.hasSelectAll) {
    const enabled = result.filter((c) => c.enabled && !c.exclusive).length;
    result.unshift({ value: '', textKey: def.selectAllTextKey ?? '', enabled: enabled > 0 && !(def.maxSelectedChoices > 0 && def.maxSelectedChoices < enabled), special: 'selectAll' });
  }
  if (def.hasNone) result.push({ value: 'none', textKey: def.noneTextKey ?? '', enabled: true, special: 'none' });
  return result;
}

/** `{panelIndex}` (from 1) and `{panel.<name>}` (the answer's display text) of one panel; undefined for other names. */
export function panelResolver(state: RuntimeState, def: PanelDynamicQuestion, index: number, text: Lookup) {
  const values = new PanelScope(state, def, index).values;
  return (name: string): { found: boolean; text: string } | undefined => {
    const lower = name.toLowerCase();
    if (lower === 'panelindex') return { found: true, text: String(index + 1) };
    const inner = lower.startsWith('panel.') ? def.templateElements.find((q) => q.name.toLowerCase() === lower.substring(6)) : undefined;
    return inner && { found: true, text: asText(displayValue(inner, readPath(values, inner.name).value, { lookup: text, comment: '' })) };
  };
}

/** The errors of every panel's visible, enabled questions, panel by panel. */
export function panelErrors(state: RuntimeState, node: PanelNode, lookup: Lookup): RuntimeError[] {
  const errors: RuntimeError[] = [];
  const readOnly = state.readOnly(node);
  for (let i = 0; i < panelCount(state, node.def); i++) {
    const scope = new PanelScope(state, node.def, i);
    for (const def of node.def.templateElements) {
      const item = itemState(scope, def, readOnly, true);
      if (!item.visible || !item.enabled) continue;
      errors.push(...innerErrors(scope, def, item.required, scope.values[def.name], lookup,
        (kind: ErrorKind, text: string) => ({ question: node.def.name, panel: i, inner: def.name, kind, text })));
    }
  }
  return errors;
}

/**
 * survey-core's clearIncorrectValues in every panel, applied to `data` in place: the answers of
 * visible choice questions not among their choices go; with `clearHidden` (completion), hidden
 * questions' answers go too, else they stay as they are. True when the data changed.
 */
export function correctPanels(def: PanelDynamicQuestion, data: Record<string, unknown>, visible: (index: number, inner: CompiledQuestion) => boolean,
  clearHidden = false): boolean {
  const value = data[def.name];
  if (!Array.isArray(value)) return false;
  let changed = false;
  const next = value.map((item, i) => {
    if (!isPlainObject(item)) return item;
    const kept: Record<string, unknown> = { ...item };
    for (const inner of def.templateElements) {
      if (!(inner.name in kept)) continue;
      const old = kept[inner.name];
      const shown = visible(i, inner);
      const own = shown ? correctCell(inner, old) : !clearHidden || valuesEqual(old, undefined) ? old : undefined;
      if (own === old) continue;
      changed = true;
      if (isValueEmpty(own)) delete kept[inner.name];
      else kept[inner.name] = own;
    }
    return kept;
  });
  if (changed) data[def.name] = next;
  return changed;
}

/**
 * What survey-core leaves of a hidden paneldynamic's answer on completion: nothing, unless the
 * respondent changed the number of panels. Then it goes back to the definition's panelCount and
 * stores that many panels again, each with what its questions still hold: a panel's hidden
 * questions are cleared first, and all of them when the paneldynamic itself is hidden.
 */
export function clearedPanels(state: RuntimeState, node: PanelNode): unknown[] | undefined {
  const def = node.def;
  const count = panelCount(state, def);
  if (count === def.panelCount || def.panelCount === 0) return undefined;
  const own = state.ownVisible(node);
  return Array.from({ length: def.panelCount }, (_, i) => {
    const kept: Record<string, unknown> = {};
    if (i >= count || !own) return kept;
    const scope = new PanelScope(state, def, i);
    for (const inner of def.templateElements) {
      const value = scope.values[inner.name];
      if (!isAnswerEmpty(value) && itemState(scope, inner, false, true).visible) kept[inner.name] = structuredClone(value);
    }
    return kept;
  });
}
