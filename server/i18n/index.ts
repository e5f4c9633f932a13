import { readFileSync } from 'node:fs';
import i18next, { type Resource } from 'i18next';
import { matchLanguage } from './language-tags.js';

export { DEFAULT_LANGUAGE_FALLBACKS, isRtl, languageName, matchLanguage } from './language-tags.js';

/** The languages our own strings (mails, respondent pages) ship in; see locales/STATUS.md. */
export const UI_LANGUAGES = ['en', 'sv', 'pl', 'lt', 'ar', 'fa', 'uk', 'ru', 'ti', 'so', 'tr', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export interface I18n {
  /** The string for `key` in the best UI language for the BCP 47 tag `lng`, English when none serves. */
  t(lng: string, key: string, vars?: Record<string, string>): string;
  /** Whether `lng` resolves to one of UI_LANGUAGES (so 'sv-SE' and 'prs' do, 'xx' does not). */
  has(lng: string): boolean;
}

export function readLocale(lng: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./locales/${lng}.json`, import.meta.url), 'utf8'));
}

let resources: Resource | undefined;
function loadResources(): Resource {
  resources ??= Object.fromEntries(UI_LANGUAGES.map((lng) => [lng, { translation: readLocale(lng) }])) as Resource;
  return resources;
}

export function createI18n(): I18n {
  const instance = i18next.createInstance();
  // Resources are inline, so init completes before it returns.
  void instance.init({
    resources: loadResources(),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(UI_LANGUAGES.map((lng) => [lng, instance.getFixedT(lng)] as const));
  const resolve = (lng: string) => (matchLanguage(lng, UI_LANGUAGES) ?? 'en') as UiLanguage;
  return {
    t: (lng, key, vars) => fixed.get(resolve(lng))!(key, vars ?? {}) as string,
    has: (lng) => matchLanguage(lng, UI_LANGUAGES) !== undefined,
  };
}
