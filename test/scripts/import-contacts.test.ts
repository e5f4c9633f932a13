import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import iconv from 'iconv-lite';
import { buildApp } from '../../server/app.js';
import { testConfig, createPartner, createList } from '../helper.js';

const run = promisify(execFile);

t.test('the import CLI previews and commits a file into a list through the same service', { timeout: 120_000 }, async (t) => {
  const config = testConfig(t);
  const app = await buildApp(config);
  await app.services.accounts.ensureFirstAdmin('admin@example.org', 'cli-admin-password', false);
  const list = createList(app, createPartner(app, 'Stadsmissionen').id, 'Deltagare');
  await app.close();
  const file = path.join(config.dataDir, 'kontakter.csv');
  fs.writeFileSync(file, iconv.encode('E-post;Namn;Språk\r\nåsa@example.se;Åsa Öberg;svenska\r\nfel-adress;Märta;sv\r\n', 'windows-1252'));
  const env = { ...process.env, RELAY_DATA_DIR: config.dataDir };

  const preview = await run(process.execPath, ['--import', 'tsx', 'scripts/import-contacts.ts', '--list', list.id, file], { env });
  t.match(preview.stdout, /"add": 1/);
  t.match(preview.stdout, /row 3: invalid_email \(skip\)/);
  t.match(preview.stdout, /Preview only/);

  const committed = await run(process.execPath, ['--import', 'tsx', 'scripts/import-contacts.ts', '--list', list.id, file, '--commit'], { env });
  t.match(committed.stdout, /Committed: \{"added":1,"updated":0,"unchanged":0,"skipped":0\}/);
  const check = await buildApp(config);
  t.teardown(() => check.close());
  const contacts = check.services.contacts.list(list.id, { userId: null, role: 'admin', partnerId: null }, { page: 1, pageSize: 10 });
  t.same(contacts.items.map((c) => [c.email, c.name, c.language]), [['åsa@example.se', 'Åsa Öberg', 'sv']]);

  const bad = await run(process.execPath, ['--import', 'tsx', 'scripts/import-contacts.ts', '--list', 'nope', file], { env }).catch((e) => e);
  t.equal(bad.code, 1);
  t.match(bad.stderr, /The list was not found/);
});
