import { spawn } from 'node:child_process';
import t from 'tap';
import { mailFixture, waitFor } from './fixture.js';
import { duplicates, startSmtp } from './smtp.js';

const CONCURRENCY = 4;

function sender(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/send-mail.ts', '--poll', '50', ...args], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

t.test('a sender process killed with -9 mid-way and restarted delivers every message, repeating at most the concurrency', async (t) => {
  const sink = await startSmtp({ light: true, delay: () => 40 });
  t.teardown(sink.close);
  const f = mailFixture(t);
  const ids = f.queue(60);
  const env = {
    RELAY_DATA_DIR: f.config.dataDir, RELAY_SMTP_URL: sink.url, RELAY_MAIL_CONCURRENCY: String(CONCURRENCY), RELAY_MAIL_RATE: '0',
    // a one-second SMTP timeout: the dead process's leases run out after two seconds
    RELAY_SMTP_TIMEOUT_SECONDS: '1', RELAY_LOG_LEVEL: 'warn', RELAY_LOAD_EXAMPLES: 'false',
  };

  const first = sender(env);
  t.teardown(() => { first.child.kill('SIGKILL'); });
  await waitFor('a third of the messages arrive', () => sink.ids.length >= 20, 20_000);
  first.child.kill('SIGKILL');
  await first.exited;
  const atCrash = f.rows();
  const inFlight = atCrash.filter((r) => r.state === 'sending').length;
  t.ok(inFlight <= CONCURRENCY, `at most ${CONCURRENCY} rows were leased at the crash (${inFlight})`);
  t.ok(atCrash.filter((r) => r.state === 'pending').length > 0, 'work was left');

  const second = sender(env, ['--drain']);
  t.teardown(() => { second.child.kill('SIGKILL'); });
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([second.exited, new Promise<string>((r) => { timer = setTimeout(() => r('timeout'), 20_000); })]);
  clearTimeout(timer);
  t.equal(code, 0, `the restarted sender drained the outbox and exited\n${second.output()}`);

  const rows = f.rows();
  t.same(rows.filter((r) => r.state !== 'sent').map((r) => [r.id, r.state]), [], 'every row is sent');
  const arrived = new Set(sink.ids);
  t.same(rows.filter((r) => !arrived.has(r.messageId)).map((r) => r.id), [], 'every message arrived');
  t.equal(arrived.size, ids.length);
  const repeated = [...duplicates(sink.ids).values()].reduce((sum, n) => sum + n - 1, 0);
  t.ok(repeated <= CONCURRENCY, `repeats (${repeated}) within the bound of ${CONCURRENCY}`);
  t.ok(repeated <= inFlight, `only rows in flight at the crash were repeated (${repeated} ≤ ${inFlight})`);
});
