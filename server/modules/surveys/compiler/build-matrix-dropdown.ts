/**
 * A matrixdropdown: its rows, and per column the cell question survey-core makes for it (so the
 * cell type, the matrix's shared choices and the column's validators are survey-core's), with the
 * column's conditions.
 */
import type { MatrixDropdownColumn as ColumnModel, Question, QuestionMatrixDropdownModel } from 'survey-core';
import type { MatrixDropdownColumn, MatrixDropdownQuestion } from '../../../../client/runtime/compiled-matrix-types.js';
import type { QuestionBase } from '../../../../client/runtime/compiled-types.js';
import { childPointer, isRecord } from '../definition/json-pointer.js';
import type { BuildContext } from './build-context.js';
import { buildQuestionDetails, choices, list } from './build-questions.js';
import { elementConditions } from './build-structure.js';

type Json = Record<string, unknown>;

export function buildMatrixDropdown(question: Question, base: QuestionBase, json: Json, pointer: string, context: BuildContext, name: string): MatrixDropdownQuestion {
  const q = question as QuestionMatrixDropdownModel;
  const columnsJson = list(json.columns);
  const row = q.visibleRows[0];
  const columns = q.columns.map((column, i) => buildColumn(column, row, isRecord(columnsJson[i]) ? columnsJson[i] : {}, json,
    childPointer(childPointer(pointer, 'columns'), i), context, name));
  return { ...base, type: 'matrixdropdown', rows: choices(q.rows, list(json.rows), `${name}.row`, childPointer(pointer, 'rows'), context, name), columns };
}

function buildColumn(column: ColumnModel, row: unknown, json: Json, matrixJson: Json, pointer: string, context: BuildContext,
  matrixName: string): MatrixDropdownColumn {
  const prefix = `${matrixName}.${column.name}`;
  // a row's own cell question follows the survey's locale; the template lacks the matrix's shared choices
  const cells = (row as { cells?: Array<{ column: ColumnModel; question: Question }> } | undefined)?.cells ?? [];
  const cellQuestion = cells.find((c) => c.column === column)?.question ?? (column.templateQuestion as Question);
  const cellBase: QuestionBase = {
    name: column.name,
    titleKey: context.text(`${prefix}.title`, childPointer(pointer, 'title'), () => column.locTitle.text),
    ...elementConditions(json, pointer, context),
    requiredErrorKey: json.requiredErrorText === undefined ? undefined
      : context.template(`${prefix}.requiredError`, childPointer(pointer, 'requiredErrorText'), () => column.requiredErrorText),
    showNumber: false,
    validators: [],
  };
  // cells without their own choices take the matrix's
  const own = json.choices !== undefined ? json : { ...json, choices: matrixJson.choices };
  const cell = buildQuestionDetails(cellQuestion, cellBase, own, pointer, context, prefix);
  return { name: column.name, titleKey: cellBase.titleKey, cell };
}
