import t from 'tap';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { as, buildTestApp, createCast, createList, uploadImport } from '../../../helper.js';

const polishCsv = [
  'Adres e-mail;Imię i nazwisko;Język;Gmina;Typ',
  'lukasz.wasowski@example.pl;Łukasz Wąsowski;polski;Gdańsk;migrant',
  '"Zofia Żółć" <zofia@example.pl>;Zofia Żółć;PL;Sopot;mentor',
  'not-an-email;Bez Adresu;pl;Gdynia;migrant',
  'LUKASZ.WASOWSKI@example.pl;Łukasz again;pl;Gdańsk;migrant',
  'olena@example.ua;"Olena ""Ola"" Kowalenko";klingon;Gdańsk;migrant',
  'ahmad@example.org;=HYPERLINK("http://x");fa;Gdańsk;migrant',
].join('\r\n');

t.test('a Windows-1250 semicolon file from Polish Excel: preview explains every row, commit imports, a second import changes nothing', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner } = createCast(app);
  const list = createList(app, partner.id, 'Gdańsk');
  const res = await uploadImport(app, coordinator, list.id, iconv.encode(polishCsv, 'windows-1250'), '&fileName=lista.csv');
  t.equal(res.statusCode, 201, res.body);
  const job = res.json();
  t.equal(job.status, 'ready', JSON.stringify(job.error));
  t.equal(job.encoding, 'windows-1250');
  t.equal(job.delimiter, ';');
  t.equal(job.progress, 1);
  t.same(job.counts, { rows: 6, add: 4, update: 0, unchanged: 0, skip: 2,
    problems: { invalid_email: 1, duplicate_in_file: 1, unknown_language: 1 } });

  const rows = await app.inject(as(coordinator, { method: 'GET', url: `/api/imports/${job.id}/rows?filter=problems` }));
  t.same(rows.json().items.map((r: { rowNumber: number; problems: string[]; action: string }) => [r.rowNumber, r.problems, r.action]), [
    [4, ['invalid_email'], 'skip'], [5, ['duplicate_in_file'], 'skip'], [6, ['unknown_language'], 'add'],
  ]);
  t.equal(rows.json().items[2].languageInput, 'klingon');
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts` }))).json().total, 0, 'nothing imported before commit');

  const commit = await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${job.id}/commit` }));
  t.equal(commit.statusCode, 200, commit.body);
  t.same(commit.json().result, { added: 4, updated: 0, unchanged: 0, skipped: 0 });
  const contacts = (await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?sort=email` }))).json();
  t.same(contacts.items.map((c: { email: string; name: string; language: string }) => [c.email, c.name, c.language]), [
    ['ahmad@example.org', '=HYPERLINK("http://x")', 'fa'],
    ['lukasz.wasowski@example.pl', 'Łukasz Wąsowski', 'pl'],
    ['olena@example.ua', 'Olena "Ola" Kowalenko', null],
    ['zofia@example.pl', 'Zofia Żółć', 'pl'],
  ]);
  t.same(contacts.items[1].attributes, { Gmina: 'Gdańsk', Typ: 'migrant' });
  const before = app.db.$client.prepare('SELECT id, updated_at FROM contacts ORDER BY id').all();

  const again = await uploadImport(app, coordinator, list.id, iconv.encode(polishCsv, 'windows-1250'));
  t.same(again.json().counts, { rows: 6, add: 0, update: 0, unchanged: 4, skip: 2,
    problems: { invalid_email: 1, duplicate_in_file: 1, unknown_language: 1, in_list: 4 } });
  const second = await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${again.json().id}/commit` }));
  t.same(second.json().result, { added: 0, updated: 0, unchanged: 4, skipped: 0 });
  t.same(app.db.$client.prepare('SELECT id, updated_at FROM contacts ORDER BY id').all(), before, 'importing the same file twice changes nothing');
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${job.id}/commit` }))).statusCode, 409, 'a committed import cannot be committed again');
  const audit = (await app.inject(as(coordinator, { method: 'GET', url: '/api/audit?action=contacts.import' }))).json();
  t.equal(audit.total, 2);
  t.notOk(JSON.stringify(audit).includes('example.pl'), 'audit holds counts, not addresses');
  t.equal((app.db.$client.prepare('SELECT count(*) AS n FROM contact_import_rows').get() as { n: number }).n, 0, 'staged personal data is gone after commit');
});

t.test('updates merge attributes; opted-out and erased addresses are not re-added', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner } = createCast(app);
  const list = createList(app, partner.id);
  const scope = { userId: coordinator.id, role: 'coordinator' as const, partnerId: partner.id };
  app.services.contacts.create(list.id, { email: 'anna@example.se', name: 'Anna', attributes: { kommun: 'Malmö' } }, scope);
  const quit = app.services.contacts.create(list.id, { email: 'quit@example.se' }, scope);
  app.services.contacts.optOut(quit.id, scope);
  const gone = app.services.contacts.create(list.id, { email: 'gone@example.se' }, scope);
  app.services.contacts.erase(gone.id, scope);
  const csv = 'E-post\tNamn\tSpråk\tÅldersgrupp\nanna@example.se\tAnna Andersson\tsvenska\t30-39\nquit@example.se\tQ\tsv\t\ngone@example.se\tG\tsv\t\nnew@example.se\tNy\tengelska\t18-29\n';
  const res = await uploadImport(app, coordinator, list.id, Buffer.from(csv, 'utf8'));
  t.same(res.json().counts, { rows: 4, add: 1, update: 1, unchanged: 0, skip: 2, problems: { in_list: 1, opted_out_earlier: 1, erased_earlier: 1 } });
  await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${res.json().id}/commit` }));
  const anna = (await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?search=anna` }))).json().items[0];
  t.equal(anna.name, 'Anna Andersson');
  t.equal(anna.language, 'sv');
  t.same(anna.attributes, { kommun: 'Malmö', Åldersgrupp: '30-39' }, 'attributes merged, none lost');
  const newOne = (await app.inject(as(coordinator, { method: 'GET', url: `/api/lists/${list.id}/contacts?search=new%40` }))).json().items[0];
  t.equal(newOne.language, 'en');
});

t.test('an explicit column mapping when guessing is not enough; an XLSX file', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner } = createCast(app);
  const list = createList(app, partner.id);
  const csv = 'Kontakt,Vem,Kalba\nona@example.lt,Ona,lt\n';
  const res = await uploadImport(app, coordinator, list.id, csv);
  t.equal(res.json().status, 'failed');
  t.equal(res.json().error.code, 'MAPPING');
  t.same(res.json().header, ['Kontakt', 'Vem', 'Kalba']);
  const mapped = await app.inject(as(coordinator, { method: 'PUT', url: `/api/imports/${res.json().id}/request`,
    payload: { mapping: { email: 'Kontakt', name: 'Vem', language: 'Kalba' }, wait: true } }));
  t.equal(mapped.json().status, 'ready', mapped.body);
  t.equal(mapped.json().counts.add, 1);

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kontaktai');
  ws.addRow(['El. paštas', 'Vardas', 'Pavardė', 'Kalba', 'Amžius']);
  ws.addRow(['jonas@example.lt', 'Jonas', 'Jonaitis', 'lietuvių', 42]);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const up = await uploadImport(app, coordinator, list.id, xlsx, '&fileName=kontaktai.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  t.equal(up.json().status, 'ready', up.body);
  t.equal(up.json().format, 'xlsx');
  const rows = (await app.inject(as(coordinator, { method: 'GET', url: `/api/imports/${up.json().id}/rows?filter=all` }))).json();
  t.same([rows.items[0].email, rows.items[0].name, rows.items[0].language, rows.items[0].attributes], ['jonas@example.lt', 'Jonas Jonaitis', 'lt', { Amžius: '42' }]);
});

t.test('bad files are reported and import nothing; the server keeps serving', async (t) => {
  const app = await buildTestApp(t, { RELAY_IMPORT_MAX_BYTES: '200000' });
  const { coordinator, partner } = createCast(app);
  const list = createList(app, partner.id);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7), Buffer.from([0, 0, 0, 1, 2, 3])]);
  const cases: Array<[string, Buffer | string, string]> = [
    ['empty file', '', 'EMPTY'],
    ['header only', 'email,name\r\n', 'NO_ROWS'],
    ['binary renamed .csv', png, 'BINARY'],
    ['10,000 columns', `email,${Array.from({ length: 9999 }, (_, i) => `c${i}`).join(',')}\nx@example.org\n`, 'TOO_MANY_COLUMNS'],
  ];
  for (const [name, body, code] of cases) {
    const res = await uploadImport(app, coordinator, list.id, body);
    t.equal(res.json().status, 'failed', name);
    t.equal(res.json().error?.code, code, `${name} → ${code}`);
    t.ok(res.json().error?.message.length > 10, 'a message a person can act on');
    t.equal((await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${res.json().id}/commit` }))).statusCode, 409);
  }
  const json = await app.inject(as(coordinator, { method: 'POST', url: `/api/lists/${list.id}/imports`, payload: { email: 'x@example.org' } }));
  t.equal(json.statusCode, 415, 'JSON is not a contact file');
  t.match(json.json().detail, /Send the file itself/);
  const big = await uploadImport(app, coordinator, list.id, `email\n${'a@example.org\n'.repeat(20000)}`);
  t.equal(big.statusCode, 413);
  t.equal(big.json().code, 'FILE_TOO_LARGE');
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  t.equal((app.db.$client.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n, 0, 'nothing imported');
});

t.test('commit is all or nothing: a failure in the middle writes no row', async (t) => {
  const app = await buildTestApp(t);
  const { coordinator, partner } = createCast(app);
  const list = createList(app, partner.id);
  const res = await uploadImport(app, coordinator, list.id, 'email\na@example.org\nb@example.org\nc@example.org\n');
  // The third insert fails (as a full disk or a crash would), after two rows were written in the transaction.
  app.db.$client.exec("CREATE TRIGGER fail_third BEFORE INSERT ON contacts WHEN NEW.email_normalized = 'c@example.org' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  const commit = await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${res.json().id}/commit` }));
  t.equal(commit.statusCode, 500);
  t.match(commit.json().detail, /nothing was written/);
  t.equal((app.db.$client.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n, 0);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/imports/${res.json().id}` }))).json().status, 'ready', 'can be tried again');
  app.db.$client.exec('DROP TRIGGER fail_third');
  const retry = await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${res.json().id}/commit` }));
  t.same(retry.json().result, { added: 3, updated: 0, unchanged: 0, skipped: 0 }, 'the retry imports every row');
  const other = await uploadImport(app, coordinator, list.id, 'email\nd@example.org\n');
  const discard = await app.inject(as(coordinator, { method: 'DELETE', url: `/api/imports/${other.json().id}` }));
  t.equal(discard.statusCode, 204);
  t.equal((await app.inject(as(coordinator, { method: 'POST', url: `/api/imports/${other.json().id}/commit` }))).statusCode, 409, 'a discarded import cannot be committed');
  t.equal((app.db.$client.prepare('SELECT count(*) AS n FROM contact_import_rows').get() as { n: number }).n, 0);
});
