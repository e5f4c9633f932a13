import t from 'tap';
import { as, buildTestApp, createCast, createUser, signIn } from '../../../helper.js';

const ORIGIN = 'http://localhost:3000';

t.test('invited user sets a password through the one-time link, then signs in with a secure http-only cookie', async (t) => {
  const app = await buildTestApp(t);
  const { admin } = createCast(app);
  const invite = await app.inject(as(admin, { method: 'POST', url: '/api/users', payload: { email: 'Ana.Kowalska@Example.org', role: 'researcher' } }));
  t.equal(invite.statusCode, 201);
  const body = invite.json();
  t.equal(body.user.hasPassword, false);
  t.match(body.setPasswordUrl, /^http:\/\/localhost:3000\/admin\/set-password#token=srp_/);
  const token = decodeURIComponent(body.setPasswordUrl.split('token=')[1]);

  const weak = await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'short' } });
  t.equal(weak.statusCode, 422);
  t.equal(weak.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.same(weak.json().errors, [{ pointer: '/password', message: 'must be at least 12 characters' }]);

  const set = await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'a long enough passphrase' } });
  t.equal(set.statusCode, 200);
  t.equal(set.json().hasPassword, true);
  const again = await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'another long passphrase' } });
  t.equal(again.statusCode, 422, 'the link works once');

  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ana.kowalska@example.org', password: 'a long enough passphrase' } });
  t.equal(login.statusCode, 200);
  const cookie = login.cookies.find((c) => c.name === 'relay_session')!;
  t.ok(cookie.httpOnly, 'http-only');
  t.ok(cookie.secure, 'secure');
  t.equal(cookie.sameSite, 'Strict');
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `relay_session=${cookie.value}` } });
  t.equal(me.json().email, 'Ana.Kowalska@Example.org');
  t.equal(me.json().role, 'researcher');
});

t.test('expired set-password link is refused', async (t) => {
  let now = new Date('2026-01-01T00:00:00Z');
  const app = await buildTestApp(t, { RELAY_INVITE_TTL_HOURS: '1' }, { clock: () => now });
  const { token } = app.services.accounts.inviteUser({ email: 'late@example.org', role: 'researcher' });
  now = new Date('2026-01-01T01:00:01Z');
  const res = await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'a long enough passphrase' } });
  t.equal(res.statusCode, 422);
  t.match(res.json().detail, /expired/);
});

t.test('generated first admin must change the password before anything else', async (t) => {
  const app = await buildTestApp(t);
  await app.services.accounts.ensureFirstAdmin('root@example.org', 'generated-password-123', true);
  const cookie = await signIn(app, 'root@example.org', 'generated-password-123');
  const headers = { cookie, origin: ORIGIN };
  const blocked = await app.inject({ method: 'GET', url: '/api/users', headers });
  t.equal(blocked.statusCode, 403);
  t.equal(blocked.json().code, 'PASSWORD_CHANGE_REQUIRED');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers })).json().mustChangePassword, true);
  const wrong = await app.inject({ method: 'POST', url: '/api/me/password', headers, payload: { currentPassword: 'nope', newPassword: 'brand new passphrase' } });
  t.equal(wrong.statusCode, 422);
  t.same(wrong.json().errors, [{ pointer: '/currentPassword', message: 'is wrong' }]);
  const ok = await app.inject({ method: 'POST', url: '/api/me/password', headers, payload: { currentPassword: 'generated-password-123', newPassword: 'brand new passphrase' } });
  t.equal(ok.statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: '/api/users', headers })).statusCode, 200, 'same session continues after the change');
});

t.test('session cookie: state-changing requests must come from our origin (CSRF)', async (t) => {
  const app = await buildTestApp(t);
  await app.services.accounts.ensureFirstAdmin('root@example.org', 'admin-password-123', false);
  const cookie = await signIn(app, 'root@example.org', 'admin-password-123');
  const payload = { name: 'Röda Korset Malmö', country: 'SE', timeZone: 'Europe/Stockholm' };
  const noOrigin = await app.inject({ method: 'POST', url: '/api/partners', headers: { cookie }, payload });
  t.equal(noOrigin.statusCode, 403);
  t.equal(noOrigin.json().code, 'CSRF_REJECTED');
  const evil = await app.inject({ method: 'POST', url: '/api/partners', headers: { cookie, origin: 'https://evil.example' }, payload });
  t.equal(evil.statusCode, 403);
  const fetchMeta = await app.inject({ method: 'POST', url: '/api/partners', headers: { cookie, 'sec-fetch-site': 'cross-site' }, payload });
  t.equal(fetchMeta.statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/api/partners' })).statusCode, 401);
  const good = await app.inject({ method: 'POST', url: '/api/partners', headers: { cookie, origin: ORIGIN }, payload });
  t.equal(good.statusCode, 201);
  t.equal(app.services.partners.list().length, 1, 'rejected requests wrote nothing');
});

t.test('twenty wrong passwords are rate limited with 429 and Retry-After, and the server keeps serving', async (t) => {
  const app = await buildTestApp(t, { RELAY_LOGIN_MAX_ATTEMPTS: '5' });
  await app.services.accounts.ensureFirstAdmin('root@example.org', 'admin-password-123', false);
  const codes: number[] = [];
  let last;
  for (let i = 0; i < 20; i++) {
    last = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'root@example.org', password: `wrong-${i}` } });
    codes.push(last.statusCode);
  }
  t.same(codes.slice(0, 5), [401, 401, 401, 401, 401]);
  t.ok(codes.slice(5).every((c) => c === 429), 'then 429');
  t.equal(last!.json().code, 'TOO_MANY_ATTEMPTS');
  t.ok(Number(last!.headers['retry-after']) > 0);
  const right = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'root@example.org', password: 'admin-password-123' } });
  t.equal(right.statusCode, 429, 'even the right password waits out the lock');
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
});

t.test('API tokens: shown once, stored hashed, revocable; expired and revoked tokens get 401', async (t) => {
  let now = new Date('2026-03-01T00:00:00Z');
  const app = await buildTestApp(t, {}, { clock: () => now });
  const user = createUser(app, 'researcher');
  const created = await app.inject(as(user, { method: 'POST', url: '/api/me/tokens', payload: { name: 'export script', expiresInDays: 1 } }));
  t.equal(created.statusCode, 201);
  const { token, id } = created.json();
  t.match(token, /^srt_[A-Za-z0-9_-]{43}$/);
  const stored = app.db.$client.prepare('SELECT token_hash FROM api_tokens WHERE id = ?').get(id) as { token_hash: string };
  t.not(stored.token_hash, token);
  t.notMatch(JSON.stringify(app.db.$client.prepare('SELECT * FROM api_tokens').all()), token, 'the token itself is nowhere in the table');
  const list = await app.inject(as(user, { method: 'GET', url: '/api/me/tokens' }));
  t.notMatch(list.body, token);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  now = new Date('2026-03-02T00:00:01Z');
  const expired = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  t.equal(expired.statusCode, 401);
  t.match(expired.json().detail, /expired or revoked/);
  const other = await app.inject(as(user, { method: 'POST', url: '/api/me/tokens', payload: { name: 'second' } }));
  t.equal((await app.inject(as(user, { method: 'DELETE', url: `/api/me/tokens/${other.json().id}` }))).statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${other.json().token}` } })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } })).statusCode, 401);
});

t.test('admin disables a user: sessions and tokens stop working at once', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: '/api/me' }))).statusCode, 200);
  const res = await app.inject(as(admin, { method: 'PATCH', url: `/api/users/${coordinator.id}`, payload: { disabled: true } }));
  t.equal(res.statusCode, 200);
  t.ok(res.json().disabledAt);
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: '/api/me' }))).statusCode, 401);
  const self = await app.inject(as(admin, { method: 'PATCH', url: `/api/users/${admin.id}`, payload: { disabled: true } }));
  t.equal(self.statusCode, 409, 'an admin cannot lock themselves out');
});

t.test('admin revokes credentials; re-issued link replaces the old one', async (t) => {
  const app = await buildTestApp(t);
  const { admin, researcher } = createCast(app);
  t.equal((await app.inject(as(admin, { method: 'POST', url: `/api/users/${researcher.id}/revoke-credentials` }))).statusCode, 204);
  t.equal((await app.inject(as(researcher, { method: 'GET', url: '/api/me' }))).statusCode, 401);
  const first = app.services.accounts.reissuePasswordLink(researcher.id);
  const second = await app.inject(as(admin, { method: 'POST', url: `/api/users/${researcher.id}/password-link` }));
  t.equal(second.statusCode, 201);
  const oldUse = await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token: first.token, password: 'a long enough passphrase' } });
  t.equal(oldUse.statusCode, 422, 'earlier link no longer works');
});

t.test('roles and partners must fit; duplicate emails conflict; unknown fields are named', async (t) => {
  const app = await buildTestApp(t);
  const { admin, partner } = createCast(app);
  const noPartner = await app.inject(as(admin, { method: 'POST', url: '/api/users', payload: { email: 'c@example.org', role: 'coordinator' } }));
  t.equal(noPartner.statusCode, 422);
  t.same(noPartner.json().errors, [{ pointer: '/partnerId', message: 'a coordinator must belong to a partner' }]);
  const ok = await app.inject(as(admin, { method: 'POST', url: '/api/users', payload: { email: 'c@example.org', role: 'coordinator', partnerId: partner.id } }));
  t.equal(ok.statusCode, 201);
  const dup = await app.inject(as(admin, { method: 'POST', url: '/api/users', payload: { email: ' C@EXAMPLE.org', role: 'researcher' } }));
  t.equal(dup.statusCode, 400, 'leading space is not an email');
  const dup2 = await app.inject(as(admin, { method: 'POST', url: '/api/users', payload: { email: 'C@EXAMPLE.org', role: 'researcher' } }));
  t.equal(dup2.statusCode, 409);
  const unknown = await app.inject(as(admin, { method: 'POST', url: '/api/users', payload: { email: 'x@example.org', role: 'boss', isAdmin: true } }));
  t.equal(unknown.statusCode, 400);
  const pointers = unknown.json().errors.map((e: { pointer: string }) => e.pointer);
  t.ok(pointers.includes('/isAdmin'), 'unknown field named');
  t.ok(pointers.includes('/role'), 'bad role named');
  const list = await app.inject(as(admin, { method: 'GET', url: '/api/users' }));
  t.notMatch(list.body, /password_hash|passwordHash|scrypt/);
});

t.test('sign-out ends the session: the same cookie then gets 401', async (t) => {
  const app = await buildTestApp(t);
  await app.services.accounts.ensureFirstAdmin('root@example.org', 'admin-password-123', false);
  const cookie = await signIn(app, 'root@example.org', 'admin-password-123');
  const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: ORIGIN } });
  t.equal(out.statusCode, 204);
  t.match(String(out.headers['set-cookie']), /relay_session=;/, 'cookie cleared');
  const after = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  t.equal(after.statusCode, 401);
  t.match(after.json().detail, /Sign in again/);
});

t.test('admin reads one user, moves a coordinator to another partner and changes roles', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  const other = app.services.partners.create({ name: 'Vilniaus miesto savivaldybė', country: 'LT', timeZone: 'Europe/Vilnius' });
  const got = await app.inject(as(admin, { method: 'GET', url: `/api/users/${coordinator.id}` }));
  t.equal(got.json().email, coordinator.email);
  t.equal((await app.inject(as(admin, { method: 'GET', url: '/api/users/nobody' }))).statusCode, 404);
  const moved = await app.inject(as(admin, { method: 'PATCH', url: `/api/users/${coordinator.id}`, payload: { partnerId: other.id } }));
  t.equal(moved.json().partnerId, other.id);
  const mine = await app.inject(as(coordinator, { method: 'GET', url: '/api/partners' }));
  t.same(mine.json().map((p: { id: string }) => p.id), [other.id], 'the coordinator now sees only the new partner');
  const researcher = await app.inject(as(admin, { method: 'PATCH', url: `/api/users/${coordinator.id}`, payload: { role: 'researcher' } }));
  t.equal(researcher.json().role, 'researcher');
  t.equal(researcher.json().partnerId, null, 'a researcher is not tied to a partner');
  const back = await app.inject(as(admin, { method: 'PATCH', url: `/api/users/${coordinator.id}`, payload: { role: 'coordinator' } }));
  t.equal(back.statusCode, 422, 'a coordinator needs a partner');
  const empty = await app.inject(as(admin, { method: 'PATCH', url: `/api/users/${coordinator.id}`, payload: {} }));
  t.equal(empty.statusCode, 400);
  const reenable = await app.inject(as(admin, { method: 'PATCH', url: `/api/users/${coordinator.id}`, payload: { disabled: false, name: "O'Brien; DROP TABLE users" } }));
  t.equal(reenable.json().name, "O'Brien; DROP TABLE users");
});
