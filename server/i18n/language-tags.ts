/** Dari has no strings of its own in most catalogues; Persian is what its readers expect next. */
export const DEFAULT_LANGUAGE_FALLBACKS: Readonly<Record<string, string>> = Object.freeze({ prs: 'fa' });

const RTL_LANGUAGES = new Set(['ar', 'fa', 'prs', 'ps', 'ur', 'he', 'ckb', 'dv', 'yi', 'sd', 'ug']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);

function subtags(tag: string): string[] {
  return tag.trim().replace(/_/g, '-').toLowerCase().split('-').filter(Boolean);
}

/**
 * RFC 4647 lookup: drop subtags from the end, and a singleton left dangling with them
 * ('zh-Hant-TW' → 'zh-Hant' → 'zh'; 'de-x-foo' → 'de'). Tags are not canonicalised on purpose:
 * Intl turns 'prs' into 'fa-AF', and an offered 'prs' must still be found.
 */
function lookupChain(tag: string): string[] {
  const parts = subtags(tag);
  const chain: string[] = [];
  while (parts.length > 0) {
    chain.push(parts.join('-'));
    parts.pop();
    if (parts.length > 0 && parts[parts.length - 1].length === 1) parts.pop();
  }
  return chain;
}

/** The offered tag (as spelled in `offered`) that best serves `tag`, or undefined. */
export function matchLanguage(
  tag: string | null | undefined,
  offered: readonly string[],
  fallbacks: Readonly<Record<string, string>> = DEFAULT_LANGUAGE_FALLBACKS,
): string | undefined {
  const byLower = new Map(offered.map((o) => [o.toLowerCase(), o] as const));
  const seen = new Set<string>();
  let next: string | null | undefined = tag;
  while (next && !seen.has(next.toLowerCase())) {
    seen.add(next.toLowerCase());
    const chain = lookupChain(next);
    const hit = chain.find((candidate) => byLower.has(candidate));
    if (hit) return byLower.get(hit);
    next = chain.map((candidate) => fallbackFor(candidate, fallbacks)).find(Boolean);
  }
  return undefined;
}

function fallbackFor(candidate: string, fallbacks: Readonly<Record<string, string>>): string | undefined {
  for (const [from, to] of Object.entries(fallbacks)) if (from.toLowerCase() === candidate) return to;
  return undefined;
}

/** Whether text in this language is written right to left; an explicit script subtag decides first. */
export function isRtl(tag: string | null | undefined): boolean {
  const [language, ...rest] = subtags(tag ?? '');
  if (!language) return false;
  const script = rest.find((s) => s.length === 4 && /^[a-z]{4}$/.test(s));
  if (script) return RTL_SCRIPTS.has(script);
  return RTL_LANGUAGES.has(language);
}

/** The name of `tag` in `inLanguage` ('svenska' for sv in sv); the tag itself when Intl has none. */
export function languageName(tag: string, inLanguage: string = tag): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'none' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
