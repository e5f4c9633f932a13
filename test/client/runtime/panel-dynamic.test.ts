import { readFileSync } from 'node:fs';
import t from 'tap';
import type { Question } from 'survey-core';
import { createRuntime } from '../../../client/runtime/runtime.js';
import type { Runtime } from '../../../client/runtime/runtime.js';
import { checkShape, shapeChecks } from '../../../client/runtime/value-shape.js';
import { compileSurvey } from '../../../server/modules/surveys/compiler/compile.js';
import { Model } from '../../../server/modules/surveys/definition/survey-core-setup.js';

const json = JSON.parse(readFileSync(new URL('../../fixtures/surveys/panel-dynamic-features.json', import.meta.url), 'utf8'));
const compiled = compileSurvey(json);
if (!compiled.ok) throw new Error(`panel-dynamic-features.json does not compile: ${JSON.stringify(compiled.faults)}`);
const { structure, texts } = compiled;
const runtime = (locale = 'default') => createRuntime(structure, texts[locale]);
const kids = structure.pages[0].elements.find((e) => e.name === 'kids');
if (kids?.type !== 'paneldynamic') throw new Error('fixture changed');

t.test('{panelIndex} counts from 0 in conditions and from 1 in texts; {panel.…} reads the panel\'s own answers', async (t) => {
  const r = runtime('sv');
  r.setValue('has_kids', true);
  r.setValue('kids', [{ name: 'Bo', age: 7, relation: 'daughter' }, { name: 'Li', age: 4 }]);
  t.same([0, 1].map((i) => r.panelQuestion('kids', i, 'wellbeing')?.visible), [false, true], 'wellbeing: {panelIndex} > 0');
  t.same([0, 1].map((i) => r.panelQuestion('kids', i, 'school')), [{ visible: true, enabled: true, required: true }, { visible: false, enabled: true, required: false }]);
  t.same([0, 1].map((i) => r.panelText('kids', i, kids.templateTitleKey)), ['Barn 1: Bo', 'Barn 2: Li']);
  t.equal(r.panelText('kids', 0, kids.templateDescriptionKey), 'Relation: Dotter', 'a choice answer shows its text');
  t.equal(r.panelText('kids', 1, kids.templateTabTitleKey), '#2');
  const hint = kids.templateElements.find((q) => q.type === 'html');
  t.equal(hint?.type === 'html' && r.panelText('kids', 1, hint.htmlKey), '<b>Li</b> är barn 2', 'an html question of a panel is piped for it');
  t.equal(r.panelQuestion('kids', 2, 'name'), undefined, 'no third panel');
  t.equal(r.panelQuestion('kids', 0, 'nobody'), undefined);
  t.equal(r.getValue('total_age'), 11);
  t.same(r.panelChoices('kids', 0, 'support').map((c) => c.special ?? c.value), ['selectAll', 'language', 'homework', 'sports', 'none']);
});

t.test('a question of a panel reads the survey\'s answer of its name without panel.', async (t) => {
  const r = runtime();
  r.setValue('has_kids', true);
  r.setValue('respondent', 'Midas');
  r.setValue('kids', [{ respondent: 'a note' }]);
  t.equal(r.panelQuestion('kids', 0, 'support')?.enabled, true, "{respondent} = 'Midas' reads the survey's question");
  t.equal(r.panelText('kids', 0, kids.templateElements.find((q) => q.name === 'respondent')?.titleKey), 'Notes for Midas');
});

t.test('errors name the panel and the template question', async (t) => {
  const r = runtime();
  r.setValue('has_kids', true);
  r.setValue('kids', [{ name: 'Bo', age: 19 }, {}]);
  t.same(r.pageErrors(0).map((e) => [e.question, e.panel, e.inner, e.kind, e.text]), [
    ['kids', 0, 'age', 'max', 'Only children under 18'],
    ['kids', 1, 'name', 'required', 'Response required.'],
    ['kids', 1, 'wellbeing', 'expression', 'Tell us more'],
  ]);
});

/** Applies one respondent action to survey-core's question the way its buttons and inputs do. */
function act(q: Question, action: [string, ...unknown[]]): void {
  const pd = q as unknown as { addPanelUI(): unknown; removePanelUI(index: number): void; panels: Array<{ getQuestionByName(name: string): Question }> };
  if (action[0] === 'add') pd.addPanelUI();
  else if (action[0] === 'remove') pd.removePanelUI(action[1] as number);
  else pd.panels[action[1] as number].getQuestionByName(action[2] as string).value = action[3];
}

function ours(r: Runtime, action: [string, ...unknown[]]): void {
  if (action[0] === 'add') r.addPanel('others');
  else if (action[0] === 'remove') r.removePanel('others', action[1] as number);
  else r.setPanelValue('others', action[1] as number, action[2] as string, action[3]);
}

t.test('adding, removing and answering in panels change the answer and the count as survey-core\'s buttons and inputs do', async (t) => {
  const model = new Model(structuredClone(json));
  const r = runtime();
  const q = model.getQuestionByName('others');
  (q as unknown as { panels: unknown }).panels;
  const actions: Array<[string, ...unknown[]]> = [
    ['add'], ['set', 0, 'who', 'friend'], ['add'], ['add'], ['set', 1, 'email', 'a@b.se'], ['set', 1, 'who', 'aunt'],
    ['remove', 0], ['set', 0, 'who', undefined], ['remove', 0], ['remove', 0], ['add'], ['set', 0, 'who', 'uncle'],
  ];
  for (const action of actions) {
    act(q, action);
    ours(r, action);
    t.same({ count: r.panelCount('others'), value: r.getValue('others') },
      { count: (q as unknown as { panelCount: number }).panelCount, value: model.getValue('others') }, JSON.stringify(action));
  }
  model.doComplete();
  t.same(r.completedData(), model.data, 'completed');
});

t.test('panels stop at maxPanelCount and minPanelCount, and a read-only paneldynamic takes neither', async (t) => {
  const r = runtime();
  t.equal(r.panelCount('kids'), 1);
  t.equal(r.removePanel('kids', 0), false, 'minPanelCount 1');
  t.equal(r.addPanel('kids'), true);
  t.equal(r.addPanel('kids'), true);
  t.equal(r.addPanel('kids'), false, 'maxPanelCount 3');
  t.same(r.getValue('kids'), [{}, {}, {}]);
  r.setValue('respondent', 'locked');
  t.equal(r.addPanel('others'), false, 'enableIf makes it read-only');
  t.equal(r.panelCount('has_kids'), 0);
  t.equal(r.addPanel('has_kids'), false);
});

t.test('the intake takes panels as an array of objects of template answers', async (t) => {
  const checks = shapeChecks(structure);
  t.same(checkShape(checks, { kids: [{ name: 'Bo', age: 3, support: ['none'] }, {}] }).faults, []);
  t.same(checkShape(checks, { kids: [{ name: 'Bo', nickname: 'B' }] }).faults.map((f) => f.reason), ['unknownQuestion']);
  t.same(checkShape(checks, { kids: [null] }).faults.map((f) => f.reason), ['wrongType']);
  t.same(checkShape(checks, { kids: { name: 'Bo' } }).faults.map((f) => f.reason), ['wrongType']);
  t.same(checkShape(checks, { kids: [{ relation: 'cousin' }] }).faults.map((f) => f.reason), ['notAChoice']);
  t.same(checkShape(checks, { kids: [{ age: '3' }] }).faults.map((f) => f.reason), ['wrongType']);
  t.same(checkShape(checks, { kids: [{}, {}, {}, {}] }).faults.map((f) => f.reason), ['tooManyPanels']);
});

t.test('a checkbox of a panel checks its minimum and maximum selections, and a full one disables the rest', async (t) => {
  const r = runtime();
  r.setValue('has_kids', true);
  r.setValue('respondent', 'Midas');
  r.setValue('kids', [{ name: 'Bo', support: ['language'] }, { name: 'Li', support: ['language', 'homework', 'sports'] }, { name: 'Al', support: ['none'] }]);
  t.same(r.pageErrors(0).filter((e) => e.inner === 'support').map((e) => [e.panel, e.kind, e.strict ?? false]), [[0, 'minSelected', false], [1, 'maxSelected', true]]);
  r.setPanelValue('kids', 0, 'support', ['language', 'sports']);
  t.same(r.panelChoices('kids', 0, 'support').map((c) => c.enabled), [true, true, false, true, true], 'select all, language, homework, sports, none');
});
