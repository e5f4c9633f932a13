import t from 'tap';
import { InvalidMessageError, messageIdFor, normalizeMessageId, toMailOptions, type OutgoingMessage } from '../../../../server/modules/mail/message.js';
import { backoffMs, classify, createRateLimiter } from '../../../../server/modules/mail/policy.js';

const message: OutgoingMessage = {
  to: 'anna@example.org', fromName: 'Partner', subject: 'Hello', text: 'text', html: '<p>html</p>', messageId: '<abc@relay.example>',
};

t.test('header injection: line breaks in addresses and headers are refused, in shown text turned to spaces', async (t) => {
  t.throws(() => toMailOptions({ ...message, to: 'anna@example.org\r\nBcc: all@example.org' }, 'relay@example.org'), InvalidMessageError);
  t.throws(() => toMailOptions({ ...message, to: 'anna@example.org, bob@example.org' }, 'relay@example.org'), /single email address/);
  t.throws(() => toMailOptions({ ...message, replyTo: 'coord@example.org\nBcc: x@example.org' }, 'relay@example.org'), /replyTo/);
  t.throws(() => toMailOptions({ ...message, headers: { 'List-Unsubscribe': '<https://x>\r\nBcc: x@example.org' } }, 'relay@example.org'), /line break/);
  t.throws(() => toMailOptions({ ...message, headers: { 'X-Bad\r\nBcc': 'x' } }, 'relay@example.org'), /not allowed/);
  t.throws(() => toMailOptions({ ...message, headers: { Bcc: 'x@example.org' } }, 'relay@example.org'), /not allowed/, 'no recipients through headers');
  t.throws(() => toMailOptions({ ...message, language: 'sv\r\nBcc: x' }, 'relay@example.org'), /BCP 47/);
  t.throws(() => normalizeMessageId('<a@b>\r\nBcc: x'), /messageId/);
  const ok = toMailOptions({ ...message, subject: 'Hi\r\nBcc: x@example.org', fromName: 'Evil\nBcc: y', language: 'ar-SY' }, 'relay@example.org');
  t.equal(ok.subject, 'Hi Bcc: x@example.org');
  t.same(ok.from, { name: 'Evil Bcc: y', address: 'relay@example.org' });
  t.equal((ok.headers as Record<string, string>)['Content-Language'], 'ar-SY');
  t.equal(toMailOptions({ ...message, messageId: 'bare@relay.example' }, 'relay@example.org').messageId, '<bare@relay.example>');
});

t.test('Message-IDs are stable per seed, differ between seeds and reveal nothing of the seed', async (t) => {
  const a = messageIdFor('survey-relay@relay.example.org', 'invitation-1.0');
  t.equal(a, messageIdFor('survey-relay@relay.example.org', 'invitation-1.0'));
  t.not(a, messageIdFor('survey-relay@relay.example.org', 'invitation-1.1'));
  t.match(a, /^<[A-Za-z0-9_-]{32}@relay\.example\.org>$/);
  t.notMatch(a, /invitation/);
});

t.test('failures: 5xx to a recipient or message is permanent; 4xx, connection faults and 5xx to the sender or login are temporary', async (t) => {
  t.equal(classify({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }), 'permanent');
  t.equal(classify({ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }), 'permanent');
  t.equal(classify({ code: 'EMESSAGE', responseCode: 421, command: 'DATA' }), 'temporary');
  t.equal(classify({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }), 'temporary');
  t.equal(classify({ code: 'EENVELOPE', responseCode: 503, command: 'RCPT TO' }), 'temporary', '503 is a bad sequence, not a refusal');
  t.equal(classify({ code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM' }), 'temporary', 'our sender address refused: not the contact\'s bounce');
  t.equal(classify({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }), 'temporary', 'bad credentials: not a bounce');
  for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']) t.equal(classify({ code }), 'temporary', code);
  t.equal(classify(new InvalidMessageError('x')), 'invalid');
  t.equal(classify(undefined), 'temporary');
});

t.test('backoff doubles from the base with jitter between half and all, capped', async (t) => {
  const opts = { baseMs: 60_000, capMs: 6 * 3600_000 };
  t.equal(backoffMs(1, { ...opts, random: () => 1 }), 60_000);
  t.equal(backoffMs(1, { ...opts, random: () => 0 }), 30_000);
  t.equal(backoffMs(3, { ...opts, random: () => 1 }), 240_000);
  t.equal(backoffMs(20, { ...opts, random: () => 1 }), 6 * 3600_000);
  t.equal(backoffMs(20, { ...opts, random: () => 0 }), 3 * 3600_000);
});

t.test('the rate limiter lets one send start per interval and keeps no burst', async (t) => {
  let now = 0;
  const limiter = createRateLimiter(60, () => now);
  t.equal(limiter.available(), 1);
  limiter.take(1);
  t.equal(limiter.available(), 0);
  t.equal(limiter.wait(), 1000);
  now = 999;
  t.equal(limiter.available(), 0);
  now = 1000;
  t.equal(limiter.available(), 1);
  limiter.take(1);
  now = 60_000;
  t.equal(limiter.available(), 1);
  limiter.take(1);
  t.equal(limiter.available(), 0, 'an idle minute does not save up sends');
  const off = createRateLimiter(0, () => now);
  t.equal(off.available(), Number.POSITIVE_INFINITY);
  t.equal(off.wait(), 0);
});
