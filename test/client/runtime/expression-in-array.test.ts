import t from 'tap';
import fc from 'fast-check';
import { inspect, isDeepStrictEqual } from 'node:util';
import { Model } from '../../../server/modules/surveys/definition/survey-core-setup.js';
import { compileExpression } from '../../../server/modules/surveys/compiler/expressions.js';
import { contextFromValues, evaluate } from '../../../client/runtime/expression.js';

type Values = Record<string, unknown>;

/** A survey's own run, so that a filter reads names its items lack from the survey (here its variables). */
const model = new Model({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] });
function surveyCore(text: string, values: Values): unknown {
  for (const [name, value] of Object.entries(values)) model.setVariable(name, structuredClone(value));
  return model.runExpression(text);
}

function ours(text: string, values: Values): unknown {
  const compiled = compileExpression(text);
  if (!compiled.ok) throw new Error(`does not compile: ${compiled.error}`);
  return evaluate(compiled.expr, contextFromValues(structuredClone(values)));
}

// What dynamic panels (arrays of objects) and matrices (objects of row objects) hold.
const FIELD = fc.constantFrom(1, 2, 0, -3, 2.5, '4', '01', 'abc', '', null, true, 0.1, 0.2);
const ITEM = fc.oneof(
  fc.record({ price: FIELD, qty: FIELD, kind: fc.constantFrom('a', 'b', 'A') }, { requiredKeys: [] }),
  fc.constantFrom(null, 3, 'x'),
);
const DATA = fc.oneof(fc.array(ITEM, { maxLength: 5 }), fc.dictionary(fc.constantFrom('r1', 'r2', 'r3'), ITEM), fc.constantFrom(null, 5, 'text'));
const FILTERS = ["", ", '{qty} > 1'", ", '{qty} = 1 or {kind} notempty'", ", '{qty} notempty and {price} < 3'", ", '{limit} > {price}'", ', {qty} > 1',
  ", '{qty} anyof [1, 2]'", ", true", ", 'qty'", ", 'qty', '{price} > 0'"];
const CALL = fc.tuple(fc.constantFrom('sumInArray', 'countInArray', 'minInArray', 'maxInArray', 'avgInArray'),
  fc.constantFrom("'price'", "'qty'", "'kind'", "'none'"), fc.constantFrom(...FILTERS))
  .map(([fn, field, filter]) => `${fn}({list}, ${field}${filter})`);

t.test('the *InArray functions give what survey-core gives, filters and return fields included', (t) => {
  const run = fc.check(fc.property(CALL, DATA, fc.constantFrom(0, 2, '3'), (text, list, limit) => {
    const values = { list, limit };
    const [a, b] = [ours(text, values), surveyCore(text, values)];
    if (!isDeepStrictEqual(a, b)) throw new Error(`${text} on ${inspect(values)}: ours ${inspect(a)}, survey-core ${inspect(b)}`);
  }), { numRuns: 3000 });
  t.notOk(run.failed, run.failed ? `${fc.defaultReportMessage(run)}\n${String(run.errorInstance)}` : 'agree');
  t.end();
});

t.test('an *InArray filter is parsed by the compiler; one phones would have to parse is refused', (t) => {
  const compiled = compileExpression("sumInArray({m}, 'price', '{qty} > 1')");
  t.match(compiled, { ok: true, expr: { k: 'f', n: 'sumInArray', c: { k: 'b', op: 'greater' } } });
  t.match(compileExpression("sumInArray({m}, 'price', {filter})"), { ok: false, error: /quoted condition/ });
  t.match(compileExpression("countInArray({m}, 'price', '{qty} >')"), { ok: false, error: /does not parse/ });
  t.match(compileExpression("countInArray({m}, 'price', 'myFn({qty})')"), { ok: true, functions: ['countInArray', 'myFn'] });
  t.end();
});
