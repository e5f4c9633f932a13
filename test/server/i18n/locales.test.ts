import { readdirSync } from 'node:fs';
import t from 'tap';
import { UI_LANGUAGES, readLocale } from '../../../server/i18n/index.js';

function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => (text.match(/\{\{[^}]*\}\}/g) ?? []).sort();
const pureVariables = (text: string) => /^(\s*\{\{\w+\}\}\s*)+$/.test(text);
const firstLineDropped = (text: string) => text.slice(text.indexOf('\n'));
const en = flatten(readLocale('en'));
const others = UI_LANGUAGES.filter((lng) => lng !== 'en');

t.test('the locales folder holds exactly one file per UI language', async (t) => {
  const files = readdirSync(new URL('../../../server/i18n/locales/', import.meta.url)).filter((f) => f.endsWith('.json'));
  t.same(files.map((f) => f.replace(/\.json$/, '')).sort(), [...UI_LANGUAGES].sort());
});

const KEYS = [
  'mail.invitation.subject', 'mail.invitation.body', 'mail.invitation.greetingNoName', 'mail.invitation.bodyNoName',
  'mail.reminder.subject', 'mail.reminder.body', 'mail.reminder.bodyNoName',
  'mail.deadline', 'mail.unsubscribe', 'mail.footer', 'mail.testPrefix',
  'pages.closed', 'pages.notStarted', 'pages.completed', 'pages.invalid.title', 'pages.invalid.body', 'pages.tooMany',
  'pages.unsubscribe.title', 'pages.unsubscribe.question', 'pages.unsubscribe.confirm', 'pages.unsubscribe.done',
  'respond.language', 'respond.saving', 'respond.savedDevice', 'respond.saved', 'respond.offline', 'respond.waiting',
  'respond.sending', 'respond.sendFailed', 'respond.closed', 'respond.errorSummary', 'respond.required',
  'respond.notice.title', 'respond.notice.by', 'respond.notice.start', 'respond.notice.consent',
  'respond.notice.consentMissing', 'respond.notice.decline', 'respond.thanks.title', 'respond.thanks.body',
  'respond.newResponse.button', 'respond.newResponse.question', 'respond.newResponse.yes', 'respond.newResponse.no',
  'respond.resumed', 'respond.preview', 'respond.noscript', 'respond.moveUp', 'respond.moveDown', 'respond.rank',
];

t.test('English has exactly the keys the mails and pages use, each a non-empty string', async (t) => {
  t.same([...en.keys()].sort(), [...KEYS].sort());
  for (const [key, value] of en) t.ok(value.trim().length > 0, key);
});

for (const lng of others) {
  t.test(`${lng}: exactly the keys of en, the same variables, and nothing left in English`, async (t) => {
    const strings = flatten(readLocale(lng));
    t.same([...strings.keys()].sort(), [...en.keys()].sort(), 'same keys');
    for (const [key, source] of en) {
      const value = strings.get(key) ?? '';
      t.ok(value.trim().length > 0, `${key} is not empty`);
      t.same(variables(value), variables(source), `${key} keeps ${variables(source).join(' ') || 'no variables'}`);
      if (!pureVariables(source)) t.not(value, source, `${key} is translated`);
    }
  });
}

for (const lng of UI_LANGUAGES) {
  t.test(`${lng}: the no-name bodies are the bodies with the no-name greeting`, async (t) => {
    const strings = flatten(readLocale(lng));
    const greeting = strings.get('mail.invitation.greetingNoName')!;
    for (const mail of ['invitation', 'reminder']) {
      const body = strings.get(`mail.${mail}.body`)!;
      const noName = strings.get(`mail.${mail}.bodyNoName`)!;
      t.ok(noName.startsWith(`${greeting}\n`), `${mail}: starts with the no-name greeting`);
      t.ok(body.split('\n')[0].includes('{{name}}'), `${mail}: the first line greets by name`);
      t.equal(firstLineDropped(noName), firstLineDropped(body), `${mail}: same text after the greeting`);
    }
  });
}
