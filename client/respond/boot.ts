/**
 * What the server hands the answering page, as JSON inside the HTML: where the compiled payloads
 * are, the respondent's language and our own strings in it, where answers go, and the state the
 * server rendered (so hydration starts from exactly what the respondent already sees).
 */
export type Mode = 'personal' | 'open' | 'preview';
export type Step = 'notice' | 'answering' | 'done';

export interface PrivacyNotice {
  /** paragraphs, plain text, in the page's language */
  text: string;
  /** identifies the notice's wording; stored with the response */
  version: string;
  /** the survey asks for explicit consent before the first question */
  consent: boolean;
}

export interface Boot {
  mode: Mode;
  /** the page's language (BCP 47) and direction */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** the texts payload answered in: 'default' or one of the version's locales */
  locale: string;
  version: number;
  /** URLs of the compiled payloads (content-hashed, cached for good) */
  structure: string;
  texts: string;
  /** our own strings (i18next's `respond` section) resolved in the page's language */
  strings: Record<string, string>;
  languages: { tag: string; name: string }[];
  /** the link's path (/s/{token}, /c/{code}); answers are posted under it */
  base: string;
  /** the key of this link's copy on the device (derived, never the token itself) */
  storageKey: string;
  partner: string;
  /** a completed personal response reopened for changes (the campaign allows editing until it closes): only completion is sent */
  edit?: boolean;
  notice?: PrivacyNotice;
  start: { answers: Record<string, unknown>; page: number; step: Step; consent: boolean };
}

export type Strings = Boot['strings'];

/** A string of ours with `{{name}}` placeholders filled. */
export function t(strings: Strings, key: string, vars: Record<string, string | number> = {}): string {
  return (strings[key] ?? key).replace(/\{\{(\w+)\}\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** A DOM id for a question name (names may hold any character), the same on server and phone. */
export function domId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}
