import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import t from 'tap';
import { openTable } from '../../../../../server/modules/lists/import/read-table.js';
import type { ReadOptions } from '../../../../../server/modules/lists/import/read-table.js';

/** 7-byte chunks split UTF-16 code units and UTF-8 sequences across chunk boundaries. */
function chunked(bytes: Buffer, size = 7): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function read(bytes: Buffer, options?: ReadOptions, size?: number) {
  const table = await openTable(chunked(bytes, size), options);
  const rows: string[][] = [];
  for await (const row of table.rows) rows.push(row.cells);
  return { info: table.info, rows };
}

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_UTF16LE = Buffer.from([0xff, 0xfe]);
const BOM_UTF16BE = Buffer.from([0xfe, 0xff]);
const MIXED = 'email;name;city\r\nasa@example.se;Åsa Öberg;Malmö\r\nlukasz@example.pl;Łukasz Wąsowski;Łódź\r\nz@example.lt;Žydrūnė Šimkūnaitė;Šiauliai\r\nm@example.org;مريم;Göteborg\r\n';
const MIXED_ROWS = [
  ['asa@example.se', 'Åsa Öberg', 'Malmö'],
  ['lukasz@example.pl', 'Łukasz Wąsowski', 'Łódź'],
  ['z@example.lt', 'Žydrūnė Šimkūnaitė', 'Šiauliai'],
  ['m@example.org', 'مريم', 'Göteborg'],
];

t.test('UTF-8 without BOM', async (t) => {
  const { info, rows } = await read(Buffer.from(MIXED, 'utf8'));
  t.equal(info.encoding, 'utf-8');
  t.same(rows, MIXED_ROWS);
});

t.test('UTF-8 with BOM: the BOM does not end up in the first header cell', async (t) => {
  const { info, rows } = await read(Buffer.concat([BOM_UTF8, Buffer.from(MIXED, 'utf8')]));
  t.equal(info.encoding, 'utf-8');
  t.same(info.header, ['email', 'name', 'city']);
  t.same(rows, MIXED_ROWS);
});

t.test('UTF-16 LE with BOM, tab-delimited: Excel "Unicode text"', async (t) => {
  const text = MIXED.replaceAll(';', '\t');
  const { info, rows } = await read(Buffer.concat([BOM_UTF16LE, iconv.encode(text, 'utf-16le')]));
  t.equal(info.encoding, 'utf-16le');
  t.equal(info.delimiter, '\t');
  t.same(info.header, ['email', 'name', 'city']);
  t.same(rows, MIXED_ROWS);
});

t.test('UTF-16 BE with BOM', async (t) => {
  const { info, rows } = await read(Buffer.concat([BOM_UTF16BE, iconv.encode(MIXED.replaceAll(';', '\t'), 'utf-16be')]));
  t.equal(info.encoding, 'utf-16be');
  t.same(rows, MIXED_ROWS);
});

t.test('UTF-16 without BOM is recognised from its NUL bytes', async (t) => {
  const le = await read(iconv.encode(MIXED, 'utf-16le'));
  t.equal(le.info.encoding, 'utf-16le');
  t.same(le.rows, MIXED_ROWS);
  const be = await read(iconv.encode(MIXED, 'utf-16be'));
  t.equal(be.info.encoding, 'utf-16be');
  t.same(be.rows, MIXED_ROWS);
});

t.test('Windows-1250 from a Polish Excel decodes exactly', async (t) => {
  const bytes = iconv.encode('E-mail;Imię;Nazwisko\r\nlukasz@example.pl;Łukasz;Wąsowski\r\nzofia@example.pl;Zofia;Żółć\r\n', 'windows-1250');
  t.equal(bytes[bytes.indexOf('Zofia;') + 6], 0xaf, 'Ż really is the single byte 0xAF');
  const { info, rows } = await read(bytes);
  t.equal(info.encoding, 'windows-1250');
  t.same(info.header, ['E-mail', 'Imię', 'Nazwisko']);
  t.same(rows, [['lukasz@example.pl', 'Łukasz', 'Wąsowski'], ['zofia@example.pl', 'Zofia', 'Żółć']]);
});

t.test('Windows-1252 from a Swedish Excel decodes exactly', async (t) => {
  const { info, rows } = await read(iconv.encode('E-post;Namn\r\nasa@example.se;Åsa Öberg\r\nmarta@example.se;Märta\r\n', 'windows-1252'));
  t.equal(info.encoding, 'windows-1252');
  t.same(rows, [['asa@example.se', 'Åsa Öberg'], ['marta@example.se', 'Märta']]);
});

t.test('Windows-1257 from a Lithuanian Excel decodes exactly', async (t) => {
  const bytes = iconv.encode('El. paštas;Vardas;Pavardė\r\nz@example.lt;Žydrūnė;Šimkūnaitė\r\na@example.lt;Ąžuolas;Čepulis\r\n', 'windows-1257');
  const { info, rows } = await read(bytes);
  t.equal(info.encoding, 'windows-1257');
  t.same(info.header, ['El. paštas', 'Vardas', 'Pavardė']);
  t.same(rows, [['z@example.lt', 'Žydrūnė', 'Šimkūnaitė'], ['a@example.lt', 'Ąžuolas', 'Čepulis']]);
});

t.test('a single short name is enough to tell the three code pages apart', async (t) => {
  const cases: Array<[string, string]> = [
    ['windows-1250', 'Paweł'], ['windows-1250', 'Źdźbło'], ['windows-1250', 'Jędrzej Świątek'],
    ['windows-1252', 'Björn'], ['windows-1252', 'Åke'], ['windows-1252', 'Västerås'],
    ['windows-1257', 'Rūta'], ['windows-1257', 'Klaipėda'], ['windows-1257', 'Ūla Čiurlionytė'],
  ];
  for (const [encoding, name] of cases) {
    const { info, rows } = await read(iconv.encode(`email;name\na@example.org;${name}\n`, encoding));
    t.same([info.encoding, rows[0][1]], [encoding, name], name);
  }
});

t.test('an explicit encoding wins over detection', async (t) => {
  const bytes = iconv.encode('email;name\na@example.pl;Żółć\n', 'windows-1250');
  const { info, rows } = await read(bytes, { encoding: 'windows-1257' });
  t.equal(info.encoding, 'windows-1257');
  t.same(rows, [['a@example.pl', 'Æó³ę']], 'read as told, even when wrong');
  t.same((await read(Buffer.from('email\na@b.se\n'), { encoding: 'utf-8' })).info.encoding, 'utf-8');
  await t.rejects(read(bytes, { encoding: 'klingon-8' }), { code: 'UNREADABLE', message: /klingon-8/ });
});

t.test('a file that is ASCII for its first 64 KB is decoded by the first bytes that are not', async (t) => {
  const ascii = 'email;name\n' + 'someone@example.org;Someone\n'.repeat(4000);
  const bytes = Buffer.concat([Buffer.from(ascii), iconv.encode('lukasz@example.pl;Łukasz Wąsowski\n', 'windows-1250')]);
  const table = await openTable(chunked(bytes, 65536));
  let last: string[] = [];
  for await (const row of table.rows) last = row.cells;
  t.same(last, ['lukasz@example.pl', 'Łukasz Wąsowski']);
  t.equal(table.info.encoding, 'windows-1250', 'info is updated in place once decided');
});

t.test('UTF-8 that turns into another encoding later is refused rather than garbled', async (t) => {
  const bytes = Buffer.concat([
    Buffer.from('email;name\nasa@example.se;Åsa\n' + 'someone@example.org;Someone\n'.repeat(4000)),
    iconv.encode('marta@example.se;Märta\n', 'windows-1252'),
  ]);
  await t.rejects(read(bytes, undefined, 65536), { code: 'UNREADABLE', message: /mixes UTF-8/ });
});
