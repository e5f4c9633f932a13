import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Value } from '@sinclair/typebox/value';
import { loadConfig } from '../server/config.js';
import { buildApp } from '../server/app.js';
import { ExportQuerySchema, type ExportQuery } from '../server/modules/exports/schemas.js';

// Usage: npm run export -- <survey slug> [--out file] [--format csv|ndjson|xlsx|zip] [--flavour excel] [--state all] [--partner id] [--campaign id]
//   [--country SE] [--region Skåne] [--language sv] [--from 2026-01-01] [--to 2026-06-30] [--k 5] [--lang sv] [--codes] [--months] [--free-text] [--timestamps]
// The same service as GET /api/surveys/{slug}/export, with the researcher's defaults: no free text unless --free-text.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' }, flavour: { type: 'string' }, state: { type: 'string' }, partner: { type: 'string' },
    campaign: { type: 'string' }, country: { type: 'string' }, region: { type: 'string' }, language: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, k: { type: 'string' },
    codes: { type: 'boolean' }, months: { type: 'boolean' }, 'free-text': { type: 'boolean', default: false }, timestamps: { type: 'boolean' },
  },
});
const slug = positionals[0];
if (!slug) {
  process.stderr.write('Usage: npm run export -- <survey slug> [--out file.csv] [--format csv|ndjson|xlsx|zip] [--flavour excel] [--state completed|partial|all]\n'
    + '  [--partner id] [--campaign id] [--country SE] [--region name] [--language tag] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--k 5] [--codes] [--months] [--free-text] [--timestamps]\n');
  process.exit(2);
}
const { out, k, 'free-text': freeText, ...rest } = values;
const query = Value.Default(ExportQuerySchema, { ...rest, freeText, ...(k ? { k: Number(k) } : {}) }) as ExportQuery;
if (!Value.Check(ExportQuerySchema, query)) {
  process.stderr.write(`Invalid options: ${[...Value.Errors(ExportQuerySchema, query)].map((e) => `${e.path.slice(1)} ${e.message}`).join('; ')}\n`);
  process.exit(2);
}

const config = { ...loadConfig(process.env), logLevel: 'warn' as const, loadExampleSurveys: false };
const app = await buildApp(config);
const tty = process.stderr.isTTY && Boolean(out);

try {
  // whoever runs this has the data directory, so acts as an admin; the audit log records no user
  const prepared = await app.services.exports.prepare(slug, query, { userId: null, role: 'admin' });
  const { manifest } = prepared;
  const bar = () => {
    const fraction = manifest.rows ? prepared.progress.rows / manifest.rows : 1;
    process.stderr.write(`\r[${'#'.repeat(Math.round(fraction * 30)).padEnd(30)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${prepared.progress.rows.toLocaleString('en')} rows`);
  };
  const timer = tty ? setInterval(bar, 200) : undefined;
  await pipeline(prepared.body, out ? fs.createWriteStream(out) : process.stdout);
  clearInterval(timer);
  if (tty) { bar(); process.stderr.write('\n'); }
  process.stderr.write(`${JSON.stringify(manifest)}\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await app.close();
}
