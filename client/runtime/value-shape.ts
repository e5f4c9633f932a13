/**
 * The intake's first check of submitted answers, before the runtime sees them: every key names a
 * question that takes an answer, every value has the JSON shape survey-core stores for that
 * question type, and choice values are among the question's choices. survey-core accepts any
 * value and leaves such checks to its input elements, which an API client does not go through;
 * the README lists these checks as deliberately stricter than survey-core.
 *
 * A value of null clears an answer. Values the survey computes itself (expression questions,
 * calculated values) are accepted and then ignored: the runtime recomputes them.
 */
import type { ChoiceValue, CompiledChoice, CompiledQuestion, StructurePayload } from './compiled-types.js';
import { buildTree, isSelect } from './runtime-tree.js';
import { isPlainObject, sameChoiceValue } from './values.js';

/** Characters of a text or comment answer whose question sets no maxLength. */
export const DEFAULT_MAX_TEXT = 10_000;
/** Faults reported at most: a submission of 10,000 wrong keys must not answer with 10,000 lines. */
export const MAX_FAULTS = 50;

export type ShapeReason =
  | 'unknownQuestion' | 'notAnswerable' | 'wrongType' | 'notAChoice' | 'duplicateChoice' | 'tooLong' | 'unknownRow' | 'unknownColumn'
  | 'tooManyKeys' | 'tooManyPanels';

export interface ShapeFault {
  /** the data key the fault is about ('' for the whole submission) */
  name: string;
  reason: ShapeReason;
  message: string;
}

export interface ShapeResult {
  faults: ShapeFault[];
  /** the submitted answers without the values the survey computes */
  answers: Record<string, unknown>;
}

type Check = (value: unknown) => Omit<ShapeFault, 'name'> | undefined;

const scalar = (v: unknown): v is ChoiceValue => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const wrongType = (expected: string): Omit<ShapeFault, 'name'> => ({ reason: 'wrongType', message: `must be ${expected}` });

function textCheck(max: number): Check {
  return (v) => {
    if (typeof v !== 'string') return wrongType('a string');
    return v.length > max ? { reason: 'tooLong', message: `is ${v.length} characters long; at most ${max} are accepted` } : undefined;
  };
}

function oneOf(values: ChoiceValue[]): Check {
  return (v) => {
    if (!scalar(v)) return wrongType('a single choice value (string, number or boolean)');
    return values.some((c) => sameChoiceValue(c, v)) ? undefined : { reason: 'notAChoice', message: `${JSON.stringify(v)} is not one of its choices` };
  };
}

function distinctChoices(values: ChoiceValue[], expected: string): Check {
  const one = oneOf(values);
  return (v) => {
    if (!Array.isArray(v)) return wrongType(expected);
    for (let i = 0; i < v.length; i++) {
      const fault = one(v[i]);
      if (fault) return fault;
      if (v.findIndex((x) => sameChoiceValue(x, v[i])) < i) return { reason: 'duplicateChoice', message: `${JSON.stringify(v[i])} is chosen twice` };
    }
    return undefined;
  };
}

function selectValues(q: Extract<CompiledQuestion, { type: 'radiogroup' | 'checkbox' | 'dropdown' }>): ChoiceValue[] {
  const values = q.choices.map((c: CompiledChoice) => c.value);
  if (q.hasOther) values.push('other');
  if (q.hasNone) values.push('none');
  return values;
}

function questionCheck(q: CompiledQuestion): Check | 'computed' | undefined {
  switch (q.type) {
    // survey-core's number input stores numbers
    case 'text': return q.inputType === 'number' ? (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : wrongType('a number')) : textCheck(q.maxLength ?? DEFAULT_MAX_TEXT);
    case 'comment': return textCheck(q.maxLength ?? DEFAULT_MAX_TEXT);
    case 'radiogroup': case 'dropdown': return oneOf(selectValues(q));
    case 'rating': return oneOf(q.rateValues.map((c) => c.value));
    case 'boolean': return oneOf([q.valueTrue, q.valueFalse]);
    case 'checkbox': return distinctChoices(selectValues(q), 'an array of choice values');
    // survey-core stores a ranking as the choice values in the order ranked
    case 'ranking': return distinctChoices(q.choices.map((c) => c.value), 'an array of choice values, in ranked order');
    case 'matrix': {
      const cell = oneOf(q.columns.map((c) => c.value));
      return (v) => {
        if (!isPlainObject(v)) return wrongType('an object of row value → column value');
        for (const [row, value] of Object.entries(v)) {
          if (!q.rows.some((r) => String(r.value) === row)) return { reason: 'unknownRow', message: `has no row ${JSON.stringify(row)}` };
          const fault = value === null ? undefined : cell(value);
          if (fault) return { ...fault, message: `row ${JSON.stringify(row)}: ${fault.message}` };
        }
        return undefined;
      };
    }
    case 'matrixdropdown': {
      const cells = new Map(q.columns.map((c) => [c.name, questionCheck(c.cell)]));
      return (v) => {
        if (!isPlainObject(v)) return wrongType('an object of row value → { column name → cell answer }');
        for (const [row, answers] of Object.entries(v)) {
          if (!q.rows.some((r) => String(r.value) === row)) return { reason: 'unknownRow', message: `has no row ${JSON.stringify(row)}` };
          if (answers === null) continue;
          if (!isPlainObject(answers)) return wrongType(`an object of column name → cell answer in row ${JSON.stringify(row)}`);
          for (const [column, cell] of Object.entries(answers)) {
            const check = cells.get(column);
            if (!cells.has(column)) return { reason: 'unknownColumn', message: `has no column ${JSON.stringify(column)}` };
            // expression cells are computed by the survey; null clears a cell
            if (check === 'computed' || cell === null) continue;
            const fault = check ? check(cell) : { reason: 'notAnswerable' as const, message: 'takes no answer' };
            if (fault) return { ...fault, message: `row ${JSON.stringify(row)}, column ${JSON.stringify(column)}: ${fault.message}` };
          }
        }
        return undefined;
      };
    }
    case 'paneldynamic': {
      const inner = new Map(q.templateElements.map((e) => [e.name, questionCheck(e)]));
      return (v) => {
        if (!Array.isArray(v)) return wrongType('an array of panels, each an object of question name → answer');
        // survey-core takes any number of panels from an answer; its buttons stop at maxPanelCount
        if (v.length > q.maxPanelCount) return { reason: 'tooManyPanels', message: `has ${v.length} panels; at most ${q.maxPanelCount} are accepted` };
        for (let i = 0; i < v.length; i++) {
          if (!isPlainObject(v[i])) return wrongType(`an object of question name → answer in panel ${i}`);
          for (const [name, answer] of Object.entries(v[i])) {
            const check = inner.get(name);
            if (!inner.has(name)) return { reason: 'unknownQuestion', message: `panel ${i} has no question ${JSON.stringify(name)}` };
            if (!check) return { reason: 'notAnswerable', message: `panel ${i}, question ${JSON.stringify(name)} takes no answer` };
            const fault = answer === null || check === 'computed' ? undefined : check(answer);
            if (fault) return { ...fault, message: `panel ${i}, question ${JSON.stringify(name)}: ${fault.message}` };
          }
        }
        return undefined;
      };
    }
    case 'expression': return 'computed';
    default: return undefined;
  }
}

/** Checks (name → check) for one compiled structure; build once per version. */
export function shapeChecks(structure: StructurePayload): Map<string, Check | 'computed' | undefined> {
  const checks = new Map<string, Check | 'computed' | undefined>();
  for (const { def } of buildTree(structure).questions) {
    checks.set(def.name, questionCheck(def));
    if (isSelect(def) && def.hasOther) checks.set(def.name + structure.commentSuffix, textCheck(DEFAULT_MAX_TEXT));
  }
  for (const c of structure.calculatedValues) if (!checks.has(c.name)) checks.set(c.name, 'computed');
  return checks;
}

export function checkShape(checks: ReturnType<typeof shapeChecks>, submitted: unknown): ShapeResult {
  if (!isPlainObject(submitted)) return { faults: [{ name: '', ...wrongType('an object of question name → answer') }], answers: {} };
  const keys = Object.keys(submitted);
  if (keys.length > checks.size) {
    return { faults: [{ name: '', reason: 'tooManyKeys', message: `has ${keys.length} answers; this survey takes at most ${checks.size}` }], answers: {} };
  }
  const faults: ShapeFault[] = [];
  const answers: Record<string, unknown> = {};
  for (const name of keys) {
    const value = submitted[name];
    const check = checks.get(name);
    if (!checks.has(name)) faults.push({ name, reason: 'unknownQuestion', message: 'is not a question of this survey version' });
    else if (check === undefined) faults.push({ name, reason: 'notAnswerable', message: 'takes no answer' });
    else if (check === 'computed') continue;
    else if (value === null) answers[name] = null;
    else {
      const fault = check(value);
      if (fault) faults.push({ name, ...fault });
      else answers[name] = value;
    }
    if (faults.length >= MAX_FAULTS) break;
  }
  return { faults, answers };
}
