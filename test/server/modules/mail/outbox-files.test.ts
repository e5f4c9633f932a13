import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { simpleParser } from 'mailparser';
import { mailFixture, recordingSource, START, waitFor } from './fixture.js';
import { deleteOutboxFiles, outboxDir, purgeOutboxFiles } from '../../../../server/modules/mail/outbox-files.js';
import { createTransport, outboxWarning, warnIfOutboxInProduction } from '../../../../server/modules/mail/transport.js';

const DAY = 24 * 60 * 60 * 1000;

t.test('without RELAY_SMTP_URL each message is written as an .eml file that parses back, and the log says where', async (t) => {
  const f = mailFixture(t);
  const { source, sent } = recordingSource({ headers: { 'List-Unsubscribe': '<https://relay.example/u/x>' } });
  const ids = f.queue(2, { language: 'ar' });
  const mailer = f.mailer(source);
  t.equal(mailer.transport.kind, 'outbox');
  mailer.wake();
  await waitFor('both written', () => f.states().every((s) => s === 'sent'));
  t.same(new Set(sent), new Set(ids));

  const dir = outboxDir(f.config.dataDir);
  t.equal((fs.statSync(dir).mode & 0o777).toString(8), '700', 'the directory is the service user\'s only');
  const files = fs.readdirSync(dir).sort();
  t.equal(files.length, 2);
  for (const id of ids) {
    const name = files.find((n) => n.includes(id))!;
    t.match(name, /^20260302T090000Z\.[A-Za-z0-9_-]+\.eml$/, 'named by time and outbox id, never by address');
    const file = path.join(dir, name);
    t.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
    const raw = fs.readFileSync(file);
    t.match(raw.toString(), /\r\n\r\n/, 'CRLF line ends, as on the wire');
    const mail = await simpleParser(raw);
    t.equal(mail.messageId, f.row(id).messageId);
    t.equal(mail.headers.get('content-language'), 'ar');
    t.equal(mail.subject, `Your survey ${id}`);
    t.match(mail.text, `https://relay.example/s/secret-${id}`, 'the link can be clicked from the file');
    t.match(f.logs.text(), `"outboxId":"${id}","kind":"test","file":"${file.replace(/\\/g, '\\\\')}"`);
  }
  t.notMatch(f.logs.text(), /secret-|Your survey|@example\.org/, 'no link, text or address in the log');
});

t.test('outbox files older than the retention period are deleted at start; a campaign\'s files can be deleted by outbox id', async (t) => {
  const f = mailFixture(t, { RELAY_OUTBOX_RETENTION_DAYS: '7' });
  const dir = outboxDir(f.config.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, ageDays: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, 'x');
    const at = new Date(START.getTime() - ageDays * DAY);
    fs.utimesSync(file, at, at);
  };
  write('old.a.eml', 8);
  write('recent.b.eml', 6);
  write('notes.txt', 30);
  const transport = createTransport(f.config, f.log, f.clock);
  t.teardown(() => transport.close());
  t.same(fs.readdirSync(dir).sort(), ['notes.txt', 'recent.b.eml'], 'only .eml files past the retention period go');
  t.match(f.logs.text(), /"removed":1,"retentionDays":7/);

  t.equal(purgeOutboxFiles(dir, 7, new Date(START.getTime() + 2 * DAY)), 1, 'a later sweep takes the next one');
  write('20260301T000000Z.row-1.eml', 0);
  write('20260301T000000Z.row-2.eml', 0);
  t.equal(deleteOutboxFiles(f.config.dataDir, ['row-1', 'unknown']), 1);
  t.same(fs.readdirSync(dir).sort(), ['20260301T000000Z.row-2.eml', 'notes.txt']);
});

t.test('the outbox warning: loud when mail goes to files while the public URL is not local', async (t) => {
  const base = { smtpUrl: '', dataDir: '/srv/relay' };
  t.equal(outboxWarning({ ...base, publicUrl: 'http://localhost:3000' }), null);
  t.equal(outboxWarning({ ...base, publicUrl: 'http://127.0.0.1:3000' }), null);
  t.equal(outboxWarning({ ...base, publicUrl: 'http://[::1]:3000' }), null);
  t.equal(outboxWarning({ ...base, smtpUrl: 'smtp://mail.example.org', publicUrl: 'https://relay.example.org' }), null);
  const warning = outboxWarning({ ...base, publicUrl: 'https://relay.example.org' });
  t.match(warning, /emails are NOT sent but written as \.eml files to \/srv\/relay\/outbox/);
  const f = mailFixture(t);
  t.equal(warnIfOutboxInProduction({ ...base, publicUrl: 'https://relay.example.org' }, f.log), true);
  t.equal(warnIfOutboxInProduction({ ...base, publicUrl: 'http://localhost:3000' }, f.log), false);
  t.match(f.logs.text(), /"level":50.*NOT sent/);
});
