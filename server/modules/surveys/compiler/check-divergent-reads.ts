/**
 * Expression shapes that survey-core and the phone runtime would evaluate differently, refused
 * rather than left to diverge (each found by running both on the same survey).
 *
 * An unanswered checkbox is `[]` to survey-core and empty (undefined) to the runtime. Most reads
 * agree all the same (`= 'x'`, `contains`, `empty`, `notempty`, `anyof`, `allof`, `noneof`,
 * `count`, `sum`, arithmetic, `and`/`or`); these do not: the checkbox as a truth value (`{cb}`
 * alone as a condition, `!{cb}`, the first argument of iif), ordering comparisons (`<`, `<=`, `>`,
 * `>=`: `[] < 'b'` holds there), `=`/`<>` against an empty constant (`[]`, `''`, `null`), a
 * checkbox on the right of `contains`/`notcontains`, and date functions of a checkbox.
 * Reading it as `[]` in the runtime would break `{cb} = {t}` with t unanswered (undefined there,
 * equal to `[]`; null here), so the shapes are refused instead. The same holds, by experiment,
 * for a checkbox of a paneldynamic's template (`{panel.cb}` inside it, `{pd[0].cb}` anywhere) and
 * a checkbox column of a matrixdropdown (`{row.cb}` in its columns, `{m.row1.cb}` anywhere).
 */
import { childPointer, isRecord } from '../definition/json-pointer.js';
import type { Fault } from '../definition/types.js';
import type { Expr } from '../../../../client/runtime/expression-types.js';
import type { SubsetCheck } from './check-subset.js';

const ORDERING = new Set(['less', 'lessorequal', 'greater', 'greaterorequal']);
const DATE_FUNCTIONS = new Set(['age', 'getdate', 'getyear', 'year', 'month', 'day', 'weekday', 'datediff', 'dateadd', 'diffdays']);
/** the last pointer token of a property holding a condition (its value is read as true or false) */
const CONDITION_PROPERTY = /\/(?:[a-zA-Z]*If|validators\/\d+\/expression)$/;

export function checkDivergentReads(json: Record<string, unknown>, expressions: SubsetCheck['expressions']): Fault[] {
  const faults: Fault[] = [];
  const isCheckbox = checkboxReads(json);
  if (!isCheckbox) return faults;
  for (const [pointer, { expr }] of expressions) {
    const problem = divergentRead(expr, (name) => isCheckbox(name, pointer), CONDITION_PROPERTY.test(pointer));
    if (problem) faults.push({ pointer, message: problem });
  }
  return faults;
}

/**
 * Whether a variable (lower case, without '#') reads a checkbox's answer in an expression at a
 * pointer: a survey's checkbox; inside a paneldynamic's template `panel.<cb>`, anywhere
 * `<pd>[<n>].<cb>`; inside a matrixdropdown's columns `row.<cb>`, anywhere `<m>.<row>.<cb>`.
 * Undefined when the survey has no checkbox.
 */
function checkboxReads(json: Record<string, unknown>): ((name: string, pointer: string) => boolean) | undefined {
  const top = new Set<string>();
  const scopes: Array<{ inside: string; local: Set<string>; path: RegExp }> = [];
  surveyQuestions(json, '', (question, pointer) => {
    const type = lower(question.type);
    if (type === 'checkbox') top.add(lower(question.name));
    const scope = (property: string, local: string, path: (names: string) => string, cellType: (item: Record<string, unknown>) => string) => {
      const items = Array.isArray(question[property]) ? (question[property] as unknown[]) : [];
      const names = items.filter((item): item is Record<string, unknown> => isRecord(item) && cellType(item) === 'checkbox').map((item) => lower(item.name));
      if (names.length === 0) return;
      const any = `(?:${names.map(escapeRegExp).join('|')})`;
      scopes.push({ inside: `${childPointer(pointer, property)}/`, local: new Set(names.map((n) => `${local}.${n}`)), path: new RegExp(`^${escapeRegExp(lower(question.name))}${path(any)}$`) });
    };
    if (type === 'paneldynamic') scope('templateElements', 'panel', (names) => `\\[\\d+\\]\\.${names}`, (item) => lower(item.type));
    if (type === 'matrixdropdown') {
      // a column without its own cell type takes the matrix's, and survey-core's default is a dropdown
      const cellType = (item: Record<string, unknown>) => (item.cellType && lower(item.cellType) !== 'default' ? lower(item.cellType) : '');
      const fallback = cellType(question) || 'dropdown';
      scope('columns', 'row', (names) => `\\..+\\.${names}`, (column) => cellType(column) || fallback);
    }
  });
  if (top.size === 0 && scopes.length === 0) return undefined;
  return (name, pointer) => top.has(name) || scopes.some((s) => s.path.test(name) || (pointer.startsWith(s.inside) && s.local.has(name)));
}

function lower(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Questions of pages and panels (not of paneldynamic templates or matrix columns), with their pointers. */
function surveyQuestions(node: Record<string, unknown>, pointer: string, visit: (question: Record<string, unknown>, pointer: string) => void): void {
  for (const key of ['pages', 'elements']) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    list.forEach((child, i) => {
      if (!isRecord(child)) return;
      const at = childPointer(childPointer(pointer, key), i);
      if (key === 'elements') visit(child, at);
      surveyQuestions(child, at, visit);
    });
  }
}

/** What to write instead of the first divergent read of a checkbox in `expr`, if any. */
function divergentRead(expr: Expr, isCheckbox: (name: string) => boolean, asCondition: boolean): string | undefined {
  const checkbox = (e: Expr | undefined): string | undefined => {
    if (e?.k !== 'v') return undefined;
    const name = e.n.replace(/^#/, '');
    return isCheckbox(name.toLowerCase()) ? name : undefined;
  };
  const truth = (name: string) => `The checkbox {${name}} is read as true or false: unanswered, it is [] (true) to survey-core and empty (false) on phones. Write {${name}} notempty or {${name}} empty`;
  const visit = (e: Expr, condition: boolean): string | undefined => {
    const alone = checkbox(e);
    if (alone) return condition ? truth(alone) : undefined;
    switch (e.k) {
      case 'c': case 'v': return undefined;
      case 'a': return first(e.items.map((item) => () => visit(item, false)));
      case 'u': return e.op === 'negate' ? visit(e.e, true) : visit(e.e, false);
      case 'b': {
        const name = checkbox(e.l) ?? checkbox(e.r);
        if (name && ORDERING.has(e.op)) {
          return `The checkbox {${name}} is compared with '<', '<=', '>' or '>=': unanswered, it is [] to survey-core (less than any text or number) and empty on phones. Write {${name}} contains <value>, {${name}} anyof [<values>] or count({${name}}) <op> <n>`;
        }
        if (name && (e.op === 'equal' || e.op === 'notequal') && (isEmptyConstant(e.l) || isEmptyConstant(e.r))) {
          return `The checkbox {${name}} is compared with an empty value: unanswered, it is [] to survey-core (equal to [], not to '' or null) and empty on phones (the reverse). Write {${name}} empty or {${name}} notempty`;
        }
        const right = checkbox(e.r);
        if (right && (e.op === 'contains' || e.op === 'notcontains')) {
          return `The checkbox {${right}} is on the right of '${e.op}': unanswered, it is [] to survey-core and empty on phones. Write {${right}} allof [<values>] or {${right}} anyof [<values>]`;
        }
        // `{cb} and …`, `{cb} or …` agree (found by experiment), so their operands are not conditions here
        return visit(e.l, false) ?? visit(e.r, false);
      }
      case 'f': {
        const fn = e.n.toLowerCase();
        if (DATE_FUNCTIONS.has(fn)) {
          const name = e.args.map(checkbox).find((n) => n !== undefined);
          if (name) return `The checkbox {${name}} is given to ${e.n}(): its answer is not a date, and unanswered it is [] to survey-core and empty on phones`;
        }
        // an *InArray filter (e.c) reads the array's items, not the survey's questions
        return first(e.args.map((arg, i) => () => visit(arg, fn === 'iif' && i === 0)));
      }
    }
  };
  return visit(expr, asCondition);
}

function isEmptyConstant(e: Expr): boolean {
  return (e.k === 'a' && e.items.length === 0) || (e.k === 'c' && (e.v === null || e.v === ''));
}

function first(steps: Array<() => string | undefined>): string | undefined {
  for (const step of steps) {
    const found = step();
    if (found) return found;
  }
  return undefined;
}
