import path from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../../server/config.js';

t.test('defaults give a working config', async (t) => {
  const c = loadConfig({});
  t.equal(c.port, 3000);
  t.equal(c.host, '127.0.0.1');
  t.equal(c.dataDir, path.resolve('data'));
  t.equal(c.publicUrl, 'http://localhost:3000');
  t.equal(c.trustProxy, false, 'forwarded addresses are not believed by default');
  t.equal(c.adminPassword, undefined);
});

t.test('every bad value is named at once', async (t) => {
  const err = t.throws(() => loadConfig({ PORT: 'eighty', RELAY_LOG_LEVEL: 'loud', RELAY_PUBLIC_URL: 'ftp://x', RELAY_ADMIN_PASSWORD: 'short', RELAY_TRUST_PROXY: 'maybe?' })) as ConfigError;
  t.ok(err instanceof ConfigError);
  const joined = err.problems.join('\n');
  for (const name of ['PORT', 'RELAY_LOG_LEVEL', 'RELAY_PUBLIC_URL', 'RELAY_ADMIN_PASSWORD', 'RELAY_TRUST_PROXY']) t.match(joined, name);
  t.equal(err.problems.length, 5);
  t.notMatch(err.message, /short/, 'the bad password itself is not echoed');
});

t.test('trust proxy accepts a hop count and an address list', async (t) => {
  t.equal(loadConfig({ RELAY_TRUST_PROXY: '1' }).trustProxy, 1);
  t.same(loadConfig({ RELAY_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy, ['10.0.0.1', '192.168.0.0/16']);
  t.equal(loadConfig({ RELAY_PUBLIC_URL: 'https://survey.example.org/' }).publicUrl, 'https://survey.example.org');
});

t.test('mail: the outbox by default, a sender from the public host, SMTP credentials never echoed', async (t) => {
  const c = loadConfig({ RELAY_PUBLIC_URL: 'https://survey.example.org' });
  t.equal(c.smtpUrl, '', 'no SMTP server: messages go to the outbox directory');
  t.equal(c.mailFrom, 'survey-relay@survey.example.org');
  const err = t.throws(() => loadConfig({ RELAY_SMTP_URL: 'http://user:hunter2secret@mail.example.org', RELAY_MAIL_CONCURRENCY: '0' })) as ConfigError;
  t.match(err.message, /RELAY_SMTP_URL=\(hidden\) must start with smtp/);
  t.match(err.message, /RELAY_MAIL_CONCURRENCY/);
  t.notMatch(err.message, /hunter2secret/);
});

t.test('README documents every configuration variable', async (t) => {
  const { CONFIG_VARIABLES } = await import('../../server/config.js');
  const readme = (await import('node:fs')).readFileSync('README.md', 'utf8');
  for (const v of CONFIG_VARIABLES) t.match(readme, `| \`${v.env}\` |`, `${v.env} in README`);
});
