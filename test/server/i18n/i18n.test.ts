import t from 'tap';
import { createI18n, readLocale } from '../../../server/i18n/index.js';

const vars = { partner: 'Röda Korset', survey: 'Vardagen', name: 'Amina', link: 'https://x.test/r/abc' };
const subjectIn = (lng: string) => {
  const template = (readLocale(lng) as { mail: { invitation: { subject: string } } }).mail.invitation.subject;
  return template.replace('{{partner}}', vars.partner).replace('{{survey}}', vars.survey);
};

t.test('t() resolves the tag along the fallback chain: sv-SE → sv, prs → fa, xx → en', async (t) => {
  const i18n = createI18n();
  t.equal(i18n.t('sv', 'mail.invitation.subject', vars), subjectIn('sv'));
  t.equal(i18n.t('sv-SE', 'mail.invitation.subject', vars), subjectIn('sv'));
  t.equal(i18n.t('SV-se', 'mail.invitation.subject', vars), subjectIn('sv'));
  t.equal(i18n.t('prs', 'mail.invitation.subject', vars), subjectIn('fa'));
  t.equal(i18n.t('prs-AF', 'mail.invitation.subject', vars), subjectIn('fa'));
  t.equal(i18n.t('xx', 'mail.invitation.subject', vars), subjectIn('en'));
  t.equal(i18n.t('', 'mail.invitation.subject', vars), subjectIn('en'));
  t.equal(i18n.t('en', 'mail.invitation.subject', vars), 'Röda Korset asks for your opinion: Vardagen');
});

t.test('t() interpolates every variable and leaves HTML escaping to the caller', async (t) => {
  const i18n = createI18n();
  const body = i18n.t('en', 'mail.invitation.body', { ...vars, survey: '<Life & "work">' });
  t.match(body, /^Hello Amina,\n\n/);
  t.ok(body.includes('"<Life & "work">"'), 'not escaped');
  t.ok(body.includes('\nhttps://x.test/r/abc\n'));
  t.notOk(body.includes('{{'), 'no placeholder left');
  t.equal(i18n.t('fr', 'respond.notice.by', { partner: 'Vardagen' }), 'Ce questionnaire vous est envoyé par Vardagen.');
  t.equal(i18n.t('ar', 'respond.language'), 'اللغة');
});

t.test('a key missing in a language falls back to English; an unknown key comes back as the key', async (t) => {
  const i18n = createI18n();
  t.equal(i18n.t('sv', 'no.such.key'), 'no.such.key');
});

t.test('has() is true for tags that resolve to a UI language', async (t) => {
  const i18n = createI18n();
  for (const lng of ['en', 'sv-SE', 'prs', 'ti-ER', 'so', 'FR-ca']) t.ok(i18n.has(lng), lng);
  for (const lng of ['xx', 'de', '', 'zh-Hant']) t.notOk(i18n.has(lng), lng || '(empty)');
});

t.test('instances are independent of each other and of the global i18next', async (t) => {
  const a = createI18n();
  const b = createI18n();
  t.equal(a.t('pl', 'respond.language'), 'Język');
  t.equal(b.t('lt', 'respond.language'), 'Kalba');
  t.equal(a.t('pl', 'respond.language'), 'Język');
});
