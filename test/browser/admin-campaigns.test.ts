/**
 * The campaigns screens in Chromium, as a coordinator with a list of two contacts: the empty list
 * of campaigns, the form refusing a Swedish text without its link (the error at that field), the
 * live preview of the email in English and Swedish, creating the campaign, a test email that
 * arrives at a real SMTP server on loopback, starting it (both invitations arrive), pausing and
 * resuming through their confirmations, changing the paused campaign's closing time (entered in
 * the partner's zone, stored in UTC), the open link with its QR code, and the filter by state.
 */
import t from 'tap';
import { launch } from './browser.js';
import { adminPage, checkScreen, signIn, staffUser, startAdmin, until } from './admin.js';
import { ADMIN_SCOPE } from './fixture.js';
import { startSmtp } from '../server/modules/mail/smtp.js';


const browser = await launch(t);
if (browser) {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const { app, origin } = await startAdmin(t, { examples: true, env: { RELAY_SMTP_URL: smtp.url, RELAY_MAIL_RATE: '0' } });
  const partner = app.services.partners.create({ name: 'Malmö Welcome', country: 'SE', timeZone: 'Europe/Stockholm' });
  const coordinator = await staffUser(app, 'coordinator', partner.id);
  const list = app.services.lists.create({ name: 'Newcomers 2026', partnerId: partner.id }, ADMIN_SCOPE);
  app.services.contacts.create(list.id, { email: 'amal@example.org', name: 'Amal', language: 'en' }, ADMIN_SCOPE);
  app.services.contacts.create(list.id, { email: 'sven@example.org', name: 'Sven', language: 'sv' }, ADMIN_SCOPE);
  const to = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  const page = await adminPage(t, browser, origin);
  await signIn(page, origin, coordinator.email, coordinator.password);
  const dialog = () => page.locator('dialog[open]');
  const badge = () => page.locator('.campaign-summary .campaign-state');

  t.test('a coordinator sees no campaigns yet and opens the form', async (t) => {
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await t.resolves(page.getByText('There are no campaigns yet').waitFor());
    await checkScreen(t, page, 'campaigns-empty');
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();
    t.equal(await page.getByLabel('Partner', { exact: true }).count(), 0, 'a coordinator does not choose the partner');
    await t.resolves(page.getByText('Times are in the partner\'s time zone: Europe/Stockholm').waitFor(), 'the time zone is named');
  });

  t.test('the form refuses a text without its link at that field, and previews the email in two languages', async (t) => {
    await page.getByLabel('Name', { exact: true }).fill('Spring welcome survey');
    await page.getByLabel('Survey', { exact: true }).selectOption('migrant-experience');
    await page.getByLabel('Swedish (sv)').waitFor();
    for (const other of ['Arabic (ar)', 'Ukrainian (uk)', 'Polish (pl)', 'Lithuanian (lt)']) {
      const box = page.getByLabel(other);
      if (await box.count()) await box.uncheck();
    }
    await page.getByLabel('Newcomers 2026 (2 contacts)').check();
    await page.locator('#msg-en-invitation-body').fill('Dear {{name}},\n\n{{partner}} asks about your first year: {{link}}');
    await page.locator('#msg-sv-invitation-subject').fill('Hur var ditt första år, {{name}}?');
    await page.locator('#msg-sv-invitation-body').fill('Hej {{name}}!\n\nBerätta för {{partner}} hur det har gått.');

    const english = page.getByRole('region', { name: 'Preview of the invitation in English' });
    const swedish = page.getByRole('region', { name: 'Preview of the invitation in Swedish' });
    await t.resolves(english.getByText('Dear Anna Example,').waitFor(), 'the English preview fills in the name');
    await t.resolves(english.getByText(`${origin}/s/personal-link-example`).waitFor(), 'and the link');
    await t.resolves(english.getByText('Our standard subject in English').waitFor(), 'an empty subject says the standard one is used');
    await t.resolves(swedish.getByText('Hur var ditt första år, Anna Example?').waitFor(), 'the Swedish subject as the contact reads it');
    await t.resolves(swedish.getByText('Berätta för Malmö Welcome hur det har gått.').waitFor(), 'the partner filled in');
    await page.locator('#msg-sv-invitation-body').fill('Hej {{name}}!\n\n<b>Berätta</b> för {{partner}}.');
    await t.resolves(swedish.getByText('<b>Berätta</b> för Malmö Welcome.').waitFor(), 'HTML in the text is shown as text, not markup');

    await page.getByRole('button', { name: 'Create campaign' }).click();
    const body = page.locator('#msg-sv-invitation-body');
    await t.resolves(page.locator('#msg-sv-invitation-body-error').getByText('must contain {{link}}').waitFor(), 'the API error is at the Swedish text');
    await t.resolves(page.locator('#msg-sv-invitation-body-error').getByText('contains HTML').waitFor(), 'with every fault of that text');
    t.equal(await body.getAttribute('aria-invalid'), 'true', 'the Swedish text is marked invalid');
    t.equal(await page.locator('#msg-en-invitation-body').getAttribute('aria-invalid'), null, 'the English text is not');
    await checkScreen(t, page, 'campaign-form-error');

    await body.fill('Hej {{name}}!\n\nBerätta för {{partner}} hur det har gått: {{link}}');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Spring welcome survey', level: 1 }).waitFor();
    t.equal(await badge().textContent(), 'draft');
  });

  t.test('a test email in Swedish arrives at the SMTP server', async (t) => {
    await page.getByLabel('Language', { exact: true }).selectOption('sv');
    await page.getByRole('button', { name: 'Send me a test email' }).click();
    await t.resolves(page.getByText(`A test email in Swedish is on its way to ${coordinator.email}.`).waitFor());
    await until(() => to(coordinator.email).length === 1, 'the test email');
    const mail = to(coordinator.email)[0].mail;
    t.match(mail.subject, /Hur var ditt första år/, 'the Swedish subject');
    t.match(mail.text, /Berätta för Malmö Welcome hur det har gått/, 'the Swedish text');
    t.equal(smtp.received.length, 1, 'no contact got anything yet');
  });

  t.test('starting sends the invitations; pause and resume ask first', async (t) => {
    await page.getByRole('button', { name: 'Start now' }).click();
    await t.resolves(dialog().getByText('Invitations are sent now to every contact of the chosen lists').waitFor(), 'the question says what happens');
    await dialog().getByRole('button', { name: 'Start now' }).click();
    await page.locator('.campaign-summary .state-running').waitFor();
    await until(() => to('amal@example.org').length === 1 && to('sven@example.org').length === 1, 'both invitations');
    t.match(to('sven@example.org')[0].mail.text, /Hej Sven!/, 'Sven gets the Swedish text with his name');
    t.match(to('amal@example.org')[0].mail.text, /Dear Amal,/, 'Amal the English one');

    await page.getByRole('button', { name: 'Pause' }).click();
    await t.resolves(dialog().getByText('not yet sent are held until you resume').waitFor());
    await dialog().getByRole('button', { name: 'Pause' }).click();
    await page.locator('.campaign-summary .state-paused').waitFor();
    t.equal(await page.getByRole('button', { name: 'Pause' }).count(), 0, 'a paused campaign offers no pause');

    // a paused campaign can be changed: a closing time on the partner's clock, stored in UTC
    await page.getByRole('link', { name: 'Change settings' }).click();
    await page.getByRole('heading', { name: 'Change Spring welcome survey', level: 1 }).waitFor();
    t.equal(await page.locator('#msg-sv-invitation-subject').inputValue(), 'Hur var ditt första år, {{name}}?', 'the form holds the saved texts');
    t.ok(await page.getByLabel('Tracked: answers are linked to the contact\'s invitation').isDisabled(), 'the mode is fixed once started');
    await page.getByLabel('Closing time (Europe/Stockholm)').fill('2027-01-31T18:00');
    await checkScreen(t, page, 'campaign-edit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Spring welcome survey', level: 1 }).waitFor();
    await t.resolves(page.locator('.campaign-settings').getByText('Jan 31, 2027, 6:00 PM (Europe/Stockholm)').waitFor(), 'shown on the partner\'s clock');
    t.equal(app.services.campaigns.find(await campaignId() ?? '', ADMIN_SCOPE).closesAt, '2027-01-31T17:00:00.000Z', 'stored in UTC');
    await page.getByRole('button', { name: 'Resume' }).click();
    await dialog().getByRole('button', { name: 'Resume' }).click();
    await page.locator('.campaign-summary .state-running').waitFor();
    t.equal(await badge().textContent(), 'running');
  });

  t.test('the open link with its QR code, downloads and the status board link', async (t) => {
    const link = page.locator('.campaign-link a');
    t.match(await link.textContent(), new RegExp(`^${origin.replace(/[.:/]/g, '\\$&')}/c/[A-Za-z0-9_-]+$`), 'the open link');
    const qr = page.getByRole('img', { name: /^QR code of the open link/ });
    await qr.waitFor();
    await page.waitForFunction(() => (document.querySelector('img.campaign-qr') as HTMLImageElement | null)?.naturalWidth ?? 0 > 0);
    t.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR code image loads');
    t.equal(await page.getByRole('link', { name: 'Download QR code (PNG, 1024 px)' }).getAttribute('href'), `/api/campaigns/${await campaignId()}/qr.png`);
    t.equal(await page.getByRole('link', { name: 'Response rates of this campaign' }).getAttribute('href'), `/admin/status/campaign/${await campaignId()}`);
    await checkScreen(t, page, 'campaign-page');
  });

  t.test('the list shows the campaign and filters by state', async (t) => {
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Spring welcome survey' });
    await t.resolves(row.getByText('running').waitFor());
    await checkScreen(t, page, 'campaigns-list');
    await page.getByLabel('Show', { exact: true }).selectOption('closed');
    await t.resolves(page.getByText('No campaign is closed.').waitFor(), 'the filter leaves none');
    t.match(page.url(), /\?state=closed$/, 'the filter is kept in the address');
  });

  async function campaignId() {
    return new URL(page.url()).pathname.split('/').pop();
  }
}
