/** An app with the two-version survey, two partners, a campaign, a contact, and helpers to export and parse. */
import { execFileSync } from 'node:child_process';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { as, buildTestApp, createCast, createList, type TestUser } from '../../../helper.js';
import { publishBoth, SLUG } from './fixture.js';

export const CONTACT = { email: 'hidden.contact@example.org', name: 'Hidalgo Contactperson' };

export async function exportApp(t: Test) {
  const app = await buildTestApp(t);
  const cast = createCast(app);
  const partnerB = app.services.partners.create({ name: 'Oslo Welcome', country: 'NO', region: 'Oslo', timeZone: 'Europe/Oslo' });
  await publishBoth(app, cast.admin);
  const list = createList(app, cast.partner.id);
  app.services.contacts.create(list.id, { email: CONTACT.email, name: CONTACT.name }, { userId: null, role: 'admin', partnerId: null });
  const created = await app.inject(as(cast.admin, { method: 'POST', url: '/api/campaigns',
    payload: { name: 'Spring wave', survey: SLUG, partnerId: cast.partner.id, listIds: [list.id], languages: ['en'] } }));
  if (created.statusCode !== 201) throw new Error(`campaign: ${created.body}`);
  return { app, ...cast, partnerB, campaignId: (created.json() as { id: string }).id };
}

export async function exportAs(app: FastifyInstance, user: TestUser, query = '', slug = SLUG) {
  return app.inject(as(user, { method: 'GET', url: `/api/surveys/${slug}/export${query ? `?${query}` : ''}` }));
}

export type Row = Record<string, string>;

export function csvRows(body: string, delimiter = ','): Row[] {
  return parse(body, { columns: true, bom: true, delimiter }) as Row[];
}

export function ndjsonRows(body: string): Array<Record<string, unknown>> {
  return body.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function manifestOf(res: { headers: Record<string, unknown> }) {
  return JSON.parse(String(res.headers['x-export-manifest'])) as { rows: number; k: number; kBefore: number; kAfter: number; suppressed: Record<string, number>; dropped: string[] };
}

/** Every sheet of a workbook as rows of cell values (index 0 of each row is column A). */
export async function xlsxSheets(body: Buffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheets: Record<string, unknown[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => { rows.push((row.values as unknown[]).slice(1)); });
    sheets[sheet.name] = rows;
  });
  return sheets;
}

export interface PackageField { name: string; type: string; title: string; constraints?: { enum: unknown[] }; categories?: Array<{ value: unknown; label: string }> }
export interface DataPackage { resources: Array<{ path: string; dialect: { delimiter: string }; schema: { fields: PackageField[]; missingValues: string[] } }> }

const FORMATS: Record<string, RegExp> = {
  integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?(e-?\d+)?$/, boolean: /^(true|false)$/, date: /^\d{4}-\d{2}-\d{2}$/, yearmonth: /^\d{4}-\d{2}$/, datetime: /^\d{4}-\d{2}-\d{2}T/, string: /^/,
};

/** Every cell of the CSV against the package's schema (names, types, enums, missing values); returns the problems found. */
export function packageProblems(pkg: DataPackage, csv: string): string[] {
  const [resource] = pkg.resources;
  const { fields, missingValues } = resource.schema;
  const [header, ...rows] = parse(csv, { bom: true, delimiter: resource.dialect.delimiter }) as string[][];
  const problems: string[] = [];
  if (JSON.stringify(header) !== JSON.stringify(fields.map((f) => f.name))) problems.push(`header ${header.join()} is not the fields ${fields.map((f) => f.name).join()}`);
  for (const row of rows) {
    fields.forEach((f, i) => {
      const cell = row[i];
      if (missingValues.includes(cell)) return;
      if (!FORMATS[f.type].test(cell)) problems.push(`${f.name}: ${cell} is not ${f.type}`);
      if (f.constraints && !f.constraints.enum.map(String).includes(cell)) problems.push(`${f.name}: ${cell} is not one of ${f.constraints.enum.join()}`);
    });
  }
  return problems;
}

/** GNU PSPP's binary, or undefined (and a loud skip) where it is not installed; CI installs it. */
export function pspp(t: Test): string | undefined {
  try {
    execFileSync('pspp', ['--version'], { stdio: 'ignore' });
    return 'pspp';
  } catch {
    const why = 'NO PSPP: the SPSS syntax test is SKIPPED. Install it with "apt-get install pspp".';
    process.stderr.write(`\n*** ${why} ***\n\n`);
    t.plan(0, why);
    return undefined;
  }
}
