import t from 'tap';
import { buildTestApp, logCollector } from '../helper.js';
import { redactUrl } from '../../server/logger.js';

t.test('request logs carry no password, token, cookie or email address', async (t) => {
  const log = logCollector();
  const app = await buildTestApp(t, { RELAY_LOG_LEVEL: 'trace' }, { logStream: log.stream });
  const email = 'secret.person@example.org';
  const password = 'very-secret-password-1';
  await app.services.accounts.ensureFirstAdmin(email, password, false);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const cookie = login.cookies[0].value;
  const created = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: { cookie: `relay_session=${cookie}`, origin: 'http://localhost:3000' }, payload: { name: 'x' } });
  const token = created.json().token;
  await app.inject({ method: 'GET', url: `/api/me?token=${token}&email=${email}`, headers: { authorization: `Bearer ${token}` } });
  const invite = await app.inject({ method: 'POST', url: '/api/users', headers: { authorization: `Bearer ${token}` }, payload: { email: 'invitee@example.org', role: 'researcher' } });
  const link = invite.json().setPasswordUrl as string;
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'wrong-password-here' } });
  await app.inject({ method: 'GET', url: '/s/personal-token-abcdef' });
  const text = log.text();
  t.ok(log.lines.length > 10, 'requests were logged');
  t.match(text, /"url":"\/api\/me\?token=%5Bredacted%5D&email=%5Bredacted%5D"/, 'query secrets replaced');
  t.match(text, /"url":"\/s\/\[redacted\]"/, 'personal link token replaced');
  for (const secret of [email, password, cookie, token, 'invitee@example.org', link.split('token=')[1], 'personal-token-abcdef', 'wrong-password-here']) {
    t.notOk(text.includes(secret), `log does not contain ${secret.slice(0, 12)}…`);
  }
});

t.test('redactUrl keeps harmless parts', async (t) => {
  t.equal(redactUrl('/api/surveys?version=2'), '/api/surveys?version=2');
  t.equal(redactUrl('/c/open-code/page?lang=ar'), '/c/[redacted]/page?lang=ar');
});
