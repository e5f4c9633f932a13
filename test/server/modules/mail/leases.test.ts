import t from 'tap';
import { mailFixture, recordingSource, waitFor } from './fixture.js';
import { duplicates, startSmtp } from './smtp.js';
import { createMailer } from '../../../../server/modules/mail/sender.js';

t.test('two senders on one database (two owners, two connections) never send the same row twice', async (t) => {
  const sink = await startSmtp({ light: true, delay: () => 5 });
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url, RELAY_MAIL_CONCURRENCY: '3' });
  const ids = f.queue(60);
  const a = recordingSource();
  const b = recordingSource();
  const first = f.mailer(a.source, { owner: 'process-a' });
  const second = createMailer({ db: f.secondConnection(), config: f.config, log: f.log, clock: f.clock, source: b.source, owner: 'process-b', pollMs: 20 });
  t.teardown(() => second.stop(2000));
  first.wake();
  second.wake();
  await waitFor('all sent', () => f.states().every((s) => s === 'sent'), 15_000);
  t.equal(sink.ids.length, 60, 'every message arrived');
  t.same([...duplicates(sink.ids)], [], 'none twice');
  t.equal(a.sent.length + b.sent.length, 60);
  t.same(new Set([...a.sent, ...b.sent]), new Set(ids));
  t.ok(a.sent.length > 0 && b.sent.length > 0, `both worked (${a.sent.length} + ${b.sent.length})`);
});

t.test('a sender whose lease expired cannot record the outcome of a row another sender took over', async (t) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let holds = 0;
  // the first exchange of the message hangs until released; later ones go through
  const sink = await startSmtp({ delay: () => (holds++ === 0 ? held : 0) });
  t.teardown(sink.close);
  t.teardown(() => release());
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url, RELAY_SMTP_TIMEOUT_SECONDS: '5' });
  const [id] = f.queue(1);
  const slow = recordingSource();
  const fast = recordingSource();
  f.mailer(slow.source, { owner: 'slow' }).wake();
  await waitFor('the slow sender is in the DATA exchange', () => holds === 1);
  t.equal(f.row(id).leaseOwner, 'slow');
  t.equal(f.row(id).leaseUntil, new Date(f.clock().getTime() + 10_000).toISOString(), 'the lease lasts twice the SMTP timeout');

  const other = f.mailer(fast.source, { owner: 'fast' });
  other.wake();
  await new Promise((r) => setTimeout(r, 50));
  t.equal(f.row(id).leaseOwner, 'slow', 'a live lease is not taken');
  f.clock.advance(10_001);
  other.wake();
  await waitFor('the other sender took over and sent', () => f.row(id).state === 'sent');
  t.same(fast.sent, [id]);
  t.equal(f.row(id).attempts, 2);

  release();
  await waitFor('the slow exchange ends', () => sink.ids.length === 2);
  await waitFor('the slow sender noticed', () => /lease lost/.test(f.logs.text()));
  t.same(slow.sent, [], 'the slow sender recorded nothing');
  t.equal(f.row(id).state, 'sent');
});

t.test('no more messages in flight at the server than the configured concurrency', async (t) => {
  const sink = await startSmtp({ light: true, delay: () => 30 });
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url, RELAY_MAIL_CONCURRENCY: '3' });
  f.queue(24);
  const { source } = recordingSource();
  const mailer = f.mailer(source);
  let peakLocal = 0;
  const watch = setInterval(() => { peakLocal = Math.max(peakLocal, mailer.inFlight()); }, 2);
  t.teardown(() => clearInterval(watch));
  mailer.wake();
  await waitFor('all sent', () => f.states().every((s) => s === 'sent'), 15_000);
  t.equal(sink.ids.length, 24);
  t.equal(sink.peak(), 3, 'three at once at the server, never more');
  t.ok(peakLocal <= 3, `the sender held at most three leases (${peakLocal})`);
});

t.test('no more messages a minute than the rate limit, evenly spaced', async (t) => {
  const sink = await startSmtp({ light: true });
  t.teardown(sink.close);
  const f = mailFixture(t, { RELAY_SMTP_URL: sink.url, RELAY_MAIL_RATE: '6', RELAY_MAIL_CONCURRENCY: '4' });
  f.queue(10);
  const { source } = recordingSource();
  f.mailer(source).wake();
  await waitFor('the first goes out', () => sink.ids.length === 1);
  await new Promise((r) => setTimeout(r, 150));
  t.equal(sink.ids.length, 1, 'the clock stands still: one message only');
  f.clock.advance(9_999);
  await new Promise((r) => setTimeout(r, 100));
  t.equal(sink.ids.length, 1, 'not before ten seconds (6 a minute)');
  f.clock.advance(1);
  await waitFor('the second', () => sink.ids.length === 2);
  f.clock.advance(50_000);
  await waitFor('one more after a long pause, not a burst', () => sink.ids.length === 3);
  await new Promise((r) => setTimeout(r, 100));
  t.equal(sink.ids.length, 3, 'a pause does not save up sends');
  for (let i = 0; i < 3; i++) f.clock.advance(10_000);
  await waitFor('one more', () => sink.ids.length === 4);
  await new Promise((r) => setTimeout(r, 100));
  t.equal(sink.ids.length, 4, 'thirty seconds at once allow one send, not three: the bucket holds one');
});
