/**
 * Reads a contact file (CSV/TSV in whatever encoding Excel saved it, or XLSX) as a stream of rows
 * of strings. Nothing here knows about contacts: columns.ts and normalize-row.ts give meaning.
 * Only the first 64 KB are held in memory to decide format, encoding and delimiter; the rest
 * streams, because partner lists reach 100,000 rows.
 */
import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { guessEightBit, sniffDelimiter, sniffEncoding, sniffFormat } from './read-table-sniff.js';
import { xlsxRows } from './read-table-xlsx.js';

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
export const FIX = 'Save the list from Excel as "CSV UTF-8" or as an .xlsx workbook and upload that file.';

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
    const table = sniffFormat(head) === 'xlsx'
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

export type ByteSource = ReturnType<typeof byteSource>;
export const toStream = (chunks: AsyncIterable<Buffer | string>) => ReadableStream.from(chunks, { objectMode: false });

export interface RawTable { info: Omit<TableInfo, 'header'>; rows: AsyncGenerator<TableRow> }

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
