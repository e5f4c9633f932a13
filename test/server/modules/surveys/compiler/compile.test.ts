import { readFileSync } from 'node:fs';
import t from 'tap';
import { compileSurvey } from '../../../../../server/modules/surveys/compiler/compile.js';
import { compiled, faultAt, survey } from './compile-helpers.js';

const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../../surveys/${name}.json`, import.meta.url), 'utf8'));

t.test('compiles the example surveys with a structure and one texts payload per locale', async (t) => {
  for (const name of ['migrant-experience', 'stakeholder-policies', 'event-evaluation']) {
    const result = compiled(t, example(name));
    t.same(result.locales, ['default', 'ar', 'lt', 'pl', 'sv', 'uk'], name);
    t.equal(result.structure.formatVersion, 1);
    t.match(result.structure.hash, /^[0-9a-f]{16}$/);
    for (const locale of result.locales) {
      t.equal(result.texts[locale].locale, locale);
      t.match(result.texts[locale].hash, /^[0-9a-f]{16}$/);
    }
  }
});

t.test('texts hold survey-core built-in strings in the locale, English where no dictionary has it', async (t) => {
  const input = survey([{ type: 'text', name: 'q', title: { default: 'Name', sv: 'Namn', ar: 'الاسم', xh: 'Igama' } }]);
  const result = compiled(t, input);
  t.same(result.locales, ['default', 'ar', 'sv', 'xh']);
  t.equal(result.texts.sv.texts['q.title'], 'Namn');
  t.equal(result.texts.sv.texts.$pageNextText, 'Nästa');
  t.equal(result.texts.sv.builtInsLocalized, true);
  t.equal(result.texts.ar.rtl, true);
  t.equal(result.texts.sv.rtl, false);
  t.equal(result.texts.xh.texts['q.title'], 'Igama');
  t.equal(result.texts.xh.texts.$requiredError, 'Response required.');
  t.equal(result.texts.xh.builtInsLocalized, false);
  t.equal(result.texts.default.texts.$completeText, 'Complete');
});

t.test('a survey-level button text overrides the built-in one', async (t) => {
  const result = compiled(t, survey([{ type: 'text', name: 'q' }], { pageNextText: { default: 'Onwards', sv: 'Framåt' } }));
  t.equal(result.texts.default.texts.$pageNextText, 'Onwards');
  t.equal(result.texts.sv.texts.$pageNextText, 'Framåt');
});

t.test('hashes depend on content only: a new translation leaves the structure hash alone', async (t) => {
  const first = compiled(t, example('event-evaluation'));
  const again = compiled(t, example('event-evaluation'));
  t.equal(again.structure.hash, first.structure.hash);
  t.equal(again.texts.sv.hash, first.texts.sv.hash);
  const changed = example('event-evaluation');
  ((changed.title as Record<string, string>).sv) = 'Ny titel';
  const retranslated = compiled(t, changed);
  t.equal(retranslated.structure.hash, first.structure.hash);
  t.not(retranslated.texts.sv.hash, first.texts.sv.hash);
  t.equal(retranslated.texts.pl.hash, first.texts.pl.hash);
});

t.test('texts that pipe answers are marked; others are not', async (t) => {
  const result = compiled(t, survey([
    { type: 'text', name: 'first', title: 'First name' },
    { type: 'text', name: 'second', title: { default: 'Hello {first}', sv: 'Hej {First}' } },
  ]));
  t.same(result.texts.default.piped, ['second.title']);
  t.same(result.texts.sv.piped, ['second.title']);
});

t.test('an unsupported element type is a fault at its type', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a' }, { type: 'file', name: 'upload' }]), '/pages/0/elements/1/type', /element type 'file' is not supported/);
  faultAt(t, { pages: [{ name: 'p', elements: [{ type: 'panel', name: 'box', elements: [{ type: 'text', name: 'a' }, { type: 'signaturepad', name: 'sign' }] }] }] },
    '/pages/0/elements/0/elements/1/type', /signaturepad/);
});

t.test('a property whose behaviour the runtime lacks is a fault at the property', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a' }], { triggers: [{ type: 'complete', expression: '{a} = 1' }] }), '/triggers', /triggers are not supported/);
  faultAt(t, survey([{ type: 'text', name: 'a', valueName: 'b' }]), '/pages/0/elements/0/valueName', /not supported/);
  faultAt(t, survey([{ type: 'dropdown', name: 'a', choicesByUrl: { url: 'https://example.org' } }]), '/pages/0/elements/0/choicesByUrl', /choices must be listed/);
  faultAt(t, survey([{ type: 'radiogroup', name: 'a', choices: ['x', 'y'], choicesOrder: 'random' }]), '/pages/0/elements/0/choicesOrder', /"random" is not supported/);
  faultAt(t, survey([{ type: 'text', name: 'a', inputType: 'color' }]), '/pages/0/elements/0/inputType', /input type 'color'/);
  faultAt(t, survey([{ type: 'radiogroup', name: 'a', choices: [{ value: 'x', showCommentArea: true }] }]), '/pages/0/elements/0/choices/0/showCommentArea', /not supported/);
  faultAt(t, survey([{ type: 'text', name: 'a' }], { showQuestionNumbers: 'recursive' }), '/showQuestionNumbers', /"recursive"/);
});

t.test('an expression function the runtime lacks is a fault at the expression', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a' }, { type: 'text', name: 'b', visibleIf: 'myRiskScore({a}) > 3' }]),
    '/pages/0/elements/1/visibleIf', /function 'myRiskScore' is not supported/);
  faultAt(t, survey([{ type: 'text', name: 'a' }], { calculatedValues: [{ name: 'c', expression: 'iif({a} notempty, lookUp({a}), 0)' }] }),
    '/calculatedValues/0/expression', /'lookUp'/);
});

t.test('circular calculated values are a fault', async (t) => {
  const input = survey([{ type: 'text', name: 'a' }], {
    calculatedValues: [{ name: 'x', expression: '{y} + 1' }, { name: 'y', expression: '{X} + {a}' }],
  });
  const result = compileSurvey(input);
  t.equal(result.ok, false);
  if (!result.ok) t.match(result.faults[0], { pointer: /^\/calculatedValues\/[01]\/expression$/, message: /depends on itself \(.*→.*\)/ });
});

t.test('calculated values are ordered so dependencies come first', async (t) => {
  const result = compiled(t, survey([{ type: 'text', name: 'a' }], {
    calculatedValues: [{ name: 'total', expression: '{part} * 2' }, { name: 'part', expression: '{a} + 1' }],
  }));
  t.same(result.structure.calculatedValues.map((c) => c.name), ['part', 'total']);
});

t.test('piping an unknown name or a matrix is a fault at the text', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a', title: 'Hello {nobody}' }]), '/pages/0/elements/0/title', /pipes '\{nobody\}'/);
  faultAt(t, survey([{ type: 'text', name: 'a', title: { default: 'Hello', sv: 'Hej {nobody}' } }]), '/pages/0/elements/0/title', /locale 'sv'/);
  faultAt(t, survey([
    { type: 'matrix', name: 'm', rows: ['r'], columns: ['c'] },
    { type: 'text', name: 'a', title: 'You said {m}' },
  ]), '/pages/0/elements/1/title', /matrix 'm'/);
});

t.test('definitions the validator rejects come back with its faults', async (t) => {
  faultAt(t, survey([{ type: 'text', name: 'a' }, { type: 'text', name: 'a' }]), '/pages/0/elements/1/name', /Duplicate/);
  const result = compileSurvey('not a survey');
  t.match(result, { ok: false, faults: [{ pointer: '', message: /JSON object/ }] });
});

t.test('500 pages, each shown by a condition on the one before, compile', async (t) => {
  const pages = Array.from({ length: 500 }, (_, i) => ({
    name: `p${i}`,
    visibleIf: i > 0 ? `{q${i - 1}} <> 'skip'` : undefined,
    elements: [{ type: 'text', name: `q${i}`, title: { default: `Question ${i}`, sv: `Fråga ${i}` } }],
  }));
  const result = compiled(t, { pages });
  t.equal(result.structure.pages.length, 500);
  t.ok(result.structure.pages.every((p, i) => i === 0 || p.visibleIf), 'with their conditions');
});

t.test('10,000 choices compile', async (t) => {
  const choices = Array.from({ length: 10_000 }, (_, i) => ({ value: `c${i}`, text: { default: `Choice ${i}`, pl: `Wybór ${i}` } }));
  const result = compiled(t, survey([{ type: 'dropdown', name: 'big', choices }]));
  const question = result.structure.pages[0].elements[0];
  t.equal(question.type === 'dropdown' && question.choices.length, 10_000);
  t.equal(result.texts.pl.texts['big.choice.9999'], 'Wybór 9999');
});
