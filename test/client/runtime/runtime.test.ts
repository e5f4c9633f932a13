import { readFileSync, readdirSync } from 'node:fs';
import t from 'tap';
import { createRuntime } from '../../../client/runtime/runtime.js';
import { compileSurvey } from '../../../server/modules/surveys/compiler/compile.js';

const json = JSON.parse(readFileSync(new URL('../../fixtures/surveys/all-features.json', import.meta.url), 'utf8'));
const compiled = compileSurvey(json);
if (!compiled.ok) throw new Error(`all-features.json does not compile: ${JSON.stringify(compiled.faults)}`);
const { structure, texts } = compiled;
const runtime = (locale = 'default') => createRuntime(structure, texts[locale]);
const pageIndex = (name: string) => structure.pages.findIndex((p) => p.name === name);

t.test('piping shows the display text of an answer in the payload language, not its value', async (t) => {
  for (const [locale, agree, star] of [['default', 'I agree', 'One star'], ['sv', 'Jag håller med', 'En stjärna']]) {
    const r = runtime(locale);
    r.setValue('consent', true);
    r.setValue('stars', 1);
    t.equal(r.title('plain_yes_no'), `Yes or no: ${agree}`, locale);
    t.equal(r.title('stars'), `Stars: you chose ${star}`, locale);
  }
  const r = runtime();
  r.setValue('first_name', 'Ann');
  t.equal(r.text(structure.descriptionKey), 'A test survey for Ann');
  t.equal(r.title('age_years'), 'Ann, how old are you?');
});

t.test('a question without a title shows its name; unknown names are neither visible nor enabled', async (t) => {
  const r = runtime();
  t.equal(r.title('phone'), 'phone');
  t.equal(r.isVisible('nobody'), false);
  t.equal(r.isEnabled('nobody'), false);
  t.same(r.visibleChoices('first_name'), []);
});

t.test('conditions follow answers: page visibility, choices, required and enabled state', async (t) => {
  const r = runtime();
  t.equal(r.isPageVisible(pageIndex('details')), false);
  r.setValue('consent', true);
  t.equal(r.isPageVisible(pageIndex('details')), true);
  t.notOk(r.visibleChoices('color').some((c) => c.value === 'blue'));
  r.setValue('age_years', 30);
  t.ok(r.visibleChoices('color').some((c) => c.value === 'blue'));
  t.equal(r.isRequired('employer'), false);
  t.equal(r.isEnabled('employer'), false);
  r.setValue('employed', 'yes');
  t.equal(r.isRequired('employer'), true);
  t.equal(r.isEnabled('employer'), true);
  t.equal(r.variable('score'), 30);
  t.equal(r.getValue('summary'), 'low');
});

t.test('page errors come in the payload language, with their kinds', async (t) => {
  const r = runtime('sv');
  r.setValue('first_name', 'A');
  r.setValue('contact_email', 'not-an-address');
  t.same(r.pageErrors(pageIndex('basics')).map((e) => [e.question, e.kind, e.text]), [
    ['first_name', 'minLength', 'Mellan 2 och 20 bokstäver'],
    ['age_years', 'required', texts.sv.texts.$requiredError],
    ['contact_email', 'email', 'Kontrollera adressen'],
  ]);
});

t.test('checks survey-core leaves to the browser are reported, marked strict', async (t) => {
  const r = runtime();
  r.setValue('languages', ['en', 'sv', 'ar']);
  r.setValue('about', 'x'.repeat(31));
  const strict = [...r.pageErrors(pageIndex('basics')), ...r.pageErrors(pageIndex('choices'))].filter((e) => e.strict);
  t.same(strict.map((e) => [e.question, e.kind, e.text]), [
    ['about', 'tooLong', 'Please enter no more than 30 character(s).'],
    ['languages', 'maxSelected', 'Please select no more than 2 option(s).'],
  ]);
});

t.test('completed data drops hidden answers and leaves the runtime answers alone', async (t) => {
  const r = runtime();
  r.setValue('age_years', 30);
  r.setValue('employed', 'yes');
  r.setValue('school', 'primary');
  const completed = r.completedData();
  t.equal(completed.employed, undefined, 'the details page is hidden without consent');
  t.equal(completed.school, undefined, 'the teen page is hidden at 30');
  t.equal(completed.score, 30, 'a calculated value marked includeIntoResult stays');
  t.equal(completed.double_score, undefined, 'one without it is not in the data');
  t.equal(r.getValue('employed'), 'yes');
  t.equal(r.getValue('school'), 'primary');
});

t.test('question numbers and progress follow the visible pages', async (t) => {
  const r = runtime();
  t.equal(r.questionNumber('first_name'), '1.');
  t.equal(r.questionNumber('hours'), '', 'hideNumber');
  t.same(r.visiblePages(), [0, 1]);
  t.match(r.progress(1), { pageNo: 2, pageCount: 2, percent: 50, text: 'Page 2 of 2' });
  r.setValue('consent', true);
  t.match(r.progress(1), { pageNo: 2, pageCount: 3, percent: 34, text: 'Page 2 of 3' });
});

t.test('the runtime depends on nothing but itself: no survey-core, Preact or DOM', async (t) => {
  const folder = new URL('../../../client/runtime/', import.meta.url);
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, folder), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    t.same(imports.filter((path) => !path.startsWith('./')), [], `${file} imports only its siblings`);
    t.notMatch(source, /\b(document|window|localStorage)\./, `${file} uses no DOM`);
  }
});

t.test('piping an answer whose choice is hidden shows the value itself, as survey-core does', async (t) => {
  const result = compileSurvey({ pages: [{ name: 'p', elements: [
    { type: 'radiogroup', name: 'color', title: 'You chose {color}', choices: [{ value: 'red', text: 'Red' }, 'blue'], choicesVisibleIf: "{item} <> 'red' or {open} = 1" },
    { type: 'text', name: 'open' },
  ] }] });
  if (!result.ok) throw new Error('does not compile');
  const runtime = () => createRuntime(result.structure, result.texts.default);
  const shown = runtime();
  shown.setData({ color: 'red', open: 1 });
  t.equal(shown.title('color'), 'You chose Red');
  const hidden = runtime();
  hidden.setData({ color: 'red' });
  t.equal(hidden.title('color'), 'You chose red');
});
