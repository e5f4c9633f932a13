import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import JSZip from 'jszip';
import { seed } from './fixture.js';
import { csvRows, exportApp, ndjsonRows } from './setup.js';

const run = promisify(execFile);

t.test('the export CLI writes the same anonymised export to a file or to stdout, and is audited', async (t) => {
  const { app, partner } = await exportApp(t);
  seed(app, Array.from({ length: 5 }, () => ({ partnerId: partner.id, data: { fullname: 'Zebulon Secretname', gender: 'f', story: 'my long story', rate: 2 } })));
  const env = { ...process.env, RELAY_DATA_DIR: app.config.dataDir, RELAY_LOG_LEVEL: 'silent' };
  const file = path.join(app.config.dataDir, 'out.zip');

  const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/export.ts', 'lives', ...args], { env });
  const [toFile, toStdout] = await Promise.all([cli('--out', file, '--months', '--format', 'zip'), cli('--format', 'ndjson', '--free-text')]);
  t.match(JSON.parse(toFile.stderr.trim().split('\n').at(-1)!), { rows: 5, k: 5 });
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  t.ok(zip.file('lives-responses.sps') && zip.file('datapackage.json') && zip.file('manifest.json'), 'a zip from the shell');
  const csv = await zip.file('lives-responses.csv')!.async('string');
  const rows = csvRows(csv);
  t.equal(rows.length, 5);
  t.equal(rows[0].date, '2026-03');
  t.notOk('story' in rows[0], 'no free text unless --free-text');
  t.notOk(csv.includes('Zebulon'));
  t.same(ndjsonRows(toStdout.stdout).map((r) => r.story), Array(5).fill('my long story'));
  const audited = app.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'responses.export' AND actor_id IS NULL").get() as { n: number };
  t.equal(audited.n, 2);
});
