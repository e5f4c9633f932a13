/** One answer column's cell from a response's stored data (see variables.ts for the columns). */
import type { Variable } from './variables.js';

export type Cell = string | number | boolean | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  // a checkbox cell of a matrixdropdown: its values, in the order chosen
  if (Array.isArray(v)) return v.map(String).join(';');
  return JSON.stringify(v);
}

/** The object a column's answer is read from: the response's data, or one panel of a dynamic panel's answer. */
function sourceOf(v: Variable, data: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!v.panel) return data;
  const panels = data[v.question];
  const panel = Array.isArray(panels) ? panels[v.panel.index - 1] : undefined;
  return isObject(panel) ? panel : undefined;
}

function raw(v: Variable, data: Record<string, unknown>, commentSuffix: string): Cell {
  const source = sourceOf(v, data);
  if (!source) return null;
  const key = v.panel ? v.panel.question : v.question;
  const answer = source[key];
  switch (v.part) {
    case 'value': return scalar(answer);
    case 'option': return Array.isArray(answer) ? (answer.some((x) => String(x) === v.keys[0]) ? 1 : 0) : null;
    case 'rank': {
      const at = Array.isArray(answer) ? answer.findIndex((x) => String(x) === v.keys[0]) : -1;
      return at < 0 ? null : at + 1;
    }
    case 'row': return isObject(answer) ? scalar(answer[v.keys[0]]) : null;
    case 'cell': {
      const row = isObject(answer) ? answer[v.keys[0]] : undefined;
      return isObject(row) ? scalar(row[v.keys[1]]) : null;
    }
    case 'other': return scalar(source[key + commentSuffix]);
  }
}

/** The cell, as an integer code when asked and the column has value labels (one value per cell). */
export function cellOf(v: Variable, data: Record<string, unknown>, commentSuffix: string, codes: boolean): Cell {
  const value = raw(v, data, commentSuffix);
  // a checkbox cell's chosen values stay as they are, joined by ';', however many were chosen
  if (!codes || value === null || v.part === 'option' || v.valueType === 'checkbox' || v.valueLabels.length === 0) return value;
  return v.valueLabels.find((l) => String(l.value) === String(value))?.code ?? value;
}
