import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { buildApp } from '../server/app.js';

// Usage: npm run import-contacts -- --list <listId> <file> [--encoding windows-1250] [--delimiter ';'] [--commit]
// The same import service as the API: a preview first, then (with --commit) all accepted rows or none.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { list: { type: 'string' }, encoding: { type: 'string' }, delimiter: { type: 'string' }, commit: { type: 'boolean', default: false } },
});
const file = positionals[0];
if (!values.list || !file) {
  process.stderr.write('Usage: npm run import-contacts -- --list <listId> <file.csv|file.xlsx> [--encoding windows-1250] [--delimiter ";"] [--commit]\n');
  process.exit(2);
}

const config = { ...loadConfig(process.env), logLevel: 'warn' as const, loadExampleSurveys: false };
const app = await buildApp(config);
// Whoever runs this has the data directory, so acts as an admin; the audit log records no user.
const scope = { userId: null, role: 'admin' as const, partnerId: null };
const tty = process.stderr.isTTY;

function bar(fraction: number, rows: number) {
  const width = 30;
  const filled = Math.round(fraction * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} rows`);
}

try {
  const { job, done } = await app.services.imports.start(values.list, fs.createReadStream(file), {
    fileName: path.basename(file), encoding: values.encoding, delimiter: values.delimiter,
  }, scope);
  const timer = tty ? setInterval(() => { const j = app.services.imports.get(job.id, scope); bar(j.progress, j.rowsRead); }, 200) : undefined;
  await done;
  clearInterval(timer);
  const staged = app.services.imports.get(job.id, scope);
  if (tty) { bar(staged.progress, staged.rowsRead); process.stderr.write('\n'); }
  if (staged.status !== 'ready') {
    process.stderr.write(`Import failed (${staged.error?.code}): ${staged.error?.message}\n${(staged.error?.faults ?? []).map((f) => `  - ${f}\n`).join('')}`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Import ${job.id}: ${staged.encoding ?? staged.format}, delimiter ${JSON.stringify(staged.delimiter)}\n${JSON.stringify(staged.counts, null, 2)}\n`);
    const problems = app.services.imports.rows(job.id, scope, { filter: 'problems', page: 1, pageSize: 20 });
    for (const r of problems.items) process.stdout.write(`  row ${r.rowNumber}: ${r.problems.join(', ')} (${r.action})\n`);
    if (problems.total > 20) process.stdout.write(`  … ${problems.total - 20} more rows with remarks (GET /api/imports/${job.id}/rows)\n`);
    if (values.commit) {
      const { result } = await app.services.imports.commit(job.id, scope);
      process.stdout.write(`Committed: ${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(`Preview only. Commit with POST /api/imports/${job.id}/commit, or run again with --commit.\n`);
    }
  }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await app.close();
}
