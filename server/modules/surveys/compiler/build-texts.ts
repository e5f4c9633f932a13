/**
 * One TEXTS payload per locale: every text of the survey as survey-core shows it in that locale
 * (its own fallback to the default language included), plus the built-in strings from
 * survey-core's dictionaries, else from our own (dictionaries.ts), else English.
 */
// Registers every dictionary survey-core ships with surveyLocalization. survey-core-setup.ts does
// not re-export surveyLocalization, so this module imports survey-core itself, after the setup.
import '../definition/survey-core-setup.js';
import 'survey-core/i18n';
import { surveyLocalization } from 'survey-core';
import type { SurveyModel } from 'survey-core';
import sanitize from 'sanitize-html';
import type { TextsPayload } from '../../../../client/runtime/compiled-types.js';
import { BUILT_IN_PREFIX, BUILT_IN_STRINGS, FORMAT_VERSION } from '../../../../client/runtime/compiled-types.js';
import type { Fault } from '../definition/types.js';
import type { TextSource } from './build-context.js';
import { DICTIONARY_ALIASES, OWN_DICTIONARIES, RTL_LANGUAGES } from './dictionaries.js';

/** Built-in strings a survey may override with a survey-level property. */
const SURVEY_OVERRIDES = { pagePrevText: 'locPagePrevText', pageNextText: 'locPageNextText', completeText: 'locCompleteText' } as const;

export function buildTexts(model: SurveyModel, sources: TextSource[], locale: string): Omit<TextsPayload, 'hash'> {
  const code = locale === 'default' ? '' : surveyCoreLocale(locale);
  model.locale = code;
  const texts: Record<string, string> = {};
  const piped: string[] = [];
  for (const source of sources) {
    const text = isHtml(source.key) ? sanitizeHtml(source.read()) : source.read();
    texts[source.key] = text;
    if (source.pipe && pipedNames(text).length > 0) piped.push(source.key);
  }
  const lookup = code || surveyLocalization.defaultLocale;
  const chain = dictionaryChain(lookup);
  const core = chain.filter((loc) => Object.hasOwn(surveyLocalization.locales, loc)).map((loc) => surveyLocalization.locales[loc]);
  const own = chain.filter((loc) => Object.hasOwn(OWN_DICTIONARIES, loc)).map((loc) => OWN_DICTIONARIES[loc].strings);
  for (const name of BUILT_IN_STRINGS) {
    const found = [...core, ...own].map((strings) => strings[name]).find((text) => text !== undefined);
    texts[BUILT_IN_PREFIX + name] = found ?? surveyLocalization.getString(name, 'en');
  }
  for (const [name, property] of Object.entries(SURVEY_OVERRIDES)) {
    // Unset, survey-core answers with its own dictionary (English for a locale it lacks), which
    // must not hide ours; only a text the survey itself gives overrides the built-in string.
    const { text, isEmpty } = (model as unknown as Record<string, { text: string; isEmpty: boolean }>)[property];
    if (text && !isEmpty && text !== surveyLocalization.getString(name, lookup)) texts[BUILT_IN_PREFIX + name] = text;
  }
  model.locale = '';
  return {
    formatVersion: FORMAT_VERSION,
    locale,
    builtInsLocalized: core.length + own.length > 0,
    rtl: chain.some((loc) => surveyLocalization.localeDirections[loc] === 'rtl' || RTL_LANGUAGES.has(loc)),
    texts,
    piped,
  };
}

/** Texts shown as HTML (the thank-you text, html questions); every other text is shown as plain text. */
const isHtml = (key: string) => key === 'survey.completedHtml' || key.endsWith('.html');

/**
 * Survey authors' HTML, as the phone will show it: formatting, links, lists, tables and images
 * kept; scripts, event handlers, styles, forms and frames dropped (the page's CSP would block
 * them anyway; this keeps them out of the payload). Links open without sending a Referer.
 */
function sanitizeHtml(html: string): string {
  return sanitize(html, {
    allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'mark', 'span', 'div', 'blockquote', 'hr',
      'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'figure', 'figcaption',
      'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'abbr', 'bdi', 'bdo'],
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'], th: ['scope', 'colspan', 'rowspan'], td: ['colspan', 'rowspan'],
      '*': ['lang', 'dir'], abbr: ['title'] },
    allowedSchemes: ['https', 'http', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'http', 'data'] },
    transformTags: { a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer' }) },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
  });
}

/** survey-core names some dictionaries differently from BCP 47 (pt-br, zh-cn); the language alone otherwise. */
function surveyCoreLocale(locale: string): string {
  const lower = locale.toLowerCase();
  for (const candidate of [locale, lower]) if (Object.hasOwn(surveyLocalization.locales, candidate)) return candidate;
  return locale;
}

/** Where to look for a locale's dictionary, most specific first: 'sv-SE' → 'sv'; 'prs-AF' → 'prs', 'fa'. */
function dictionaryChain(code: string): string[] {
  const language = code.split('-')[0].toLowerCase();
  const alias = Object.hasOwn(DICTIONARY_ALIASES, language) ? [DICTIONARY_ALIASES[language]] : [];
  return [...new Set([code, language, ...alias])];
}

/** The names a text pipes, found as survey-core's TextPreProcessor finds them. */
export function pipedNames(text: string): string[] {
  const names: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') start = i;
    else if (text[i] === '}') {
      const name = start > -1 ? text.slice(start + 1, i) : '';
      if (name !== '' && !name.includes(':') && name.trim() !== '') names.push(name.trim());
      start = -1;
    }
  }
  return names;
}

/**
 * A piped name must be a question (not a matrix or a paneldynamic, which survey-core pipes as "[object Object]")
 * or a calculated value; anything else would show as written, braces included.
 */
/** `matrices`: questions (lower case) with no single text to show, by what they are ('matrix', 'dynamic panel') */
export function checkPiping(texts: TextsPayload[], sources: TextSource[], pipeable: Set<string>, matrices: Map<string, string>): Fault[] {
  const faults: Fault[] = [];
  const seen = new Set<string>();
  const pointers = new Map(sources.map((s) => [s.key, s.pointer]));
  const scopes = new Map(sources.map((s) => [s.key, s.scope]));
  for (const payload of texts) {
    for (const key of payload.piped) {
      for (const name of pipedNames(payload.texts[key])) {
        const lower = name.toLowerCase();
        const problem = matrices.has(lower)
          ? `The text pipes the ${matrices.get(lower)} '${name}', which has no single text to show`
          : pipeable.has(lower) || scopes.get(key)?.includes(lower) ? undefined : `The text pipes '{${name}}', which is not a question or calculated value of this survey`;
        const pointer = pointers.get(key) ?? '';
        if (problem && !seen.has(`${pointer}\u0000${lower}`)) {
          seen.add(`${pointer}\u0000${lower}`);
          faults.push({ pointer, message: payload.locale === 'default' ? problem : `${problem} (locale '${payload.locale}')` });
        }
      }
    }
  }
  return faults;
}

/**
 * A text that shows a question's answer (a choice text, a boolean label) and pipes, in any locale,
 * that same question, or one whose answer texts lead back to it: survey-core recurses until its
 * stack overflows when it shows such an answer, so each is a fault at the text's pointer.
 */
export function checkAnswerCycles(texts: TextsPayload[], sources: TextSource[]): Fault[] {
  const answerTexts = sources.filter((s) => s.answerOf !== undefined && s.pipe);
  const leadsTo = new Map<string, Set<string>>();
  const piped = (source: TextSource) => new Set(texts.flatMap((payload) => pipedNames(payload.texts[source.key] ?? '').map((n) => n.toLowerCase())));
  const pipedBy = new Map(answerTexts.map((s) => [s, piped(s)]));
  for (const [source, names] of pipedBy) {
    const owner = source.answerOf!.toLowerCase();
    const next = leadsTo.get(owner) ?? new Set<string>();
    for (const name of names) next.add(name);
    leadsTo.set(owner, next);
  }
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (name === target) return true;
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...(leadsTo.get(name) ?? []));
    }
    return false;
  };
  const faults: Fault[] = [];
  for (const [source, names] of pipedBy) {
    const owner = source.answerOf!;
    const cycle = [...names].find((name) => reaches(name, owner.toLowerCase()));
    if (cycle === undefined) continue;
    faults.push({
      pointer: source.pointer,
      message: cycle === owner.toLowerCase()
        ? `The text shows an answer of '${owner}' and pipes '${owner}' itself; survey-core cannot show it`
        : `The text shows an answer of '${owner}' and pipes '{${cycle}}', whose answer texts lead back to '${owner}'; survey-core cannot show it`,
    });
  }
  return faults;
}
