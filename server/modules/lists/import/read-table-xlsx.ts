/**
 * Streams the rows of the first sheet of an XLSX workbook with exceljs, working around its failure
 * to report a broken or cut-off upload, and turns cell values into the text Excel shows.
 */
import ExcelJS from 'exceljs';
import { FIX, TableError, toStream } from './read-table.js';
import type { ByteSource, RawTable, TableRow } from './read-table.js';

/**
 * exceljs pipes its input into unzipper without error handling, and unzipper waits forever for the
 * rest of an archive cut off between chunks. So a failing source ends the input instead of erroring
 * it, a missing end-of-archive record counts as a failure, and every wait on exceljs races the failure.
 */
export function xlsxRows(source: ByteSource): RawTable {
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
