/**
 * What each column of an export's CSV holds: its type, title and allowed values with their
 * labels, as written (codes when `codes=true`, guarded text). The data package and the SPSS
 * syntax are made from these.
 */
import { guardCell } from '../../spreadsheet-guard.js';
import type { Codebook, ExportQuery } from './schemas.js';
import type { Variable } from './variables.js';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'yearmonth' | 'datetime';
type Value = string | number | boolean;

export interface Field {
  name: string;
  /** the question's text (and the option, row or column label), or what a meta column is */
  title: string;
  type: FieldType;
  freeText: boolean;
  quasiIdentifier: boolean;
  /** the only values a cell may hold besides the missing ones ('' and the suppression marker) */
  enum?: Value[];
  labels: Array<{ value: Value; label: string }>;
}

export type FieldOptions = Pick<ExportQuery, 'codes' | 'months' | 'timestamps'>;

const NUMERIC_INPUTS = new Set(['text/number', 'text/range']);

const written = (value: Value) => (typeof value === 'string' ? guardCell(value) : value);

function metaType(name: string, options: FieldOptions): FieldType {
  if (name === 'version') return 'integer';
  if (name === 'date') return options.timestamps ? 'datetime' : options.months ? 'yearmonth' : 'date';
  return 'string';
}

function answerType(v: Variable, values: Value[], codes: boolean): { type: FieldType; enumerated: boolean } {
  if (v.part === 'option' || v.part === 'rank') return { type: 'integer', enumerated: v.part === 'option' };
  if (v.part === 'other') return { type: 'string', enumerated: false };
  if (values.length === 0) {
    if (NUMERIC_INPUTS.has(v.valueType)) return { type: 'number', enumerated: false };
    return { type: v.valueType === 'text/date' ? 'date' : 'string', enumerated: false };
  }
  // a checkbox cell holds its chosen values joined by ';'
  if (v.valueType === 'checkbox') return { type: 'string', enumerated: false };
  if (codes || values.every((x) => Number.isInteger(x))) return { type: 'integer', enumerated: true };
  if (values.every((x) => typeof x === 'number')) return { type: 'number', enumerated: true };
  if (values.every((x) => typeof x === 'boolean')) return { type: 'boolean', enumerated: false };
  return { type: 'string', enumerated: true };
}

/** The fields in column order: the codebook's entries are the columns, meta ones first. */
export function describeFields(codebook: Codebook, exported: Variable[], options: FieldOptions): Field[] {
  const byName = new Map(exported.map((v) => [v.name, v]));
  return codebook.variables.map((entry) => {
    const common = { name: entry.variable, title: entry.text, freeText: entry.freeText, quasiIdentifier: entry.quasiIdentifier };
    const v = byName.get(entry.variable);
    if (!v) {
      const labels = entry.values.map((l) => ({ value: written(l.value), label: l.label }));
      return { ...common, type: metaType(entry.variable, options), labels, ...(labels.length ? { enum: labels.map((l) => l.value) } : {}) };
    }
    const coded = options.codes && v.part !== 'option' && entry.values.length > 0 && v.valueType !== 'checkbox';
    const { type, enumerated } = answerType(v, entry.values.map((l) => l.value), coded);
    const labels = entry.values.map((l) => ({ value: coded ? l.code : written(l.value), label: l.label }));
    return { ...common, type, labels, ...(enumerated ? { enum: labels.map((l) => l.value) } : {}) };
  });
}
