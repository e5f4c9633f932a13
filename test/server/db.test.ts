import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { buildApp } from '../../server/app.js';
import { backupDataDir, restoreDataDir } from '../../server/db/backup.js';
import { createPartner, testConfig } from '../helper.js';

t.test('the schema and the committed migrations agree (drizzle-kit check + generate finds nothing)', async (t) => {
  const out = t.testdir();
  fs.cpSync('migrations', out, { recursive: true });
  const result = execFileSync('npx', ['drizzle-kit', 'generate', '--config', 'drizzle.config.ts', '--name', 'probe'], {
    encoding: 'utf8', env: { ...process.env, DRIZZLE_OUT: path.relative(process.cwd(), out) },
  });
  t.match(result, /No schema changes/, 'no new migration would be generated');
  t.same(fs.readdirSync(out).sort(), fs.readdirSync('migrations').sort(), 'no migration file added');
});

t.test('database runs with WAL, synchronous=FULL, foreign keys and a busy timeout', async (t) => {
  const config = testConfig(t);
  const app = await buildApp(config);
  t.teardown(() => app.close());
  const db = app.db.$client;
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
  t.equal(db.pragma('foreign_keys', { simple: true }), 1);
  t.equal(db.pragma('busy_timeout', { simple: true }), 5000);
});

t.test('an online backup taken while the app runs restores with the data', async (t) => {
  const root = t.testdir();
  const config = testConfig(t, { RELAY_DATA_DIR: path.join(root, 'live') });
  const app = await buildApp(config);
  createPartner(app, 'Stadsmissionen Göteborg');
  const backup = await backupDataDir(config.dataDir, path.join(config.dataDir, 'b', 'copy.sqlite'));
  createPartner(app, 'Written after the backup');
  await app.close();

  const restoredConfig = testConfig(t, { RELAY_DATA_DIR: path.join(root, 'restored') });
  restoreDataDir(backup, restoredConfig.dataDir);
  const restored = await buildApp(restoredConfig);
  t.teardown(() => restored.close());
  t.same(restored.services.partners.list().map((p) => p.name), ['Stadsmissionen Göteborg']);
  t.equal(fs.readFileSync(path.join(restoredConfig.dataDir, 'secret.key'), 'utf8'), fs.readFileSync(path.join(config.dataDir, 'secret.key'), 'utf8'),
    'the server secret comes back with the database');
});

t.test('restore refuses a damaged backup and leaves the database alone', async (t) => {
  const config = testConfig(t);
  const bad = path.join(config.dataDir, 'bad.sqlite');
  fs.writeFileSync(bad, 'SQLite format 3\u0000 this is not a database');
  t.throws(() => restoreDataDir(bad, config.dataDir));
  t.notOk(fs.existsSync(path.join(config.dataDir, 'relay.sqlite')));
});
