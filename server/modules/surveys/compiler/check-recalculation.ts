/**
 * Expression questions and calculated values that survey-core would not compute to the end.
 *
 * survey-core recomputes them in passes (runConditions): calculated values first, each after the
 * calculated values it reads, then every question in document order. A pass that changed a value
 * is followed by another, at most settings.maxConditionRunCountOnValueChanged more. So a value
 * read by something computed earlier in the pass (an expression question placed after the one
 * reading it, or read by a calculated value) is seen one pass late. A chain of such late reads
 * longer than the passes allow leaves values and conditions stale (a chain of 12 expression
 * questions, each reading the next, ends with 11 where 13 is right), and a cycle never settles:
 * the phone runtime computes to the end, so both are refused rather than diverge.
 *
 * survey-core also skips a read-only expression question, judging read-only by its enableIf (or
 * its panel's or page's) as it was before the answer it reacts to: with `e = {a} * 2` enabled by
 * `{b} = true`, answering a and then b leaves e empty there (2 on the phone). So an expression
 * question may not be disabled by a condition.
 */
import { settings } from 'survey-core';
import { childPointer, isRecord } from '../definition/json-pointer.js';
import type { Fault } from '../definition/types.js';
import type { SubsetCheck } from './check-subset.js';

interface Derived {
  name: string;
  kind: 'question' | 'calculated';
  /** document order of expression questions */
  order: number;
  pointer: string;
  uses: string[];
}

/**
 * Passes after the first that may still change values: the last allowed pass must change
 * nothing, or conditions evaluated before its changes are stale (found by experiment: 9 late
 * reads match survey-core, 10 do not).
 */
const LATE_READS_ALLOWED = settings.maxConditionRunCountOnValueChanged - 1;

export function checkRecalculation(json: Record<string, unknown>, expressions: SubsetCheck['expressions']): Fault[] {
  const derived = new Map<string, Derived>();
  const uses = (pointer: string) => (expressions.get(pointer)?.variables ?? []).map((v) => v.split(/[.[]/)[0].toLowerCase());
  expressionQuestions(json, (name, pointer, order) => {
    const at = childPointer(pointer, 'expression');
    derived.set(name.toLowerCase(), { name, kind: 'question', order, pointer: at, uses: uses(at) });
  });
  list(json.calculatedValues).forEach((calculated, i) => {
    const name = String(calculated.name ?? '');
    const at = childPointer(childPointer('/calculatedValues', i), 'expression');
    // an answer of the same name is what expressions read
    if (!derived.has(name.toLowerCase())) derived.set(name.toLowerCase(), { name, kind: 'calculated', order: -1, pointer: at, uses: uses(at) });
  });

  const faults: Fault[] = [...disabledExpressions(json)];
  /** per name: the late reads of its longest chain, and the next name on that chain */
  const depth = new Map<string, { late: number; next?: string }>();
  const cycle = (path: string[], key: string) => {
    const members = [...path.slice(path.indexOf(key)), key].map((k) => derived.get(k)!);
    // a cycle of calculated values only is reported by buildCalculatedValues
    const first = members.find((d) => d.kind === 'question');
    if (first && !faults.some((f) => f.pointer === first.pointer)) {
      faults.push({ pointer: first.pointer, message: `The expression question '${first.name}' depends on itself (${members.map((d) => d.name).join(' → ')}); survey-core would recompute it on every change without settling` });
    }
  };
  for (const root of derived.keys()) {
    // iterative depth-first search: a long chain must not exhaust the stack
    const stack: Array<{ key: string; uses: string[]; next: number; best: { late: number; next?: string } }> = [];
    const path: string[] = [];
    const onPath = new Set<string>();
    const enter = (key: string) => {
      if (depth.has(key)) return;
      if (onPath.has(key)) return cycle(path, key);
      path.push(key);
      onPath.add(key);
      stack.push({ key, uses: [...new Set(derived.get(key)!.uses)].filter((u) => derived.has(u)), next: 0, best: { late: 0 } });
    };
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.uses.length) {
        enter(top.uses[top.next++]);
        continue;
      }
      for (const used of top.uses) {
        const late = (depth.get(used)?.late ?? 0) + (isLate(derived.get(top.key)!, derived.get(used)!) ? 1 : 0);
        if (late > top.best.late) top.best = { late, next: used };
      }
      depth.set(top.key, top.best);
      stack.pop();
      onPath.delete(path.pop()!);
    }
  }

  // one fault per chain: at its start, the value no other over-long chain reads
  const overLong = [...derived.keys()].filter((key) => depth.get(key)!.late > LATE_READS_ALLOWED);
  const readByOverLong = new Set(overLong.flatMap((key) => derived.get(key)!.uses));
  for (const key of overLong.filter((k) => !readByOverLong.has(k))) {
    // a cycle, reported above, may loop the chain: each name once
    const seen = new Set<string>();
    for (let at: string | undefined = key; at && !seen.has(at); at = depth.get(at)?.next) seen.add(at);
    const chain = [...seen].map((k) => derived.get(k)!.name);
    const node = derived.get(key)!;
    const late = depth.get(key)!.late;
    const shown = chain.length > 8 ? [...chain.slice(0, 4), '…', ...chain.slice(-2)] : chain;
    faults.push({
      pointer: node.pointer,
      message: `'${node.name}' is computed through ${late} late reads in a row (${shown.join(' → ')}): a question reading an expression question `
        + `placed after it, or a calculated value reading an expression question, sees its value one recalculation late, and survey-core `
        + `settles at most ${LATE_READS_ALLOWED} in a row, so it would show stale values. Place expression questions after the ones they read`,
    });
  }
  return faults;
}

/** survey-core computes `used` after `reader` in a pass, so `reader` sees its value a pass late. */
function isLate(reader: Derived, used: Derived): boolean {
  if (used.kind === 'calculated') return false;
  return reader.kind === 'calculated' || used.order >= reader.order;
}

/** The enableIf of expression questions and of the panels and pages around them (see the header). */
function disabledExpressions(json: Record<string, unknown>): Fault[] {
  const pointers = new Set<string>();
  expressionQuestions(json, (_name, _pointer, _order, path) => {
    for (const { element, pointer } of path) {
      if (typeof element.enableIf === 'string' && element.enableIf.trim() !== '') pointers.add(childPointer(pointer, 'enableIf'));
    }
  });
  return [...pointers].map((pointer) => ({
    pointer,
    message: 'An expression question may not be disabled by a condition (its own enableIf or its panel\'s or page\'s): survey-core stops computing it '
      + 'while disabled and judges that by the answers before the latest one, so its value would go stale',
  }));
}

type Path = Array<{ element: Record<string, unknown>; pointer: string }>;

/** The survey's expression questions in document order (none are allowed inside a paneldynamic), each with its page, panels and itself. */
function expressionQuestions(json: Record<string, unknown>, visit: (name: string, pointer: string, order: number, path: Path) => void): void {
  let order = 0;
  const walk = (elements: Array<Record<string, unknown>>, pointer: string, path: Path) => {
    elements.forEach((element, i) => {
      const at = childPointer(childPointer(pointer, 'elements'), i);
      const here = [...path, { element, pointer: at }];
      if (element.type === 'panel') walk(list(element.elements), at, here);
      else if (element.type === 'expression') visit(String(element.name ?? ''), at, order++, here);
    });
  };
  list(json.pages).forEach((page, i) => {
    const pointer = childPointer('/pages', i);
    walk(list(page.elements), pointer, [{ element: page, pointer }]);
  });
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.map((item) => (isRecord(item) ? item : {})) : [];
}
