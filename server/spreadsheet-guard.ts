/**
 * Spreadsheet formula guard for every CSV we write: a cell that starts with = + - @ tab or CR would
 * be evaluated by Excel or LibreOffice (e.g. =HYPERLINK(...) in a contact's name), so it is written
 * with a leading '. Text that already starts with quotes before such a character gets one more, so
 * that unguardCell restores the exact text when the file comes back.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}
