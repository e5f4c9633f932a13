/** What the campaign and wave forms read from a published survey version: its languages and its title in each. */

export type Version = { definition: { locale?: unknown; title?: unknown } };
export type LocaleReport = { locales: { locale: string }[] };

/** The survey version's languages: its default language, then its translations (as the API offers them). */
export function versionLanguages(version: Version | undefined, report: LocaleReport | undefined): string[] {
  if (!version || !report) return [];
  const first = typeof version.definition.locale === 'string' && version.definition.locale ? version.definition.locale : 'en';
  return [first, ...report.locales.map((l) => l.locale).filter((l) => l !== 'default' && l !== first)];
}

export function titleIn(version: Version | undefined, language: string, fallback: string): string {
  const title = version?.definition.title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object') {
    const texts = title as Record<string, string>;
    return texts[language] ?? texts.default ?? fallback;
  }
  return fallback;
}
