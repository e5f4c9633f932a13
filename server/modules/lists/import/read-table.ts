/**
 * Reads a contact file (CSV/TSV in whatever encoding Excel saved it, or XLSX) as a stream of rows
 * of strings. Nothing here knows about contacts: columns.ts and normalize-row.ts give meaning.
 * Only the first 64 KB are held in memory to decide format, encoding and delimiter; the rest
 * streams, because partner lists reach 100,000 rows.
 */
import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream, pipeline } from 'node:stream';
import { analyse } from 'chardet';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type TableErrorCode = 'EMPTY' | 'BINARY' | 'TOO_MANY_COLUMNS' | 'TOO_LARGE' | 'UNREADABLE' | 'NO_HEADER';

export class TableError extends Error {
  constructor(readonly code: TableErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TableError';
  }
}

export interface ReadOptions { encoding?: string; delimiter?: string; maxColumns?: number; maxCellLength?: number; maxBytes?: number }
/** `encoding` is null for XLSX. For a CSV whose first 64 KB are plain ASCII it reads 'utf-8' until a later byte proves otherwise, and is updated in place then. */
export interface TableInfo { format: 'csv' | 'xlsx'; encoding: string | null; delimiter: string | null; header: string[] }
/** `rowNumber` is the row a spreadsheet shows: blank lines count, a quoted line break does not. */
export interface TableRow { rowNumber: number; cells: string[] }
export interface OpenedTable { info: TableInfo; rows: AsyncIterable<TableRow>; bytesRead: () => number }

const PEEK_BYTES = 64 * 1024;
const SIGNATURES: Array<[string, string]> = [
  ['%PDF', 'a PDF document'], ['\x89PNG', 'a PNG image'], ['GIF8', 'a GIF image'], ['\xFF\xD8\xFF', 'a JPEG image'],
  ['\x1F\x8B', 'a gzip archive'], ['Rar!', 'a RAR archive'], ['7z\xBC\xAF', 'a 7-Zip archive'],
  ['\xD0\xCF\x11\xE0', 'an old Excel .xls file or a password-protected workbook'],
];
const FIX = 'Save the list from Excel as "CSV UTF-8" or as an .xlsx workbook and upload that file.';

interface Limits { maxColumns: number; maxCellLength: number }

/**
 * Rejects with a TableError; `rows` throws only TableErrors too. `rows` can be iterated once, and
 * closes `stream` when it ends, fails or is left early; a caller that will not read the rows at
 * all calls `rows[Symbol.asyncIterator]().return()` to close it.
 */
export async function openTable(stream: Readable, options: ReadOptions = {}): Promise<OpenedTable> {
  const limits = { maxColumns: options.maxColumns ?? 200, maxCellLength: options.maxCellLength ?? 10_000 };
  const source = byteSource(stream, options.maxBytes ?? Number.POSITIVE_INFINITY);
  try {
    const head = await source.peek(PEEK_BYTES);
    if (head.length === 0) throw new TableError('EMPTY', 'The file is empty.');
    const table = head.subarray(0, 4).toString('latin1') === 'PK\x03\x04'
      ? xlsxRows(source)
      : csvRows(source, head, options, limits);
    const opened = await shapeTable(table.info, table.rows, limits, source.close);
    return { ...opened, bytesRead: source.bytesRead };
  } catch (error) {
    source.close();
    throw asTableError(error);
  }
}

/** Counts and limits bytes as they are pulled, so `bytesRead` is progress and TOO_LARGE stops reading. */
function byteSource(stream: Readable, maxBytes: number) {
  const iterator: AsyncIterator<Buffer | string> = stream[Symbol.asyncIterator]();
  let bytes = 0;
  let held: Buffer[] = [];
  const next = async (): Promise<Buffer | null> => {
    const step = await iterator.next();
    if (step.done) return null;
    const chunk = Buffer.isBuffer(step.value) ? step.value : Buffer.from(step.value);
    bytes += chunk.length;
    if (bytes > maxBytes) throw new TableError('TOO_LARGE', `The file is larger than ${maxBytes} bytes: split the list into smaller files.`);
    return chunk;
  };
  return {
    bytesRead: () => bytes,
    close: () => { stream.destroy(); },
    async peek(size: number): Promise<Buffer> {
      let total = 0;
      while (total < size) {
        const chunk = await next();
        if (!chunk) break;
        held.push(chunk);
        total += chunk.length;
      }
      return Buffer.concat(held);
    },
    async *chunks(): AsyncGenerator<Buffer> {
      const first = held;
      held = [];
      yield* first;
      for (let chunk; (chunk = await next());) yield chunk;
    },
  };
}

type ByteSource = ReturnType<typeof byteSource>;
const toStream = (chunks: AsyncIterable<Buffer | string>) => ReadableStream.from(chunks, { objectMode: false });

interface RawTable { info: Omit<TableInfo, 'header'>; rows: AsyncGenerator<TableRow> }

function csvRows(source: ByteSource, head: Buffer, options: ReadOptions, limits: Limits): RawTable {
  const sniffed = sniffEncoding(head, options.encoding);
  const info: RawTable['info'] = { format: 'csv', encoding: sniffed.encoding ?? 'utf-8', delimiter: null };
  const headText = sniffed.encoding ? iconv.decode(head, sniffed.encoding) : head.toString('latin1');
  const { delimiter, headerDelimiters } = sniffDelimiter(headText, options.delimiter ?? null);
  info.delimiter = delimiter;
  // Checked before parsing: a 10,000-column header should be refused at once, not parsed first
  if (headerDelimiters >= limits.maxColumns) {
    throw new TableError('TOO_MANY_COLUMNS', `The first row has more than ${limits.maxColumns} columns; at most ${limits.maxColumns} can be imported.`);
  }
  const parser = parse({
    delimiter, record_delimiter: '\n', relax_column_count: true, relax_quotes: true,
    // An unclosed quote would otherwise swallow the rest of the file into one cell
    max_record_size: limits.maxCellLength * limits.maxColumns,
  });
  pipeline(toStream(decodeText(source.chunks(), sniffed.encoding, info, !sniffed.utf16)), parser, () => {});
  async function* rows(): AsyncGenerator<TableRow> {
    let rowNumber = 0;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) yield { rowNumber: ++rowNumber, cells };
    } catch (error) {
      throw asTableError(error);
    }
  }
  return { info, rows: rows() };
}

/**
 * Decodes, and turns \r\n and lone \r into \n so that mixed line endings split rows alike (csv-parse
 * settles on the first ending it meets). An undecided encoding means everything so far was ASCII,
 * which reads the same in every candidate, so the first chunk with other bytes decides.
 */
async function* decodeText(chunks: AsyncIterable<Buffer>, encoding: string | null, info: RawTable['info'], singleByteUnits: boolean): AsyncGenerator<string> {
  let decoder = encoding ? textDecoder(encoding) : null;
  let carriageReturn = false;
  for await (const chunk of chunks) {
    if (singleByteUnits && chunk.includes(0)) throw new TableError('BINARY', `The file contains binary data, not text. ${FIX}`);
    if (!decoder && !isAscii(chunk)) decoder = textDecoder((info.encoding = guessEightBit(chunk)));
    let text: string = (carriageReturn ? '\r' : '') + (decoder ? decoder.write(chunk) : chunk.toString('latin1'));
    carriageReturn = text.endsWith('\r');
    if (carriageReturn) text = text.slice(0, -1);
    yield text.replace(/\r\n?/g, '\n');
  }
  yield (decoder?.end() ?? '') + (carriageReturn ? '\n' : '');
}

function textDecoder(encoding: string): { write(chunk: Buffer): string; end(): string } {
  if (encoding !== 'utf-8') {
    const decoder = iconv.getDecoder(encoding as iconv.Encoding);
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
  }
  // Strict: bytes that are not UTF-8 after a UTF-8 start mean a mixed file, better refused than garbled
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const read = (chunk?: Buffer) => {
    try {
      return decoder.decode(chunk, { stream: chunk !== undefined });
    } catch (error) {
      throw new TableError('UNREADABLE', `The file mixes UTF-8 with another encoding. ${FIX}`, { cause: error });
    }
  };
  return { write: read, end: () => read() };
}

/** Encoding null means the sample is plain ASCII, and decodeText decides later. */
function sniffEncoding(head: Buffer, explicit: string | undefined): { encoding: string | null; utf16: boolean } {
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
function guessEightBit(sample: Buffer): string {
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
function sniffDelimiter(text: string, explicit: string | null): { delimiter: string; headerDelimiters: number } {
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

/** Shared by CSV and XLSX: skips blank rows, enforces the limits, takes the header, pads the rest. */
async function shapeTable(info: RawTable['info'], raw: AsyncGenerator<TableRow>, limits: Limits, close: () => void) {
  const rows = checkRows(raw, limits);
  const first = await rows.next();
  if (first.done) throw new TableError('EMPTY', 'The file has no rows: it is empty or holds only blank lines.');
  const header = first.value.cells.map((cell) => cell.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const contact = header.find((cell) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(cell));
  if (contact) {
    throw new TableError('NO_HEADER', `The first row holds "${contact}", a contact rather than a column name. Add a row of column names (such as E-mail, Name, Language) above the contacts.`);
  }
  async function* body(): AsyncGenerator<TableRow> {
    try {
      for await (const { rowNumber, cells } of rows) {
        let end = cells.length;
        while (end > header.length && cells[end - 1].trim() === '') end--;
        const shaped = cells.slice(0, end);
        while (shaped.length < header.length) shaped.push('');
        yield { rowNumber, cells: shaped };
      }
    } finally {
      close();
    }
  }
  // A generator that never started skips its finally: return() must close the source itself
  const iterator = body();
  const shaped: AsyncIterableIterator<TableRow> = {
    next: () => iterator.next(),
    return: (value?: unknown) => (close(), iterator.return(value)),
    [Symbol.asyncIterator]() { return this; },
  };
  return { info: Object.assign(info, { header }), rows: shaped };
}

async function* checkRows(raw: AsyncGenerator<TableRow>, limits: Limits): AsyncGenerator<TableRow> {
  for await (const row of raw) {
    let used = row.cells.length;
    while (used > 0 && row.cells[used - 1].trim() === '') used--;
    if (used === 0) continue;
    if (used > limits.maxColumns) {
      throw new TableError('TOO_MANY_COLUMNS', `Row ${row.rowNumber} has ${used} columns; at most ${limits.maxColumns} can be imported.`);
    }
    const long = row.cells.findIndex((cell) => cell.length > limits.maxCellLength);
    if (long >= 0) {
      throw new TableError('UNREADABLE', `Row ${row.rowNumber}, column ${long + 1}: the cell is longer than ${limits.maxCellLength} characters. A quote (") without its closing quote can cause this.`);
    }
    yield row;
  }
}

/**
 * exceljs pipes its input into unzipper without error handling, and unzipper waits forever for the
 * rest of an archive cut off between chunks. So a failing source ends the input instead of erroring
 * it, a missing end-of-archive record counts as a failure, and every wait on exceljs races the failure.
 */
function xlsxRows(source: ByteSource): RawTable {
  let failure: unknown = null;
  let fail: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => { fail = (error) => reject((failure ??= error)); });
  failed.catch(() => {});
  const input = toStream((async function* () {
    let previous: Buffer = Buffer.alloc(0);
    let latest: Buffer = Buffer.alloc(0);
    try {
      for await (const chunk of source.chunks()) {
        [previous, latest] = [latest, chunk];
        yield chunk;
      }
    } catch (error) {
      return fail(error);
    }
    if (Buffer.concat([previous, latest]).lastIndexOf('PK\x05\x06', undefined, 'latin1') < 0) {
      fail(new TableError('UNREADABLE', `The Excel workbook is incomplete: the upload may have been cut off. ${FIX}`));
    }
  })());
  async function* rows(): AsyncGenerator<TableRow> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    let found = false;
    try {
      for await (const sheet of until(reader, failed)) {
        // Sheets arrive in ZIP order, which need not be the order of the tabs
        const firstId = (reader as unknown as { model?: { sheets?: Array<{ id: number }> } }).model?.sheets?.[0]?.id;
        found = firstId === undefined || Number((sheet as unknown as { id: unknown }).id) === firstId;
        for await (const row of until(sheet, failed)) if (found) yield { rowNumber: row.number, cells: rowCells(row) };
        if (found) break;
      }
    } catch (error) {
      throw failure ?? (error instanceof TableError ? error : new TableError('UNREADABLE', `The Excel workbook could not be read; it may be damaged. ${FIX}`, { cause: error }));
    }
    if (!found) throw new TableError('BINARY', `This is a ZIP archive, not an Excel workbook (.xlsx). ${FIX}`);
  }
  return { info: { format: 'xlsx', encoding: null, delimiter: null }, rows: rows() };
}

async function* until<T>(iterable: AsyncIterable<T>, failed: Promise<never>): AsyncGenerator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  try {
    for (let step; !(step = await Promise.race([iterator.next(), failed])).done;) yield step.value;
  } finally {
    // Not awaited: after a failure exceljs never settles, and its generators are left to the collector
    iterator.return?.().catch(() => {});
  }
}

function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => { cells[column - 1] = cellText(cell.value); });
  return Array.from(cells, (cell) => cell ?? '');
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // 15 significant digits is what Excel shows, and hides float noise such as 0.30000000000000004
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  if ('text' in value) return cellText(value.text);
  return '';
}

function asTableError(error: unknown): TableError {
  if (error instanceof TableError) return error;
  const { code, records } = (error ?? {}) as { code?: unknown; records?: unknown };
  // csv-parse counts every record it emitted, blank ones too, so the next is the spreadsheet row at fault
  const row = typeof records === 'number' ? `Row ${records + 1}` : 'A row';
  const message = code === 'CSV_MAX_RECORD_SIZE' || code === 'CSV_QUOTE_NOT_CLOSED'
    ? `${row}: a quote (") opens a cell that is never closed.`
    : typeof code === 'string' && code.startsWith('CSV_')
      ? `${row} is not valid CSV: check the quotes (") in it. ${FIX}`
      : `The file could not be read. ${FIX}`;
  return new TableError('UNREADABLE', message, { cause: error });
}
