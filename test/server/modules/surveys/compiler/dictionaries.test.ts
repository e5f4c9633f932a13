import t from 'tap';
import '../../../../../server/modules/surveys/compiler/build-texts.js';
import { surveyLocalization } from 'survey-core';
import { BUILT_IN_STRINGS } from '../../../../../client/runtime/compiled-types.js';
import { compileSurvey } from '../../../../../server/modules/surveys/compiler/compile.js';
import { OWN_DICTIONARIES } from '../../../../../server/modules/surveys/compiler/dictionaries.js';

const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();

t.test('every own dictionary has every built-in string, non-empty, with the English placeholders', async (t) => {
  for (const [locale, dictionary] of Object.entries(OWN_DICTIONARIES)) {
    t.notOk(Object.hasOwn(surveyLocalization.locales, locale), `survey-core has no '${locale}' of its own`);
    for (const name of BUILT_IN_STRINGS) {
      const text = dictionary.strings[name];
      t.ok(text?.trim(), `${locale}.${name} is present`);
      t.same(placeholders(text ?? ''), placeholders(surveyLocalization.getString(name, 'en')), `${locale}.${name} placeholders`);
    }
  }
});

t.test('own dictionaries supply built-in strings where survey-core has none; right-to-left for Pashto', async (t) => {
  const input = { pages: [{ name: 'p1', elements: [{ type: 'text', name: 'q', title: { default: 'Name', ti: 'ስም', ps: 'نوم', xh: 'Igama' } }] }] };
  const result = compileSurvey(input);
  if (!result.ok) throw new Error(JSON.stringify(result.faults));
  t.equal(result.texts.ti.texts.$pageNextText, OWN_DICTIONARIES.ti.strings.pageNextText);
  t.equal(result.texts.ti.builtInsLocalized, true);
  t.equal(result.texts.ti.rtl, false);
  t.equal(result.texts.ps.texts.$pageNextText, OWN_DICTIONARIES.ps.strings.pageNextText);
  t.equal(result.texts.ps.builtInsLocalized, true);
  t.equal(result.texts.ps.rtl, true);
  t.equal(result.texts.xh.texts.$pageNextText, 'Next');
  t.equal(result.texts.xh.builtInsLocalized, false);
  t.equal(result.texts.xh.rtl, false);
});

t.test('regional tags fall back to the language; Dari reads the Persian dictionary', async (t) => {
  const input = { pages: [{ name: 'p1', elements: [{ type: 'text', name: 'q', title: { default: 'Name', 'sv-SE': 'Namn', prs: 'نام', ckb: 'ناو' } }] }] };
  const result = compileSurvey(input);
  if (!result.ok) throw new Error(JSON.stringify(result.faults));
  t.equal(result.texts['sv-SE'].texts.$pageNextText, 'Nästa');
  t.equal(result.texts['sv-SE'].builtInsLocalized, true);
  t.equal(result.texts.prs.texts.$pageNextText, surveyLocalization.locales.fa.pageNextText);
  t.equal(result.texts.prs.builtInsLocalized, true);
  t.equal(result.texts.prs.rtl, true);
  t.equal(result.texts.ckb.rtl, true);
});

t.test("a survey's own navigation text still wins over our dictionary", async (t) => {
  const input = { pageNextText: { default: 'Onwards' }, pages: [{ name: 'p1', elements: [{ type: 'text', name: 'q', title: { default: 'Name', ti: 'ስም' } }] }] };
  const result = compileSurvey(input);
  if (!result.ok) throw new Error(JSON.stringify(result.faults));
  t.equal(result.texts.ti.texts.$pageNextText, 'Onwards');
  t.equal(result.texts.ti.texts.$pagePrevText, OWN_DICTIONARIES.ti.strings.pagePrevText);
});
