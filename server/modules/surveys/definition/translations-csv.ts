/**
 * Translation round trip through a spreadsheet: one row per localizable string (its stable key,
 * the default text, one column per locale), and back. Translators work in Excel or LibreOffice,
 * so the file starts with a BOM (Excel reads UTF-8 without one as a legacy code page), and a
 * cell that starts with = + - @ tab or CR is written with a leading ' so that opening the file
 * does not evaluate it as a formula (server/spreadsheet-guard.ts). The importer strips that ' again.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { guardCell, unguardCell } from '../../../spreadsheet-guard.js';
import { isLocaleTag } from './locale-tags.js';
import { collectStrings, hasText, usedLocales } from './locales.js';
import type { CsvFault, LocalizedString, MergeResult, SurveyDefinition } from './types.js';
import { writeTranslation } from './write-translation.js';

/** Throws RangeError for an extra locale that is not a BCP 47 tag: callers check with isLocaleTag. */
export function translationsToCsv(definition: SurveyDefinition, extraLocales: string[] = []): string {
  const bad = extraLocales.filter((locale) => !isLocaleTag(locale));
  if (bad.length > 0) throw new RangeError(`Not BCP 47 language tags: ${bad.join(', ')}`);
  const strings = collectStrings(definition);
  const locales = usedLocales(strings);
  const known = new Set(locales.map((l) => l.toLowerCase()));
  for (const locale of extraLocales) {
    if (!known.has(locale.toLowerCase())) locales.push(locale);
    known.add(locale.toLowerCase());
  }
  const rows = strings.map((s) => [s.key, s.texts.default ?? '', ...locales.map((l) => s.texts[l] ?? '')].map(guardCell));
  return stringify([['key', 'default', ...locales], ...rows], { bom: true, quoted: true, record_delimiter: 'windows' });
}

/** Never throws and never mutates `definition`; any fault rejects the whole file. */
export function mergeTranslationsCsv(definition: SurveyDefinition, csvText: string): MergeResult {
  try {
    return merge(definition, csvText);
  } catch (error) {
    return { ok: false, faults: [{ message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function merge(definition: SurveyDefinition, csvText: string): MergeResult {
  const text = csvText.replace(/^\uFEFF/, '');
  const delimiter = /^\s*"?key"?\s*([,;])/i.exec(text)?.[1];
  if (!delimiter) return { ok: false, faults: [{ row: 1, message: "The first row must start with the column 'key', then a comma or semicolon" }] };

  const faults: CsvFault[] = [];
  // csv-parse's typings ignore `info: true`, which wraps each record as { record, info }
  const records = parse(text, {
    delimiter, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true, info: true,
    on_skip: (error) => { faults.push({ row: Number(error?.records ?? 0) + 1, message: error?.message ?? 'Unreadable row' }); },
  }) as unknown as Array<{ record: string[]; info: { records: number } }>;
  const [header, ...rows] = records;
  if (!header) return { ok: false, faults: [...faults, { row: 1, message: 'The file has no header row' }] };

  const strings = collectStrings(definition);
  const locales = readHeader(header.record, usedLocales(strings), faults);
  const byKey = new Map(strings.map((s) => [s.key, s]));
  const seen = new Set<string>();
  const writes: Array<{ s: LocalizedString; locale: string; text: string }> = [];
  const defaultChanged: string[] = [];

  for (const { record, info } of rows) {
    const cells = record.map((cell) => unguardCell(cell).replace(/\r\n/g, '\n'));
    if (cells.every((cell) => cell.trim() === '')) continue;
    const row = info.records;
    if (cells.length > header.record.length && cells.slice(header.record.length).some((c) => c.trim() !== '')) {
      faults.push({ row, message: `The row has ${cells.length} cells but the header only ${header.record.length}` });
    }
    const key = cells[0].trim();
    const s = byKey.get(key);
    if (!s) {
      faults.push({ row, column: 'key', message: key === '' ? 'The key is empty' : `Unknown key '${key}': it is not a text of this survey version` });
      continue;
    }
    if (seen.has(key)) faults.push({ row, column: 'key', message: `The key '${key}' appears more than once` });
    seen.add(key);
    if (cells[1] !== undefined && cells[1] !== (s.texts.default ?? '').replace(/\r\n/g, '\n')) defaultChanged.push(key);
    locales.forEach((locale, index) => {
      const cell = cells[index + 2];
      if (locale === null && hasText(cell)) faults.push({ row, message: `Cell ${index + 3} is in a column without a header` });
      if (locale && hasText(cell) && cell !== s.texts[locale]) writes.push({ s, locale, text: cell });
    });
  }
  if (faults.length > 0) return { ok: false, faults };

  const copy = structuredClone(definition);
  for (const { s, locale, text } of writes) {
    if (!writeTranslation(copy, s.pointer, locale, text)) faults.push({ pointer: s.pointer, message: `Cannot write the '${locale}' text of ${s.key}` });
  }
  if (faults.length > 0) return { ok: false, faults };
  const before = new Set(usedLocales(strings));
  const addedLocales = [...new Set(writes.map((w) => w.locale))].filter((l) => !before.has(l)).sort();
  return { ok: true, definition: copy, updated: writes.length, addedLocales, defaultChanged };
}

/**
 * The locale of each column after key and default: undefined for a faulty column, null for an
 * unnamed one (spreadsheets often save trailing empty columns). A header spelled differently
 * from the definition ('SV' for 'sv') maps onto the existing locale.
 */
function readHeader(header: string[], existing: string[], faults: CsvFault[]): Array<string | null | undefined> {
  const names = header.map((cell) => unguardCell(cell).trim());
  if (names[0].toLowerCase() !== 'key') faults.push({ row: 1, column: names[0], message: "The first column must be 'key'" });
  if (names[1]?.toLowerCase() !== 'default') faults.push({ row: 1, column: names[1] ?? '', message: "The second column must be 'default'" });
  const spelling = new Map(existing.map((l) => [l.toLowerCase(), l]));
  const taken = new Set<string>();
  return names.slice(2).map((name) => {
    if (name === '') return null;
    if (!isLocaleTag(name)) {
      faults.push({ row: 1, column: name, message: `The column '${name}' is not a BCP 47 language tag` });
      return undefined;
    }
    const locale = spelling.get(name.toLowerCase()) ?? name;
    if (taken.has(locale.toLowerCase())) {
      faults.push({ row: 1, column: name, message: `The language '${name}' has more than one column` });
      return undefined;
    }
    taken.add(locale.toLowerCase());
    return locale;
  });
}
