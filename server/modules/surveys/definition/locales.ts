/**
 * Every translatable text of a definition, found through survey-core's property metadata
 * (`isLocalizable`), and how complete each language is.
 */
import { childPointer, isRecord } from './json-pointer.js';
import { isLocaleTag } from './locale-tags.js';
import type { LocaleReport, LocalizedString, SurveyDefinition } from './types.js';
import { isItemValueClass, splitShorthand, walkDefinition } from './walk.js';

/**
 * In document order. A choice with no text of its own shows its value, so a string value is
 * collected as its default text (pointer: where its `text` would go); numbers are left out,
 * since "1" to "5" on a rating scale need no translation.
 */
export function collectStrings(definition: SurveyDefinition): LocalizedString[] {
  const strings: LocalizedString[] = [];
  const keyCount = new Map<string, number>();
  const push = (key: string, pointer: string, texts: Record<string, string>) => {
    if (!Object.values(texts).some((text) => text !== '')) return;
    // keys are unique in a valid definition; a duplicate name or value must not merge two strings
    const count = (keyCount.get(key) ?? 0) + 1;
    keyCount.set(key, count);
    strings.push({ key: count === 1 ? key : `${key}#${count}`, pointer, texts });
  };
  if (!isRecord(definition)) return strings;

  walkDefinition(definition, {
    node(node) {
      const value = node.json.value;
      if (!isItemValueClass(node.className) || node.json.text !== undefined || typeof value !== 'string' || value === '') return;
      const split = splitShorthand(value);
      push(`${node.key}/text`, childPointer(node.pointer, 'text'), { default: split.text ?? String(split.value) });
    },
    primitiveItem(_owner, item, pointer, key) {
      if (item.text === undefined && typeof item.value !== 'string') return;
      push(`${key}/text`, childPointer(pointer, 'text'), { default: item.text ?? String(item.value) });
    },
    property(node, name, property, value) {
      if (!property.isLocalizable || property.type.endsWith('[]')) return;
      const texts = textsOf(value);
      if (texts) push(`${node.key}/${name}`, childPointer(node.pointer, name), texts);
    },
  });
  return strings;
}

/** locale → text of one localizable value, or undefined when it is not one */
export function textsOf(value: unknown): Record<string, string> | undefined {
  if (typeof value === 'string') return { default: value };
  if (!isRecord(value)) return undefined;
  const texts: Record<string, string> = {};
  for (const [locale, text] of Object.entries(value)) {
    if (typeof text === 'string' && (locale === 'default' || isLocaleTag(locale))) texts[locale] = text;
  }
  return texts;
}

export function hasText(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '';
}

/** Every locale but 'default' that any of the strings has, sorted. */
export function usedLocales(strings: LocalizedString[]): string[] {
  const locales = new Set<string>();
  for (const s of strings) for (const locale of Object.keys(s.texts)) if (locale !== 'default') locales.add(locale);
  return [...locales].sort();
}

export function localeReport(definition: SurveyDefinition): LocaleReport {
  const strings = collectStrings(definition);
  const sourced = strings.filter((s) => hasText(s.texts.default));
  return {
    defaultLocale: 'default',
    total: sourced.length,
    locales: usedLocales(strings).map((locale) => {
      const missing = sourced.filter((s) => !hasText(s.texts[locale])).map((s) => s.key);
      return { locale, translated: sourced.length - missing.length, total: sourced.length, missing };
    }),
  };
}
