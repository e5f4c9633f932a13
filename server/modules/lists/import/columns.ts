/**
 * Which column of an imported file holds what. Partners export from Swedish, Polish and
 * Lithuanian Excel, so headers come in those languages and in English, with or without
 * diacritics ("El. pastas" typed on an English keyboard), hyphens and odd spacing.
 */

/** Column indexes into the file's header; `name` is empty, one column, or first and last name joined with a space. */
export interface ColumnMapping { email: number; name: number[]; language: number | null; attributes: Array<{ index: number; key: string }> }
/** Header names as in the file; attributes default to every other named column. */
export interface ExplicitMapping { email: string; name?: string | string[]; language?: string; attributes?: string[] }
export type MappingResult = { mapping: ColumnMapping } | { faults: string[] };

/** Case, spacing, punctuation and diacritics do not matter: "E-post", "epost" and "E POST" are one header. */
export function headerKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ł/g, 'l').replace(/[^\p{L}\p{N}]/gu, '');
}

const keys = (...names: string[]) => new Set(names.map(headerKey));
const EMAIL = keys(
  'email', 'e-mail', 'e-mail address', 'email address', 'mail', 'e-post', 'e-postadress', 'mejl', 'mejladress',
  'adres e-mail', 'adres email', 'e-mail adres', 'email adres', 'el. paštas', 'elektroninis paštas', 'el. pašto adresas',
);
const FULL_NAME = keys('name', 'full name', 'namn', 'fullständigt namn', 'för- och efternamn', 'imię i nazwisko', 'vardas pavardė', 'vardas ir pavardė');
const FIRST_NAME = keys('first name', 'given name', 'förnamn', 'imię', 'vardas');
const LAST_NAME = keys('last name', 'surname', 'family name', 'efternamn', 'nazwisko', 'pavardė');
const LANGUAGE = keys('language', 'preferred language', 'lang', 'locale', 'språk', 'föredraget språk', 'język', 'preferowany język', 'kalba', 'pageidaujama kalba');

/** The key an attribute is stored under: the header as written, trimmed, inner whitespace collapsed. */
export const attributeKey = (header: string): string => header.trim().replace(/\s+/g, ' ');
const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

export function guessMapping(header: string[]): MappingResult {
  const found = (set: Set<string>) => header.flatMap((cell, index) => (set.has(headerKey(cell)) ? [index] : []));
  const emails = found(EMAIL);
  const named = header.map(attributeKey).filter((name) => name !== '');
  if (emails.length === 0) {
    return { faults: [`No column looks like an email address. The columns are: ${quoted(named) || '(none)'}. Name it "Email" (or E-post, Adres e-mail, El. paštas), or choose the column.`] };
  }
  if (emails.length > 1) {
    return { faults: [`More than one column looks like an email address: ${quoted(emails.map((i) => attributeKey(header[i])))}. Choose the one to import.`] };
  }
  const last = found(LAST_NAME)[0];
  // A generic "Name" or "Namn" beside a last-name column holds the first name
  const first = found(FIRST_NAME)[0] ?? (last === undefined ? undefined : found(FULL_NAME)[0]);
  const full = found(FULL_NAME)[0] ?? found(FIRST_NAME)[0] ?? last;
  const name = first !== undefined && last !== undefined ? [first, last] : full === undefined ? [] : [full];
  const language = found(LANGUAGE)[0] ?? null;
  const used = new Set([emails[0], ...name, ...(language === null ? [] : [language])]);
  return withAttributes({ email: emails[0], name, language }, header, otherColumns(header, used));
}

export function explicitMapping(header: string[], m: ExplicitMapping): MappingResult {
  const faults: string[] = [];
  const named = header.map(attributeKey);
  const find = (name: string): number => {
    const wanted = attributeKey(name);
    let index = named.indexOf(wanted);
    if (index < 0) {
      const loose = named.flatMap((cell, i) => (cell !== '' && headerKey(cell) === headerKey(wanted) ? [i] : []));
      index = loose.length === 1 ? loose[0] : -1;
    }
    if (index < 0) faults.push(`The column "${wanted}" is not in the file. The columns are: ${quoted(named.filter(Boolean))}.`);
    return index;
  };
  const email = find(m.email);
  const name = (typeof m.name === 'string' ? [m.name] : m.name ?? []).map(find);
  const language = m.language === undefined ? null : find(m.language);
  const used = [email, ...name, ...(language === null ? [] : [language])];
  const chosen = m.attributes?.map(find);
  const all = [...used, ...(chosen ?? [])].filter((index) => index >= 0);
  for (const index of new Set(all.filter((i, k) => all.indexOf(i) !== k))) {
    faults.push(`The column "${named[index]}" is chosen for more than one purpose.`);
  }
  if (faults.length > 0) return { faults };
  return withAttributes({ email, name, language }, header, chosen ?? otherColumns(header, new Set(used)));
}

function otherColumns(header: string[], used: Set<number>): number[] {
  return header.flatMap((cell, index) => (used.has(index) || attributeKey(cell) === '' ? [] : [index]));
}

/** Two columns with one key would overwrite each other's values: refused rather than merged. */
function withAttributes(roles: Omit<ColumnMapping, 'attributes'>, header: string[], columns: number[]): MappingResult {
  const attributes = columns.map((index) => ({ index, key: attributeKey(header[index]) }));
  const byKey = new Map<string, string[]>();
  for (const { key } of attributes) byKey.set(key.toLowerCase(), [...(byKey.get(key.toLowerCase()) ?? []), key]);
  const faults = [...byKey.values()].filter((same) => same.length > 1)
    .map((same) => `The columns ${quoted(same)} have the same name; rename one so that both can be kept.`);
  return faults.length > 0 ? { faults } : { mapping: { ...roles, attributes } };
}
