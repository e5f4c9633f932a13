/**
 * Evaluates a compiled expression exactly as survey-core 3.1's ExpressionRunner and ConditionRunner
 * would (fesm/survey-core.mjs: Operand.evaluate, Variable, ValueGetter, VariableGetterContext).
 * Like survey-core it evaluates both sides of `and`/`or` (the empty-value rules need both) and
 * throws where survey-core throws (e.g. `sum(1.5, 'x')`); callers decide what a throw means.
 * Runs in browsers and Node: no survey-core, no DOM.
 */
import type { EvalContext, Expr } from './expression-types.js';
import { BINARY_OPERATORS, UNARY_OPERATORS, correctValue, strictEqual, toNumber } from './expression-ops.js';
import { BUILTIN_FUNCTIONS } from './expression-functions.js';
import { IN_ARRAY_FUNCTIONS, callInArray } from './expression-in-array.js';

export function evaluate(expr: Expr, ctx: EvalContext): unknown {
  switch (expr.k) {
    case 'c':
      return expr.v;
    case 'v':
      return variable(expr.n, ctx);
    case 'a':
      return expr.items.map((item) => evaluate(item, ctx));
    case 'u':
      return lookUp(UNARY_OPERATORS, expr.op)(evaluate(expr.e, ctx));
    case 'b': {
      const strict = (expr.op === 'equal' || expr.op === 'notequal') && ((expr.l.k === 'v' && expr.l.s) || (expr.r.k === 'v' && expr.r.s));
      if (!strict) return lookUp(BINARY_OPERATORS, expr.op)(evaluate(expr.l, ctx), evaluate(expr.r, ctx));
      const equal = strictEqual(evaluate(expr.l, ctx), evaluate(expr.r, ctx));
      return expr.op === 'equal' ? equal : !equal;
    }
    case 'f': {
      const params = expr.args.map((arg) => evaluate(arg, ctx));
      if (IN_ARRAY_FUNCTIONS.includes(expr.n) && !(ctx.fn && has(ctx.fn, expr.n))) {
        return callInArray(expr, params, ctx, (values, name) => contextFromValues(values).value(name), evaluateCondition);
      }
      return call(expr.n, params, ctx);
    }
    default:
      throw new Error(`Unknown expression node ${JSON.stringify(expr)}`);
  }
}

/** ConditionRunner: the result `== true`, so 1, '1' and [1] pass and 'abc' does not. */
export function evaluateCondition(expr: Expr, ctx: EvalContext): boolean {
  return evaluate(expr, ctx) == true;
}

/** The variable names an expression reads, once each, in order; without survey-core's '#' prefix. */
export function variablesOf(expr: Expr): string[] {
  const names = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.k === 'v') names.add(plainName(e.n).name);
    else if (e.k === 'a') e.items.forEach(walk);
    else if (e.k === 'u') walk(e.e);
    else if (e.k === 'b') (walk(e.l), walk(e.r));
    else if (e.k === 'f') e.args.forEach(walk);
  };
  walk(expr);
  return [...names];
}

/**
 * An EvalContext over a plain values object, resolving names as survey-core's runValues does:
 * keys match case-insensitively; 'a.b' tries the key 'a.b' before the path a → b; 'a[1]' and
 * 'a[-1]' index arrays; 'x.length' reads an array's or a string's length; a leading '$' is ignored.
 */
export function contextFromValues(values: Record<string, unknown>, fn?: EvalContext['fn']): EvalContext {
  return { value: (name) => valueAt(values, name[0] === '$' ? name.substring(1) : name), fn };
}

function lookUp<T>(table: ReadonlyMap<string, T>, op: string): T {
  const found = table.get(op);
  if (!found) throw new Error(`Unknown operator '${op}'`);
  return found;
}

/** Variable: '#' turns off the conversion of its value (settings.expressionDisableConversionChar). */
function plainName(written: string): { name: string; convert: boolean } {
  const raw = written.length > 1 && written[0] === '#';
  return { name: raw ? written.substring(1) : written, convert: !raw };
}

function variable(written: string, ctx: EvalContext): unknown {
  const { name, convert } = plainName(written);
  let value = ctx.value(name);
  if (value === undefined && name.endsWith('.length')) value = 0;
  if (value === undefined) return jsonObject(name);
  return convert ? correctValue(value) : value;
}

/** Variable.returnJSONObject: an unknown name such as `"a": 1` is read as the object {"a": 1}, else null. */
function jsonObject(name: string): unknown {
  if (name.length < 2 || name.indexOf(':') < 1) return null;
  try {
    return JSON.parse('{' + name + '}');
  } catch {
    return null;
  }
}

// Object.prototype.hasOwnProperty rather than Object.hasOwn: older phone browsers lack the latter
const has = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

/** FunctionFactory.run: an unknown function yields null. */
function call(name: string, params: unknown[], ctx: EvalContext): unknown {
  if (ctx.fn && has(ctx.fn, name)) return ctx.fn[name](params);
  return has(BUILTIN_FUNCTIONS, name) ? BUILTIN_FUNCTIONS[name](params, ctx) : null;
}

interface PathItem {
  name: string;
  index?: number;
}

/** ValueGetter.getPath: 'a.b[2].c' → a, b (index 2), c. */
function pathOf(name: string): PathItem[] {
  return name.split('.').map((part) => {
    const open = part.lastIndexOf('[');
    const index = part.endsWith(']') && open > -1 ? toNumber(part.substring(open + 1, part.length - 1)) : NaN;
    return isNaN(index) ? { name: part } : { name: part.substring(0, open), index };
  });
}

/** ValueGetterContextCore.getValue with VariableGetterContext's longest-name-first search. */
function valueAt(values: Record<string, unknown>, name: string): unknown {
  const path = pathOf(name);
  let value: unknown = values;
  let start = 0;
  while (start < path.length) {
    let end = start;
    while (end < path.length - 1 && path[end].index === undefined) end++;
    let found: unknown;
    for (; end >= start; end--) {
      found = member(value, path.slice(start, end + 1).map((item) => item.name).join('.'));
      if (found !== undefined) break;
    }
    if (found === undefined) return undefined;
    const index = path[end].index;
    value = found;
    start = end + 1;
    if (index === undefined) continue;
    if (!Array.isArray(value)) return undefined;
    const at = index < 0 ? value.length + index : index;
    if (!(at > -1 && at < value.length)) return undefined;
    value = value[at];
  }
  return value;
}

/** VariableGetterContext.getValueByItemCore: the first key equal to the name ignoring case. */
function member(obj: unknown, name: string): unknown {
  if (!obj || !name) return undefined;
  if (name === 'length' && (Array.isArray(obj) || typeof obj === 'string')) return obj.length;
  if (typeof obj !== 'object') return undefined;
  const lower = name.toLowerCase();
  const first = [lower[0], name[0].toLocaleUpperCase()];
  for (const key in obj) {
    if (first.includes(key[0]) && key.toLowerCase() == lower) return (obj as Record<string, unknown>)[key];
  }
  return undefined;
}
