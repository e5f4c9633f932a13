import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import t from 'tap';
import type { Test } from 'tap';
import { localeReport } from '../../../../../server/modules/surveys/definition/locales.js';
import { mergeTranslationsCsv, translationsToCsv } from '../../../../../server/modules/surveys/definition/translations-csv.js';
import type { MergeResult, SurveyDefinition } from '../../../../../server/modules/surveys/definition/types.js';

const fixture = (name: string): SurveyDefinition =>
  JSON.parse(readFileSync(new URL(`../../../../fixtures/surveys/${name}`, import.meta.url), 'utf8'));

const rowsOf = (csv: string): string[][] => parse(csv, { bom: true });

function merged(t: Test, result: MergeResult): Extract<MergeResult, { ok: true }> {
  if (!result.ok) {
    t.fail('merge failed', { faults: result.faults });
    throw new Error('merge failed');
  }
  return result;
}

function faults(result: MergeResult) {
  return result.ok ? [] : result.faults;
}

t.test('exports a header of key, default and the locales in use, one row per string', async (t) => {
  const csv = translationsToCsv(fixture('multilingual.json'));
  t.ok(csv.startsWith('\uFEFF"key","default","ar","sv"\r\n'), 'BOM, then the quoted header');
  const rows = rowsOf(csv);
  t.equal(rows.length, 13);
  t.same(rows[7], ['question:email/validator:0/text', 'Enter a valid email address', 'أدخل عنوان بريد إلكتروني صالحًا', '']);
});

t.test('adds empty columns for extra locales, once, and refuses non-tags', async (t) => {
  const rows = rowsOf(translationsToCsv(fixture('multilingual.json'), ['uk', 'fa', 'SV']));
  t.same(rows[0], ['key', 'default', 'ar', 'sv', 'uk', 'fa']);
  t.same(rows[1].slice(4), ['', '']);
  t.throws(() => translationsToCsv(fixture('multilingual.json'), ['english']), RangeError);
});

t.test('importing the export unchanged updates nothing and returns an equal definition', async (t) => {
  const definition = fixture('multilingual.json');
  const result = merged(t, mergeTranslationsCsv(definition, translationsToCsv(definition, ['uk'])));
  t.equal(result.updated, 0);
  t.same(result.addedLocales, []);
  t.same(result.defaultChanged, []);
  t.same(result.definition, definition);
  t.not(result.definition, definition, 'a copy');
});

t.test('a filled cell is written into the localized text and the report counts it', async (t) => {
  const definition = fixture('multilingual.json');
  const original = structuredClone(definition);
  const rows = rowsOf(translationsToCsv(definition));
  rows[7][3] = 'Ange en giltig e-postadress';
  const result = merged(t, mergeTranslationsCsv(definition, stringify(rows)));
  t.equal(result.updated, 1);
  const sv = localeReport(result.definition).locales.find((l) => l.locale === 'sv');
  t.same(sv, { locale: 'sv', translated: 11, total: 12, missing: ['question:lang_matrix/row:r1/text'] });
  t.same(definition, original, 'the input is not mutated');
});

t.test('a new locale column becomes a new language, turning plain strings into objects', async (t) => {
  const definition: SurveyDefinition = { title: 'Hello', pages: [{ elements: [{ type: 'radiogroup', name: 'q', choices: ['yes', { value: 'no' }] }] }] };
  const csv = 'key,default,uk\nsurvey/title,Hello,Привіт\nquestion:q/choice:yes/text,yes,так\nquestion:q/choice:no/text,no,ні\n';
  const result = merged(t, mergeTranslationsCsv(definition, csv));
  t.equal(result.updated, 3);
  t.same(result.addedLocales, ['uk']);
  t.same(result.definition, {
    title: { default: 'Hello', uk: 'Привіт' },
    pages: [{ elements: [{ type: 'radiogroup', name: 'q', choices: [
      { value: 'yes', text: { default: 'yes', uk: 'так' } },
      { value: 'no', text: { default: 'no', uk: 'ні' } },
    ] }] }],
  });
});

t.test('cells that a spreadsheet would run as formulas are quoted, and unquoted on import', async (t) => {
  const texts = ['=HYPERLINK("http://evil")', '+1 555', '-5 years', '@SUM(A1)', '\tTab', '\rCR', "'=already quoted", "'tis fine"];
  const definition: SurveyDefinition = { pages: [{ elements: texts.map((title, i) => ({ type: 'text', name: `q${i}`, title })) }] };
  const rows = rowsOf(translationsToCsv(definition));
  t.same(rows.slice(1).map((r) => r[1]), [
    '\'=HYPERLINK("http://evil")', "'+1 555", "'-5 years", "'@SUM(A1)", "'\tTab", "'\rCR", "''=already quoted", "'tis fine",
  ]);
  rows[0].push('sv');
  rows[1].push("'=Svensk formel");
  const result = merged(t, mergeTranslationsCsv(definition, stringify(rows)));
  t.same(result.defaultChanged, [], 'guarded defaults read back as the originals');
  t.same((result.definition.pages as Array<{ elements: Array<{ title: unknown }> }>)[0].elements[0].title,
    { default: '=HYPERLINK("http://evil")', sv: '=Svensk formel' });
});

t.test('reads semicolon-separated files with a BOM', async (t) => {
  const csv = '\uFEFFkey;default;sv;ar\r\n"survey/title";"Integration survey";"Integrationsenkät";\r\nquestion:email/validator:0/text;Enter a valid email address;"Ange en giltig adress; tack";\r\n';
  const result = merged(t, mergeTranslationsCsv(fixture('multilingual.json'), csv));
  t.equal(result.updated, 1);
  const report = localeReport(result.definition).locales.find((l) => l.locale === 'sv');
  t.equal(report?.translated, 11);
});

t.test('reports every unknown, empty or repeated key with its row, and applies nothing', async (t) => {
  const csv = 'key,default,sv\nsurvey/title,x,y\nquestion:gone/title,Old,Gammal\n,,Nej\nsurvey/title,x,z\n';
  t.same(faults(mergeTranslationsCsv(fixture('multilingual.json'), csv)), [
    { row: 3, column: 'key', message: "Unknown key 'question:gone/title': it is not a text of this survey version" },
    { row: 4, column: 'key', message: 'The key is empty' },
    { row: 5, column: 'key', message: "The key 'survey/title' appears more than once" },
  ]);
});

t.test('rejects a header that is not key, default and BCP 47 tags', async (t) => {
  t.same(faults(mergeTranslationsCsv(fixture('multilingual.json'), 'key,default,sv,english,sv_SE\nsurvey/title,x,\n')), [
    { row: 1, column: 'english', message: "The column 'english' is not a BCP 47 language tag" },
    { row: 1, column: 'sv_SE', message: "The column 'sv_SE' is not a BCP 47 language tag" },
  ]);
  t.match(faults(mergeTranslationsCsv(fixture('multilingual.json'), 'id,default,sv\n')), [{ row: 1, message: /start with the column 'key'/ }]);
  t.match(faults(mergeTranslationsCsv(fixture('multilingual.json'), 'key,text,sv\n')), [{ row: 1, column: 'text', message: /second column must be 'default'/ }]);
  t.match(faults(mergeTranslationsCsv(fixture('multilingual.json'), 'key,default,sv,SV\n')), [{ row: 1, column: 'SV', message: /more than one column/ }]);
});

t.test('a changed default text is ignored but reported', async (t) => {
  const definition = fixture('multilingual.json');
  const result = merged(t, mergeTranslationsCsv(definition, 'key,default\nsurvey/title,Integration Survey 2\n'));
  t.same(result.defaultChanged, ['survey/title']);
  t.same(result.definition, definition);
});

t.test('broken CSV rows are faults with row numbers, never exceptions', async (t) => {
  const result = mergeTranslationsCsv(fixture('multilingual.json'), 'key,default,sv\nsurvey/title,"x"y,z\n');
  t.match(faults(result), [{ row: 2, message: /Invalid Closing Quote/ }]);
  t.match(faults(mergeTranslationsCsv(fixture('multilingual.json'), '')), [{ row: 1 }]);
  t.match(faults(mergeTranslationsCsv(fixture('multilingual.json'), 'key,default\nsurvey/title,Integration survey,extra\n')),
    [{ row: 2, message: /3 cells but the header only 2/ }]);
});
