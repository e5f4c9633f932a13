/**
 * The data survey-core keeps on completion. It runs no conditions while completing, so every
 * decision is taken on the state before it: a question hidden (or inside a hidden panel or page)
 * loses its value (unless that value already counts as empty) and its "other" text; choice
 * answers not among the visible choices go; an "other" text goes when "other" is not selected;
 * matrix cells with unknown columns go. Calculated values and
 * expression questions keep the values they had.
 */
import { correctChoices } from './runtime-choices.js';
import { cellState } from './runtime-matrix.js';
import type { MatrixNode } from './runtime-matrix.js';
import { correctMatrix } from './runtime-matrix-correct.js';
import type { SelectNode } from './runtime-choices.js';
import { clearedPanels, correctPanels, innerState } from './runtime-panels.js';
import type { PanelNode } from './runtime-panels.js';
import type { RuntimeState } from './runtime-state.js';
import { isSelect } from './runtime-tree.js';
import type { QuestionNode } from './runtime-tree.js';
import { isValueEmpty, sameChoiceValue, valuesEqual } from './values.js';

export function completeData(state: RuntimeState): Record<string, unknown> {
  const data = structuredClone(state.data);
  if (!state.structure.clearInvisibleValues) return data;
  const suffix = state.structure.commentSuffix;
  for (const q of state.tree.questions) {
    if (!isSelect(q.def)) continue;
    const value = state.questionValue(q.def, data);
    const otherSelected = q.def.hasOther && (Array.isArray(value) ? value.includes('other') : value === 'other');
    if (!otherSelected) delete data[q.def.name + suffix];
  }
  for (const q of state.tree.questions) {
    const name = q.def.name;
    if (!state.visibleInSurvey(q)) {
      // Question.clearValue(): the comment goes whatever the value was
      if (!valuesEqual(data[name], undefined)) delete data[name];
      delete data[name + suffix];
      const panels = q.def.type === 'paneldynamic' && !valuesEqual(state.data[name], undefined) ? clearedPanels(state, q as PanelNode) : undefined;
      if (panels) data[name] = panels;
    }
    if (isSelect(q.def)) correctChoices(state, q as SelectNode, data, new Map());
    if (q.def.type === 'matrix') clearUnknownColumns(q, data);
    if (q.def.type === 'matrixdropdown') correctMatrix(q.def, data, (row, column) => cellState(state, q as MatrixNode, row, column).visible);
    if (q.def.type === 'paneldynamic') correctPanels(q.def, data, (i, inner) => !!innerState(state, q as PanelNode, i, inner)?.visible, true);
  }
  return data;
}

function clearUnknownColumns(q: QuestionNode, data: Record<string, unknown>): void {
  if (q.def.type !== 'matrix') return;
  const value = data[q.def.name];
  if (isValueEmpty(value) || typeof value !== 'object' || Array.isArray(value)) return;
  const rows = { ...(value as Record<string, unknown>) };
  let changed = false;
  for (const row of q.def.rows) {
    const key = String(row.value);
    // survey-core skips falsy cells here
    if (!rows[key]) continue;
    if (!q.def.columns.some((column) => sameChoiceValue(column.value, rows[key]))) {
      delete rows[key];
      changed = true;
    }
  }
  if (!changed) return;
  // survey-core stores an emptied matrix as no answer at all
  if (isValueEmpty(rows)) delete data[q.def.name];
  else data[q.def.name] = rows;
}
