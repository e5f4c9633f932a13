/**
 * Decides what a contact file is from its first bytes: an XLSX workbook or text, and for text its
 * encoding and delimiter; refuses other binary files. Also guesses the code page of a later chunk
 * when the first bytes were plain ASCII.
 */
import { isAscii } from 'node:buffer';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { FIX, TableError } from './read-table.js';

const SIGNATURES: Array<[string, string]> = [
  ['%PDF', 'a PDF document'], ['\x89PNG', 'a PNG image'], ['GIF8', 'a GIF image'], ['\xFF\xD8\xFF', 'a JPEG image'],
  ['\x1F\x8B', 'a gzip archive'], ['Rar!', 'a RAR archive'], ['7z\xBC\xAF', 'a 7-Zip archive'],
  ['\xD0\xCF\x11\xE0', 'an old Excel .xls file or a password-protected workbook'],
];

/** An XLSX workbook is a ZIP archive; anything else is read as text (and refused if it is not). */
export function sniffFormat(head: Buffer): 'csv' | 'xlsx' {
  return head.subarray(0, 4).toString('latin1') === 'PK\x03\x04' ? 'xlsx' : 'csv';
}

/** Encoding null means the sample is plain ASCII, and decodeText decides later. */
export function sniffEncoding(head: Buffer, explicit: string | undefined): { encoding: string | null; utf16: boolean } {
  const signature = SIGNATURES.find(([magic]) => head.subarray(0, magic.length).toString('latin1') === magic);
  if (signature) throw new TableError('BINARY', `This is ${signature[1]}, not a contact list. ${FIX}`);
  const sample = head.subarray(0, 4096);
  const zeros = [0, 1].map((parity) => sample.filter((byte, i) => i % 2 === parity && byte === 0).length / (sample.length / 2));
  const found = explicit ? explicitEncoding(explicit) : unicodeEncoding(head, zeros);
  if (found?.utf16) return found;
  const controls = sample.filter((byte) => byte < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a].includes(byte)).length;
  if (zeros[0] + zeros[1] > 0 || controls > sample.length / 100) throw new TableError('BINARY', `The file contains binary data, not text. ${FIX}`);
  return found ?? { encoding: isAscii(head) ? null : guessEightBit(head), utf16: false };
}

function explicitEncoding(name: string): { encoding: string; utf16: boolean } {
  if (!iconv.encodingExists(name)) throw new TableError('UNREADABLE', `Unknown text encoding "${name}".`);
  return { encoding: /^utf-?8$/i.test(name) ? 'utf-8' : name, utf16: /^(utf-?16|ucs-?2)/i.test(name) };
}

/** By byte order mark, or for UTF-16 without one by its NUL bytes: Latin text has one in every other byte, and (almost) none in the rest. */
function unicodeEncoding(head: Buffer, zeros: number[]): { encoding: string; utf16: boolean } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', utf16: false };
  if ((head[0] === 0xff && head[1] === 0xfe) || (zeros[1] > 0.3 && zeros[0] < 0.02)) return { encoding: 'utf-16le', utf16: true };
  if ((head[0] === 0xfe && head[1] === 0xff) || (zeros[0] > 0.3 && zeros[1] < 0.02)) return { encoding: 'utf-16be', utf16: true };
  return null;
}

const CODE_PAGES: Array<[string, string]> = [
  ['windows-1252', 'åäöéü'], // Swedish (and most of Western Europe)
  ['windows-1250', 'ąćęłńóśźż'], // Polish
  ['windows-1257', 'ąčęėįšųūž'], // Lithuanian
];
const CHARDET_NAMES: Record<string, string> = { 'windows-1252': 'windows-1252', 'ISO-8859-1': 'windows-1252', 'windows-1250': 'windows-1250', 'ISO-8859-2': 'windows-1250', 'windows-1257': 'windows-1257' };
const PLAIN = /[\p{L}\u00a0\u00ab\u00bb\u00b0\u00a7\u00ad\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u2022\u20ac]/u;

/**
 * chardet cannot tell the three Windows code pages apart on a few names, so each candidate is
 * scored on what it makes of the non-ASCII bytes: a letter of its language counts for it, a
 * symbol or an undefined byte in the middle of names counts against it. chardet breaks ties.
 */
export function guessEightBit(sample: Buffer): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch { /* not UTF-8: one of the code pages */ }
  const ranked = analyse(sample).map((match) => CHARDET_NAMES[match.name]).filter(Boolean);
  const scored = CODE_PAGES.map(([encoding, letters], order) => {
    let score = 0;
    for (const char of iconv.decode(sample, encoding)) {
      if (char < '\x80') continue;
      if (letters.includes(char.toLowerCase())) score += 2;
      else if (!PLAIN.test(char)) score -= char === '\ufffd' ? 3 : 1;
    }
    const rank = ranked.indexOf(encoding);
    return { encoding, score, rank: rank < 0 ? ranked.length + order : rank };
  });
  scored.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return scored[0].encoding;
}

/**
 * Counts candidate delimiters outside quotes on the first lines, in all and up to each line's last
 * real content: the empty trailing columns Excel sometimes writes still show the delimiter but do
 * not count against the column limit. The header decides; the following lines break ties.
 */
export function sniffDelimiter(text: string, explicit: string | null): { delimiter: string; headerDelimiters: number } {
  const candidates = explicit ? [explicit] : [',', ';', '\t'];
  const zeros = () => candidates.map(() => 0);
  const lines: Array<{ all: number[]; used: number[] }> = [];
  let line = { all: zeros(), used: zeros() };
  let seen = false;
  let quoted = false;
  for (let i = 0; i <= text.length && lines.length < 5; i++) {
    const char = text[i];
    if (char === undefined || (!quoted && (char === '\n' || char === '\r'))) {
      if (seen) lines.push(line);
      line = { all: zeros(), used: zeros() };
      seen = false;
      continue;
    }
    if (char === '"') quoted = !quoted;
    const index = quoted ? -1 : candidates.indexOf(char);
    if (index >= 0) line.all[index]++;
    else if (char.trim() !== '') line.used = [...line.all];
    seen ||= char.trim() !== '';
  }
  const header = lines[0] ?? line;
  const agreement = (index: number) => lines.slice(1).filter((other) => other.all[index] === header.all[index]).length;
  const [best] = candidates.map((_, index) => index)
    .sort((a, b) => header.used[b] - header.used[a] || header.all[b] - header.all[a] || agreement(b) - agreement(a));
  return { delimiter: candidates[best], headerDelimiters: header.used[best] };
}
