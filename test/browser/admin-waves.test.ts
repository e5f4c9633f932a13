/**
 * Waves in Chromium: an admin launches one survey for two partners at once (the form first refusing
 * a ticked partner without a list, the error at that partner's lists), sees the two draft
 * campaigns on the wave's page, starts the whole wave through its confirmation and both campaigns
 * run; a coordinator is not offered "Launch a wave".
 */
import t from 'tap';
import { launch } from './browser.js';
import { adminPage, checkScreen, signIn, staffUser, startAdmin } from './admin.js';
import { ADMIN_SCOPE } from './fixture.js';

const browser = await launch(t);
if (browser) {
  const { app, origin, admin } = await startAdmin(t, { examples: true });
  const alpha = app.services.partners.create({ name: 'Alpha Aid', country: 'SE', timeZone: 'Europe/Stockholm' });
  const baltic = app.services.partners.create({ name: 'Baltic Bridge', country: 'LT', timeZone: 'Europe/Vilnius' });
  for (const [partner, name, email] of [[alpha, 'Alpha newcomers', 'ana@example.org'], [baltic, 'Baltic newcomers', 'jonas@example.org']] as const) {
    const list = app.services.lists.create({ name, partnerId: partner.id }, ADMIN_SCOPE);
    app.services.contacts.create(list.id, { email, name: email.split('@')[0], language: 'en' }, ADMIN_SCOPE);
  }
  const coordinator = await staffUser(app, 'coordinator', alpha.id);

  t.test('a coordinator is not offered a wave', async (t) => {
    const page = await adminPage(t, browser, origin);
    await signIn(page, origin, coordinator.email, coordinator.password);
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New campaign' }).waitFor();
    t.equal(await page.getByRole('link', { name: 'Launch a wave' }).count(), 0, 'no "Launch a wave" link');
  });

  const page = await adminPage(t, browser, origin);
  await signIn(page, origin, admin.email, admin.password);
  const dialog = () => page.locator('dialog[open]');

  t.test('an admin launches a wave for two partners, a partner without a list refused at its field', async (t) => {
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    await page.getByRole('link', { name: 'Launch a wave' }).click();
    await page.getByRole('heading', { name: 'Launch a wave', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Spring 2027');
    await page.getByLabel('Survey', { exact: true }).selectOption('migrant-experience');
    await page.getByLabel('English (en)').waitFor();
    await page.getByLabel('Alpha Aid (Europe/Stockholm)').check();
    await page.getByLabel('Alpha newcomers (1 contact)').check();
    await page.getByLabel('Baltic Bridge (Europe/Vilnius)').check();
    await page.getByRole('group', { name: 'Lists of Baltic Bridge to invite' }).waitFor();
    await page.getByRole('button', { name: "Create the wave's campaigns" }).click();

    const baltic = page.getByRole('group', { name: 'Lists of Baltic Bridge to invite' });
    await t.resolves(baltic.getByText('must name at least one list').waitFor(), "the error is at Baltic Bridge's lists");
    t.equal(await baltic.getByRole('checkbox').first().getAttribute('aria-invalid'), 'true', 'its lists are marked invalid');
    t.equal(await page.getByLabel('Alpha newcomers (1 contact)').getAttribute('aria-invalid'), null, "Alpha Aid's are not");
    await checkScreen(t, page, 'wave-form-error');

    await page.getByLabel('Baltic newcomers (1 contact)').check();
    await page.getByRole('button', { name: "Create the wave's campaigns" }).click();
    await page.getByRole('heading', { name: 'Wave: Spring 2027', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: "The wave's campaigns" });
    await t.resolves(table.getByRole('link', { name: 'Spring 2027 · Alpha Aid' }).waitFor());
    await t.resolves(table.getByRole('link', { name: 'Spring 2027 · Baltic Bridge' }).waitFor());
    t.equal(await table.locator('.campaign-state.state-draft').count(), 2, 'two draft campaigns');
    t.ok(await page.getByRole('link', { name: 'Response rates of this wave' }).getAttribute('href').then((h) => h?.startsWith('/admin/status/wave/')), 'the wave board is linked');
    await checkScreen(t, page, 'wave-page');
  });

  t.test('starting the wave asks first, then both campaigns run', async (t) => {
    await page.getByRole('button', { name: 'Start the wave' }).click();
    await t.resolves(dialog().getByText('Draft campaigns that start now or at their start time: 2.').waitFor(), 'the question says how many campaigns');
    await t.resolves(dialog().getByText('Campaigns of the wave in another state are not changed.').waitFor());
    await dialog().getByRole('button', { name: 'Start the wave' }).click();
    const table = page.getByRole('table', { name: "The wave's campaigns" });
    await table.locator('.campaign-state.state-running').nth(1).waitFor();
    t.equal(await table.locator('.campaign-state.state-running').count(), 2, 'both campaigns run');
    t.equal(await page.getByRole('button', { name: 'Start the wave' }).count(), 0, 'no draft is left to start');
    await page.getByRole('link', { name: 'Spring 2027 · Baltic Bridge' }).click();
    await page.getByRole('heading', { name: 'Spring 2027 · Baltic Bridge', level: 1 }).waitFor();
    t.equal(await page.locator('.campaign-summary .campaign-state').textContent(), 'running');
  });
}
