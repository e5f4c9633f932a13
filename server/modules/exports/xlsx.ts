/**
 * Rows to an XLSX workbook with exceljs's streaming writer: each row is committed as it comes,
 * so memory holds one batch; the writer waits whenever the reader of the file falls behind.
 * A second sheet, "codebook", holds the codebook's rows.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { guardCell } from '../../spreadsheet-guard.js';
import type { Cell } from './cells.js';

/** Text is guarded against formula evaluation; numbers and booleans keep their type. */
const xlsxCell = (value: Cell) => (typeof value === 'string' ? guardCell(value) : value);

/** rows committed between two turns of the event loop */
const BATCH = 500;

export const xlsxFormat = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
};

/** Resolves when the reader has caught up, or has gone. */
function settled(stream: PassThrough) {
  return new Promise<void>((resolve) => {
    const go = () => { stream.off('drain', go); stream.off('close', go); resolve(); };
    stream.once('drain', go).once('close', go);
  });
}

export function encodeXlsx(columns: string[], rows: Iterable<Cell[]>, codebook: Array<Array<string | number>>, done: () => void) {
  const progress = { rows: 0 };
  const body = new PassThrough();
  let finished = false;
  const finish = () => { if (!finished) { finished = true; done(); } };
  body.once('close', finish);

  async function write() {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useStyles: false, useSharedStrings: false });
    const data = workbook.addWorksheet('data');
    data.addRow(columns.map(guardCell)).commit();
    let n = 0;
    for (const row of rows) {
      if (body.destroyed) return;
      data.addRow(row.map(xlsxCell)).commit();
      progress.rows++;
      if (++n % BATCH === 0) {
        await (body.writableNeedDrain ? settled(body) : new Promise(setImmediate));
      }
    }
    data.commit();
    const book = workbook.addWorksheet('codebook');
    for (const line of codebook) book.addRow(line.map((c) => (typeof c === 'string' ? guardCell(c) : c))).commit();
    book.commit();
    await workbook.commit();
  }
  write().then(finish, (err: Error) => { finish(); body.destroy(err); });
  return { body, progress };
}
