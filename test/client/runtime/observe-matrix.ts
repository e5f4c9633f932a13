/** The observation of a matrixdropdown's columns and cells, through survey-core and through our runtime. */
import type { Question, QuestionSelectBase } from 'survey-core';
import type { MatrixDropdownQuestion } from '../../../client/runtime/compiled-matrix-types.js';
import type { Runtime } from '../../../client/runtime/runtime.js';
import type { CellObservation, Observation } from './observe.js';

export interface MatrixDropdown {
  visibleColumns: Array<{ name: string }>;
  visibleRows: Array<{ rowName: unknown; cells: Array<{ column: { name: string }; question: Question }> }>;
}

export function observeMatrix(question: Question): Observation['matrices'][string] {
  const q = question as unknown as MatrixDropdown;
  const cells: Record<string, Record<string, CellObservation>> = {};
  for (const row of q.visibleRows) {
    const own: Record<string, CellObservation> = {};
    for (const cell of row.cells) {
      const c = cell.question;
      own[cell.column.name] = { visible: c.isVisible, enabled: !c.isReadOnly, required: c.isRequired };
      if (['radiogroup', 'checkbox', 'dropdown'].includes(c.getType())) {
        own[cell.column.name].choices = (c as QuestionSelectBase).visibleChoices.map((item) => ({ value: item.value, enabled: item.isEnabled, text: item.locText.renderedHtml }));
      }
    }
    cells[String(row.rowName)] = own;
  }
  return { columns: q.visibleColumns.map((c) => c.name), cells };
}

export function runtimeMatrix(runtime: Runtime, def: MatrixDropdownQuestion): Observation['matrices'][string] {
  const cells: Record<string, Record<string, CellObservation>> = {};
  for (const row of def.rows) {
    const own: Record<string, CellObservation> = {};
    for (const column of def.columns) {
      const state = runtime.cell(def.name, String(row.value), column.name);
      if (!state) continue;
      own[column.name] = { ...state };
      if (['radiogroup', 'checkbox', 'dropdown'].includes(column.cell.type)) {
        own[column.name].choices = runtime.cellChoices(def.name, String(row.value), column.name).map((c) => ({ value: c.value, enabled: c.enabled, text: runtime.text(c.textKey) }));
      }
    }
    cells[String(row.value)] = own;
  }
  return { columns: runtime.matrixColumns(def.name), cells };
}
