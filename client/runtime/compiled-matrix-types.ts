/**
 * The compiled matrixdropdown: rows (every one shown) and columns, each column compiled as the
 * question its cells are, named after the column. The cell question's visibleIf, enableIf,
 * requiredIf and validators are the column's, evaluated once per row, where `{row.<column>}`
 * reads that row's cells and `{rowIndex}` (from 1), `{rowName}` and `{rowValue}` name the row.
 * The value is `{ <row value>: { <column name>: <cell value> } }`.
 */
import type { CompiledChoice, CompiledQuestion, QuestionBase, TextKey } from './compiled-types.js';

export interface MatrixDropdownColumn {
  name: string;
  titleKey: TextKey;
  cell: CompiledQuestion;
}

export interface MatrixDropdownQuestion extends QuestionBase {
  type: 'matrixdropdown';
  rows: CompiledChoice[];
  columns: MatrixDropdownColumn[];
}
