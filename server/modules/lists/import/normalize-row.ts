/**
 * One imported row to a contact: cleans what Excel and copy-paste add (invisible characters,
 * "Name <address>" forms, language names instead of tags) and reports what cannot be cleaned.
 * Text is otherwise kept as typed, including a leading = + - @: the CSV export neutralises those.
 */
import { domainToASCII } from 'node:url';
import type { ColumnMapping } from './columns.js';

export type RowProblem = 'invalid_email' | 'unknown_language' | 'extra_cells' | 'too_long';

export interface NormalizedContact {
  /** As typed, trimmed, display name removed; when invalid, the cleaned input. */
  email: string;
  /** Lower-case local part and punycode domain, for matching; '' when the email is invalid. */
  emailNormalized: string;
  name: string | null;
  /** Canonical BCP 47 tag. */
  language: string | null;
  languageInput: string | null;
  attributes: Record<string, string>;
  problems: RowProblem[];
}

const MAX_TEXT = 1000;
// Zero-width characters and soft hyphens arrive invisibly with addresses copied from web pages and PDFs
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const DOMAIN = /^(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?!-)(?=[a-z0-9-]*[a-z])[a-z0-9-]{2,63}(?<!-)$/;

export function normalizeRow(cells: string[], mapping: ColumnMapping, headerLength: number): NormalizedContact {
  const problems = new Set<RowProblem>();
  const cell = (index: number) => (cells[index] ?? '').trim();
  const email = normalizeEmail(cells[mapping.email] ?? '');
  if (!email) problems.add('invalid_email');
  const nameParts = mapping.name.map(cell);
  // fromEntries defines own properties, so a column named "__proto__" stays an ordinary key
  const attributes: Record<string, string> = Object.fromEntries(
    mapping.attributes.map(({ index, key }) => [key, cell(index)] as const).filter(([, value]) => value !== ''),
  );
  if ([...nameParts, ...Object.values(attributes)].some((text) => text.length > MAX_TEXT)) problems.add('too_long');
  const languageInput = mapping.language === null ? '' : cell(mapping.language);
  const language = languageInput === '' ? null : normalizeLanguage(languageInput);
  if (languageInput !== '' && !language) problems.add('unknown_language');
  if (cells.slice(headerLength).some((extra) => extra.trim() !== '')) problems.add('extra_cells');
  return {
    email: email?.email ?? (cells[mapping.email] ?? '').replace(INVISIBLE, '').trim(),
    emailNormalized: email?.normalized ?? '',
    name: nameParts.filter((part) => part !== '').join(' ') || null,
    language,
    languageInput: languageInput || null,
    attributes,
    problems: [...problems],
  };
}

/**
 * The local part is lower-cased for matching although RFC 5321 lets servers treat it as case
 * sensitive: none of the large providers do, and the same person imported twice as Anna@ and
 * anna@ would get every invitation twice. The address is kept as typed for display and sending.
 */
export function normalizeEmail(raw: string): { email: string; normalized: string } | null {
  let text = raw.replace(INVISIBLE, '').trim();
  const angled = /<([^<>]*)>$/.exec(text);
  if (angled) text = angled[1].trim();
  if (/^mailto:/i.test(text)) text = text.slice(7).replace(/\?.*$/, '');
  if (text === '' || text.length > 254 || /[\s\p{Cc}<>()[\]\\,;:"]/u.test(text)) return null;
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@')) return null;
  const local = text.slice(0, at);
  if (Buffer.byteLength(local) > 64 || /^\.|\.\.|\.$/.test(local)) return null;
  const domain = domainToASCII(text.slice(at + 1).toLowerCase());
  if (!DOMAIN.test(domain)) return null;
  const normalized = `${local.normalize('NFC').toLowerCase()}@${domain}`;
  return normalized.length > 254 ? null : { email: text, normalized };
}

const LANGUAGES = [
  'sv', 'en', 'ar', 'fa', 'prs', 'ps', 'ckb', 'kmr', 'ti', 'am', 'so', 'sw', 'uk', 'ru', 'be', 'pl', 'lt', 'lv', 'et',
  'fi', 'de', 'fr', 'es', 'it', 'tr', 'sq', 'bs', 'hr', 'sr', 'ro', 'ur', 'zh', 'vi', 'th',
];
const DISPLAY_LOCALES = ['en', 'sv', 'pl', 'lt'];
// Generic "Kurdish" is read as Sorani, as the project decided; CLDR would say Kurmanji
const ALIASES: Record<string, string[]> = {
  fa: ['Farsi', 'Persian'], prs: ['Dari'], ckb: ['Sorani', 'Kurdish Sorani'], kmr: ['Kurmanji', 'Kurmancî', 'Kurdish Kurmanji'],
};
// CLDR folds these IANA-registered subtags into fa-AF and ku; the project keeps them apart
const KEPT_SUBTAGS = new Set(['prs', 'kmr']);
const TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;
const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Letters only, no case or diacritics; Arabic yeh and kaf read as their Persian forms, which keyboards mix. */
function nameKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ł/g, 'l').replace(/ي/g, 'ی').replace(/ك/g, 'ک')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const NAMES = buildNameTable();

function buildNameTable(): Map<string, string> {
  const table = new Map<string, string>();
  const add = (name: string | undefined, tag: string, override = false) => {
    const key = name && nameKey(name);
    if (key && (override || !table.has(key))) table.set(key, tag);
  };
  for (const tag of LANGUAGES) {
    for (const locale of [...DISPLAY_LOCALES, tag]) add(new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(tag), tag);
  }
  for (const locale of DISPLAY_LOCALES) add(new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of('ku'), 'ckb', true);
  for (const [tag, names] of Object.entries(ALIASES)) for (const name of names) add(name, tag, true);
  return table;
}

/** A BCP 47 tag in any case ("SV-se", "sv_SE") or a language's name in English, Swedish, Polish, Lithuanian or itself. */
export function normalizeLanguage(raw: string): string | null {
  const text = raw.replace(INVISIBLE, '').trim();
  const named = NAMES.get(nameKey(text));
  if (named) return named;
  const tag = text.replace(/_/g, '-');
  if (!TAG.test(tag)) return null;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0];
  } catch {
    return null;
  }
  const [primary, ...rest] = tag.toLowerCase().split('-');
  if (KEPT_SUBTAGS.has(primary)) {
    canonical = [primary, ...rest.map((sub) => (sub.length === 4 ? sub[0].toUpperCase() + sub.slice(1) : sub.length === 2 ? sub.toUpperCase() : sub))].join('-');
  }
  return englishNames.of(canonical.split('-')[0]) ? canonical : null;
}
