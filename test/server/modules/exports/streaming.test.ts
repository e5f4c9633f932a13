import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import t from 'tap';
import { Value } from '@sinclair/typebox/value';
import { ExportQuerySchema, type ExportQuery } from '../../../../server/modules/exports/schemas.js';
import { as } from '../../../helper.js';
import { seed, SLUG } from './fixture.js';
import { csvRows, exportApp, exportAs, xlsxSheets } from './setup.js';

const N = 2000;
const query = (q: Partial<ExportQuery> = {}) => Value.Default(ExportQuerySchema, { ...q }) as ExportQuery;

async function rest(body: Readable, first: Buffer): Promise<Buffer> {
  const chunks = [first];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

t.test('an open export reads its own snapshot on its own connection, a batch at a time, while the service goes on answering and storing', async (t) => {
  const { app, admin, partner } = await exportApp(t);
  seed(app, Array.from({ length: N }, (_, i) => ({ partnerId: partner.id, data: { gender: i % 2 ? 'f' : 'm', rate: 1 + (i % 5) } })));
  const by = { userId: admin.id, role: 'admin' as const };

  const csv = await app.services.exports.prepare(SLUG, query(), by);
  const xlsx = await app.services.exports.prepare(SLUG, query({ format: 'xlsx' }), by);
  t.equal(csv.manifest.rows, N);
  // an answer arrives after the exports counted their rows and before they read them
  const intake = await app.inject(as(admin, { method: 'POST', url: `/api/surveys/${SLUG}/versions/2/responses`, headers: { 'idempotency-key': randomUUID() },
    payload: { answers: { gender: 'x', rate: 'high' }, partnerId: partner.id, complete: true } }));
  t.equal(intake.statusCode, 201, 'a new answer is stored while exports are open');
  const firstCsv = (await csv.body[Symbol.asyncIterator]().next()).value as Buffer;
  const firstXlsx = (await xlsx.body[Symbol.asyncIterator]().next()).value as Buffer;
  t.ok(csv.progress.rows < N / 2, `the CSV is read as it is sent, not into memory first (${csv.progress.rows} of ${N} rows read)`);

  // both exports are open mid-way: the connection that serves requests answers and writes
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'other requests are answered');
  const again = await app.inject(as(admin, { method: 'POST', url: `/api/surveys/${SLUG}/versions/2/responses`, headers: { 'idempotency-key': randomUUID() },
    payload: { answers: { gender: 'x', rate: 'high' }, partnerId: partner.id, complete: true } }));
  t.equal(again.statusCode, 201, 'and stored mid-export (an export holding the serving connection would make this throw)');
  const another = await exportAs(app, admin, 'format=ndjson');
  t.equal(another.statusCode, 200, 'another export runs beside them');
  t.equal(another.body.trim().split('\n').length, N + 2, 'and sees the new answers');

  const rows = csvRows((await rest(csv.body, firstCsv)).toString('utf8'));
  t.equal(rows.length, N, 'the open export holds exactly its snapshot');
  t.notOk(rows.some((r) => r.gender === 'x' || r.rate__v2 === 'high'), 'the answers that arrived meanwhile are not in it');
  const { data } = await xlsxSheets(await rest(xlsx.body, firstXlsx));
  t.equal(data.length, N + 1, 'nor in the XLSX (header and its snapshot)');
});
