/**
 * The respondent's language: an explicit choice (`?lang=`, else the one remembered on the device
 * in a cookie), else the invitation's language, else the browser's Accept-Language, else the
 * survey's first language; each matched along the BCP 47 fallback chain (sv-SE finds sv, prs
 * finds fa where Dari falls back to Persian).
 */
import type { FastifyRequest } from 'fastify';
import { matchLanguage } from '../../i18n/index.js';
import type { ServedVersion } from '../responses/versions.js';

export const LANGUAGE_COOKIE = 'relay_lang';

export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '').split(',')
    .map((part) => { const [tag, ...params] = part.trim().split(';'); const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean); return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) }; })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.tag);
}

/** Which of `offered` to answer in, and whether the respondent chose it explicitly in this request. */
export function chooseLanguage(request: FastifyRequest, offered: readonly string[], preferred?: string | null): { tag: string; asked: boolean } {
  const query = (request.query as { lang?: unknown }).lang;
  const asked = typeof query === 'string' ? matchLanguage(query, offered) : undefined;
  if (asked) return { tag: asked, asked: true };
  for (const tag of [request.cookies?.[LANGUAGE_COOKIE], preferred, ...acceptedLanguages(request.headers['accept-language'])]) {
    const match = matchLanguage(tag, offered);
    if (match) return { tag: match, asked: false };
  }
  return { tag: offered[0] ?? 'en', asked: false };
}

/** The texts payload serving a language tag: 'default' for the survey's own language. */
export function textsLocale(version: ServedVersion, tag: string): string {
  if (matchLanguage(tag, [version.defaultLanguage])) return 'default';
  return matchLanguage(tag, Object.keys(version.texts).filter((k) => k !== 'default')) ?? 'default';
}
