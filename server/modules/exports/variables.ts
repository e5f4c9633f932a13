/**
 * The export's answer columns: every published version's questions merged by name, multi-answer
 * questions spread over one column per option, row or cell (`q__option`, `q__row`,
 * `q__row__column`, and `q__other_text` for an "other" answer's text). A name that a later version
 * gives another type keeps its own columns, named `q__v<version>` after the version that changed it.
 */
import type { ChoiceValue, CompiledElement, CompiledQuestion, StructurePayload, TextKey } from '../../../client/runtime/compiled-types.js';
import type { QuestionFlags } from './flags.js';

export type Part = 'value' | 'option' | 'rank' | 'row' | 'cell' | 'other';

export interface ValueLabel {
  value: ChoiceValue;
  code: number;
  /** the label's text key in each version that offers the value */
  labels: Map<number, TextKey>;
}

export interface Variable {
  name: string;
  /** the question whose answer the column holds (its data key) */
  question: string;
  questionType: string;
  /** the type of what the column holds: the cell's type for a matrixdropdown cell, else questionType */
  valueType: string;
  part: Part;
  /** the option, row or cell the column stands for (the row, then the column, for a cell) */
  keys: string[];
  titles: Map<number, TextKey>;
  /** the option's, row's or column's label, by version */
  partLabels: Map<number, TextKey[]>;
  valueLabels: ValueLabel[];
  freeText: boolean;
  quasiIdentifier: boolean;
  versions: number[];
}

export interface VersionInput {
  version: number;
  structure: StructurePayload;
  flags: Map<string, QuestionFlags>;
}

export interface Dropped { question: string; reason: 'personal' | 'not exported yet' }

const CHECKED: ChoiceValue[] = [0, 1];
const slug = (value: unknown) => String(value).replace(/[^A-Za-z0-9_]+/g, '_');

function* questions(elements: CompiledElement[]): Generator<CompiledQuestion> {
  for (const e of elements) {
    if (e.type === 'panel') yield* questions(e.elements);
    else yield e;
  }
}

function typeOf(q: CompiledQuestion): string {
  return q.type === 'text' ? `text/${q.inputType}` : q.type;
}

const isFreeText = (q: CompiledQuestion) => q.type === 'comment' || (q.type === 'text' && q.inputType === 'text');

function valuesOf(q: CompiledQuestion): Array<{ value: ChoiceValue; textKey: TextKey }> {
  switch (q.type) {
    case 'radiogroup': case 'dropdown': case 'checkbox': return [
      ...q.choices,
      ...(q.hasOther ? [{ value: 'other', textKey: q.otherTextKey ?? '$otherItemText' }] : []),
      ...(q.hasNone ? [{ value: 'none', textKey: q.noneTextKey ?? '$noneItemText' }] : []),
    ];
    case 'rating': return q.rateValues;
    case 'boolean': return [{ value: q.valueTrue, textKey: q.labelTrueKey }, { value: q.valueFalse, textKey: q.labelFalseKey }];
    default: return [];
  }
}

/** Builds the merged variables of all versions, oldest first, and names the questions left out. */
export function mergeVariables(inputs: VersionInput[]) {
  const personal = new Set<string>();
  for (const input of inputs) for (const [name, f] of input.flags) if (f.pii) personal.add(name);
  const quasi = new Set<string>();
  for (const input of inputs) for (const [name, f] of input.flags) if (f.quasiIdentifier && !personal.has(name)) quasi.add(name);

  const byIdentity = new Map<string, Variable>();
  const taken = new Set<string>();
  const baseOf = new Map<string, string>();
  const firstType = new Map<string, string>();
  const dropped = new Map<string, Dropped>();

  function variable(identity: string, wanted: string, init: Omit<Variable, 'name' | 'versions' | 'titles' | 'partLabels' | 'valueLabels'>, version: number): Variable {
    let v = byIdentity.get(identity);
    if (!v) {
      let name = wanted;
      for (let i = 2; taken.has(name); i++) name = `${wanted}_${i}`;
      taken.add(name);
      v = { ...init, name, versions: [], titles: new Map(), partLabels: new Map(), valueLabels: [] };
      byIdentity.set(identity, v);
    }
    if (!v.versions.includes(version)) v.versions.push(version);
    return v;
  }

  function addValues(v: Variable, version: number, values: Array<{ value: ChoiceValue; textKey: TextKey }>) {
    for (const { value, textKey } of values) {
      let label = v.valueLabels.find((l) => String(l.value) === String(value));
      if (!label) v.valueLabels.push(label = { value, code: 0, labels: new Map() });
      label.labels.set(version, textKey);
    }
  }

  for (const { version, structure } of inputs) {
    for (const q of questions(structure.pages.flatMap((p) => p.elements))) {
      if (q.type === 'html' || q.type === 'image') continue;
      if (personal.has(q.name)) { dropped.set(q.name, { question: q.name, reason: 'personal' }); continue; }
      if (q.type === 'paneldynamic') { dropped.set(q.name, { question: q.name, reason: 'not exported yet' }); continue; }
      const type = typeOf(q);
      if (!firstType.has(q.name)) firstType.set(q.name, type);
      const typeId = `${q.name}\u0000${type}`;
      if (!baseOf.has(typeId)) baseOf.set(typeId, firstType.get(q.name) === type ? q.name : `${q.name}__v${version}`);
      const base = baseOf.get(typeId)!;
      const common = { question: q.name, questionType: type, freeText: false, quasiIdentifier: quasi.has(q.name) };
      const add = (part: Part, keys: string[], labels: TextKey[], values: Array<{ value: ChoiceValue; textKey: TextKey }>, freeText: boolean, valueType = type) => {
        const wanted = [base, ...keys.map(slug)].join('__') + (part === 'other' ? '__other_text' : '');
        const v = variable(`${typeId}\u0000${part}\u0000${keys.join('\u0000')}`, wanted, { ...common, part, keys, freeText, valueType }, version);
        v.titles.set(version, q.titleKey);
        if (labels.length) v.partLabels.set(version, labels);
        addValues(v, version, values);
      };
      switch (q.type) {
        case 'checkbox':
          for (const c of valuesOf(q)) add('option', [String(c.value)], [c.textKey], CHECKED.map((value) => ({ value, textKey: '' })), false);
          break;
        case 'ranking':
          for (const c of q.choices) add('rank', [String(c.value)], [c.textKey], [], false);
          break;
        case 'matrix':
          for (const r of q.rows) add('row', [String(r.value)], [r.textKey], q.columns, false);
          break;
        case 'matrixdropdown':
          for (const r of q.rows) for (const c of q.columns) add('cell', [String(r.value), c.name], [r.textKey, c.titleKey], valuesOf(c.cell), isFreeText(c.cell), typeOf(c.cell));
          break;
        default:
          add('value', [], [], valuesOf(q), isFreeText(q));
      }
      if ((q.type === 'radiogroup' || q.type === 'dropdown' || q.type === 'checkbox') && q.hasOther) add('other', [], [], [], true);
    }
  }
  const variables = [...byIdentity.values()];
  for (const v of variables) assignCodes(v);
  return { variables, dropped: [...dropped.values()].filter((d) => !variables.some((v) => v.question === d.question) || d.reason === 'personal'), quasi: [...quasi] };
}

/** Integer values are their own codes, booleans 1 and 0; other values are numbered from 1 in order of first appearance, which later versions only extend. */
function assignCodes(v: Variable) {
  const labels = v.valueLabels;
  if (labels.every((l) => Number.isInteger(l.value))) for (const l of labels) l.code = l.value as number;
  else if (labels.every((l) => typeof l.value === 'boolean')) for (const l of labels) l.code = l.value ? 1 : 0;
  else labels.forEach((l, i) => { l.code = i + 1; });
}
