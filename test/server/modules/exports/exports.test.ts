import t from 'tap';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { as } from '../../../helper.js';
import { seed, SLUG } from './fixture.js';
import { CONTACT, csvRows, exportApp, exportAs, manifestOf, ndjsonRows, xlsxSheets } from './setup.js';

const PERSONAL = { fullname: 'Zebulon Secretname', mail: 'zebulon@example.org', phone: '+46 70 123 45 67' };
const FULL = {
  ...PERSONAL, gender: 'f', topics: ['work', 'other'], 'topics-Comment': 'gardening', priorities: ['c', 'a', 'b'], grid: { r1: 2, r2: 3 },
  jobs: { now: { hours: 40, sector: 'public' } }, story: 'my long story', note: '=HYPERLINK("http://evil.example")', rate: 4, ok: true,
};

t.test('an export holds every kind of answer, and never contact data, tokens, ids, personal answers or exact times', async (t) => {
  const { app, admin, researcher, partner, campaignId } = await exportApp(t);
  const ids = seed(app, Array.from({ length: 6 }, () => ({ partnerId: partner.id, campaignId, data: FULL })));
  const secrets = [CONTACT.email, CONTACT.name, ...Object.values(PERSONAL), ...ids, 'inv-', '10:11:12', 'T10'];
  const queries = ['', 'flavour=excel', 'codes=true', 'months=true', 'format=ndjson', 'freeText=true&format=ndjson'];
  for (const query of queries) {
    const res = await exportAs(app, researcher, query);
    t.equal(res.statusCode, 200, query);
    for (const secret of secrets) t.notOk(res.body.includes(secret), `${query || 'csv'} has no ${secret}`);
    if (!query.includes('freeText')) t.notOk(res.body.includes('my long story'), 'free text is left out for researchers unless asked');
  }
  const xlsx = await exportAs(app, researcher, 'format=xlsx&codes=true');
  t.equal(xlsx.statusCode, 200);
  const cells = Object.values(await xlsxSheets(xlsx.rawPayload)).flat(2).map(String).join('\n');
  for (const secret of secrets) t.notOk(cells.includes(secret), `xlsx has no ${secret}`);
  t.notOk(cells.includes('my long story'));
  const zipped = await exportAs(app, researcher, 'format=zip&flavour=excel&lang=sv');
  t.equal(zipped.headers['content-type'], 'application/zip');
  t.match(zipped.headers['content-disposition'], /lives-export\.zip/);
  const zip = await JSZip.loadAsync(zipped.rawPayload);
  t.same(Object.keys(zip.files), ['lives-responses.csv', 'lives-codebook.csv', 'lives-codebook.json', 'datapackage.json', 'lives-responses.sps', 'manifest.json']);
  const file = (name: string) => zip.file(name)!.async('string');
  for (const name of Object.keys(zip.files)) for (const secret of secrets) t.notOk((await file(name)).includes(secret), `zip's ${name} has no ${secret}`);
  t.equal(csvRows(await file('lives-responses.csv'), ';').length, 6, "the data in the flavour asked");
  t.same(JSON.parse(await file('manifest.json')), manifestOf(zipped));
  t.match(JSON.parse(await file('datapackage.json')), { resources: [{ path: 'lives-responses.csv', dialect: { delimiter: ';' } }] });
  t.match(JSON.parse(await file('lives-codebook.json')), { language: 'sv', variables: [{ variable: 'respondent' }] });
  t.match(await file('lives-codebook.csv'), /^variable,question,text/);
  t.match(await file('lives-responses.sps'), /GET DATA[^]*\/DELIMITERS=';'[^]*VALUE LABELS/);
  const admins = await exportAs(app, admin, 'timestamps=true');
  for (const secret of [CONTACT.email, CONTACT.name, ...Object.values(PERSONAL), ...ids, 'inv-']) t.notOk(admins.body.includes(secret));
  const [row] = csvRows(admins.body);
  t.equal(row.date, '2026-03-14T10:11:12.345Z', 'admins may have exact timestamps');
  t.equal(row.story, 'my long story', 'admins get free text by default');
  t.equal(row.topics__other_text, 'gardening');

  const [r] = csvRows((await exportAs(app, researcher)).body);
  t.match(r, {
    version: '1', state: 'completed', date: '2026-03-14', partner: partner.name, country: 'SE', language: 'en', campaign: 'Spring wave',
    gender: 'f', topics__work: '1', topics__housing: '0', topics__other: '1', priorities__c: '1', priorities__a: '2', priorities__b: '3',
    grid__r1: '2', grid__r2: '3', jobs__now__hours: '40', jobs__now__sector: 'public', jobs__before__hours: '', rate: '4', ok: 'true', rate__v2: '',
  });
  for (const gone of ['fullname', 'mail', 'phone', 'story', 'note', 'topics__other_text']) t.notOk(gone in r, `no column ${gone}`);
  t.match(r.respondent, /^[0-9a-f]{24}$/);
  t.equal(csvRows((await exportAs(app, researcher, 'months=true')).body)[0].date, '2026-03');

  const audit = app.db.$client.prepare("SELECT actor_id AS actor, details FROM audit_log WHERE action = 'responses.export'").all() as Array<{ actor: string; details: string }>;
  t.equal(audit.length, queries.length + 5, 'every export is in the audit log');
  t.match(JSON.parse(audit[0].details), { format: 'csv', rows: 6, options: { k: 5, freeText: false } });
  t.equal(audit[0].actor, researcher.id);
  for (const a of audit) for (const secret of [...secrets, 'gardening', 'my long story']) t.notOk(a.details.includes(secret));
});

t.test('pseudonyms are new for every export; text that a spreadsheet would run is neutralised and numbers stay numbers', async (t) => {
  const { app, researcher, partner } = await exportApp(t);
  seed(app, Array.from({ length: 5 }, (_, i) => ({ partnerId: partner.id, data: { ...FULL, note: ['=1+1', '+1', '-2', '@SUM(A1)', '\tx'][i] } })));
  const first = csvRows((await exportAs(app, researcher, 'freeText=true')).body);
  const second = csvRows((await exportAs(app, researcher, 'freeText=true')).body);
  t.equal(new Set(first.map((r) => r.respondent)).size, 5);
  t.notOk(first.some((r) => second.some((s) => s.respondent === r.respondent)), 'two exports cannot be joined row by row');
  t.same(first.map((r) => r.note).sort(), ["'+1", "'-2", "'=1+1", "'@SUM(A1)", "'\tx"].sort());
  const raw = (await exportAs(app, researcher, 'flavour=excel')).body;
  t.ok(raw.startsWith('\uFEFFrespondent;version;'), 'Excel flavour: BOM and semicolons');
  const excel = parse(raw, { columns: true, bom: true, delimiter: ';' }) as Array<Record<string, string>>;
  t.equal(excel[0].jobs__now__hours, '40');
  t.match(raw, /;40;public;/, 'a number is written bare');
  const nd = ndjsonRows((await exportAs(app, researcher, 'format=ndjson')).body);
  t.equal(nd[0].jobs__now__hours, 40);
  t.equal(nd[0].ok, true);

  const xlsx = await exportAs(app, researcher, 'format=xlsx&freeText=true&lang=sv');
  t.match(xlsx.headers['content-type'], /spreadsheetml/);
  t.match(xlsx.headers['content-disposition'], /lives-responses\.xlsx/);
  const { data, codebook } = await xlsxSheets(xlsx.rawPayload);
  const [head, ...rows] = data;
  t.equal(rows.length, 5);
  const at = (name: string) => head.indexOf(name);
  t.same(rows.map((r) => r[at('note')]).sort(), ["'+1", "'-2", "'=1+1", "'@SUM(A1)", "'\tx"].sort(), 'xlsx text is neutralised too');
  t.equal(rows[0][at('jobs__now__hours')], 40, 'numbers stay numbers');
  t.equal(rows[0][at('version')], 1);
  t.equal(rows[0][at('ok')], true);
  t.equal(rows[0][at('gender')], 'f');
  t.same(codebook[0].slice(0, 3), ['variable', 'question', 'text']);
  t.ok(codebook.some((r) => r[0] === 'gender' && r[2] === 'Kön' && r[8] === 'f' && r[10] === 'Kvinna'), 'the codebook sheet, in the language asked');
  t.ok(codebook.some((r) => r[0] === 'note'), 'the codebook sheet describes the exported columns');
  t.notOk(codebook.some((r) => r[0] === 'mail'));
});

t.test('who may export: researchers and admins; coordinators get 403, and so does a researcher asking for timestamps', async (t) => {
  const { app, coordinator, researcher } = await exportApp(t);
  t.equal((await exportAs(app, coordinator)).statusCode, 403);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: `/api/surveys/${SLUG}/codebook` }))).statusCode, 403);
  const ts = await exportAs(app, researcher, 'timestamps=true');
  t.equal(ts.statusCode, 403);
  t.match(ts.json().detail, /admins only/);
  t.equal((await exportAs(app, researcher, '', 'nope')).statusCode, 404);
  t.equal((await app.inject(as(researcher, { method: 'GET', url: '/api/surveys/nope/codebook' }))).statusCode, 404);
  t.equal((await exportAs(app, researcher, 'from=2026-05-01&to=2026-04-01')).statusCode, 422);
  t.equal((await exportAs(app, researcher, 'partner=unknown')).statusCode, 422);
  t.equal((await exportAs(app, researcher, 'k=1')).statusCode, 400);
  const empty = await exportAs(app, researcher);
  t.equal(empty.statusCode, 200, 'no responses: an empty export with its header');
  t.match(empty.body, /^respondent,version,state,date,partner/);
  t.equal(manifestOf(empty).rows, 0);
});
