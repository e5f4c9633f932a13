import { readFileSync } from 'node:fs';
import t from 'tap';
import { createRuntime } from '../../../client/runtime/runtime.js';
import { compileSurvey } from '../../../server/modules/surveys/compiler/compile.js';

const json = JSON.parse(readFileSync(new URL('../../fixtures/surveys/composite-features.json', import.meta.url), 'utf8'));
const compiled = compileSurvey(json);
if (!compiled.ok) throw new Error(`composite-features.json does not compile: ${JSON.stringify(compiled.faults)}`);
const { structure, texts } = compiled;
const runtime = (locale = 'default') => createRuntime(structure, texts[locale]);
const find = (name: string) => structure.pages.flatMap((p) => p.elements).find((e) => e.name === name);

t.test('html and image texts are piped in the payload language; neither is numbered', async (t) => {
  const r = runtime('sv');
  r.setValue('nick', 'Ann');
  const intro = find('intro');
  const map = find('map');
  if (intro?.type !== 'html' || map?.type !== 'image') throw new Error('fixture changed');
  t.equal(r.text(intro.htmlKey), '<p>Välkommen, <b>Ann</b>.</p>');
  t.equal(r.text(map.imageLinkKey), 'https://example.org/Ann.png');
  t.equal(r.text(map.altTextKey), 'Karta för Ann');
  t.equal(map.imageHeight, '200');
  t.equal(r.questionNumber('intro'), '');
  t.equal(r.questionNumber('priorities'), '2.');
});

t.test('a ranking answer lists every visible choice, the respondent order first', async (t) => {
  const r = runtime();
  t.same(r.getValue('priorities'), undefined, 'no answer until the respondent ranks');
  r.setValue('priorities', ['work', 'nowhere', 'work']);
  t.same(r.getValue('priorities'), ['work', 'housing', 'language'], 'unknown and repeated items go, the rest follow');
  r.setValue('nick', 'fluent');
  t.same(r.getValue('priorities'), ['work', 'housing'], 'a hidden choice leaves the answer');
  r.setValue('nick', 'kin');
  t.same(r.getValue('priorities'), ['work', 'housing', 'language', 'family'], 'choices shown again join at the end');
  t.same(r.visibleChoices('priorities').map((c) => c.value), ['housing', 'work', 'language', 'family']);
  t.equal(r.title('ranked_echo'), 'You ranked: Work, Housing, Language, Family, ');
});

t.test('a ranking default is ranked against the choices visible at load', async (t) => {
  t.same(runtime().getValue('steps'), ['move', 'learn', 'apply']);
  t.same(runtime().visibleChoices('steps').map((c) => c.enabled), [true, true, true]);
});

t.test('= and <> compare a ranking in order, other arrays in any order', async (t) => {
  const r = runtime();
  r.setValue('priorities', ['housing', 'work', 'language']);
  t.equal(r.isVisible('ranked_echo'), true);
  r.setValue('priorities', ['work', 'housing', 'language']);
  r.setValue('pair', ['x', 'w', 'y']);
  t.equal(r.isVisible('ranked_echo'), false);
  r.setValue('pair', ['w', 'x', 'y']);
  t.equal(r.isVisible('ranked_echo'), true);
});

t.test('a required ranking wants an answer', async (t) => {
  const r = runtime();
  t.match(r.pageErrors(0), [{ question: 'priorities', kind: 'required' }]);
  r.setValue('priorities', ['language']);
  t.same(r.pageErrors(0), []);
});
