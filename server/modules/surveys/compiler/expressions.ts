/**
 * Compiles a survey expression with survey-core's own parser into the Expr tree that
 * client/runtime/expression.ts evaluates, so the runtime never has to parse. The operand classes
 * are read through their public getters and getType(); only ConditionsParser is needed at run time.
 */
import type { ArrayOperand, BinaryOperand, Const, FunctionOperand, Operand, UnaryOperand, Variable } from 'survey-core';
import { ConditionsParser } from '../definition/survey-core-setup.js';
import type { Expr } from '../../../../client/runtime/expression-types.js';
import { variablesOf } from '../../../../client/runtime/expression.js';
import { ARITHMETIC_OPERATORS, BINARY_OPERATORS, UNARY_OPERATORS } from '../../../../client/runtime/expression-ops.js';
import { BUILTIN_FUNCTIONS } from '../../../../client/runtime/expression-functions.js';
import { IN_ARRAY_FUNCTIONS, isReturnField } from '../../../../client/runtime/expression-in-array.js';

export type CompiledExpression =
  | { ok: true; expr: Expr; variables: string[]; functions: string[] }
  | { ok: false; error: string };

/** The functions the runtime implements; a compiled expression may name others, for the validator to reject. */
export const SUPPORTED_FUNCTIONS: readonly string[] = Object.freeze([...Object.keys(BUILTIN_FUNCTIONS), ...IN_ARRAY_FUNCTIONS]);

class Unsupported extends Error {}

export function compileExpression(text: string): CompiledExpression {
  const parser = new ConditionsParser();
  let operand: Operand | null | undefined;
  try {
    operand = parser.parseExpression(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (parser.error) return { ok: false, error: parser.error.code };
  // parseExpression swallows errors other than syntax errors and returns undefined
  if (operand === undefined) return { ok: false, error: 'The expression could not be parsed' };
  return compileOperand(operand);
}

/** Converts an already parsed operand tree; exported for operands built outside compileExpression. */
export function compileOperand(operand: Operand | null): CompiledExpression {
  try {
    const expr = toExpr(operand);
    return { ok: true, expr, variables: variablesOf(expr), functions: functionsOf(expr) };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, error: error.message };
    return { ok: false, error: `Unsupported expression: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function toExpr(op: Operand | null): Expr {
  // the literals `null` and `undefined` parse to no operand at all, which evaluates to null
  if (op === null) return { k: 'c', v: null };
  const type = op.getType();
  switch (type) {
    case 'const':
      return constant((op as Const).correctValue);
    case 'variable':
      return { k: 'v', n: writtenName(op as Variable) };
    case 'array':
      return { k: 'a', items: (op as ArrayOperand).values.map(listItem) };
    case 'function': {
      const fn = op as FunctionOperand;
      const call: Extract<Expr, { k: 'f' }> = { k: 'f', n: fn.functionName, args: fn.paramValues.map(listItem) };
      if (IN_ARRAY_FUNCTIONS.includes(call.n)) {
        const filter = inArrayFilter(call);
        if (filter) call.c = filter;
      }
      return call;
    }
    case 'unary': {
      const un = op as UnaryOperand;
      if (!UNARY_OPERATORS.has(un.operator)) throw new Unsupported(`Unsupported operator '${un.operator}'`);
      // survey-core cannot run `null empty` either: it fails on the missing operand
      if (!un.expression) throw new Unsupported(`'${un.operator}' needs an operand other than null`);
      return { k: 'u', op: un.operator, e: toExpr(un.expression) };
    }
    case 'binary': {
      const bin = op as BinaryOperand;
      if (!BINARY_OPERATORS.has(bin.operator) || bin.isArithmetic !== ARITHMETIC_OPERATORS.includes(bin.operator)) {
        throw new Unsupported(`Unsupported operator '${bin.operator}'`);
      }
      return { k: 'b', op: bin.operator, l: toExpr(bin.leftOperand ?? null), r: toExpr(bin.rightOperand ?? null) };
    }
    default:
      throw new Unsupported(`Unsupported operand type '${String(type)}'`);
  }
}

/** survey-core throws when it runs a list or an argument list holding null (`[1, null]`, `iif(1, null)`). */
function listItem(op: Operand | null): Expr {
  if (!op) throw new Unsupported('null and undefined cannot be an item of a list or a function argument');
  return toExpr(op);
}

function constant(value: unknown): Expr {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    return { k: 'c', v: value };
  }
  throw new Unsupported(`Unsupported constant ${String(value)}`);
}

/** Variable.variable drops the '#' that turns value conversion off; its toString() keeps it. */
function writtenName(op: Variable): string {
  return op.toString() === `{#${op.variable}}` ? `#${op.variable}` : op.variable;
}

/** Operators whose result is a boolean: survey-core re-parses such a filter's own text, to the same tree. */
const CONDITION_OPERATORS = new Set(['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal', 'contains',
  'notcontains', 'anyof', 'allof', 'noneof', 'and', 'or']);

/** The filter of an *InArray call: a quoted condition, parsed here because phones cannot parse. */
function inArrayFilter(call: Extract<Expr, { k: 'f' }>): Expr | undefined {
  const third = call.args[2];
  const index = call.args.length > 2 && third.k === 'c' && isReturnField(third, third.v) ? 3 : 2;
  const arg = call.args[index];
  if (!arg || call.args.length > 4) return undefined;
  if (arg.k === 'c' && typeof arg.v === 'string') {
    const parsed = compileExpression(arg.v);
    if (!parsed.ok) throw new Unsupported(`The filter of ${call.n} does not parse: ${parsed.error}`);
    return parsed.expr;
  }
  if (arg.k === 'c' || arg.k === 'u' || (arg.k === 'b' && CONDITION_OPERATORS.has(arg.op))) return arg;
  throw new Unsupported(`Write the filter of ${call.n} as a quoted condition, e.g. '{price} > 0'`);
}

function functionsOf(expr: Expr, names = new Set<string>()): string[] {
  if (expr.k === 'f') names.add(expr.n);
  if (expr.k === 'f' && expr.c) functionsOf(expr.c, names);
  const children = expr.k === 'a' ? expr.items : expr.k === 'f' ? expr.args : expr.k === 'u' ? [expr.e] : expr.k === 'b' ? [expr.l, expr.r] : [];
  for (const child of children) functionsOf(child, names);
  return [...names];
}

/** Marks the variables that name one of `names` (lower case) as compared in order (see Expr 'v'). */
export function markStrict(expr: Expr, names: ReadonlySet<string>): Expr {
  if (names.size === 0) return expr;
  switch (expr.k) {
    case 'v': {
      const name = expr.n[0] === '#' ? expr.n.substring(1) : expr.n;
      return names.has(name.toLowerCase()) ? { ...expr, s: true } : expr;
    }
    case 'a': return { ...expr, items: expr.items.map((item) => markStrict(item, names)) };
    case 'u': return { ...expr, e: markStrict(expr.e, names) };
    case 'b': return { ...expr, l: markStrict(expr.l, names), r: markStrict(expr.r, names) };
    case 'f': return { ...expr, args: expr.args.map((arg) => markStrict(arg, names)), ...(expr.c ? { c: markStrict(expr.c, names) } : {}) };
    default: return expr;
  }
}
