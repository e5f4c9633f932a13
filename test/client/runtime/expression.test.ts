import t from 'tap';
import type { Test } from 'tap';
import fc from 'fast-check';
import { inspect, isDeepStrictEqual } from 'node:util';
import { BinaryOperand, ConditionRunner, ConditionsParser, Const, ExpressionRunner, FunctionFactory, Operand, Variable } from 'survey-core';
import { SUPPORTED_FUNCTIONS, compileExpression, compileOperand } from '../../../server/modules/surveys/compiler/expressions.js';
import { contextFromValues, evaluate, evaluateCondition, variablesOf } from '../../../client/runtime/expression.js';

type Values = Record<string, unknown>;
type Outcome = { value: unknown } | { threw: string } | { rejected: string };

/** Both sides run on the same fixed clock: survey-core through survey.dateProvider, ours through fn.currentDate. */
const NOW = new Date(2024, 2, 15, 10, 30, 15, 250).getTime(); // seconds and ms: some comparisons drop them
const PROPERTIES = { survey: { dateProvider: { now: () => NOW } } };
const FN = { currentDate: () => new Date(NOW) };

function surveyCore(text: string, values: Values, condition: boolean): Outcome {
  try {
    const runner = condition ? new ConditionRunner(text) : new ExpressionRunner(text);
    // a text that parses to no operand (`null`) runs as null; survey-core would warn about it
    if (!runner.canRun()) return parsesToNothing(text) ? { value: condition ? false : null } : { rejected: 'no parse' };
    return { value: runner.runValues(structuredClone(values), PROPERTIES) };
  } catch (error) {
    return { threw: String(error) };
  }
}

function parsesToNothing(text: string): boolean {
  const parser = new ConditionsParser();
  return parser.parseExpression(text) === null && !parser.error;
}

function ours(text: string, values: Values, condition: boolean): Outcome {
  const compiled = compileExpression(text);
  if (!compiled.ok) return { rejected: compiled.error };
  try {
    const ctx = contextFromValues(structuredClone(values), FN);
    return { value: condition ? evaluateCondition(compiled.expr, ctx) : evaluate(compiled.expr, ctx) };
  } catch (error) {
    return { threw: String(error) };
  }
}

/** isDeepStrictEqual finds two Invalid Dates different (NaN !== NaN); survey-core returns them often. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return { date: String(value.getTime()) };
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}

/** A compile rejection is right when survey-core cannot run the text either. */
function agree(a: Outcome, b: Outcome): boolean {
  if ('value' in a && 'value' in b) return isDeepStrictEqual(comparable(a.value), comparable(b.value));
  if ('rejected' in a) return !('value' in b);
  return 'threw' in a && 'threw' in b;
}

function differential(text: string, values: Values, condition: boolean): Outcome {
  const [mine, theirs] = [ours(text, values, condition), surveyCore(text, values, condition)];
  if (!agree(mine, theirs)) {
    throw new Error(`${text}\n  values: ${inspect(values)}\n  ours: ${inspect(mine)}\n  survey-core: ${inspect(theirs)}`);
  }
  return mine;
}

// Generated variable values: what answers look like. Excluded on purpose: undefined inside an array
// (JSON has none; survey-core reads `{c[0]}` of [undefined] as undefined, the runtime's EvalContext
// cannot tell that from a missing value and gives null) and Date objects (answers hold date strings).
const SCALARS = [null, '', 0, 1, 2, -1, 0.1, 0.2, 1.5, 10, '0', '1', '01', '1.5', '1,5', ' 2 ', '10', 'abc', 'ABC', ' abc ', 'a', 'x',
  'true', 'FALSE', true, false, '2024-03-15', '2024-01-31', '2024-03-15T10:30', '2024-03-15T10:30:15', '2024-03-16T00:00', '3/15/24 10:00', "'q'", '0x1A', 'x*y', 'undefined'];
const scalar = fc.constantFrom(...SCALARS);
const value = fc.oneof(
  fc.constantFrom(undefined, ...SCALARS),
  fc.array(fc.constantFrom('a', 'A', 'b', 'abc', 'x', '1', '01', 1, 2, 0, 1.5, '', true, null), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('x', 'X', 'y'), scalar, { maxKeys: 2, noNullPrototype: true }),
);
const values = fc.record({ a: value, b: value, c: value, d: value, B: value, 'd.x': value }, { requiredKeys: [], noNullPrototype: true });

// Generated expression text, fully parenthesised; both sides parse the same string. Not generated:
// the constant -0 (a compiled expression is stored as JSON, which has no -0) and functions outside
// SUPPORTED_FUNCTIONS (survey-core would log a warning; the unknown-function test covers them).
const CONSTANTS = ["''", '0', '1', '-1', '2.5', '0.1', '-0.2', "'0'", "'1'", "'01'", "'1,5'", "'abc'", "'ABC'", "' abc '", "'a'", 'abc',
  'true', 'false', "'true'", 'null', 'undefined', "'2024-03-15'", "'2024-03-15T10:30'", '"x"', "'undefined'",
  "'days'", "'months'", "'years'", "'hours'", "'minutes'", "'seconds'"];
const VARIABLES = ['a', 'b', 'c', 'd', 'A', 'd.x', 'd.X', 'c[0]', 'c[1]', 'c[-1]', 'c.length', 'a.length', 'e', '#a', '#b', '$c', '"k": 1', 'k:1'];
const COMPARISONS = ['=', '==', 'equal', 'equals', '!=', '<>', 'notequal', 'notequals', '<', 'less', '>', 'greater', '<=', '=<',
  'lessorequal', '>=', '=>', 'greaterorequal', 'contains', 'contain', '*=', 'notcontains', 'notcontain', 'anyof', 'allof', 'noneof'];
const OPERATORS = [...COMPARISONS, 'and', '&&', 'or', '||', '+', '-', '*', '/', '%', '^', 'power'];

const tree = fc.letrec<{ leaf: string; pair: string; expr: string; unary: string; binary: string; call: string; list: string; condition: string }>((tie) => ({
  leaf: fc.oneof(fc.constantFrom(...CONSTANTS), fc.constantFrom(...VARIABLES).map((name) => `{${name}}`)),
  // one operator on two leaves: deep trees alone rarely let a single comparison decide the result
  pair: fc.tuple(tie('leaf'), fc.constantFrom(...OPERATORS), tie('leaf')).map(([l, op, r]) => `${l} ${op} ${r}`),
  expr: fc.oneof({ depthSize: 'small', maxDepth: 4 }, tie('leaf'), tie('unary'), tie('binary'), tie('call'), tie('list')),
  // the grammar takes `empty`/`notempty` after a constant or a variable only
  unary: fc.oneof(
    fc.tuple(fc.constantFrom('!', 'negate '), tie('expr')).map(([op, e]) => `${op}(${e})`),
    fc.tuple(tie('leaf'), fc.constantFrom('empty', 'notempty')).map(([e, op]) => `(${e} ${op})`),
  ),
  binary: fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
  // the *InArray functions take a quoted filter: expression-in-array.test.ts generates their calls
  call: fc.tuple(fc.constantFrom(...SUPPORTED_FUNCTIONS.filter((n) => !n.endsWith('InArray'))), fc.array(tie('expr'), { maxLength: 3 })).map(([n, args]) => `${n}(${args.join(', ')})`),
  list: fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
  condition: fc.oneof(tie('pair'), fc.tuple(tie('expr'), fc.constantFrom(...COMPARISONS, 'and', 'or'), tie('expr')).map(([l, op, r]) => `${l} ${op} ${r}`)),
}));

/** fast-check's shrunk counterexample, followed by both sides' results for it. */
function report<T>(run: fc.RunDetails<T>): string | undefined {
  return run.failed ? `${fc.defaultReportMessage(run)}\n${String(run.errorInstance)}` : undefined;
}

function property(t: Test, name: string, text: fc.Arbitrary<string>, condition: boolean): void {
  let rejected = 0;
  const run = fc.check(fc.property(text, values, (source, vals) => {
    if ('rejected' in differential(source, vals, condition)) rejected++;
  }), { numRuns: 2000 });
  t.notOk(run.failed, report(run) ?? name);
  t.ok(rejected < 200, `most generated texts compile (${rejected} of 2000 rejected, each also failing in survey-core)`);
}

t.test('conditions: evaluateCondition decides as ConditionRunner.runValues', (t) => {
  property(t, 'conditions agree', tree.condition, true);
  t.end();
});

t.test('values: evaluate returns what ExpressionRunner.runValues returns', (t) => {
  property(t, 'values agree', fc.oneof(tree.pair, tree.expr), false);
  t.end();
});

t.test('variables and functions: compileExpression lists what survey-core reads', (t) => {
  const run = fc.check(fc.property(tree.expr, (source) => {
    const compiled = compileExpression(source);
    if (!compiled.ok) return;
    const runner = new ExpressionRunner(source);
    if (!isDeepStrictEqual(compiled.variables, [...new Set(runner.getVariables())])) throw new Error(`variables of ${source}`);
    if (compiled.functions.length > 0 !== runner.hasFunction()) throw new Error(`functions of ${source}`);
  }), { numRuns: 2000 });
  t.notOk(run.failed, report(run) ?? 'variables agree');
  t.end();
});

/** Runs one text over every pair of sample values; the text is parsed once on each side. */
function sweep(text: string, samples: unknown[], condition: boolean, second: unknown[] = samples): string[] {
  const compiled = compileExpression(text);
  if (!compiled.ok) return [`${text}: ${compiled.error}`];
  const runner = condition ? new ConditionRunner(text) : new ExpressionRunner(text);
  const mismatches: string[] = [];
  for (const a of samples) {
    for (const b of second) {
      const run = (f: () => unknown): Outcome => { try { return { value: f() }; } catch (error) { return { threw: String(error) }; } };
      const ctx = contextFromValues({ a, b }, FN);
      const mine = run(() => (condition ? evaluateCondition : evaluate)(compiled.expr, ctx));
      const theirs = run(() => runner.runValues({ a, b }, PROPERTIES));
      if (!agree(mine, theirs)) mismatches.push(`${text} with a=${inspect(a)} b=${inspect(b)}: ours ${inspect(mine)}, survey-core ${inspect(theirs)}`);
    }
  }
  return mismatches.slice(0, 5);
}

const SAMPLES = [undefined, ...SCALARS, [], ['a'], ['A', 'b'], ['b', 'a'], [1, 2], ['1', '2'], [2, 1], ['abc', 1], [' x '], {}, { x: 'a' }, { x: '' }, { X: 'A' }];
const CANONICAL = ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal', 'contains', 'notcontains', 'anyof', 'allof',
  'noneof', 'and', 'or', '+', '-', '*', '/', '%', '^'];

t.test('every operator and function on every pair of sample values agrees with survey-core', (t) => {
  for (const op of CANONICAL) {
    t.same(sweep(`{a} ${op} {b}`, SAMPLES, false), [], `{a} ${op} {b}: values`);
    t.same(sweep(`{a} ${op} {b}`, SAMPLES, true), [], `{a} ${op} {b}: as a condition`);
  }
  for (const text of ['{a} empty', '{a} notempty', '!{a}']) t.same(sweep(text, SAMPLES, false, [undefined]), [], text);
  // Dates only come from functions; a string compared with one is read at the string's precision
  for (const op of CANONICAL.slice(0, 6)) {
    for (const text of [`today() ${op} {a}`, `currentDate() ${op} {a}`, `{a} ${op} today()`, `{a} ${op} currentDate()`]) {
      t.same(sweep(text, SAMPLES, false, [undefined]), [], text);
    }
  }
  // the *InArray functions need a real survey around them: expression-in-array.test.ts runs them in one
  for (const name of SUPPORTED_FUNCTIONS.filter((n) => !n.endsWith('InArray'))) {
    t.same(sweep(`${name}({a}, {b})`, SAMPLES, false), [], `${name}({a}, {b})`);
    t.same(sweep(`${name}({a})`, SAMPLES, false, [undefined]), [], `${name}({a})`);
  }
  t.end();
});

/** [text, values, expected]: the value both survey-core and our runtime must produce. */
const CASES: Array<[string, Values, unknown]> = [
  ["{a} = 'abc'", { a: ' ABC ' }, true], // strings compare trimmed and ignoring case
  ['{a} = 1', { a: '01' }, true], ['{a} = true', { a: 'TRUE' }, true], ['{a} = true', { a: 1 }, true],
  ["{a} = ''", {}, true], ["{a} = 'undefined'", {}, true], ['{a} = 0', {}, false],
  ['[1, 2] = [2, 1]', {}, true], ["['A', 'b'] = ['B', 'a']", {}, false], // arrays: default sort, then compared ignoring case
  ["{a} != 'x'", {}, true], ['{a} notequal {b}', { a: { x: 1 }, b: { x: '1' } }, false],
  ['{a} > 5', { a: '10' }, true], ['{a} > -1', {}, false], ["'abc' > 'ABC'", {}, true], ["{a} >= 'ABC'", { a: 'abc' }, true],
  ['{a} < 2', { a: '1,5' }, true], ["{a} <= '01'", { a: 1 }, true],
  ["today() > '2024-03-14'", {}, true], ["today() = '2024-03-15'", {}, true], ["today() = '2024-03-15T10:30'", {}, true],
  ["currentDate() = '2024-03-15'", {}, true], ["'2024-03-15' = currentDate()", {}, false], // a Date on the left is cut to the string's precision
  ["{a} contains 'B'", { a: 'abc' }, true], ["{a} contains 'x'", { a: ['X', 'y'] }, true], ['{a} contains 0', { a: '0' }, false],
  ["{a} notcontains 'x'", {}, true], ["{a} notcontains 'x'", { a: [] }, true],
  ["{a} anyof ['x', 'z']", { a: ['X'] }, true], ['{a} anyof []', {}, true], ["{a} allof ['x', 'y']", { a: ['y', 'x', 'z'] }, true],
  ["{a} allof ['x']", {}, false], ["{a} noneof ['x']", { a: 'x' }, false], ["{a} noneof ['x']", { a: ['y'] }, true],
  ['{a} empty', { a: { x: '' } }, true], ['{a} empty', { a: 0 }, false], ['{a} empty', { a: [] }, true], ["{a} notempty", { a: false }, true],
  ['!{a}', { a: 0 }, true], ['negate {a}', { a: 'abc' }, false],
  ['{a} and {b}', { b: true }, 0], ["{a} or 'x'", {}, 'x'], ["1 and 'abc'", {}, 'abc'], ['{a} or {b}', { a: 'abc' }, 'abc'],
  ['{a} + 1', {}, 1], ["{a} + 'x'", {}, 'x'], ['0.1 + 0.2', {}, 0.3], ['{a} + {b}', { a: [1, 2], b: 3 }, 6],
  ["{a} + 'y'", { a: ['x', 'z'] }, 'x, zy'], ['{a} + {b}', { a: [1], b: [2] }, '12'], ["'a' + 1", {}, 'a1'],
  ['1.1 - 0.2', {}, 0.9], ['1.1 * 3', {}, 3.3], ['1 / 0', {}, null], ['{a} / 2', {}, 0], ['7 % 0', {}, null], ['7 % 3', {}, 1],
  ['2 ^ 10', {}, 1024], ['2 power 3', {}, 8],
  ['{A}', { a: 1 }, 1], ['{d.x}', { d: { X: 'v' } }, 'v'], ['{d.x}', { 'd.x': 1, d: { x: 2 } }, 1], ['{c[-1]}', { c: [1, 2] }, 2],
  ['{c[5]}', { c: [1] }, null], ['{c.length}', { c: 'abc' }, 3], ['{e.length}', {}, 0], ['{#a}', { a: '1' }, '1'], ['{a}', { a: '1' }, 1],
  ['{a}', { a: "'q'" }, 'q'], ['{"k": 1}', {}, { k: 1 }], ['{missing}', {}, null], ['null', {}, null],
  ["iif({a} > 1, 'big', 'small')", { a: 2 }, 'big'], ['iif(false, 1)', {}, undefined], ['iif(1)', {}, null],
  ["sum(1, '2', [3, [4]], {missing})", {}, 10], ['sum(0.1, 0.2)', {}, 0.3], ['min(3, 1, 2)', {}, 1], ['max({a})', { a: ['1', 5] }, 5],
  ['min()', {}, undefined], ['count({a})', { a: [1, null, 'x'] }, 2], ['avg(1, 2)', {}, 1.5], ['avg()', {}, 0],
  ['round(2.345, 2)', {}, 2.35], ['round(1.005, 2)', {}, 1.01], ["round('x')", {}, NaN], ['trunc(2.349, 2)', {}, 2.34], ['trunc(-2.9)', {}, -2],
  ["substring('survey', 1, 3)", {}, 'ur'], ["substring('survey', 2)", {}, 'rvey'], ['substring(1, 2)', {}, ''],
  ["getDate('2024-03-15')", {}, new Date(2024, 2, 15)], ['getDate()', {}, null], ["getYear('2020-05-01')", {}, 2020],
  ["age('2000-03-16')", {}, 23], ["age('2000-03-15', 'months')", {}, 288], ["dateDiff('2024-01-01', '2024-03-01')", {}, 60],
  ["dateDiff('2024-01-31', '2024-03-01', 'months')", {}, 1], ["dateDiff('2024-01-01T00:00', '2024-01-01T01:30', 'hours')", {}, 2],
  ["dateAdd('2024-01-31', 1, 'months')", {}, new Date(2024, 2, 2)], ["diffDays('2024-03-01', '2024-02-01')", {}, 29],
  ['today()', {}, new Date(2024, 2, 15)], ['today(1)', {}, new Date(2024, 2, 16)], ['currentDate()', {}, new Date(NOW)],
  ['currentYear()', {}, 2024], ['year()', {}, 2024], ["month('2023-07-04')", {}, 7], ['day()', {}, 15], ['weekday()', {}, 5],
];

t.test('hand-written cases: survey-core and the runtime both give the documented value', (t) => {
  for (const [text, vals, expected] of CASES) {
    const theirs = surveyCore(text, vals, false);
    const mine = ours(text, vals, false);
    t.ok('value' in theirs && isDeepStrictEqual(theirs.value, expected), `survey-core: ${text} → ${inspect(expected)}`, { got: theirs });
    t.ok('value' in mine && isDeepStrictEqual(mine.value, expected), `runtime: ${text} → ${inspect(expected)}`, { got: mine });
    t.ok(agree(ours(text, vals, true), surveyCore(text, vals, true)), `as a condition: ${text}`);
  }
  t.end();
});

t.test('compileExpression rejects what survey-core cannot parse or run, with the parser message', (t) => {
  for (const text of ['1 +', '', '{a} = ', 'a.b', "'open"]) {
    const compiled = compileExpression(text);
    t.ok(!compiled.ok && /^Expected /.test(compiled.error), `syntax error: ${JSON.stringify(text)}`, { compiled });
  }
  for (const text of ['[1, null]', 'iif({a}, undefined)', 'null empty']) {
    const compiled = compileExpression(text);
    t.ok(!compiled.ok && /null/.test(compiled.error), `rejected: ${text}`, { compiled });
    t.ok('threw' in surveyCore(text, {}, false), `survey-core fails on ${text} too`);
  }
  t.same(compileExpression('null'), { ok: true, expr: { k: 'c', v: null }, variables: [], functions: [] });
  t.same(compileExpression('[null, 1]'), { ok: true, expr: { k: 'a', items: [] }, variables: [], functions: [] }, 'the grammar drops a list starting with null');
  t.end();
});

t.test('compileOperand rejects operand classes and operator forms it does not know', (t) => {
  class Strange extends Operand {
    getType(): string { return 'strange'; }
    evaluate(): unknown { return 1; }
    setVariables(): void {}
    protected isContentEqual(): boolean { return false; }
  }
  const nested = compileOperand(new BinaryOperand('equal', new Variable('a'), new Strange()));
  t.same(nested, { ok: false, error: "Unsupported operand type 'strange'" });
  const arithmeticEqual = compileOperand(new BinaryOperand('equal', new Const(1), new Const(2), true));
  t.same(arithmeticEqual, { ok: false, error: "Unsupported operator 'equal'" });
  t.match(compileOperand({} as Operand), { ok: false, error: /Unsupported expression/ }, 'not an operand at all');
  t.end();
});

t.test('an unknown function compiles, is listed, and evaluates to null unless the context supplies it', (t) => {
  const compiled = compileExpression("foo({b}, {a}) = 'x' and sum({b}, {#c}, {d.x}) > 1");
  if (!compiled.ok) throw new Error(compiled.error);
  t.same(compiled.functions, ['foo', 'sum']);
  t.same(compiled.variables, ['b', 'a', 'c', 'd.x']);
  t.same(variablesOf(compiled.expr), compiled.variables);
  t.equal(evaluate({ k: 'f', n: 'foo', args: [] }, contextFromValues({})), null);
  const ctx = contextFromValues({ b: 2, a: 'x' }, { foo: ([first, second]) => (first === 2 ? second : '') });
  t.equal(evaluateCondition(compiled.expr, ctx), true, 'ctx.fn supplies foo');
  const pinned = contextFromValues({}, { sum: () => 42, currentDate: () => new Date(2000, 0, 1, 12) });
  t.equal(evaluate({ k: 'f', n: 'sum', args: [] }, pinned), 42, 'ctx.fn overrides a built-in');
  t.same(evaluate({ k: 'f', n: 'today', args: [] }, pinned), new Date(2000, 0, 1), 'ctx.fn.currentDate is the clock');
  t.throws(() => evaluate({ k: 'b', op: 'constructor', l: { k: 'c', v: 1 }, r: { k: 'c', v: 1 } }, pinned), /Unknown operator/);
  t.end();
});

t.test('SUPPORTED_FUNCTIONS names survey-core built-ins, all implemented by the runtime', (t) => {
  t.same([...SUPPORTED_FUNCTIONS].sort(), ['age', 'avg', 'count', 'currentDate', 'currentYear', 'dateAdd', 'dateDiff', 'day', 'diffDays',
    'getDate', 'getYear', 'iif', 'max', 'min', 'month', 'round', 'substring', 'sum', 'today', 'trunc', 'weekday', 'year',
    'avgInArray', 'countInArray', 'maxInArray', 'minInArray', 'sumInArray'].sort());
  for (const name of SUPPORTED_FUNCTIONS) t.ok(FunctionFactory.Instance.hasFunction(name), `survey-core has ${name}`);
  t.end();
});
