import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import t from 'tap';
import { openTable } from '../../../../../server/modules/lists/import/read-table.js';
import type { ReadOptions } from '../../../../../server/modules/lists/import/read-table.js';

function chunked(bytes: Buffer, size = 4096): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function read(bytes: Buffer, options?: ReadOptions) {
  const table = await openTable(chunked(bytes), options);
  const rows = [];
  for await (const row of table.rows) rows.push(row);
  return { info: table.info, rows, bytesRead: table.bytesRead() };
}

async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A ZIP archive of stored (uncompressed) entries and an empty central directory: enough for a streaming reader. */
function zip(entries: Record<string, string>): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([...Object.entries(entries).flatMap(([name, text]) => {
    const data = Buffer.from(text);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(10, 4);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    return [header, Buffer.from(name), data];
  }), end]);
}

t.test('reads the first worksheet with numbers, dates, links, rich text and formulas as text', async (t) => {
  const bytes = await workbook((book) => {
    const sheet = book.addWorksheet('Kontakter');
    sheet.addRow(['E-post', 'Namn', 'Telefon', 'Född', 'Summa', 'Webb', 'Anteckning', 'Aktiv', 'Formel', 'Text']);
    sheet.addRow([
      'asa@example.se', 'Åsa Öberg', 46701234567, new Date(Date.UTC(1990, 4, 17)), { formula: '0.1+0.2', result: 0.1 + 0.2 },
      { text: 'Hemsida', hyperlink: 'https://example.se' }, { richText: [{ text: 'Ring ' }, { text: 'efter 17', font: { bold: true } }] },
      true, { formula: 'UPPER("ja")', result: 'JA' }, '=SUM(A1:A3)',
    ]);
    sheet.getCell('D2').numFmt = 'yyyy-mm-dd';
    sheet.getRow(4).values = ['marta@example.se', 'Märta', 1.5];
    book.addWorksheet('Anteckningar').addRow(['not', 'the', 'contacts']);
  });
  const { info, rows, bytesRead } = await read(bytes);
  t.same(info, { format: 'xlsx', encoding: null, delimiter: null, header: ['E-post', 'Namn', 'Telefon', 'Född', 'Summa', 'Webb', 'Anteckning', 'Aktiv', 'Formel', 'Text'] });
  t.same(rows, [
    { rowNumber: 2, cells: ['asa@example.se', 'Åsa Öberg', '46701234567', '1990-05-17', '0.3', 'Hemsida', 'Ring efter 17', 'TRUE', 'JA', '=SUM(A1:A3)'] },
    { rowNumber: 4, cells: ['marta@example.se', 'Märta', '1.5', '', '', '', '', '', '', ''] },
  ], 'row numbers as Excel shows them; short rows padded');
  t.equal(bytesRead, bytes.length);
});

t.test('the first tab is read even when it was added second', async (t) => {
  const bytes = await workbook((book) => {
    const data = book.addWorksheet('Data');
    data.addRow(['Email']);
    const intro = book.addWorksheet('Intro');
    intro.addRow(['Read me first']);
    // exceljs orders tabs by this untyped property
    Object.assign(data, { orderNo: 2 });
    Object.assign(intro, { orderNo: 1 });
  });
  t.same((await read(bytes)).info.header, ['Read me first']);
});

t.test('a header row alone gives no rows; an empty sheet is EMPTY', async (t) => {
  const headerOnly = await read(await workbook((book) => book.addWorksheet('A').addRow(['Email', 'Name'])));
  t.same(headerOnly.info.header, ['Email', 'Name']);
  t.same(headerOnly.rows, []);
  await t.rejects(read(await workbook((book) => { book.addWorksheet('A'); })), { code: 'EMPTY' });
});

t.test('too many columns, or a cell too long, are refused with the row', async (t) => {
  const wide = await workbook((book) => book.addWorksheet('A').addRow(Array.from({ length: 300 }, (_, i) => `c${i}`)));
  await t.rejects(read(wide), { code: 'TOO_MANY_COLUMNS', message: /Row 1 has 300 columns/ });
  const long = await workbook((book) => {
    const sheet = book.addWorksheet('A');
    sheet.addRow(['Email', 'Note']);
    sheet.addRow(['a@example.org', 'x'.repeat(10_001)]);
  });
  await t.rejects(read(long), { code: 'UNREADABLE', message: /^Row 2, column 2/ });
});

t.test('a ZIP archive that is not a workbook is BINARY; a damaged workbook is UNREADABLE', async (t) => {
  await t.rejects(read(zip({ 'word/document.xml': '<w:document/>' })), { code: 'BINARY', message: /ZIP archive/ });
  const bytes = await workbook((book) => book.addWorksheet('A').addRow(['Email']));
  await t.rejects(read(bytes.subarray(0, bytes.length - 2000)), { code: 'UNREADABLE', message: /incomplete/ });
  const damaged = Buffer.from(bytes);
  damaged.fill(0x41, 200, 1200);
  await t.rejects(read(damaged), { code: 'UNREADABLE' });
});

t.test('a workbook beyond maxBytes is TOO_LARGE without hanging', async (t) => {
  const bytes = await workbook((book) => {
    const sheet = book.addWorksheet('A');
    sheet.addRow(['Email']);
    for (let i = 0; i < 20_000; i++) sheet.addRow([`person${i}@example.org`]);
  });
  t.ok(bytes.length > 100_000);
  await t.rejects(read(bytes, { maxBytes: 100_000 }), { code: 'TOO_LARGE' });
});

t.test('stopping early closes the source', async (t) => {
  const bytes = await workbook((book) => {
    const sheet = book.addWorksheet('A');
    sheet.addRow(['Email']);
    for (let i = 0; i < 2_000; i++) sheet.addRow([`person${i}@example.org`]);
  });
  const source = chunked(bytes);
  const table = await openTable(source);
  for await (const row of table.rows) if (row.rowNumber === 3) break;
  t.ok(source.destroyed);
});
