/**
 * survey-core's *InArray functions (sumInArray, countInArray, minInArray, maxInArray, avgInArray):
 * `fn({array}, 'field', ['returnField',] 'filter condition')` over an array of objects (a dynamic
 * panel) or an object of objects (a matrix). survey-core parses the filter at run time; the
 * compiler parses it beforehand into the call's `c`, evaluated per item with the item's fields
 * first and the survey's values after.
 */
import type { EvalContext, Expr } from './expression-types.js';
import { afterPlusMinus, isEmpty, isNumber, toNumber } from './expression-ops.js';

export const IN_ARRAY_FUNCTIONS: readonly string[] = ['sumInArray', 'countInArray', 'minInArray', 'maxInArray', 'avgInArray'];

/** isReturnColumnParam: a constant string without condition characters names the field to return. */
export function isReturnField(arg: Expr | undefined, value: unknown): boolean {
  return !!arg && arg.k === 'c' && typeof value === 'string' && !/[{}><=!]/.test(value);
}

interface Call {
  items: unknown[];
  name: string;
  returnName: string;
  keep: (item: Record<string, unknown>) => boolean;
}

type ValueOf = (values: Record<string, unknown>, name: string) => unknown;

function prepare(expr: Extract<Expr, { k: 'f' }>, params: unknown[], ctx: EvalContext, valueOf: ValueOf,
  condition: (expr: Expr, ctx: EvalContext) => boolean): Call | undefined {
  if (params.length < 2 || params.length > 4) return undefined;
  const data = params[0];
  if (!data) return undefined;
  const name = params[1];
  if (typeof name !== 'string') return undefined;
  const returnName = params.length > 2 && isReturnField(expr.args[2], params[2]) ? (params[2] as string) : name;
  const items = Array.isArray(data) ? data : Object.keys(data as object).map((key) => (data as Record<string, unknown>)[key]);
  const filter = expr.c;
  const keep = (item: Record<string, unknown>) => {
    if (!filter) return true;
    const itemCtx: EvalContext = { value: (n) => { const own = valueOf(item, n); return own !== undefined ? own : ctx.value(n); }, fn: ctx.fn };
    try {
      return condition(filter, itemCtx);
    } catch {
      return false;
    }
  };
  return { items, name, returnName, keep };
}

const number = (value: unknown): unknown => (typeof value === 'string' ? (isNumber(value) ? toNumber(value) : undefined) : value);
const usable = (call: Call) => call.items.filter((item): item is Record<string, unknown> =>
  !!item && !isEmpty((item as Record<string, unknown>)[call.name]) && call.keep(item as Record<string, unknown>));

function sum(call: Call): unknown {
  let res: unknown = 0;
  for (const item of usable(call)) {
    const value = number(item[call.name]);
    if (value !== undefined && value !== null) res = afterPlusMinus(res, value, (res as number) + (value as number));
  }
  return res;
}

function count(call: Call): number {
  return usable(call).length;
}

function best(call: Call, isMin: boolean): unknown {
  let bestValue: unknown;
  let bestItem: Record<string, unknown> | undefined;
  for (const item of usable(call)) {
    const value = number(item[call.name]);
    if (value === undefined || value === null) continue;
    if (bestValue === undefined || (isMin ? (value as number) < (bestValue as number) : (value as number) > (bestValue as number))) {
      bestValue = value;
      bestItem = item;
    }
  }
  if (!bestItem) return undefined;
  return call.returnName !== call.name ? bestItem[call.returnName] : bestValue;
}

export function callInArray(expr: Extract<Expr, { k: 'f' }>, params: unknown[], ctx: EvalContext, valueOf: ValueOf,
  condition: (expr: Expr, ctx: EvalContext) => boolean): unknown {
  const call = prepare(expr, params, ctx, valueOf, condition);
  switch (expr.n) {
    case 'sumInArray': return call ? sum(call) : 0;
    case 'countInArray': return call ? count(call) : 0;
    case 'minInArray': return call && best(call, true);
    case 'maxInArray': return call && best(call, false);
    default: {
      const n = call ? count(call) : 0;
      return n === 0 ? 0 : (sum(call as Call) as number) / n;
    }
  }
}
