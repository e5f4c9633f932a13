/**
 * survey-core's clearIncorrectValues for a matrixdropdown, run when it validates or completes:
 * rows that are not the matrix's go, cells of unknown columns go, and a choice cell drops values
 * that are not among its choices (a hidden cell keeps what it has).
 */
import type { MatrixDropdownColumn, MatrixDropdownQuestion } from './compiled-matrix-types.js';
import type { CompiledQuestion } from './compiled-types.js';
import { withExclusiveRule } from './runtime-choices.js';
import { isPlainObject, isValueEmpty, sameChoiceValue } from './values.js';

/** The cell value survey-core keeps, or undefined when it clears the cell. */
export function correctCell(def: CompiledQuestion, value: unknown): unknown {
  if (def.type !== 'radiogroup' && def.type !== 'dropdown' && def.type !== 'checkbox') return value;
  const known = (item: unknown) => (def.hasNone && item === 'none') || def.choices.some((c) => sameChoiceValue(c.value, item));
  if (def.type !== 'checkbox') return isValueEmpty(value) || known(value) ? value : undefined;
  if (!Array.isArray(value)) return isValueEmpty(value) ? value : undefined;
  const kept = value.filter(known);
  // survey-core's removeNoneItemsValues then runs on the change, as for a checkbox question
  const exclusive = [...def.choices.filter((c) => c.exclusive).map((c) => c.value), ...(def.hasNone ? ['none'] : [])];
  return kept.length === value.length ? value : withExclusiveRule(value, kept, exclusive);
}

/** Corrects `data[def.name]` in place; true when it changed. A hidden cell keeps its value. */
export function correctMatrix(def: MatrixDropdownQuestion, data: Record<string, unknown>,
  shown: (row: number, column: MatrixDropdownColumn) => boolean): boolean {
  const value = data[def.name];
  if (isValueEmpty(value) || !isPlainObject(value)) return false;
  let changed = false;
  const next: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(value)) {
    const rowIndex = def.rows.findIndex((r) => String(r.value) === key);
    if (rowIndex < 0) {
      changed = true;
      continue;
    }
    if (!isPlainObject(row)) {
      next[key] = row;
      continue;
    }
    const cells: Record<string, unknown> = {};
    for (const [name, cell] of Object.entries(row)) {
      const column = def.columns.find((c) => c.name === name);
      const kept = !column ? undefined : shown(rowIndex, column) ? correctCell(column.cell, cell) : cell;
      if (kept !== cell) changed = true;
      if (!isValueEmpty(kept)) cells[name] = kept;
    }
    if (!isValueEmpty(cells)) next[key] = cells;
  }
  if (!changed) return false;
  if (isValueEmpty(next)) delete data[def.name];
  else data[def.name] = next;
  return true;
}
