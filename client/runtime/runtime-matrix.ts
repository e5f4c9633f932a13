/**
 * The cells of a matrixdropdown, as survey-core evaluates them: each column's conditions once per
 * row, with `{row.<column>}` reading that row's cells; a column is shown while one of its cells
 * is; expression columns write their result into every row.
 */
import type { MatrixDropdownColumn, MatrixDropdownQuestion } from './compiled-matrix-types.js';
import type { CompiledChoice, CompiledQuestion } from './compiled-types.js';
import type { EvalContext, Expr } from './expression-types.js';
import type { VisibleChoice } from './runtime-choices.js';
import { conditionIn, valueIn } from './runtime-state.js';
import type { RuntimeState } from './runtime-state.js';
import type { QuestionNode, TreeNode } from './runtime-tree.js';
import { isAnswerEmpty, isPlainObject, isValueEmpty, readPath, sameQuestionValue, valuesEqual } from './values.js';

export type MatrixNode = QuestionNode & { def: MatrixDropdownQuestion };

export interface CellState {
  visible: boolean;
  enabled: boolean;
  required: boolean;
}

export function isMatrixDropdown(def: QuestionNode['def']): def is MatrixDropdownQuestion {
  return def.type === 'matrixdropdown';
}

export function rowValues(value: unknown, row: CompiledChoice): Record<string, unknown> {
  const rows = isPlainObject(value) ? value : {};
  const own = rows[String(row.value)];
  return isPlainObject(own) ? own : {};
}

/** One row's scope: its cells under `row.`, its position and value, then the survey's values. */
export class RowScope {
  readonly values: Record<string, unknown>;

  constructor(private readonly state: RuntimeState, private readonly def: MatrixDropdownQuestion, private readonly index: number) {
    this.values = rowValues(state.data[def.name], def.rows[index]);
  }

  context(): EvalContext {
    return {
      value: (name: string) => {
        const lower = name.toLowerCase();
        if (lower.startsWith('row.')) return readPath(this.values, name.substring(4)).value;
        if (lower === 'rowindex' || lower === 'visiblerowindex') return this.index + 1;
        if (lower === 'rowname' || lower === 'rowvalue' || lower === 'item') return this.def.rows[this.index].value;
        return this.state.read(name).value;
      },
    };
  }

  condition(expr: Expr): boolean {
    return conditionIn(expr, this.context());
  }

  value(expr: Expr): unknown {
    return valueIn(expr, this.context());
  }

  cell(column: MatrixDropdownColumn, matrixReadOnly: boolean): CellState {
    return itemState(this, column.cell, matrixReadOnly);
  }
}

/**
 * A question evaluated in a scope of its own (a matrix row, a dynamic panel): its conditions, in
 * that scope. A column's `visible: false` hides its cells whatever visibleIf says; a question's
 * visibleIf decides over its `visible` (`question`), as it does outside a matrix.
 */
export function itemState(scope: Pick<RowScope, 'condition'>, def: CompiledQuestion, ownerReadOnly: boolean, question = false): CellState {
  const visible = question && def.visibleIf ? scope.condition(def.visibleIf) : def.visible && (!def.visibleIf || scope.condition(def.visibleIf));
  const enabled = !ownerReadOnly && (def.enableIf ? scope.condition(def.enableIf) : !def.readOnly);
  return { visible, enabled, required: def.requiredIf ? scope.condition(def.requiredIf) : def.isRequired };
}

export function cellState(state: RuntimeState, node: MatrixNode, row: number, column: MatrixDropdownColumn): CellState {
  return new RowScope(state, node.def, row).cell(column, state.readOnly(node));
}

/** survey-core's visibleColumns: a column with a visible cell in some row. */
export function visibleColumns(state: RuntimeState, node: MatrixNode): MatrixDropdownColumn[] {
  return node.def.columns.filter((column) => node.def.rows.some((_, i) => cellState(state, node, i, column).visible));
}

/** A cell by its matrix node, row value (as text) and column name. */
export function findCell(node: TreeNode | undefined, row: string, column: string): { matrix: MatrixNode; row: number; column: MatrixDropdownColumn } | undefined {
  if (node?.kind !== 'question' || !isMatrixDropdown(node.def)) return undefined;
  const rowIndex = node.def.rows.findIndex((r) => String(r.value) === row);
  const found = node.def.columns.find((c) => c.name === column);
  return rowIndex < 0 || !found ? undefined : { matrix: node as MatrixNode, row: rowIndex, column: found };
}

export function cellChoices(def: MatrixDropdownColumn['cell']): VisibleChoice[] {
  if (def.type !== 'radiogroup' && def.type !== 'checkbox' && def.type !== 'dropdown') return [];
  return def.choices.map((choice) => ({ value: choice.value, textKey: choice.textKey, enabled: true }));
}

/** Expression columns, computed and stored for every row (survey-core does so once it has made the rows); true when the data changed. */
export function refreshExpressionCells(state: RuntimeState, def: MatrixDropdownQuestion): boolean {
  const expressions = def.columns.filter((c) => c.cell.type === 'expression');
  const value = state.data[def.name];
  if (expressions.length === 0 || (!isValueEmpty(value) && !isPlainObject(value))) return false;
  let changed = false;
  const next: Record<string, unknown> = isPlainObject(value) ? { ...value } : {};
  def.rows.forEach((row, i) => {
    const scope = new RowScope(state, def, i);
    const cells: Record<string, unknown> = { ...scope.values };
    let rowChanged = false;
    for (const column of expressions) {
      if (column.cell.type !== 'expression') continue;
      const computed = scope.value(column.cell.expression);
      if (sameQuestionValue(cells[column.name], computed)) continue;
      rowChanged = true;
      if (isValueEmpty(computed)) delete cells[column.name];
      else cells[column.name] = computed;
    }
    if (!rowChanged) return;
    changed = true;
    // survey-core rebuilds the row from its cells, which leaves out empty ones
    for (const key of Object.keys(cells)) if (isAnswerEmpty(cells[key])) delete cells[key];
    if (isValueEmpty(cells)) delete next[String(row.value)];
    else next[String(row.value)] = cells;
  });
  // a matrix left without a row is no answer at all
  if (changed && isValueEmpty(next)) delete state.data[def.name];
  else if (changed) state.data[def.name] = next;
  return changed;
}
