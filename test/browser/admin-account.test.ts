/**
 * The admin interface's shell and account screens in Chromium: the page and its bundle, signing
 * in (and its errors), the role's menu, the language switch (remembered), an invitation's
 * set-password link, changing one's password, API tokens, and an ended session.
 */
import t from 'tap';
import { launch } from './browser.js';
import { adminPage, checkScreen, open, signIn, staffUser, startAdmin } from './admin.js';

const browser = await launch(t);
if (browser) {
  const fx = await startAdmin(t);
  const { origin, app } = fx;

  t.test('the admin page loads only the admin bundle, under a strict CSP', async (t) => {
    const res = await fetch(`${origin}/admin/lists/anything`);
    t.equal(res.status, 200, 'every path under /admin is the interface');
    t.match(res.headers.get('content-security-policy'), /default-src 'none'; script-src 'self'/);
    t.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    const html = await res.text();
    t.match(html, /src="\/assets\/admin-[A-Z0-9]+\.js"/);
    t.notMatch(html, /respond-/, 'nothing of the answering pages');
    const respond = await app.services.assets.ready();
    const admin = await app.services.assets.admin();
    t.notOk([...respond.files.keys()].some((f) => f.startsWith('admin')), 'the answering bundle holds no admin file');
    t.ok([...admin.files.keys()].every((f) => f.startsWith('admin')), 'the admin bundle is its own files');
  });

  t.test('signing in: errors at the form, then the menu of the role', async (t) => {
    const page = await adminPage(t, browser, origin);
    await open(page, origin, '/admin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkScreen(t, page, 'sign-in');
    await page.getByLabel(/^email$/i).fill(fx.admin.email);
    await page.getByLabel(/^password$/i).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await t.resolves(page.getByRole('alert').filter({ hasText: 'The email or password is wrong' }).waitFor(), 'a wrong password is said at the form');
    await page.getByLabel(/^password$/i).fill(fx.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.waitFor();
    t.same(await menu.getByRole('link').allTextContents(), ['Surveys', 'Campaigns', 'Response rates', 'Lists', 'Exports', 'Partners', 'Users', 'Your account'], "an admin's menu");
    t.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'the new screen\'s heading has the focus');
    await checkScreen(t, page, 'home-admin');
    await page.getByRole('link', { name: 'Your account' }).first().click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    t.equal(new URL(page.url()).pathname, '/admin/account');
    t.equal(await page.title(), 'Your account · Survey Relay');
    await page.goBack();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    t.equal((await fetch(`${origin}/api/me`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).status, 401, 'signed out on the server too');
  });

  t.test('a researcher sees only what the role allows', async (t) => {
    const researcher = await staffUser(app, 'researcher');
    const page = await adminPage(t, browser, origin);
    await signIn(page, origin, researcher.email, researcher.password);
    t.same(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents(), ['Surveys', 'Exports', 'Your account']);
    await open(page, origin, '/admin/users');
    await t.resolves(page.getByRole('heading', { name: 'Not available to you' }).waitFor(), 'a screen of another role says so');
    await open(page, origin, '/admin/no-such-screen');
    await t.resolves(page.getByRole('heading', { name: 'Page not found' }).waitFor());
  });

  t.test('the language is switched, remembered, and applied to the page', async (t) => {
    const page = await adminPage(t, browser, origin);
    await open(page, origin);
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    t.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
    await page.reload();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    for (const [tag, heading] of [['pl', 'Logowanie'], ['lt', 'Prisijungimas']]) {
      await page.getByLabel(/Språk|Język|Kalba/).selectOption(tag);
      await t.resolves(page.getByRole('heading', { name: heading }).waitFor(), `${tag}: the screen in that language`);
    }
    await checkScreen(t, page, 'sign-in-lt');
  });

  t.test('an invitation link sets the password; the new user then signs in', async (t) => {
    const adminCookie = await cookieFor(fx.admin.email, fx.admin.password);
    const invite = await fetch(`${origin}/api/users`, {
      method: 'POST', headers: { cookie: adminCookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.researcher@example.org', role: 'researcher' }),
    });
    t.equal(invite.status, 201);
    const { setPasswordUrl } = await invite.json() as { setPasswordUrl: string };
    const page = await adminPage(t, browser, origin);
    await page.goto(setPasswordUrl);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await checkScreen(t, page, 'set-password');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('New password again').fill('different');
    await page.getByRole('button', { name: 'Set password' }).click();
    await t.resolves(page.getByText('must be at least 12 characters').waitFor(), 'too short: said at the field');
    t.equal(await page.getByLabel('New password again').getAttribute('aria-invalid'), 'true', 'a mismatch marks the repeat field');
    await page.getByLabel('New password', { exact: true }).fill('four unrelated words here');
    await page.getByLabel('New password again').fill('four unrelated words here');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    t.notMatch(page.url(), /token/, 'the token leaves the address bar');
    await page.getByRole('button', { name: 'Go to sign-in' }).click();
    await page.getByLabel(/^email$/i).fill('new.researcher@example.org');
    await page.getByLabel(/^password$/i).fill('four unrelated words here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await t.resolves(page.getByRole('navigation', { name: 'Main menu' }).waitFor(), 'signed in with the new password');

    const reused = await adminPage(t, browser, origin);
    await reused.goto(setPasswordUrl);
    await reused.getByLabel('New password', { exact: true }).fill('another long password');
    await reused.getByLabel('New password again').fill('another long password');
    await reused.getByRole('button', { name: 'Set password' }).click();
    await t.resolves(reused.getByRole('alert').filter({ hasText: 'unknown, used or expired' }).waitFor(), 'a used link says so');
  });

  t.test('a generated password must be changed first; account: password and API tokens', async (t) => {
    const partner = app.services.partners.create({ name: 'Forced', country: 'SE', timeZone: 'Europe/Stockholm' });
    const user = await staffUser(app, 'coordinator', partner.id, { mustChangePassword: true });
    const page = await adminPage(t, browser, origin);
    await open(page, origin);
    await page.getByLabel(/^email$/i).fill(user.email);
    await page.getByLabel(/^password$/i).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Change your password first' }).waitFor();
    await checkScreen(t, page, 'password-forced');
    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await page.getByLabel('New password again').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await t.resolves(page.getByRole('heading', { name: /^Welcome/ }).waitFor(), 'after the change, the interface');
    await open(page, origin, '/admin/account');
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByLabel('Current password').fill('wrong current password');
    await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
    await page.getByLabel('New password again').fill('yet another passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await t.resolves(page.getByText('is wrong', { exact: true }).waitFor(), 'a wrong current password is said at its field');
    t.equal(await page.getByLabel('Current password').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Name').fill('Nightly import');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.locator('code.secret').textContent();
    t.match(token, /^\S{30,}$/, 'the new token is shown once');
    const me = await fetch(`${origin}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    t.equal(me.status, 200, 'and works');
    await page.getByRole('cell', { name: 'Nightly import' }).waitFor();
    await checkScreen(t, page, 'account');
    await page.getByRole('button', { name: 'Revoke' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the token "Nightly import"?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await t.resolves(page.getByText(/^Revoked on/).waitFor(), 'the token is shown revoked');
    t.equal((await fetch(`${origin}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status, 401, 'revoked');
  });

  t.test('an ended session asks to sign in again, in place', async (t) => {
    const page = await adminPage(t, browser, origin);
    await signIn(page, origin, fx.admin.email, fx.admin.password);
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Your account' }).first().click();
    await t.resolves(page.getByText('Your session has ended').waitFor(), 'the sign-in says why');
    t.equal(new URL(page.url()).pathname, '/admin/account', 'the address is kept for after the sign-in');
  });

  async function cookieFor(email: string, password: string): Promise<string> {
    const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  }
}
