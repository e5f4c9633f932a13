/**
 * Expression questions and calculated values read through other derived values: survey-core
 * settles a chain of late reads (check-recalculation.ts) only so far, and never a cycle; the
 * compiler refuses what it would not settle, and what it accepts the runtime computes alike.
 * Nor does survey-core keep an expression question that a condition disables up to date.
 */
import t from 'tap';
import { compileSurvey } from '../../../server/modules/surveys/compiler/compile.js';
import { Model } from '../../../server/modules/surveys/definition/survey-core-setup.js';
import { firstDifference, observeRuntime, observeSurveyCore } from './observe.js';
import type { Answers } from './observe.js';

/**
 * e0 reads e1, … e<n-1> reads the answer a: each expression question reads one placed after it,
 * so n-1 late reads in a row; `shown` is visible only once e0 has its final value.
 */
function reverseChain(n: number): Record<string, unknown> {
  const chain = Array.from({ length: n }, (_, i) => ({ type: 'expression', name: `e${i}`, expression: i === n - 1 ? '{a} + 1' : `{e${i + 1}} + 1` }));
  return { pages: [{ name: 'p', elements: [{ type: 'text', name: 'shown', visibleIf: `{e0} = ${n + 1}` }, { type: 'text', name: 'a', inputType: 'number' }, ...chain] }] };
}

/** e0 reads a, c0 reads e0, e1 reads c0, …: every calculated value reads an expression question, n late reads */
function calculatedChain(n: number): Record<string, unknown> {
  return {
    calculatedValues: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, expression: `{e${i}} + 1` })),
    pages: [{ name: 'p', elements: [{ type: 'text', name: 'a', inputType: 'number' }, ...Array.from({ length: n + 1 }, (_, i) => ({ type: 'expression', name: `e${i}`, expression: i === 0 ? '{a} + 1' : `{c${i - 1}} + 1` }))] }],
  };
}

const ANSWER_SETS: Answers[] = [{ steps: [['a', 1]] }, { data: { a: 1 } }, { steps: [['a', 1], ['a', 5]] }];

function faultsOf(json: Record<string, unknown>) {
  const result = compileSurvey(json);
  return result.ok ? [] : result.faults;
}

t.test('an expression question that reads itself, directly or through others, is a fault at its expression', async (t) => {
  const number = { type: 'text', name: 'a', inputType: 'number' };
  t.match(faultsOf({ pages: [{ name: 'p', elements: [number, { type: 'expression', name: 'e', expression: '{E} + {a}' }] }] }),
    [{ pointer: '/pages/0/elements/1/expression', message: /'e' depends on itself \(e → e\)/ }]);
  t.match(faultsOf({ pages: [{ name: 'p', elements: [number, { type: 'panel', name: 'box', elements: [{ type: 'expression', name: 'e1', expression: '{e2} + 1' }] }, { type: 'expression', name: 'e2', expression: '{e1} + {a}' }] }] }),
    [{ pointer: '/pages/0/elements/1/elements/0/expression', message: /e1 → e2 → e1/ }]);
  t.match(faultsOf({ calculatedValues: [{ name: 'c', expression: '{e} * 2' }], pages: [{ name: 'p', elements: [number, { type: 'expression', name: 'e', expression: 'iif({a} > 1, {c}, 0)' }] }] }),
    [{ pointer: '/pages/0/elements/1/expression', message: /e → c → e/ }]);
});

t.test('a chain of late reads longer than survey-core settles is a fault at the start of the chain, once', async (t) => {
  t.match(faultsOf(reverseChain(11)), [{ pointer: '/pages/0/elements/2/expression', message: /'e0' is computed through 10 late reads in a row \(e0 → e1 → e2 → e3 → … → e9 → e10\)/ }]);
  t.equal(faultsOf(reverseChain(60)).length, 1);
  t.match(faultsOf(calculatedChain(10)), [{ pointer: '/pages/0/elements/11/expression', message: /'e10' is computed through 10 late reads/ }]);
});

t.test('survey-core leaves a value stale past 9 late reads, which is why the compiler refuses 10', async (t) => {
  const model = new Model(reverseChain(11));
  model.setValue('a', 1);
  t.equal(model.getValue('e0'), 12, 'the value is right…');
  t.equal(model.getQuestionByName('shown').isVisible, false, '…but a condition before it in the last pass saw the old one');
});

t.test('chains survey-core settles compile, and the runtime computes them as survey-core does', async (t) => {
  for (const [label, json] of [
    ['9 late reads through expression questions', reverseChain(10)],
    ['9 late reads through calculated values', calculatedChain(9)],
    ['60 expression questions in reading order', { pages: [{ name: 'p', elements: [{ type: 'text', name: 'a', inputType: 'number' }, ...Array.from({ length: 60 }, (_, i) => ({ type: 'expression', name: `e${i}`, expression: i === 0 ? '{a} + 1' : `{e${i - 1}} + 1` }))] }] }],
  ] as const) {
    const compiled = compileSurvey(json);
    if (!compiled.ok) {
      t.fail(`${label}: refused`, { faults: compiled.faults });
      continue;
    }
    for (const answers of ANSWER_SETS) {
      const diff = firstDifference(observeRuntime(compiled.structure, compiled.texts.default, answers), observeSurveyCore(json, answers, 'default'));
      t.same(diff, undefined, `${label}: ${JSON.stringify(answers)}`);
    }
  }
});

t.test('an expression question disabled by a condition, its own or its panel\'s or page\'s, is a fault at that enableIf', async (t) => {
  const expression = { type: 'expression', name: 'e', expression: '{a} * 2' };
  const answers = [{ type: 'text', name: 'a', inputType: 'number' }, { type: 'boolean', name: 'b' }];
  t.match(faultsOf({ pages: [{ name: 'p', elements: [...answers, { ...expression, enableIf: '{b} = true' }] }] }),
    [{ pointer: '/pages/0/elements/2/enableIf', message: /may not be disabled by a condition/ }]);
  t.match(faultsOf({ pages: [{ name: 'p', elements: answers }, { name: 'q', enableIf: '{b} = true', elements: [{ type: 'panel', name: 'box', enableIf: '{a} > 1', elements: [expression] }] }] }),
    [{ pointer: '/pages/1/enableIf' }, { pointer: '/pages/1/elements/0/enableIf' }]);
  t.same(faultsOf({ pages: [{ name: 'p', elements: [...answers, { ...expression, readOnly: true }, { type: 'text', name: 'c', enableIf: '{b} = true' }] }] }), [],
    'a read-only one, or a condition on another question, is fine');
});

t.test('survey-core leaves an expression question stale when a later answer enables it, which is why the compiler refuses enableIf around one', async (t) => {
  const model = new Model({ pages: [{ name: 'p', elements: [
    { type: 'text', name: 'a', inputType: 'number' }, { type: 'boolean', name: 'b' },
    { type: 'expression', name: 'e', expression: '{a} * 2', enableIf: '{b} = true' },
  ] }] });
  model.setValue('a', 1);
  model.setValue('b', true);
  t.equal(model.getQuestionByName('e').isReadOnly, false);
  t.equal(model.getValue('e'), undefined, 'enabled, and still not computed');
});
