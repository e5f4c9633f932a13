import { readFileSync } from 'node:fs';
import t from 'tap';
import { collectStrings, localeReport } from '../../../../../server/modules/surveys/definition/locales.js';
import type { SurveyDefinition } from '../../../../../server/modules/surveys/definition/types.js';

const fixture = (name: string): SurveyDefinition =>
  JSON.parse(readFileSync(new URL(`../../../../fixtures/surveys/${name}`, import.meta.url), 'utf8'));

t.test('collects every localizable string with a name-based key and its pointer', async (t) => {
  const strings = collectStrings(fixture('multilingual.json'));
  t.same(strings.map((s) => [s.key, s.pointer]), [
    ['survey/title', '/title'],
    ['page:intro/title', '/pages/0/title'],
    ['question:age_band/title', '/pages/0/elements/0/title'],
    ['question:age_band/choice:18_24/text', '/pages/0/elements/0/choices/0/text'],
    ['question:age_band/choice:25_34/text', '/pages/0/elements/0/choices/1/text'],
    ['question:email/title', '/pages/0/elements/1/title'],
    ['question:email/validator:0/text', '/pages/0/elements/1/validators/0/text'],
    ['question:lang_matrix/title', '/pages/1/elements/0/title'],
    ['question:lang_matrix/column:agree/text', '/pages/1/elements/0/columns/0/text'],
    ['question:lang_matrix/column:disagree/text', '/pages/1/elements/0/columns/1/text'],
    ['question:lang_matrix/row:r1/text', '/pages/1/elements/0/rows/0/text'],
    ['survey/completedHtml', '/completedHtml'],
  ]);
  t.same(strings[6].texts, { default: 'Enter a valid email address', ar: 'أدخل عنوان بريد إلكتروني صالحًا' });
});

t.test('reports per locale what is translated and which keys are missing', async (t) => {
  t.same(localeReport(fixture('multilingual.json')), {
    defaultLocale: 'default',
    total: 12,
    locales: [
      { locale: 'ar', translated: 12, total: 12, missing: [] },
      { locale: 'sv', translated: 10, total: 12, missing: ['question:email/validator:0/text', 'question:lang_matrix/row:r1/text'] },
    ],
  });
});

t.test('keys survive moving questions between pages and panels', async (t) => {
  const before = fixture('multilingual.json');
  const after = structuredClone(before) as { pages: Array<{ elements: unknown[] }> };
  const moved = after.pages[0].elements.splice(1, 1)[0];
  after.pages[1].elements.unshift({ type: 'panel', name: 'box', elements: [moved] });
  const keys = (d: SurveyDefinition) => collectStrings(d).map((s) => s.key).sort();
  t.same(keys(after as SurveyDefinition), keys(before));
  const emailTitle = collectStrings(after as SurveyDefinition).find((s) => s.key === 'question:email/title');
  t.equal(emailTitle?.pointer, '/pages/1/elements/0/elements/0/title');
});

t.test('plain strings count as default text; bare choice values as their shown text', async (t) => {
  const strings = collectStrings({
    title: 'Hello',
    pages: [{ elements: [
      { type: 'radiogroup', name: 'q', choices: ['yes', 'no|No thanks', 3, { value: 'maybe' }, { value: 4 }], otherText: { sv: 'Annat' } },
      { type: 'rating', name: 'r', rateValues: [1, 2, { value: 3, text: 'Top' }] },
    ] }],
  });
  t.same(strings.map((s) => [s.key, s.pointer, s.texts]), [
    ['survey/title', '/title', { default: 'Hello' }],
    ['question:q/choice:yes/text', '/pages/0/elements/0/choices/0/text', { default: 'yes' }],
    ['question:q/choice:no/text', '/pages/0/elements/0/choices/1/text', { default: 'No thanks' }],
    ['question:q/choice:maybe/text', '/pages/0/elements/0/choices/3/text', { default: 'maybe' }],
    ['question:q/otherText', '/pages/0/elements/0/otherText', { sv: 'Annat' }],
    ['question:r/rateValue:3/text', '/pages/0/elements/1/rateValues/2/text', { default: 'Top' }],
  ]);
});

t.test('follows metadata into matrix columns, cell choices, dynamic panels and survey-level lists', async (t) => {
  const keys = collectStrings({
    completedHtmlOnCondition: [{ expression: '{a} = 1', html: 'Bye' }],
    pages: [{ name: 'p', navigationTitle: 'Start', elements: [
      { type: 'matrixdropdown', name: 'md', rows: [{ value: 'r', text: 'Row' }],
        columns: [
          { name: 'c', title: 'Col', cellType: 'checkbox', choices: [{ value: 'x', text: 'Ex' }], placeholder: 'not a checkbox property' },
          { name: 'd', placeholder: 'Pick one' },
        ] },
      { type: 'paneldynamic', name: 'kids', panelAddText: 'Add a child', templateElements: [{ type: 'text', name: 'age', title: 'Age' }] },
      { type: 'multipletext', name: 'mt', items: [{ name: 'first', title: 'First name' }] },
      { type: 'boolean', name: 'b', labelTrue: 'Yes', labelFalse: 'No' },
    ] }],
  }).map((s) => s.key);
  t.same(keys, [
    'survey/completedHtmlOnCondition:0/html',
    'page:p/navigationTitle',
    'question:md/row:r/text',
    'question:md/column:c/title',
    'question:md/column:c/choice:x/text',
    'question:md/column:d/placeholder',
    'question:kids/panelAddText',
    'question:kids/question:age/title',
    'question:mt/item:first/title',
    'question:b/labelTrue',
    'question:b/labelFalse',
  ]);
});

t.test('counts only strings with a default text, and lists every locale in use', async (t) => {
  const report = localeReport({
    pages: [{ elements: [
      { type: 'text', name: 'a', title: { default: 'A', uk: 'А', 'pt-BR': ' ' } },
      { type: 'text', name: 'b', title: { fa: 'ب' } },
      { type: 'text', name: 'c', title: 'C' },
    ] }],
  });
  t.same(report, {
    defaultLocale: 'default',
    total: 2,
    locales: [
      { locale: 'fa', translated: 0, total: 2, missing: ['question:a/title', 'question:c/title'] },
      { locale: 'pt-BR', translated: 0, total: 2, missing: ['question:a/title', 'question:c/title'] },
      { locale: 'uk', translated: 1, total: 2, missing: ['question:c/title'] },
    ],
  });
});

t.test('does not throw on invalid definitions', async (t) => {
  t.same(collectStrings(null as unknown as SurveyDefinition), []);
  t.same(localeReport({ pages: 'x' }), { defaultLocale: 'default', total: 0, locales: [] });
  let panels: Record<string, unknown> = { type: 'text', name: 'leaf', title: 'Deep' };
  for (let i = 0; i < 10_000; i++) panels = { type: 'panel', name: `p${i}`, elements: [panels] };
  t.same(collectStrings({ pages: [{ elements: [panels] }] }), []);
});
