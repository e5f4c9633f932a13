import { readFileSync } from 'node:fs';
import t from 'tap';
import type { Test } from 'tap';
import { validateDefinition } from '../../../../../server/modules/surveys/definition/validate.js';
import type { Fault } from '../../../../../server/modules/surveys/definition/types.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../fixtures/surveys/${name}`, import.meta.url), 'utf8'));

/** A one-page survey around the given elements, plus any root properties. */
const survey = (elements: unknown[], root: Record<string, unknown> = {}) => ({ pages: [{ name: 'p1', elements }], ...root });

function faultsOf(input: unknown): Fault[] {
  const result = validateDefinition(input);
  if (result.ok) throw new Error('expected faults, the definition was accepted');
  return result.faults;
}

function faultAt(t: Test, input: unknown, pointer: string, message: RegExp): void {
  const faults = faultsOf(input);
  const hit = faults.filter((f) => f.pointer === pointer);
  t.equal(hit.length, 1, `one fault at ${pointer}`, { faults });
  if (hit[0]) t.match(hit[0].message, message);
}

t.test('accepts the multilingual fixture and returns its default title', async (t) => {
  const input = fixture('multilingual.json');
  const result = validateDefinition(input);
  t.same(result, { ok: true, definition: input, title: 'Integration survey' });
});

t.test('accepts our custom pii and quasiIdentifier question properties', async (t) => {
  const result = validateDefinition(survey([{ type: 'text', name: 'email', pii: true, quasiIdentifier: false }]));
  t.equal(result.ok, true);
});

t.test('rejects non-objects, missing pages and surveys without questions', async (t) => {
  for (const input of [null, [], 'x', 42, true, undefined]) {
    const faults = faultsOf(input);
    t.equal(faults.length, 1);
    t.match(faults[0], { pointer: '', message: /must be a JSON object/ });
  }
  faultAt(t, { title: 'x' }, '/pages', /no pages/);
  faultAt(t, { pages: [] }, '/pages', /no pages/);
  faultAt(t, { pages: [{ name: 'a', elements: [] }] }, '/pages', /no questions/);
  faultAt(t, { pages: 'p' }, '/pages', /must be an array/);
  faultAt(t, { pages: [7] }, '/pages/0', /must be an object/);
  faultAt(t, { elements: [{ type: 'text', name: 'q' }] }, '/elements', /inside a page/);
});

t.test('unknown, missing and miscased element types', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a' }, { type: 'slidr', name: 'b' }]), '/pages/0/elements/1/type', /Unknown element type 'slidr'/);
  faultAt(t, survey([{ type: 'text', name: 'a' }, { name: 'b' }]), '/pages/0/elements/1', /no type/);
  faultAt(t, survey([{ type: 'text', name: 'a' }, { type: 'page', name: 'b' }]), '/pages/0/elements/1/type', /Unknown element type 'page'/);
  faultAt(t, survey([{ type: 'text', name: 'a' }, { type: 'itemvalue', name: 'b' }]), '/pages/0/elements/1/type', /Unknown/);
  faultAt(t, survey([{ type: 'Text', name: 'a' }]), '/pages/0/elements/0/type', /as 'text'/);
  faultAt(t, survey([{ type: 'text', name: 'a', validators: [{ type: 'mail' }] }]), '/pages/0/elements/0/validators/0/type', /Unknown validator type 'mail'/);
  faultAt(t, survey([{ type: 'text', name: 'a' }], { triggers: [{ type: 'finish' }] }), '/triggers/0/type', /Unknown trigger type/);
});

t.test('question names: missing, not a string, rewritten by survey-core, duplicated', async (t) => {
  faultAt(t, survey([{ type: 'text' }]), '/pages/0/elements/0', /question has no name/);
  faultAt(t, survey([{ type: 'text', name: 12 }]), '/pages/0/elements/0/name', /must be a string/);
  faultAt(t, survey([{ type: 'text', name: 'a|b' }]), '/pages/0/elements/0/name', /'\|'/);
  faultAt(t, survey([{ type: 'text', name: ' a' }]), '/pages/0/elements/0/name', /spaces/);
  const nested = survey([
    { type: 'text', name: 'age' },
    { type: 'panel', name: 'box', elements: [{ type: 'panel', name: 'inner', elements: [{ type: 'text', name: 'age' }] }] },
  ]);
  faultAt(t, nested, '/pages/0/elements/1/elements/0/elements/0/name', /Duplicate question name 'age' \(first used at \/pages\/0\/elements\/0\)/);
  faultAt(t, { pages: [{ name: 'x', elements: [{ type: 'text', name: 'a' }] }, { name: 'x', elements: [{ type: 'text', name: 'b' }] }] },
    '/pages/1/name', /Duplicate page name 'x'/);
});

t.test('a dynamic panel template is its own name scope', async (t) => {
  const ok = survey([{ type: 'text', name: 'a' }, { type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'a' }] }]);
  t.equal(validateDefinition(ok).ok, true);
  const dup = survey([{ type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'a' }, { type: 'text', name: 'a' }] }]);
  faultAt(t, dup, '/pages/0/elements/0/templateElements/1/name', /Duplicate question name 'a'/);
});

t.test('expressions that do not parse, wherever they are', async (t) => {
  const bad = '{age} >';
  const input = {
    pages: [{
      name: 'p1', visibleIf: bad, elements: [
        { type: 'text', name: 'age', visibleIf: bad, enableIf: bad, requiredIf: bad, validators: [{ type: 'expression', expression: bad }] },
        { type: 'radiogroup', name: 'r', choicesVisibleIf: bad, choicesEnableIf: bad, choices: [{ value: 'a', visibleIf: bad, enableIf: bad }] },
        { type: 'expression', name: 'e', expression: bad },
      ],
    }],
    calculatedValues: [{ name: 'cv', expression: bad }],
    triggers: [{ type: 'complete', expression: bad }],
  };
  const pointers = faultsOf(input).map((f) => f.pointer).sort();
  t.same(pointers, [
    '/calculatedValues/0/expression',
    '/pages/0/elements/0/enableIf', '/pages/0/elements/0/requiredIf',
    '/pages/0/elements/0/validators/0/expression', '/pages/0/elements/0/visibleIf',
    '/pages/0/elements/1/choices/0/enableIf', '/pages/0/elements/1/choices/0/visibleIf',
    '/pages/0/elements/1/choicesEnableIf', '/pages/0/elements/1/choicesVisibleIf',
    '/pages/0/elements/2/expression',
    '/pages/0/visibleIf',
    '/triggers/0/expression',
  ]);
  faultAt(t, survey([{ type: 'text', name: 'a', visibleIf: "{a} = 'x" }]), '/pages/0/elements/0/visibleIf', /at character 8/);
  faultAt(t, survey([{ type: 'text', name: 'a', visibleIf: 5 }]), '/pages/0/elements/0/visibleIf', /must be a string/);
  faultAt(t, survey([{ type: 'text', name: 'a', visibleIf: `{a} = 1${' or {a} = 2'.repeat(600)}` }]), '/pages/0/elements/0/visibleIf', /longer than/);
  t.equal(validateDefinition(survey([{ type: 'text', name: 'a', visibleIf: "{a} anyof ['x', 'y'] and age({a}) > 1" }])).ok, true);
});

t.test('choices, rows, columns and rate values need a value', async (t) => {
  faultAt(t, survey([{ type: 'radiogroup', name: 'q', choices: ['a', { text: 'B' }] }]), '/pages/0/elements/0/choices/1', /choice has no value/);
  faultAt(t, survey([{ type: 'matrix', name: 'm', columns: [{ text: 'C' }], rows: ['r'] }]), '/pages/0/elements/0/columns/0', /column has no value/);
  faultAt(t, survey([{ type: 'matrix', name: 'm', columns: ['c'], rows: [{ text: 'R' }] }]), '/pages/0/elements/0/rows/0', /row has no value/);
  faultAt(t, survey([{ type: 'rating', name: 'r', rateValues: [{ text: 'Bad' }] }]), '/pages/0/elements/0/rateValues/0', /rateValue has no value/);
  faultAt(t, survey([{ type: 'matrixdropdown', name: 'm', rows: ['r'], columns: [{ title: 'x' }] }]), '/pages/0/elements/0/columns/0', /column has no name/);
  faultAt(t, survey([{ type: 'checkbox', name: 'q', choices: ['a', 'b', 'a'] }]), '/pages/0/elements/0/choices/2', /Duplicate value 'a'/);
});

t.test('locales of localized strings and of the survey must be BCP 47 tags', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a', title: { default: 'Hi', sv: 'Hej', sv_SE: 'Hej' } }]), '/pages/0/elements/0/title/sv_SE', /not a BCP 47/);
  faultAt(t, survey([{ type: 'text', name: 'a', title: { default: 'Hi', english: 'Hi' } }]), '/pages/0/elements/0/title/english', /not a BCP 47/);
  faultAt(t, survey([{ type: 'radiogroup', name: 'a', choices: [{ value: 1, text: { default: 'One', 'x-y': 'Ett' } }] }]), '/pages/0/elements/0/choices/0/text/x-y', /not a BCP 47/);
  faultAt(t, survey([{ type: 'text', name: 'a' }], { locale: 'swedish' }), '/locale', /not a BCP 47/);
  t.equal(validateDefinition(survey([{ type: 'text', name: 'a', title: { default: 'Hi', 'zh-Hans': '你好', 'pt-br': 'Oi' } }], { locale: 'sv' })).ok, true);
});

t.test('titles must be text or language → text objects', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a', title: 5 }]), '/pages/0/elements/0/title', /must be text/);
  faultAt(t, survey([{ type: 'text', name: 'a', title: { default: 'Hi', sv: ['Hej'] } }]), '/pages/0/elements/0/title/sv', /must be a string/);
  faultAt(t, { title: ['x'], ...survey([{ type: 'text', name: 'a' }]) }, '/title', /must be text/);
});

t.test('unknown properties, as survey-core reports them, at their pointer', async (t) => {
  const input = survey([
    { type: 'text', name: 'a', tittle: 'x' },
    { type: 'radiogroup', name: 'b', choices: [{ value: 1, txt: 'One' }] },
    { type: 'matrixdynamic', name: 'm', columns: [{ name: 'c', cellType: 'dropdown', choices: [1], bogus: true }] },
  ], { foo: 1 });
  const unknown = faultsOf(input).filter((f) => /Unknown property/.test(f.message)).map((f) => f.pointer).sort();
  t.same(unknown, ['/foo', '/pages/0/elements/0/tittle', '/pages/0/elements/1/choices/0/txt', '/pages/0/elements/2/columns/0/bogus']);
});

t.test('every fault is reported once, also where survey-core sees the same problem', async (t) => {
  const faults = faultsOf(survey([{ type: 'nope', name: 'a' }, { type: 'text' }, { type: 'text', name: 3 }, { type: 'text', name: 'ok', zz: 1 }]));
  t.same(faults.map((f) => f.pointer), ['/pages/0/elements/0/type', '/pages/0/elements/1', '/pages/0/elements/2/name', '/pages/0/elements/3/zz']);
});

t.test('never throws on garbage, and bounds its work', async (t) => {
  let panels: Record<string, unknown> = { type: 'text', name: 'leaf' };
  for (let i = 0; i < 10_000; i++) panels = { type: 'panel', name: `p${i}`, elements: [panels] };
  const deep = faultsOf({ pages: [{ elements: [panels] }] });
  t.equal(deep.length, 1);
  t.match(deep[0].message, /nested more than 20 levels/);
  t.equal(deep[0].pointer, `/pages/0${'/elements/0'.repeat(21)}`);

  let arrays: unknown = 0;
  for (let i = 0; i < 10_000; i++) arrays = [arrays];
  t.match(faultsOf(survey([{ type: 'text', name: 'a' }], { junk: arrays }))[0].message, /nested more than/);

  const big = 'x'.repeat(5 * 1024 * 1024);
  t.match(faultsOf(big)[0].message, /JSON object, not a string/);
  t.equal(validateDefinition({ title: big, pages: [{ elements: [{ type: 'text', name: 'a', description: big }] }] }).ok, true);
  t.match(faultsOf(survey([{ type: 'text', name: 'a', visibleIf: big }]))[0].message, /longer than/);
  t.ok(faultsOf({ pages: [{ elements: [{ type: 'text', name: 'a', choices: big, validators: { x: 1 } }, null, [big]] }] }).length >= 2);
});

t.test('validating makes no network request for choicesByUrl', async (t) => {
  // survey-core calls the global fetch synchronously while loading, so counting calls suffices
  const original = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = (async () => {
    calls += 1;
    return new Response('[]');
  }) as typeof fetch;
  t.teardown(() => { globalThis.fetch = original; });
  const result = validateDefinition(survey([{ type: 'dropdown', name: 'd', choicesByUrl: { url: 'http://127.0.0.1:9/choices' } }]));
  t.equal(result.ok, true);
  t.equal(calls, 0);
});
