import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { startProcess as start } from '../process.js';

t.test('the process starts on its defaults, serves, and shuts down cleanly on SIGTERM', async (t) => {
  const dir = t.testdir();
  const proc = start({ RELAY_DATA_DIR: dir, PORT: '0', RELAY_PUBLIC_URL: 'http://127.0.0.1:1', RELAY_LOG_LEVEL: 'info' });
  t.teardown(() => { proc.child.kill('SIGKILL'); });
  const address = await proc.ready;
  const ready = await fetch(`${address}/readyz`);
  t.equal(ready.status, 200);
  const passwordFile = path.join(dir, 'initial-admin-password.txt');
  t.ok(fs.existsSync(passwordFile), 'generated admin password file');
  t.notOk(proc.output().includes(fs.readFileSync(passwordFile, 'utf8').trim()), 'the password is not in the output');
  proc.child.kill('SIGTERM');
  t.equal(await proc.exited, 0, 'exit code 0');
  t.match(proc.output(), /shutting down/);
  t.notOk(fs.existsSync(path.join(dir, 'relay.sqlite-wal')), 'database closed (WAL checkpointed and removed)');
});

t.test('a bad configuration stops the start with every problem named', async (t) => {
  const proc = start({ RELAY_DATA_DIR: t.testdir(), PORT: 'abc', RELAY_LOG_LEVEL: 'noisy' });
  t.equal(await proc.exited, 1);
  t.match(proc.output(), /PORT=/);
  t.match(proc.output(), /RELAY_LOG_LEVEL=/);
  await proc.ready.catch(() => {});
});
