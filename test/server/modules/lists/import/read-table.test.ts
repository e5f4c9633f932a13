import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import t from 'tap';
import { openTable, TableError } from '../../../../../server/modules/lists/import/read-table.js';
import type { ReadOptions } from '../../../../../server/modules/lists/import/read-table.js';

/** Small chunks, so that quotes, \r\n pairs and multi-byte characters straddle chunk boundaries. */
function chunked(bytes: Buffer, size = 7): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function read(bytes: Buffer | string, options?: ReadOptions, size?: number) {
  const table = await openTable(chunked(Buffer.from(bytes), size), options);
  const rows = [];
  for await (const row of table.rows) rows.push(row);
  return { info: table.info, rows, bytesRead: table.bytesRead() };
}

const cellsOf = (rows: Array<{ cells: string[] }>) => rows.map((row) => row.cells);

t.test('detects comma, semicolon and tab from the header', async (t) => {
  for (const delimiter of [',', ';', '\t']) {
    const { info, rows } = await read(['email', 'name', 'city'].join(delimiter) + '\n' + ['a@x.se', 'Anna', 'Umeå'].join(delimiter) + '\n');
    t.equal(info.delimiter, delimiter);
    t.same(info.header, ['email', 'name', 'city']);
    t.same(cellsOf(rows), [['a@x.se', 'Anna', 'Umeå']]);
  }
});

t.test('a semicolon file whose names contain commas is still read as semicolon-separated', async (t) => {
  const { info, rows } = await read('E-post;Namn\nasa@x.se;"Öberg, Åsa"\nb@x.se;Berg, Bo\n');
  t.equal(info.delimiter, ';');
  t.same(cellsOf(rows), [['asa@x.se', 'Öberg, Åsa'], ['b@x.se', 'Berg, Bo']]);
});

t.test('an explicit delimiter wins over detection', async (t) => {
  const { info, rows } = await read('email;name,first\na@x.se;Anna,A\n', { delimiter: ',' });
  t.equal(info.delimiter, ',');
  t.same(info.header, ['email;name', 'first']);
  t.same(cellsOf(rows), [['a@x.se;Anna', 'A']]);
});

t.test('quoted cells keep line breaks, delimiters and doubled quotes', async (t) => {
  const { rows } = await read('email,note\r\na@x.se,"Line one\r\nline two, with comma"\r\nb@x.se,"She said ""hej"""\r\n');
  t.same(cellsOf(rows), [['a@x.se', 'Line one\nline two, with comma'], ['b@x.se', 'She said "hej"']]);
});

t.test('mixed \\r\\n, \\n and \\r line endings split rows alike, and row numbers follow the spreadsheet', async (t) => {
  const { rows } = await read('email;name\r\na@x.se;A\nb@x.se;B\rc@x.se;"C\r\nC"\r\n\r\n;;\nd@x.se;D', undefined, 3);
  t.same(cellsOf(rows), [['a@x.se', 'A'], ['b@x.se', 'B'], ['c@x.se', 'C\nC'], ['d@x.se', 'D']]);
  t.same(rows.map((row) => row.rowNumber), [2, 3, 4, 7], 'blank rows count, a quoted line break does not');
});

t.test('a trailing delimiter is dropped only where the header cell is empty too', async (t) => {
  const trailing = await read('email;name;\na@x.se;Anna;\nb@x.se;Bo;extra\n');
  t.same(trailing.info.header, ['email', 'name']);
  t.same(cellsOf(trailing.rows), [['a@x.se', 'Anna'], ['b@x.se', 'Bo', 'extra']], 'cells past the header are kept for the caller to report');
  const named = await read('email;name;city\na@x.se;Anna;\nb@x.se\n');
  t.same(cellsOf(named.rows), [['a@x.se', 'Anna', ''], ['b@x.se', '', '']], 'short rows are padded');
});

t.test('Excel-style trailing empty columns do not count against the column limit', async (t) => {
  const { info, rows } = await read('email' + ';'.repeat(500) + '\na@x.se' + ';'.repeat(500) + '\n');
  t.same(info.header, ['email']);
  t.same(cellsOf(rows), [['a@x.se']]);
});

t.test('cells are returned as typed, formulas included', async (t) => {
  const { rows } = await read('email,note\na@x.se,=HYPERLINK("http://evil")\nb@x.se,  +46 70 123  \n');
  t.same(cellsOf(rows), [['a@x.se', '=HYPERLINK("http://evil")'], ['b@x.se', '  +46 70 123  ']]);
});

t.test('a header row alone gives no rows', async (t) => {
  const { info, rows } = await read('email;name\r\n\r\n');
  t.same(info.header, ['email', 'name']);
  t.same(rows, []);
});

t.test('an empty file, or one of only whitespace and a BOM, is EMPTY', async (t) => {
  for (const bytes of [Buffer.alloc(0), Buffer.from('\uFEFF'), Buffer.from('  \r\n\r\n\t\n'), Buffer.from(';;;\n')]) {
    await t.rejects(read(bytes), { code: 'EMPTY' });
  }
});

t.test('a first row holding an email address is NO_HEADER', async (t) => {
  await t.rejects(read('anna@example.org;Anna\nbo@example.org;Bo\n'), { code: 'NO_HEADER', message: /anna@example\.org/ });
});

t.test('a PNG, a PDF or random bytes renamed .csv are BINARY', async (t) => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(4000)]);
  const error = await read(png).catch((e: unknown) => e);
  t.ok(error instanceof TableError, 'a TableError, never a library error');
  t.match(error, { code: 'BINARY', message: /PNG image/ });
  await t.rejects(read(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)])), { code: 'BINARY', message: /PDF/ });
  await t.rejects(read(Buffer.concat([Buffer.from('email,name\n'), randomBytes(4000)])), { code: 'BINARY' });
  await t.rejects(read(Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(500), 'hex')), { code: 'BINARY', message: /\.xls/ });
  await t.rejects(read(png, { encoding: 'windows-1250' }), { code: 'BINARY' }, 'also when an encoding is given');
});

t.test('a NUL byte after the first 64 KB is BINARY too', async (t) => {
  const text = 'email\n' + 'someone@example.org\n'.repeat(5000);
  await t.rejects(read(Buffer.concat([Buffer.from(text), Buffer.from([0, 0, 0, 7])]), undefined, 65536), { code: 'BINARY' });
});

t.test('10,000 columns are refused as TOO_MANY_COLUMNS before parsing', async (t) => {
  const header = Array.from({ length: 10_000 }, (_, i) => `column ${i}`).join(',');
  await t.rejects(read(`${header}\n${'x,'.repeat(9_999)}x\n`, undefined, 65536), { code: 'TOO_MANY_COLUMNS' });
  await t.rejects(read('email,name\na@x.se,' + 'x,'.repeat(250) + '\n'), { code: 'TOO_MANY_COLUMNS', message: /Row 2/ });
  t.ok(await read('a,b,c\n1,2,3\n', { maxColumns: 3 }), 'exactly maxColumns is fine');
  await t.rejects(read('a,b,c,d\n', { maxColumns: 3 }), { code: 'TOO_MANY_COLUMNS' });
});

t.test('a cell longer than maxCellLength is UNREADABLE with its row', async (t) => {
  await t.rejects(read(`email;note\na@x.se;ok\nb@x.se;${'x'.repeat(10_001)}\n`), { code: 'UNREADABLE', message: /^Row 3, column 2/ });
  await t.rejects(read('email;note\na@x.se;1234567\n', { maxCellLength: 6 }), { code: 'UNREADABLE', message: /^Row 2, column 2/ });
});

t.test('a quote that is never closed is UNREADABLE at its row, without reading the whole file into one cell', async (t) => {
  const rest = 'b@x.se;Bo\n'.repeat(300_000);
  await t.rejects(read(`email;name\n\na@x.se;"Anna\n${rest}`, undefined, 65536), { code: 'UNREADABLE', message: /^Row 3: a quote/ });
});

t.test('a stream beyond maxBytes is TOO_LARGE, and reading stops', async (t) => {
  const source = chunked(Buffer.from('email\n' + 'someone@example.org\n'.repeat(10_000)), 1000);
  const table = await openTable(source, { maxBytes: 100_000 });
  await t.rejects((async () => { for await (const row of table.rows) void row; })(), { code: 'TOO_LARGE' });
  t.ok(source.destroyed, 'the source is closed');
  t.ok(table.bytesRead() <= 101_000, 'nothing read past the limit but the chunk that crossed it');
  await t.rejects(read('email\na@x.se\n', { maxBytes: 5 }), { code: 'TOO_LARGE' }, 'also when the limit falls within the first 64 KB');
});

t.test('a 100,000-row file streams through, and bytesRead reaches its size', async (t) => {
  const lines = ['email;name;language'];
  for (let i = 0; i < 100_000; i++) lines.push(`person${i}@example.org;Person ${i};sv`);
  const bytes = Buffer.from(lines.join('\r\n') + '\r\n');
  const table = await openTable(chunked(bytes, 65536));
  let count = 0;
  let last = 0;
  for await (const row of table.rows) {
    count++;
    last = row.rowNumber;
  }
  t.equal(count, 100_000);
  t.equal(last, 100_001);
  t.equal(table.bytesRead(), bytes.length);
});

t.test('stopping early closes the source', async (t) => {
  const source = chunked(Buffer.from('email\n' + 'someone@example.org\n'.repeat(50_000)), 65536);
  const table = await openTable(source);
  for await (const row of table.rows) if (row.rowNumber === 3) break;
  t.ok(source.destroyed);
  t.ok(table.bytesRead() < 1_000_000, 'the rest was not read');
});
