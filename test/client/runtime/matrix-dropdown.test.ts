import { readFileSync } from 'node:fs';
import t from 'tap';
import { createRuntime } from '../../../client/runtime/runtime.js';
import { compileSurvey } from '../../../server/modules/surveys/compiler/compile.js';

const json = JSON.parse(readFileSync(new URL('../../fixtures/surveys/composite-features.json', import.meta.url), 'utf8'));
const compiled = compileSurvey(json);
if (!compiled.ok) throw new Error(`composite-features.json does not compile: ${JSON.stringify(compiled.faults)}`);
const { structure, texts } = compiled;
const runtime = (locale = 'default') => createRuntime(structure, texts[locale]);
const costsPage = structure.pages.findIndex((p) => p.name === 'costs');

t.test('column conditions are evaluated per row with {row.…} and {rowName}; a column shows while one of its cells does', async (t) => {
  const r = runtime();
  t.same(r.matrixColumns('costs'), ['amount', 'how_often', 'who', 'note', 'yearly', 'position']);
  t.match(r.cell('costs', 'car', 'who'), { visible: false });
  r.setValue('has_car', true);
  t.match(r.cell('costs', 'car', 'who'), { visible: true, enabled: false, required: true });
  r.setValue('costs', { rent: { amount: 40, how_often: 'month' } });
  t.same(r.matrixColumns('costs'), ['amount', 'how_often', 'shared', 'who', 'note', 'yearly', 'position']);
  t.match(r.cell('costs', 'rent', 'shared'), { visible: true });
  t.match(r.cell('costs', 'food', 'shared'), { visible: false });
  t.match(r.cell('costs', 'rent', 'who'), { enabled: true });
  t.equal(r.cell('costs', 'nowhere', 'who'), undefined);
  t.same(r.cellChoices('costs', 'rent', 'how_often').map((c) => r.text(c.textKey)), ['Monthly', 'Weekly']);
  t.same(runtime('sv').cellChoices('costs', 'rent', 'how_often').map((c) => c.value), ['month', 'week']);
});

t.test('expression cells are stored in every row and feed *InArray totals', async (t) => {
  const r = runtime();
  r.setValue('costs', { rent: { amount: 40, how_often: 'month' }, food: { amount: 10, how_often: 'week' } });
  t.same(r.getValue('costs'), {
    rent: { amount: 40, how_often: 'month', yearly: 480, position: 1 },
    food: { amount: 10, how_often: 'week', yearly: 520, position: 2 },
    car: { yearly: 0, position: 3 },
  });
  t.equal(r.getValue('total_yearly'), 1000);
  t.equal(r.getValue('weekly_count'), 1);
});

t.test('cell errors name their row and column; validating drops answers outside a cell\'s choices', async (t) => {
  const r = runtime();
  r.setValue('costs', { rent: { how_often: 'yearly?', amount: 500 }, food: { how_often: 'week' } });
  const errors = r.pageErrors(costsPage);
  t.match(errors, [
    { question: 'costs', row: 'rent', column: 'amount', kind: 'max' },
    { question: 'costs', row: 'rent', column: 'who', kind: 'required' },
    { question: 'costs', row: 'food', column: 'amount', kind: 'required' },
  ]);
  t.equal(errors.length, 3);
  t.equal((r.getValue('costs') as Record<string, Record<string, unknown>>).rent.how_often, undefined, 'the unknown choice is gone');
});

t.test('a matrix whose only cells are blank is no answer (survey-core leaves it out of the completed data)', async (t) => {
  const blank = compileSurvey({ pages: [{ name: 'p', elements: [
    { type: 'text', name: 'q' },
    { type: 'matrixdropdown', name: 'm', rows: ['r'], columns: [{ name: 'c', cellType: 'expression', expression: '{q} + {q}' }] },
  ] }] });
  if (!blank.ok) throw new Error(JSON.stringify(blank.faults));
  const r = createRuntime(blank.structure, blank.texts.default);
  r.setValue('q', 'a');
  t.same(r.getValue('m'), { r: { c: 'aa' } });
  r.setValue('q', ' ');
  t.equal(r.getValue('m'), undefined);
  t.notOk('m' in r.completedData(), 'not in the completed data');
});
