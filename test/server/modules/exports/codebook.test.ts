import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { parse } from 'csv-parse/sync';
import { as } from '../../../helper.js';
import { seed, SLUG } from './fixture.js';
import { csvRows, exportApp, exportAs, ndjsonRows, packageProblems, pspp, xlsxSheets, type DataPackage } from './setup.js';

t.test('versions merge by question name; a name whose type changed keeps its own column; codes and the codebook agree', async (t) => {
  const { app, admin, researcher, partner } = await exportApp(t);
  seed(app, [
    ...Array.from({ length: 3 }, () => ({ partnerId: partner.id, data: { gender: 'f', rate: 4, topics: ['school'] } })),
    ...Array.from({ length: 3 }, () => ({ version: 2, partnerId: partner.id, data: { gender: 'f', rate: 'high', city: 'north', topics: ['work'] } })),
  ]);
  const answers = { gender: 'm', topics: ['work', 'other'], 'topics-Comment': 'bees', priorities: ['b', 'c', 'a'], grid: { r2: 1 }, jobs: { before: { hours: 20, sector: 'private' } }, rate: 'low', ok: false };
  for (let i = 0; i < 2; i++) {
    const intake = await app.inject(as(admin, { method: 'POST', url: `/api/surveys/${SLUG}/versions/2/responses`, headers: { 'idempotency-key': randomUUID() },
      payload: { answers, partnerId: partner.id, complete: true } }));
    t.equal(intake.statusCode, 201, 'two responses through the intake: a group of k = 2');
  }
  // k = 2 is for admins; without free text their export has the researcher's columns
  const rows = csvRows((await exportAs(app, admin, 'k=2&freeText=false')).body);
  t.same(rows.filter((r) => r.gender !== 'm').map((r) => `${r.version} ${r.rate} ${r.rate__v2} ${r.city} ${r.topics__school}`).sort(), ['1 4   1', '1 4   1', '1 4   1', '2  high north 0', '2  high north 0', '2  high north 0']);
  t.match(rows.find((r) => r.gender === 'm'), { version: '2', topics__work: '1', topics__other: '1', topics__school: '0', priorities__b: '1', priorities__a: '3',
    grid__r1: '', grid__r2: '1', jobs__before__hours: '20', jobs__before__sector: 'private', rate__v2: 'low', ok: 'false' }, 'an answer as the intake stores it');
  const coded = ndjsonRows((await exportAs(app, admin, 'codes=true&format=ndjson&k=2&freeText=false')).body);
  t.same(coded.filter((r) => r.version === 2).map((r) => [r.gender, r.rate__v2, r.city]).sort(), [...Array(3).fill([1, 2, 1]), [2, 1, null], [2, 1, null]]);
  t.same(coded.filter((r) => r.version === 1).map((r) => r.rate), [4, 4, 4], 'integer values are their own codes');

  const res = await app.inject(as(researcher, { method: 'GET', url: `/api/surveys/${SLUG}/codebook?lang=sv` }));
  t.equal(res.statusCode, 200);
  const book = res.json() as { language: string; variables: Array<Record<string, unknown>>; dropped: Array<{ question: string; reason: string }> };
  const v = (name: string) => book.variables.find((x) => x.variable === name);
  t.equal(book.language, 'sv');
  t.match(v('gender'), { question: 'gender', text: 'Kön', type: 'radiogroup', quasiIdentifier: true, versions: [1, 2],
    values: [{ value: 'f', code: 1, label: 'Kvinna' }, { value: 'm', code: 2, label: 'Man' }, { value: 'x', code: 3, label: 'Other' }] });
  t.match(v('rate'), { type: 'rating', versions: [1], values: [{ value: 1, code: 1 }, { value: 2, code: 2 }, { value: 3 }, { value: 4 }, { value: 5, code: 5 }] });
  t.match(v('rate__v2'), { question: 'rate', type: 'radiogroup', versions: [2], values: [{ value: 'low', code: 1, label: 'low' }, { value: 'high', code: 2, label: 'high' }] });
  t.match(v('city'), { versions: [2] });
  t.match(v('topics__other'), { part: 'option', values: [{ code: 0, label: 'not chosen' }, { code: 1, label: 'chosen' }] });
  t.match(v('topics__other_text'), { part: 'other', freeText: true });
  t.match(v('jobs__now__sector'), { part: 'cell', values: [{ value: 'public' }, { value: 'private' }] });
  t.match(v('respondent'), { type: 'meta' });
  t.same(book.dropped.map((d) => `${d.question}: ${d.reason}`).sort(), ['fullname: personal', 'mail: personal', 'phone: personal']);
  t.notOk(book.variables.some((x) => ['fullname', 'mail', 'phone'].includes(String(x.question))));

  const csv = await app.inject(as(researcher, { method: 'GET', url: `/api/surveys/${SLUG}/codebook?format=csv` }));
  t.match(csv.headers['content-type'], /text\/csv/);
  const lines = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
  t.same(lines.filter((l) => l.variable === 'gender').map((l) => `${l.value}=${l.code} ${l.label}`), ['f=1 Woman', 'm=2 Man', 'x=3 Other']);
  t.equal(lines.find((l) => l.variable === 'city')?.versions, '2');

  for (const query of ['k=2&freeText=false', 'k=2&freeText=false&codes=true&months=true&flavour=excel']) {
    const pkgRes = await app.inject(as(admin, { method: 'GET', url: `/api/surveys/${SLUG}/datapackage?${query}` }));
    t.equal(pkgRes.statusCode, 200);
    const pkg = pkgRes.json() as DataPackage;
    t.same(packageProblems(pkg, (await exportAs(app, admin, query)).body), [], `every cell of the CSV (${query}) fits the data package`);
    const f = (name: string) => pkg.resources[0].schema.fields.find((x) => x.name === name);
    t.match(pkg.resources[0], { path: 'lives-responses.csv', dialect: { delimiter: query.includes('excel') ? ';' : ',' }, schema: { missingValues: ['', '*'] } });
    const coded = query.includes('codes');
    t.match(f('gender'), { type: coded ? 'integer' : 'string', title: 'Gender', constraints: { enum: coded ? [1, 2, 3] : ['f', 'm', 'x'] },
      categories: [{ value: coded ? 1 : 'f', label: 'Woman' }, { value: coded ? 2 : 'm', label: 'Man' }, { value: coded ? 3 : 'x', label: 'Other' }] });
    t.match(f('date'), { type: coded ? 'yearmonth' : 'date' });
    t.match(f('topics__work'), { type: 'integer', constraints: { enum: [0, 1] } });
    t.match(f('priorities__a'), { type: 'integer' });
    t.match(f('jobs__now__hours'), { type: 'number' });
    t.match(f('rate'), { type: 'integer', constraints: { enum: [1, 2, 3, 4, 5] } });
    t.match(f('ok'), { type: coded ? 'integer' : 'boolean' });
    t.notOk(f('story'), 'no free text when left out, as in the export');
  }
});

t.test('a few thousand responses stream through in CSV, NDJSON and XLSX', async (t) => {
  const { app, researcher, partner, partnerB } = await exportApp(t);
  const N = 3000;
  seed(app, Array.from({ length: N }, (_, i) => ({
    partnerId: i % 2 ? partner.id : partnerB.id, version: 1 + (i % 2), at: `2026-0${1 + (i % 6)}-1${i % 10}T12:00:00.000Z`,
    data: { gender: ['f', 'm', 'x'][i % 3], rate: 1 + (i % 5), topics: ['work'], grid: { r1: 1 + (i % 3) }, jobs: { now: { hours: i % 60 } }, note: `note ${i}` },
  })));
  const started = Date.now();
  const csv = await exportAs(app, researcher);
  t.equal(csv.statusCode, 200);
  t.equal(csvRows(csv.body).length, N);
  const nd = await exportAs(app, researcher, 'format=ndjson&freeText=true');
  t.equal(ndjsonRows(nd.body).length, N);
  const xlsx = await exportAs(app, researcher, 'format=xlsx');
  t.equal((await xlsxSheets(xlsx.rawPayload)).data.length, N + 1, 'and in XLSX');
  t.comment(`three exports of ${N} responses in ${Date.now() - started} ms (${Math.round(csv.body.length / 1024)} KiB of CSV)`);
});

t.test('the SPSS syntax reads the Excel-flavoured CSV in GNU PSPP with variable and value labels, suppressed codes user-missing', async (t) => {
  const binary = pspp(t);
  if (!binary) return;
  const { app, researcher, partner } = await exportApp(t);
  seed(app, [
    ...Array.from({ length: 5 }, (_, i) => ({ partnerId: partner.id, data: { gender: 'f', rate: 1 + i, topics: ['work'], jobs: { now: { hours: 40.5 } }, note: `"Hi", it's ${i}` } })),
    ...Array.from({ length: 3 }, () => ({ partnerId: partner.id, data: { gender: 'm', rate: 2, ok: true, note: 'Kön; Ödla' } })),
    ...Array.from({ length: 2 }, () => ({ partnerId: partner.id, data: { gender: 'x', ok: false } })),
  ]);
  const query = 'codes=true&flavour=excel&freeText=true';
  const dir = fs.mkdtempSync(path.join(app.config.dataDir, 'spss-'));
  fs.writeFileSync(path.join(dir, 'lives-responses.csv'), (await exportAs(app, researcher, query)).rawPayload);
  const sps = await app.inject(as(researcher, { method: 'GET', url: `/api/surveys/${SLUG}/spss?${query}` }));
  t.equal(sps.statusCode, 200);
  t.match(sps.headers['content-disposition'], /lives-responses\.sps/);
  fs.writeFileSync(path.join(dir, 'run.sps'), `${sps.body}DISPLAY DICTIONARY.\nFREQUENCIES gender.\nLIST note rate jobs__now__hours.\n`);
  const { stdout, stderr } = await promisify(execFile)(binary, ['-O', 'width=300', 'run.sps'], { cwd: dir });
  const output = stdout + stderr;
  t.notMatch(output, /error|warning/i, 'PSPP reads it without an error or a warning');
  for (const [name, label] of [['gender', 'Gender'], ['rate', 'How is it\\?'], ['jobs__now__hours', 'Jobs — now'], ['topics__other_text', 'Topics — other \\(text\\)']]) {
    t.match(output, new RegExp(`\\|${name}\\s*\\|\\s*\\d+\\|${label}\\s*\\|`), `variable label of ${name}`);
  }
  t.match(output, /\|gender\s*\|\s*10\|Gender\s*\|Scale\s*\|Input\|\s*8\|Right\s*\|F8\.0\s*\|F8\.0\s*\|-1\s*\|/, 'a suppressed gender is user-missing');
  for (const [value, label] of [['1', 'Woman'], ['2', 'Man'], ['3', 'Other']]) t.match(output, new RegExp(`\\b${value}\\s*\\|${label}\\s*\\|`), `value label ${value} ${label}`);
  t.match(output, /\|Topics — work\s+0\s*\|not chosen\s*\|/);
  t.match(output, /Valid\s+Woman\s*\|\s*5\|/, 'five women');
  t.match(output, /Missing suppressed \(small group\)\s*\|\s*5\|/, 'the men and the "other" are one suppressed group of five');
  t.match(output, /"Hi", it's 0/, 'quotes, commas and semicolons survive');
  t.match(output, /Kön; Ödla/, 'UTF-8 text survives');
  t.match(output, /40\.5/, 'a decimal number stays one');
});
