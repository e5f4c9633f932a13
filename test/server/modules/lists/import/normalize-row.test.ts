import t from 'tap';
import type { ColumnMapping } from '../../../../../server/modules/lists/import/columns.js';
import { normalizeEmail, normalizeLanguage, normalizeRow } from '../../../../../server/modules/lists/import/normalize-row.js';

const mapping: ColumnMapping = {
  email: 0, name: [1, 2], language: 3, attributes: [{ index: 4, key: 'Stad' }, { index: 5, key: 'Anteckning' }],
};

t.test('a complete row', async (t) => {
  t.same(normalizeRow([' Asa.Oberg@Example.SE ', 'Åsa', 'Öberg', 'svenska', 'Malmö', ''], mapping, 6), {
    email: 'Asa.Oberg@Example.SE', emailNormalized: 'asa.oberg@example.se', name: 'Åsa Öberg', language: 'sv', languageInput: 'svenska',
    attributes: { Stad: 'Malmö' }, problems: [],
  });
});

t.test('display-name forms, mailto: and invisible characters are cleaned from the address', async (t) => {
  t.same(normalizeEmail('"Anna Svensson" <anna@example.org>'), { email: 'anna@example.org', normalized: 'anna@example.org' });
  t.same(normalizeEmail('Anna <Anna@Example.org>'), { email: 'Anna@Example.org', normalized: 'anna@example.org' });
  t.same(normalizeEmail('mailto:bo@example.org?subject=Hej'), { email: 'bo@example.org', normalized: 'bo@example.org' });
  t.same(normalizeEmail('\u00a0 bo@example.org\u200b\t '), { email: 'bo@example.org', normalized: 'bo@example.org' }, 'NBSP, zero-width space, tab');
  t.same(normalizeEmail('b\u200bo@exam\u00adple.org'), { email: 'bo@example.org', normalized: 'bo@example.org' }, 'zero-width and soft hyphen inside');
});

t.test('unicode local parts and IDN domains: kept for display, punycode and lower case for matching', async (t) => {
  t.same(normalizeEmail('Åsa.Öberg@Exämple.SE'), { email: 'Åsa.Öberg@Exämple.SE', normalized: 'åsa.öberg@xn--exmple-cua.se' });
  t.same(normalizeEmail('żółć@przykład.pl'), { email: 'żółć@przykład.pl', normalized: 'żółć@xn--przykad-rjb.pl' });
  t.same(normalizeEmail('a\u030asa@example.se')?.normalized, 'åsa@example.se', 'decomposed å (as macOS types it) matches the composed one');
});

t.test('malformed addresses are rejected', async (t) => {
  for (const bad of ['', '   ', 'anna', 'anna@', '@example.org', 'anna example@example.org', 'anna@example', 'anna..b@example.org',
    '.anna@example.org', 'anna.@example.org', 'anna@example..org', 'anna@-example.org', 'a@b@example.org', 'anna@example.org; bo@example.org',
    'anna@example.org, bo@example.org', `${'a'.repeat(65)}@example.org`, `a@${'label.'.repeat(50)}se`,
    'anna@192.168.0.1']) {
    t.equal(normalizeEmail(bad), null, JSON.stringify(bad));
  }
});

t.test('an invalid or empty email is a problem, the input kept for the report', async (t) => {
  const row = normalizeRow(['anna(at)example.org ', 'Anna', '', '', '', ''], mapping, 6);
  t.same([row.email, row.emailNormalized, row.problems], ['anna(at)example.org', '', ['invalid_email']]);
  t.same(normalizeRow(['', 'Anna', '', '', '', ''], mapping, 6).problems, ['invalid_email']);
});

t.test('language tags in any case', async (t) => {
  const cases: Array<[string, string]> = [
    ['sv', 'sv'], ['SV-se', 'sv-SE'], ['sv_SE', 'sv-SE'], ['prs', 'prs'], ['PRS', 'prs'], ['fa-AF', 'fa-AF'], ['fa-af', 'fa-AF'],
    ['ti', 'ti'], ['so', 'so'], ['ckb', 'ckb'], ['kmr', 'kmr'], ['swe', 'sv'], ['zh-hant-tw', 'zh-Hant-TW'],
  ];
  for (const [input, tag] of cases) t.equal(normalizeLanguage(input), tag, input);
});

t.test('language names in English, in the language itself, and in Swedish, Polish and Lithuanian', async (t) => {
  const cases: Array<[string, string]> = [
    ['Swedish', 'sv'], ['svenska', 'sv'], ['szwedzki', 'sv'], ['švedų', 'sv'], ['Arabic', 'ar'], ['العربية', 'ar'], ['arabiska', 'ar'],
    ['Polish', 'pl'], ['polski', 'pl'], ['Ukrainian', 'uk'], ['українська', 'uk'], ['Tigrinya', 'ti'], ['ትግርኛ', 'ti'],
    ['Somali', 'so'], ['Soomaali', 'so'], ['Dari', 'prs'], ['دری', 'prs'], ['Farsi', 'fa'], ['فارسی', 'fa'], ['Persian', 'fa'],
    ['Lithuanian', 'lt'], ['lietuvių', 'lt'], ['lietuviu', 'lt'], ['English', 'en'], ['engelska', 'en'], ['angielski', 'en'],
    ['ENGLISH ', 'en'], ['Kurdish', 'ckb'], ['Sorani', 'ckb'], ['Kurmanji', 'kmr'], ['rosyjski', 'ru'], ['Türkçe', 'tr'],
  ];
  for (const [input, tag] of cases) t.equal(normalizeLanguage(input), tag, input);
  t.equal(normalizeLanguage('فارسي'), 'fa', 'typed with the Arabic yeh');
});

t.test('an unrecognised language is kept as input and reported; an empty one is no problem', async (t) => {
  for (const unknown of ['Klingon', 'xx', 'yes', 'sv--SE', '12']) t.equal(normalizeLanguage(unknown), null, unknown);
  const row = normalizeRow(['a@example.org', '', '', 'Svenska?!x', '', ''], mapping, 6);
  t.same([row.language, row.languageInput, row.problems], [null, 'Svenska?!x', ['unknown_language']]);
  const empty = normalizeRow(['a@example.org', '', '', '  ', '', ''], mapping, 6);
  t.same([empty.language, empty.languageInput, empty.problems], [null, null, []]);
});

t.test('names and attributes are trimmed; empty ones are left out', async (t) => {
  const row = normalizeRow(['a@example.org', '  ', ' Berg ', '', '  ', ' x '], mapping, 6);
  t.same([row.name, row.attributes], ['Berg', { Anteckning: 'x' }]);
  t.equal(normalizeRow(['a@example.org', ' ', '', '', '', ''], mapping, 6).name, null);
});

t.test('text starting with = + - @ is stored as typed', async (t) => {
  const row = normalizeRow(['a@example.org', '=HYPERLINK("x")', '-Bo', '', '+46 70 123', '@home'], mapping, 6);
  t.same([row.name, row.attributes], ['=HYPERLINK("x") -Bo', { Stad: '+46 70 123', Anteckning: '@home' }]);
});

t.test('over-long names or attributes and cells past the header are problems', async (t) => {
  t.same(normalizeRow(['a@example.org', 'x'.repeat(1001), '', '', '', ''], mapping, 6).problems, ['too_long']);
  t.same(normalizeRow(['a@example.org', '', '', '', 'y'.repeat(1001), ''], mapping, 6).problems, ['too_long']);
  t.same(normalizeRow(['a@example.org', 'x'.repeat(1000), '', '', '', ''], mapping, 6).problems, []);
  t.same(normalizeRow(['a@example.org', '', '', '', '', '', 'stray'], mapping, 6).problems, ['extra_cells']);
  t.same(normalizeRow(['a@example.org', '', '', '', '', '', ' '], mapping, 6).problems, [], 'blank extras are not a problem');
  t.same(normalizeRow(['bad', '', '', 'xx', '', '', 'stray'], mapping, 6).problems, ['invalid_email', 'unknown_language', 'extra_cells']);
});

t.test('an attribute column named __proto__ is an ordinary key', async (t) => {
  const row = normalizeRow(['a@example.org', 'polluted'], { email: 0, name: [], language: null, attributes: [{ index: 1, key: '__proto__' }] }, 2);
  t.equal(Object.getPrototypeOf(row.attributes), Object.prototype);
  t.same(Object.entries(row.attributes), [['__proto__', 'polluted']]);
});
