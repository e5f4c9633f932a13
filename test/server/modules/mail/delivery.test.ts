import net from 'node:net';
import t from 'tap';
import { mailFixture, recordingSource, waitFor } from './fixture.js';
import { startSmtp } from './smtp.js';

t.test('a queued message arrives with the sender name, reply-to, Message-ID, list headers, language and both parts', async (t) => {
  const sink = await startSmtp();
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url, RELAY_MAIL_FROM: 'relay@surveys.example.org' });
  const { source, sent } = recordingSource({
    replyTo: 'coordinator@redcross.example',
    headers: { 'List-Unsubscribe': '<https://relay.example/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  const [id] = f.queue(1, { language: 'sv-SE' });
  const mailer = f.mailer(source);
  mailer.wake();
  await waitFor('the message is recorded as sent', () => f.row(id).state === 'sent');

  const row = f.row(id);
  t.equal(sink.received.length, 1);
  const { mail, to } = sink.received[0];
  t.same(to, ['person1@example.org']);
  t.same(mail.from?.value, [{ name: 'Röda Korset "Malmö"', address: 'relay@surveys.example.org' }], 'display name with quotes and non-ASCII survives');
  t.same(mail.replyTo?.value, [{ name: '', address: 'coordinator@redcross.example' }]);
  t.equal(mail.messageId, row.messageId, 'Message-ID is the row\'s');
  const raw = sink.received[0].raw.toString();
  t.match(raw, /^List-Unsubscribe: <https:\/\/relay\.example\/u\/abc>\r$/m);
  t.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
  t.equal(mail.headers.get('content-language'), 'sv-SE');
  t.equal(mail.subject, `Your survey ${id}`);
  t.match(mail.text, `https://relay.example/s/secret-${id}`);
  t.match(mail.html as string, `<a href="https://relay.example/s/secret-${id}">here</a>`);
  t.equal(row.attempts, 1);
  t.equal(row.sentAt, f.clock().toISOString());
  t.same(sent, [id], 'the source heard of the send');
  t.equal(row.leaseOwner, null);

  const log = f.logs.text();
  t.match(log, new RegExp(`"outboxId":"${id}","kind":"test","outcome":"sent"`));
  t.notMatch(log, /person1@|secret-|Your survey|coordinator@/, 'no address, link or text in the log');
});

t.test('a 421 reply is retried after the backoff and then delivered', async (t) => {
  const sink = await startSmtp({ reply: (_id, seen) => (seen === 1 ? 421 : undefined) });
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url });
  const { source, sent } = recordingSource();
  const [id] = f.queue(1);
  const mailer = f.mailer(source, { retryBaseMs: 60_000 });
  mailer.wake();
  await waitFor('the first try fails', () => f.row(id).attempts === 1 && f.row(id).state === 'pending');
  const row = f.row(id);
  const delay = Date.parse(row.notBefore) - f.clock().getTime();
  t.ok(delay >= 30_000 && delay <= 60_000, `backs off between half and all of the base (${delay} ms)`);
  t.match(row.lastError, /EMESSAGE 421/);
  t.equal(sink.ids.length, 0);

  f.clock.advance(29_000);
  mailer.wake();
  await new Promise((r) => setTimeout(r, 100));
  t.equal(f.row(id).state, 'pending', 'not before its time');
  f.clock.advance(31_000);
  await waitFor('the retry is delivered', () => f.row(id).state === 'sent');
  t.equal(f.row(id).attempts, 2);
  t.same(sink.ids, [row.messageId], 'delivered once, with the same Message-ID');
  t.same(sent, [id]);
});

t.test('a 550 reply marks the message bounced and tells the source', async (t) => {
  const sink = await startSmtp({ rejectRecipient: 'gone@example.org' });
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url });
  const { source, sent, bounced } = recordingSource();
  const [gone] = f.queue(1, { recipient: () => 'gone@example.org' });
  const [ok] = f.queue(1);
  f.mailer(source).wake();
  await waitFor('both settle', () => f.row(gone).state === 'bounced' && f.row(ok).state === 'sent');
  t.equal(f.row(gone).attempts, 1, 'not retried');
  t.match(f.row(gone).lastError, /EENVELOPE 550/);
  t.same(bounced.map((b) => b.id), [gone]);
  t.match(bounced[0].error, /550/);
  t.same(sent, [ok]);
  t.notMatch(f.logs.text(), /gone@/, 'the bounced address is not logged');
});

t.test('a refused connection is retried until a server listens, then delivered', async (t) => {
  // a port that nothing listens on: taken, then released
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const f = mailFixture(t, { RELAY_SMTP_URL: `smtp://127.0.0.1:${port}` });
  const { source, sent } = recordingSource();
  const [id] = f.queue(1);
  const mailer = f.mailer(source, { retryBaseMs: 1000, maxAttempts: 3 });
  mailer.wake();
  await waitFor('the refusal is seen', () => f.row(id).attempts === 1 && f.row(id).state === 'pending');
  t.match(f.row(id).lastError, /ECONNECTION|ESOCKET/);
  f.clock.advance(1000);
  await waitFor('the second refusal', () => f.row(id).attempts === 2 && f.row(id).state === 'pending');
  t.ok(Date.parse(f.row(id).notBefore) - f.clock().getTime() >= 1000, 'the second wait is longer (doubled base)');
  await mailer.stop();

  const sink = await startSmtp({ port });
  t.teardown(sink.close);
  f.clock.advance(2000);
  f.mailer(source).wake();
  await waitFor('delivered once the server is up', () => f.row(id).state === 'sent');
  t.equal(sink.ids.length, 1);
  t.equal(f.row(id).attempts, 3);
  t.same(sent, [id]);
});

t.test('a message that keeps failing ends failed after the last attempt', async (t) => {
  const sink = await startSmtp({ reply: () => 451 });
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url });
  const { source, sent, bounced } = recordingSource();
  const [id] = f.queue(1);
  const mailer = f.mailer(source, { retryBaseMs: 1000, maxAttempts: 3 });
  mailer.wake();
  for (let attempt = 1; attempt < 3; attempt++) {
    await waitFor(`try ${attempt}`, () => f.row(id).attempts === attempt && f.row(id).state === 'pending');
    f.clock.advance(10_000);
    mailer.wake();
  }
  await waitFor('failed', () => f.row(id).state === 'failed');
  t.equal(f.row(id).attempts, 3);
  t.same([sent, bounced], [[], []], 'neither sent nor bounced');
});

t.test('a row the source no longer wants is cancelled, and an unsafe rendering fails without a send', async (t) => {
  const sink = await startSmtp();
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url });
  const [cancelled, injected] = f.queue(2, { recipient: (i) => (i === 2 ? 'a@example.org\r\nBcc: victim@example.org' : `p${i}@example.org`) });
  const { source, sent } = recordingSource({ cancel: (row) => row.id === cancelled });
  f.mailer(source).wake();
  await waitFor('both settle', () => f.row(cancelled).state === 'cancelled' && f.row(injected).state === 'failed');
  t.match(f.row(injected).lastError, /InvalidMessageError: to is not a single email address/);
  t.equal(sink.ids.length, 0, 'nothing sent');
  t.same(sent, []);
});

t.test('a source that fails while recording a send still leaves the row sent (never sent again), and a failed rendering is retried', async (t) => {
  const sink = await startSmtp();
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url });
  const [recorded, rendered] = f.queue(2);
  const { source } = recordingSource();
  let renders = 0;
  const mailer = f.mailer({
    render: (row) => { if (row.id === rendered && renders++ === 0) throw new Error('template store unavailable'); return source.render(row); },
    sent: () => { throw new Error('campaign bookkeeping failed'); },
    bounced: source.bounced,
  });
  mailer.wake();
  await waitFor('the first is sent, the second waits for a retry', () => f.row(recorded).state === 'sent' && f.row(rendered).state === 'pending');
  t.match(f.logs.text(), /the mail source failed on an outcome/);
  t.match(f.row(rendered).lastError, /template store unavailable/);
  f.clock.advance(1000);
  await waitFor('the retry renders and sends', () => f.row(rendered).state === 'sent');
  t.equal(sink.ids.length, 2, 'each sent once');
  await mailer.stop();
  t.equal(mailer.inFlight(), 0);
});
