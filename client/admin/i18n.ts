/**
 * The admin interface's strings, through i18next. Each area of the interface keeps its strings in
 * its own namespace (`screens/<area>/locales/<language>.json`) and registers them with
 * `addTexts`; `common` holds what every screen shares. The chosen language is remembered on this
 * browser; until one is chosen, the browser's own languages decide.
 */
import i18next from 'i18next';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import lt from './locales/lt.json' with { type: 'json' };

/** The interface languages, each named in itself. */
export const LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'sv', name: 'Svenska' },
  { tag: 'pl', name: 'Polski' },
  { tag: 'lt', name: 'Lietuvių' },
] as const;
export type Language = (typeof LANGUAGES)[number]['tag'];
type Texts = Record<string, unknown>;

const STORAGE_KEY = 'relay.admin.language';
const RTL = new Set(['ar', 'fa', 'prs', 'ps', 'ckb', 'he', 'ur']);
const supported = (tag: string | null | undefined): Language | undefined =>
  LANGUAGES.find((l) => l.tag === tag?.toLowerCase().split('-')[0])?.tag;

function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch { /* storage disabled: the browser's languages decide */ }
  return supported(stored) ?? navigator.languages.map(supported).find(Boolean) ?? 'en';
}

export const i18n = i18next.createInstance();
void i18n.init({
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.tag),
  ns: ['common'],
  defaultNS: 'common',
  resources: { en: { common: en }, sv: { common: sv }, pl: { common: pl }, lt: { common: lt } },
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** Registers an area's strings: one namespace, one object per language (English required). */
export function addTexts(namespace: string, byLanguage: Partial<Record<Language, Texts>> & { en: Texts }) {
  for (const [language, texts] of Object.entries(byLanguage)) i18n.addResourceBundle(language, namespace, texts, true, true);
}

/** Sets the page's language and direction, and remembers the choice on this browser. */
export function applyLanguage(language: Language, remember: boolean) {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = RTL.has(language) ? 'rtl' : 'ltr';
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch { /* not remembered; still applied */ }
  }
}

/** The current language; providing it re-renders every screen when it changes. */
export const LanguageContext = createContext<string>('en');

/** `t` for one namespace, re-rendered when the language changes. */
export function useT(namespace = 'common') {
  useContext(LanguageContext);
  return i18n.getFixedT(null, namespace);
}

/** Dates and numbers in the interface language. */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  return withTime
    ? date.toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
    : date.toLocaleDateString(i18n.language, { dateStyle: 'medium' });
}
export const formatNumber = (n: number) => n.toLocaleString(i18n.language);
/** A rate (0 to 1) as a percentage. */
export const formatPercent = (rate: number) => rate.toLocaleString(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
