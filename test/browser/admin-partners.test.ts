/**
 * Partners and users in Chromium, as an admin: a partner created (its field errors first) and
 * changed; a coordinator invited for it (errors at their fields: a missing partner, a taken
 * email), their one-time link copied; the coordinator sets a password in another browser and
 * sees their menu; the users list searched and filtered; an account disabled with its
 * confirmation (the person can no longer sign in), enabled again, signed out everywhere (an API
 * token stops working), a new link issued; unknown partners and users said so; the screens in
 * Swedish. Every screen checked with axe-core at phone and desktop width.
 */
import t from 'tap';
import { launch } from './browser.js';
import { adminPage, checkScreen, open, signIn, startAdmin } from './admin.js';

const browser = await launch(t);
if (browser) {
  const fx = await startAdmin(t);
  const { origin } = fx;
  const page = await adminPage(t, browser, origin);
  // made before the first subtest: tap ends a file whose subtests are all done while it awaits
  const other = await adminPage(t, browser, origin);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await signIn(page, origin, fx.admin.email, fx.admin.password);
  const coordinator = { email: 'ana.coordinator@hope.example', password: 'seven lanterns over the harbour' };
  let setPasswordUrl = '';

  const field = (label: string | RegExp) => page.getByLabel(label, { exact: typeof label === 'string' });
  const invalid = async (label: string) => (await field(label).getAttribute('aria-invalid')) === 'true';

  t.test('a partner: field errors first, then created, listed and changed', async (t) => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
    await t.resolves(page.getByText('No partner yet').waitFor(), 'an empty list says so');
    await page.getByRole('link', { name: 'New partner' }).click();
    await page.getByRole('heading', { name: 'New partner' }).waitFor();
    await page.getByRole('button', { name: 'Create partner' }).click();
    await t.resolves(page.getByText("Enter the partner's name").waitFor(), 'a missing name is said at its field');
    t.ok(await invalid('Name'), 'the name field is marked invalid');
    t.ok(await invalid('Country'), 'so is the country');
    t.equal(await page.evaluate(() => document.activeElement?.id), 'partner-name', 'the first invalid field takes the focus');
    await checkScreen(t, page, 'partner-new-errors');

    await field('Name').fill('Hope Relief');
    await field('Country').selectOption('SE');
    t.equal(await field('Time zone').inputValue(), 'Europe/Stockholm', "a country with one time zone chooses it");
    await page.getByRole('button', { name: 'Create partner' }).click();
    await page.getByRole('heading', { name: 'Hope Relief', level: 1 }).waitFor();
    await t.resolves(page.getByText('The partner Hope Relief is created').waitFor(), 'created, and says what comes next');
    t.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', "the partner's heading has the focus");

    await page.getByRole('link', { name: 'All partners' }).click();
    await page.getByRole('link', { name: 'New partner' }).click();
    await field('Name').fill('Hope Relief');
    await field('Country').selectOption('PL');
    t.equal(await field('Time zone').inputValue(), 'Europe/Warsaw');
    await page.getByRole('button', { name: 'Create partner' }).click();
    await t.resolves(page.getByText('another partner already has this name').waitFor(), "the server's conflict is said at the name");
    t.ok(await invalid('Name'));
    await t.resolves(page.getByRole('alert').filter({ hasText: 'already exists' }).waitFor(), "and the server's words above the buttons");
    await field('Name').fill('Nadzieja');
    await field('Region').fill('Mazowieckie');
    await page.getByRole('button', { name: 'Create partner' }).click();
    await page.getByRole('heading', { name: 'Nadzieja', level: 1 }).waitFor();
    await checkScreen(t, page, 'partner');
    await field('Region').fill('Lubelskie');
    await field('Time zone').selectOption('Europe/Vilnius');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await t.resolves(page.getByText('The changes are saved.').waitFor(), 'changes saved');

    await page.getByRole('link', { name: 'All partners' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Nadzieja' });
    await row.waitFor();
    t.match(await row.textContent(), /Poland \(PL\).*Lubelskie.*Europe\/Vilnius/, 'the list shows country, region and time zone');
    t.same(await page.getByRole('cell').filter({ has: page.getByRole('link') }).allTextContents(), ['Hope Relief', 'Nadzieja'], 'sorted by name');
    await checkScreen(t, page, 'partners');
  });

  t.test('inviting a coordinator: errors at their fields, then the one-time link', async (t) => {
    await page.getByRole('link', { name: 'Hope Relief' }).click();
    await page.getByRole('heading', { name: 'Hope Relief', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Invite a coordinator' }).click();
    await page.getByRole('heading', { name: 'Invite a user' }).waitFor();
    t.equal(await field('Partner').locator('option:checked').textContent(), 'Hope Relief', "the partner's own invitation link chooses it");
    await field('Partner').selectOption('');
    await field('Email').fill('not an address');
    await page.getByRole('button', { name: 'Invite' }).click();
    await t.resolves(page.getByText('a coordinator must belong to a partner').waitFor(), 'a coordinator without a partner: said at the partner');
    await t.resolves(page.getByText('is not an email address').waitFor(), 'a malformed address: said at the email');
    t.ok(await invalid('Partner'));
    await checkScreen(t, page, 'user-invite-errors');

    await field('Partner').selectOption({ label: 'Hope Relief' });
    await field('Email').fill(fx.admin.email);
    await page.getByRole('button', { name: 'Invite' }).click();
    await t.resolves(page.getByText('someone already has an account with this email').waitFor(), "the server's conflict is said at the email");
    t.ok(await invalid('Email'));

    await field('Email').fill(coordinator.email);
    await field('Name').fill('Ana Kowalska');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByText(`${coordinator.email} is invited.`).waitFor();
    t.equal(await page.evaluate(() => document.activeElement?.textContent), 'The set-password link', 'the focus moves to the link, where the form was');
    const link = page.getByLabel(`Set-password link for ${coordinator.email}`, { exact: true });
    setPasswordUrl = await link.inputValue();
    t.match(setPasswordUrl, new RegExp(`^${origin}/admin/set-password#token=`), 'the one-time link is shown');
    t.equal(await link.getAttribute('readonly'), '', 'in a read-only field');
    await t.resolves(page.getByText(/Send this link to the person yourself.*expires on/).waitFor(), 'with what to do and when it expires');
    await page.getByRole('button', { name: 'Copy the link' }).click();
    await page.getByText('The link is copied.').waitFor();
    t.equal(await page.evaluate(() => navigator.clipboard.readText()), setPasswordUrl, 'the copy button copies it');
    await checkScreen(t, page, 'user-invited');
  });

  t.test('the coordinator sets a password from the link and sees their menu', async (t) => {
    await other.goto(setPasswordUrl);
    await other.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await other.getByLabel('New password', { exact: true }).fill(coordinator.password);
    await other.getByLabel('New password again').fill(coordinator.password);
    await other.getByRole('button', { name: 'Set password' }).click();
    await other.getByRole('button', { name: 'Go to sign-in' }).click();
    await other.getByLabel(/^email$/i).fill(coordinator.email);
    await other.getByLabel(/^password$/i).fill(coordinator.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    const menu = other.getByRole('navigation', { name: 'Main menu' });
    await menu.waitFor();
    const entries = await menu.getByRole('link').allTextContents();
    t.ok(entries.includes('Lists') && entries.includes('Your account'), `a coordinator's menu: ${entries.join(', ')}`);
    t.notOk(entries.includes('Partners') || entries.includes('Users'), 'without the administrators\' areas');
  });

  t.test('the users list: search and filters; disabling an account stops its sign-in', async (t) => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await t.resolves(page.getByText('2 of 2 users shown').waitFor());
    const coordinatorRow = page.getByRole('row').filter({ hasText: coordinator.email });
    t.match(await coordinatorRow.textContent(), /Ana Kowalska.*Coordinator.*Hope Relief.*Active/, 'email, name, role, partner and state');
    await checkScreen(t, page, 'users');
    await page.getByLabel('Search by email or name').fill('kowal');
    await t.resolves(page.getByText('1 of 2 users shown').waitFor(), 'search by name');
    await page.getByLabel('Search by email or name').fill('');
    await page.getByLabel('Role', { exact: true }).selectOption('researcher');
    await t.resolves(page.getByText('No user matches.').waitFor(), 'filtered by role');
    t.match(page.url(), /role=researcher/, 'the filter stays in the address');
    await page.getByLabel('Role', { exact: true }).selectOption('');
    await page.getByLabel('State', { exact: true }).selectOption('active');
    await page.getByText('2 of 2 users shown').waitFor();

    await page.getByRole('link', { name: coordinator.email }).click();
    await page.getByRole('heading', { name: 'Ana Kowalska', level: 1 }).waitFor();
    await checkScreen(t, page, 'user');
    await page.getByRole('button', { name: 'Disable the account' }).click();
    const dialog = page.getByRole('dialog', { name: `Disable the account of ${coordinator.email}?` });
    await dialog.waitFor();
    t.match(await dialog.textContent(), /sessions end and their API tokens are revoked/, 'the confirmation says what happens');
    await dialog.getByRole('button', { name: 'Disable the account' }).click();
    await t.resolves(page.getByText('The account is disabled.').waitFor(), 'disabled');
    await t.resolves(page.getByText(/Disabled on \w/).waitFor(), 'the state says since when');
    t.equal(await page.evaluate(() => document.activeElement?.textContent), 'Enable the account', 'the focus returns to the button, now for enabling');

    await other.reload();
    await other.getByRole('heading', { name: 'Sign in' }).waitFor();
    await other.getByLabel(/^email$/i).fill(coordinator.email);
    await other.getByLabel(/^password$/i).fill(coordinator.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await t.resolves(other.getByRole('alert').filter({ hasText: 'or the account is disabled' }).waitFor(), 'the disabled coordinator can no longer sign in');

    await page.getByRole('button', { name: 'Enable the account' }).click();
    await page.getByRole('dialog', { name: /^Enable the account/ }).getByRole('button', { name: 'Enable the account' }).click();
    await t.resolves(page.getByText('The account is enabled again.').waitFor());
    const userId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const { token } = fx.app.services.accounts.createApiToken(userId, 'a script of hers');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    const revoke = page.getByRole('dialog', { name: `Sign ${coordinator.email} out everywhere?` });
    t.match(await revoke.textContent(), /all their API tokens are revoked/, 'the confirmation says what happens');
    await revoke.getByRole('button', { name: 'Sign out everywhere' }).click();
    await t.resolves(page.getByText(`${coordinator.email} is signed out everywhere`).waitFor());
    t.equal((await fetch(`${origin}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status, 401, 'her API token no longer works');
    await page.getByRole('button', { name: 'Issue a new set-password link' }).click();
    const reissue = page.getByRole('dialog', { name: /^Issue a new set-password link/ });
    t.match(await reissue.textContent(), /Every earlier set-password link for this person stops working/);
    await reissue.getByRole('button', { name: 'Issue the link' }).click();
    const fresh = await page.getByLabel(`Set-password link for ${coordinator.email}`, { exact: true }).inputValue();
    t.not(fresh, setPasswordUrl, 'a new link is shown');

    await field('Role').selectOption('researcher');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await t.resolves(page.getByText('The changes are saved.').waitFor(), 'a coordinator becomes a researcher (no partner)');
    t.equal(await page.getByLabel('Partner', { exact: true }).count(), 0, 'the partner field is gone for a researcher');
  });

  t.test('error states: unknown partner and user; your own account cannot be disabled; the screens in Swedish', async (t) => {
    await open(page, origin, '/admin/partners/no-such-partner');
    await t.resolves(page.getByRole('alert').filter({ hasText: 'The partner was not found.' }).waitFor());
    await open(page, origin, '/admin/users/no-such-user');
    await t.resolves(page.getByRole('alert').filter({ hasText: 'The user was not found.' }).waitFor());
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: fx.admin.email }).click();
    await page.getByText('This is your own account').waitFor();
    t.equal(await page.getByRole('button', { name: 'Disable the account' }).count(), 0, 'no button to disable yourself');
    t.ok(await field('Role').isDisabled(), 'nor to change your own role');
    await page.getByLabel('Language').selectOption('sv');
    await t.resolves(page.getByRole('heading', { name: 'Namn, roll och partner' }).waitFor(), 'the screens speak the interface language');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Partner', exact: true }).click();
    await t.resolves(page.getByRole('link', { name: 'Ny partner' }).waitFor());
  });
}
