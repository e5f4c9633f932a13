/** Rows to text: CSV (UTF-8, or Excel's flavour: BOM and semicolons) and NDJSON. */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { guardCell } from '../../spreadsheet-guard.js';
import type { Cell } from './cells.js';

export interface Writer {
  contentType: string;
  extension: string;
  head(columns: string[]): string;
  rows(columns: string[], rows: Cell[][]): string;
}

/** Text is guarded against formula evaluation; numbers stay numbers. */
function csvCell(value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return guardCell(String(value));
}

export function csvWriter(excel: boolean): Writer {
  const options = { delimiter: excel ? ';' : ',', record_delimiter: excel ? 'windows' as const : 'unix' as const };
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    head: (columns) => (excel ? '\uFEFF' : '') + stringify([columns.map(csvCell)], options),
    rows: (_columns, rows) => stringify(rows.map((row) => row.map(csvCell)), options),
  };
}

export const ndjsonWriter: Writer = {
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'ndjson',
  head: () => '',
  rows: (columns, rows) => rows.map((row) => `${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i]])))}\n`).join(''),
};

/** rows per chunk written to the stream */
const BATCH = 500;

/**
 * The file as a stream, pulled batch by batch from `rows` (so memory holds one batch, and other
 * requests are served between batches); `done` runs when the stream ends, fails or is abandoned.
 */
export function encode(writer: Writer, columns: string[], rows: Iterable<Cell[]>, done: () => void) {
  const progress = { rows: 0 };
  function* chunks() {
    try {
      const head = writer.head(columns);
      if (head) yield head;
      let batch: Cell[][] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length === BATCH) { yield writer.rows(columns, batch); progress.rows += batch.length; batch = []; }
      }
      if (batch.length) { yield writer.rows(columns, batch); progress.rows += batch.length; }
    } finally {
      done();
    }
  }
  const body = Readable.from(chunks(), { objectMode: false });
  // a stream destroyed before its first read never runs the generator's finally
  body.once('close', done);
  return { body, progress };
}
