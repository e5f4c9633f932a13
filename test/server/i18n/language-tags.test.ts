import t from 'tap';
import { isRtl, languageName, matchLanguage } from '../../../server/i18n/index.js';

t.test('matchLanguage follows the RFC 4647 lookup chain', async (t) => {
  t.equal(matchLanguage('sv-SE', ['en', 'sv']), 'sv');
  t.equal(matchLanguage('sv', ['en', 'sv']), 'sv');
  t.equal(matchLanguage('zh-Hant-TW', ['zh', 'zh-Hant']), 'zh-Hant');
  t.equal(matchLanguage('zh-Hant-TW', ['zh', 'en']), 'zh');
  t.equal(matchLanguage('zh-Hant-TW', ['zh-Hant-TW', 'zh']), 'zh-Hant-TW');
  t.equal(matchLanguage('sr-Latn-RS-u-nu-latn', ['sr-Latn']), 'sr-Latn', 'extensions are dropped with their singleton');
  t.equal(matchLanguage('de-CH-x-phonebk', ['de']), 'de');
  t.equal(matchLanguage('sv_SE', ['sv']), 'sv', 'an underscore is read as a hyphen');
});

t.test('matchLanguage is case-insensitive and returns the offered tag as spelled', async (t) => {
  t.equal(matchLanguage('SV-se', ['sv']), 'sv');
  t.equal(matchLanguage('zh-hant-tw', ['zh-Hant']), 'zh-Hant');
  t.equal(matchLanguage('pt-br', ['EN', 'pt-BR']), 'pt-BR');
  t.equal(matchLanguage('en', ['EN']), 'EN');
});

t.test('matchLanguage uses fallbacks: Dari falls back to Persian unless told otherwise', async (t) => {
  t.equal(matchLanguage('prs', ['en', 'fa']), 'fa');
  t.equal(matchLanguage('prs-AF', ['en', 'fa']), 'fa');
  t.equal(matchLanguage('PRS', ['en', 'FA']), 'FA');
  t.equal(matchLanguage('prs', ['fa', 'prs']), 'prs', 'an offered Dari wins over the fallback');
  t.equal(matchLanguage('prs', ['en', 'fa'], {}), undefined, 'an empty map turns fallbacks off');
  t.equal(matchLanguage('nn', ['nb', 'en'], { nn: 'nb' }), 'nb');
  t.equal(matchLanguage('nn-NO', ['en'], { nn: 'nb', nb: 'en' }), 'en', 'fallbacks chain');
  t.equal(matchLanguage('a', ['en'], { a: 'b', b: 'a' }), undefined, 'a cycle ends');
});

t.test('matchLanguage gives undefined when nothing matches', async (t) => {
  t.equal(matchLanguage('xx', ['en', 'sv']), undefined);
  t.equal(matchLanguage('de-CH', ['de-DE']), undefined, 'lookup never widens a region');
  t.equal(matchLanguage('', ['en']), undefined);
  t.equal(matchLanguage(null, ['en']), undefined);
  t.equal(matchLanguage(undefined, ['en']), undefined);
  t.equal(matchLanguage('sv', []), undefined);
});

t.test('isRtl is true for right-to-left languages and their regional variants', async (t) => {
  for (const tag of ['ar', 'fa', 'prs', 'ps', 'ur', 'he', 'ckb', 'dv', 'yi', 'sd', 'ug', 'ar-SY', 'fa-IR', 'prs-AF', 'CKB-iq', 'pa-Arab', 'ar_EG']) {
    t.ok(isRtl(tag), tag);
  }
  for (const tag of ['en', 'sv', 'tr', 'ti', 'so', 'kmr', 'ru', 'uk', 'sd-Deva', 'ug-Cyrl', '', null, undefined]) {
    t.notOk(isRtl(tag), String(tag));
  }
});

t.test('languageName gives a language its own name, or the tag when Intl has none', async (t) => {
  t.equal(languageName('sv', 'sv'), 'svenska');
  t.equal(languageName('sv'), 'svenska', 'in its own language by default');
  t.equal(languageName('fa', 'fa'), 'فارسی');
  t.equal(languageName('de', 'en'), 'German');
  t.equal(languageName('qaa', 'en'), 'qaa', 'a private-use code has no name');
  t.equal(languageName('not a tag!', 'en'), 'not a tag!', 'a malformed tag comes back as given');
});
