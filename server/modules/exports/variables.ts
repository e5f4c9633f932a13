/**
 * The export's answer columns: every published version's questions merged by name, multi-answer
 * questions spread over one column per option, row or cell (`q__option`, `q__row`,
 * `q__row__column`, and `q__other_text` for an "other" answer's text). A name that a later version
 * gives another type keeps its own columns, named `q__v<version>` after the version that changed it.
 * A dynamic panel's template questions get those columns once per panel: `q__<panel>__<template>…`.
 */
import type { ChoiceValue, CompiledElement, CompiledQuestion, StructurePayload, TextKey } from '../../../client/runtime/compiled-types.js';
import { templateKey, type QuestionFlags } from './flags.js';

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
  /** a template question's column in a dynamic panel: the panel (from 1) and the template question's name; `question` is the panel question */
  panel?: { index: number; question: string };
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

/** The dynamic panel questions of the versions, by name. */
export function panelQuestions(structures: StructurePayload[]): string[] {
  const names = new Set<string>();
  for (const s of structures) for (const q of questions(s.pages.flatMap((p) => p.elements))) if (q.type === 'paneldynamic') names.add(q.name);
  return [...names];
}

function typeOf(q: CompiledQuestion): string {
  return q.type === 'text' ? `text/${q.inputType}` : q.type;
}

const isFreeText = (q: CompiledQuestion) => q.type === 'comment' || (q.type === 'text' && q.inputType === 'text');
const isDisplay = (q: CompiledQuestion) => q.type === 'html' || q.type === 'image';

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

/** Where a question's columns go: its own, or a template question's for one panel of a dynamic panel. */
interface Place { owner: CompiledQuestion; panel?: { index: number; question: string } }

/**
 * Builds the merged variables of all versions, oldest first, and names the questions left out.
 * `panelCounts` gives, per dynamic panel question, how many panels get columns.
 */
export function mergeVariables(inputs: VersionInput[], panelCounts: Map<string, number> = new Map()) {
  const personal = new Set<string>();
  const personalColumns = new Map<string, Set<string>>();
  const quasi = new Set<string>();
  const quasiTemplates = new Map<string, Set<string> | 'all'>();
  for (const input of inputs) {
    for (const [key, f] of input.flags) {
      if (f.pii) personal.add(key);
      for (const c of f.personalColumns ?? []) personalColumns.set(key, (personalColumns.get(key) ?? new Set()).add(c));
    }
  }
  for (const input of inputs) {
    for (const [key, f] of input.flags) {
      if (!f.quasiIdentifier || personal.has(key) || (f.panel && personal.has(f.panel))) continue;
      if (f.panel) {
        const kept = quasiTemplates.get(f.panel);
        if (kept !== 'all') quasiTemplates.set(f.panel, (kept ?? new Set()).add(key.slice(f.panel.length + 1)));
        quasi.add(f.panel);
      } else {
        quasi.add(key);
        if (f.type === 'paneldynamic') quasiTemplates.set(key, 'all');
      }
    }
  }

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

  /** The columns of question `q` (a survey's question, or a template question in one panel). */
  function addQuestion(q: CompiledQuestion, version: number, { owner, panel }: Place) {
    const key = panel ? templateKey(owner.name, q.name) : q.name;
    const type = typeOf(q);
    if (!firstType.has(key)) firstType.set(key, type);
    const typeId = `${key}\u0000${type}`;
    if (!baseOf.has(typeId)) baseOf.set(typeId, firstType.get(key) === type ? q.name : `${q.name}__v${version}`);
    const base = panel ? `${owner.name}__${panel.index}__${baseOf.get(typeId)!}` : baseOf.get(typeId)!;
    const common = { question: owner.name, questionType: type, freeText: false, quasiIdentifier: quasi.has(owner.name), ...(panel ? { panel } : {}) };
    const add = (part: Part, keys: string[], labels: TextKey[], values: Array<{ value: ChoiceValue; textKey: TextKey }>, freeText: boolean, valueType = type) => {
      const wanted = [base, ...keys.map(slug)].join('__') + (part === 'other' ? '__other_text' : '');
      const v = variable(`${panel?.index ?? ''}\u0000${typeId}\u0000${part}\u0000${keys.join('\u0000')}`, wanted, { ...common, part, keys, freeText, valueType }, version);
      v.titles.set(version, owner.titleKey);
      const all = panel ? [q.titleKey, ...labels] : labels;
      if (all.length) v.partLabels.set(version, all);
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
      case 'matrixdropdown': {
        const hidden = personalColumns.get(key);
        for (const c of q.columns) if (hidden?.has(c.name)) dropped.set(`${key}.${c.name}`, { question: `${q.name}.${c.name}`, reason: 'personal' });
        for (const r of q.rows) {
          for (const c of q.columns) if (!hidden?.has(c.name)) add('cell', [String(r.value), c.name], [r.textKey, c.titleKey], valuesOf(c.cell), isFreeText(c.cell), typeOf(c.cell));
        }
        break;
      }
      default:
        add('value', [], [], valuesOf(q), isFreeText(q));
    }
    if ((q.type === 'radiogroup' || q.type === 'dropdown' || q.type === 'checkbox') && q.hasOther) add('other', [], [], [], true);
  }

  for (const { version, structure } of inputs) {
    for (const q of questions(structure.pages.flatMap((p) => p.elements))) {
      if (isDisplay(q)) continue;
      if (personal.has(q.name)) { dropped.set(q.name, { question: q.name, reason: 'personal' }); continue; }
      if (q.type !== 'paneldynamic') { addQuestion(q, version, { owner: q }); continue; }
      const count = Math.max(1, panelCounts.get(q.name) ?? 0);
      for (let index = 1; index <= count; index++) {
        for (const t of q.templateElements) {
          if (isDisplay(t)) continue;
          if (personal.has(templateKey(q.name, t.name))) { dropped.set(templateKey(q.name, t.name), { question: `${q.name}.${t.name}`, reason: 'personal' }); continue; }
          addQuestion(t, version, { owner: q, panel: { index, question: t.name } });
        }
      }
    }
  }
  const variables = [...byIdentity.values()];
  for (const v of variables) assignCodes(v);
  // a dynamic panel is a quasi-identifier through the template questions marked so (all of them but free text, when the panel itself is)
  const panelQuasi = new Map([...quasiTemplates].map(([name, kept]) => [name, kept === 'all'
    ? [...new Set(variables.filter((v) => v.question === name && v.panel && !v.freeText).map((v) => v.panel!.question))]
    : [...kept]]));
  return { variables, dropped: [...dropped.values()].filter((d) => !variables.some((v) => v.question === d.question) || d.reason === 'personal'), quasi: [...quasi], panelQuasi };
}

/** Integer values are their own codes, booleans 1 and 0; other values are numbered from 1 in order of first appearance, which later versions only extend. */
function assignCodes(v: Variable) {
  const labels = v.valueLabels;
  if (labels.every((l) => Number.isInteger(l.value))) for (const l of labels) l.code = l.value as number;
  else if (labels.every((l) => typeof l.value === 'boolean')) for (const l of labels) l.code = l.value ? 1 : 0;
  else labels.forEach((l, i) => { l.code = i + 1; });
}
