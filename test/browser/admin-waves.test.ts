/**
 * Waves in Chromium: an admin launches one survey for two partners at once (the form first refusing
 * a ticked partner without a list and its Swedish invitation without the link, each error at that
 * partner's field), gives that partner its own sender and text, sees the two draft campaigns on the
 * wave's page, starts the whole wave through its confirmation and both campaigns run. When answers
 * come in, the wave's board shows each partner's counts, the totals and both charts, the campaigns
 * list counts them in the interface language, and the list of waves leads to the wave and its
 * board. A coordinator is not offered waves and is told the list is not for their role.
 */
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { loadOrCreateSecret } from '../../server/secret.js';
import { invitationToken } from '../../server/modules/campaigns/tokens.js';
import { launch } from './browser.js';
import { adminPage, checkScreen, open, signIn, staffUser, startAdmin, until } from './admin.js';
import { ADMIN_SCOPE } from './fixture.js';

const browser = await launch(t);
if (browser) {
  const { app, origin, admin } = await startAdmin(t, { examples: true });
  const alpha = app.services.partners.create({ name: 'Alpha Aid', country: 'SE', timeZone: 'Europe/Stockholm' });
  const baltic = app.services.partners.create({ name: 'Baltic Bridge', country: 'LT', timeZone: 'Europe/Vilnius' });
  for (const [partner, name, emails] of [[alpha, 'Alpha newcomers', ['ana@example.org', 'bo@example.org']], [baltic, 'Baltic newcomers', ['jonas@example.org']]] as const) {
    const list = app.services.lists.create({ name, partnerId: partner.id }, ADMIN_SCOPE);
    for (const email of emails) app.services.contacts.create(list.id, { email, name: email.split('@')[0], language: 'en' }, ADMIN_SCOPE);
  }
  const coordinator = await staffUser(app, 'coordinator', alpha.id);

  // signed in before the first subtest: tap ends a file whose subtests are all done while it awaits
  const page = await adminPage(t, browser, origin);
  await signIn(page, origin, admin.email, admin.password);
  const dialog = () => page.locator('dialog[open]');

  t.test('a coordinator is not offered a wave', async (t) => {
    const page = await adminPage(t, browser, origin);
    await signIn(page, origin, coordinator.email, coordinator.password);
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New campaign' }).waitFor();
    t.equal(await page.getByRole('link', { name: 'Launch a wave' }).count(), 0, 'no "Launch a wave" link');
    t.equal(await page.getByRole('link', { name: 'Waves', exact: true }).count(), 0, 'no link to the waves');
    await open(page, origin, '/admin/campaigns/waves');
    await t.resolves(page.getByRole('heading', { name: 'Not available to you', level: 1 }).waitFor(), 'the list of waves is not for their role');
    t.equal(await page.getByRole('table').count(), 0, 'and shows nothing of it');
  });

  t.test('an admin launches a wave for two partners, a partner without a list refused at its field', async (t) => {
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    await page.getByRole('link', { name: 'Launch a wave' }).click();
    await page.getByRole('heading', { name: 'Launch a wave', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Spring 2027');
    await page.getByLabel('Survey', { exact: true }).selectOption('migrant-experience');
    await page.getByLabel('English (en)').waitFor();
    await page.getByLabel('Alpha Aid (Europe/Stockholm)').check();
    await page.getByLabel('Alpha newcomers (2 contacts)').check();
    await page.getByLabel('Baltic Bridge (Europe/Vilnius)').check();
    await page.getByRole('group', { name: 'Lists of Baltic Bridge to invite' }).waitFor();
    const texts = page.locator('details.wave-texts').filter({ has: page.getByText('Sender and email texts for Baltic Bridge') });
    t.equal(await texts.evaluate((d: HTMLDetailsElement) => d.open), false, "the partner's own texts start folded away");
    await texts.getByText('Sender and email texts for Baltic Bridge').click();
    await texts.getByLabel('Sender name').fill('Baltic Bridge Vilnius');
    const swedishBody = page.locator(`#wave-${baltic.id}-msg-sv-invitation-body`);
    await swedishBody.fill('Hej {{name}}! Berätta hur ditt första år har varit.');
    const preview = texts.getByRole('region', { name: 'Preview of the invitation in Swedish' });
    await t.resolves(preview.getByText('Hej Anna Example! Berätta').waitFor(), 'the live preview fills in the sample name');
    await t.resolves(preview.getByText('Baltic Bridge Vilnius').waitFor(), 'and shows the sender typed');
    await page.getByRole('button', { name: "Create the wave's campaigns" }).click();

    const lists = page.getByRole('group', { name: 'Lists of Baltic Bridge to invite' });
    await t.resolves(lists.getByText('must name at least one list').waitFor(), "the error is at Baltic Bridge's lists");
    t.equal(await lists.getByRole('checkbox').first().getAttribute('aria-invalid'), 'true', 'its lists are marked invalid');
    t.equal(await page.getByLabel('Alpha newcomers (2 contacts)').getAttribute('aria-invalid'), null, "Alpha Aid's are not");
    await t.resolves(page.locator(`#wave-${baltic.id}-msg-sv-invitation-body-error`).getByText('must contain {{link}}').waitFor(),
      "/partners/1/messages/sv/invitation/body is shown at Baltic Bridge's Swedish invitation text");
    t.equal(await swedishBody.getAttribute('aria-invalid'), 'true', 'which is marked invalid');
    const alphaTexts = page.locator('details.wave-texts').filter({ has: page.getByText('Sender and email texts for Alpha Aid') });
    t.equal(await alphaTexts.evaluate((d: HTMLDetailsElement) => d.open), false, "Alpha Aid's texts stay folded: nothing wrong there");
    t.equal(await page.getByRole('alert').locator('li').count(), 0, 'no error is left over in the summary: each is at its field');
    await checkScreen(t, page, 'wave-form-error');

    await swedishBody.fill('Hej {{name}}! Berätta hur ditt första år har varit: {{link}}');
    await page.getByLabel('Baltic newcomers (1 contact)').check();
    await page.getByRole('button', { name: "Create the wave's campaigns" }).click();
    await page.getByRole('heading', { name: 'Wave: Spring 2027', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: "The wave's campaigns" });
    await t.resolves(table.getByRole('link', { name: 'Spring 2027 · Alpha Aid' }).waitFor());
    await t.resolves(table.getByRole('link', { name: 'Spring 2027 · Baltic Bridge' }).waitFor());
    t.equal(await table.locator('.campaign-state.state-draft').count(), 2, 'two draft campaigns');
    t.ok(await page.getByRole('link', { name: 'Response rates of this wave' }).getAttribute('href').then((h) => h?.startsWith('/admin/status/wave/')), 'the wave board is linked');
    await checkScreen(t, page, 'wave-page');
    const own = app.db.$client.prepare('SELECT sender_name AS sender, messages FROM campaigns WHERE partner_id = ?');
    const balticCampaign = own.get(baltic.id) as { sender: string; messages: string };
    t.equal(balticCampaign.sender, 'Baltic Bridge Vilnius', "Baltic Bridge's campaign has its own sender");
    t.match(JSON.parse(balticCampaign.messages), { sv: { invitation: { body: /första år har varit: \{\{link\}\}$/ } } }, 'and its Swedish invitation');
    t.equal((own.get(alpha.id) as { sender: string }).sender, 'Alpha Aid', "Alpha Aid's keeps the partner's name");
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

  t.test("answers for both partners: the wave's board shows each partner's counts, the totals and both charts", async (t) => {
    // the mailer writes the three invitations to its outbox directory (no SMTP server here)
    const count = (sql: string) => (app.db.$client.prepare(sql).get() as { n: number }).n;
    await until(() => count("SELECT count(*) AS n FROM invitations WHERE delivery = 'sent'") === 3, 'three invitations sent');
    const secret = loadOrCreateSecret(app.config.dataDir);
    const invitationOf = (email: string) => (app.db.$client.prepare(
      'SELECT i.id FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.email = ?').get(email) as { id: string }).id;
    // as a respondent does: a page saved (the answer started), then completed
    for (const email of ['ana@example.org', 'jonas@example.org']) {
      for (const step of ['answers', 'complete']) {
        const res = await app.inject({ method: 'POST', url: `/s/${invitationToken(secret, invitationOf(email))}/${step}`,
          headers: { 'idempotency-key': randomUUID() }, payload: { answers: { municipality: 'Malmö' } } });
        t.ok(res.statusCode < 300, `${email}: ${step} (${res.statusCode})`);
      }
    }

    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    await page.getByRole('link', { name: 'Waves', exact: true }).click();
    await page.getByRole('heading', { name: 'Waves', level: 1 }).waitFor();
    const wave = page.getByRole('table', { name: 'Waves' }).locator('tbody tr').filter({ hasText: 'Spring 2027' });
    t.equal(await wave.locator('td[data-label="Partners"]').textContent(), '2', 'the list of waves counts two partners');
    t.equal(await wave.locator('td[data-label="Campaigns"]').textContent(), 'running: 2', 'and the states of their campaigns');
    t.match(await wave.locator('td[data-label="Survey"]').textContent(), /version 1$/, 'with the survey and its version');
    await checkScreen(t, page, 'waves');
    await wave.getByRole('link', { name: 'Response rates of Spring 2027' }).click();

    await page.getByRole('heading', { name: 'Response rates: wave Spring 2027', level: 1 }).waitFor();
    const figure = (name: string) => page.locator('dl.figures > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent();
    t.same([await figure('Invited'), await figure('Sent'), await figure('Completed'), await figure('Response rate')], ['3', '3', '2', '66.7%'], 'the totals of both partners');
    const table = page.getByRole('table', { name: 'By partner' });
    const row = (partner: string) => table.locator('tbody tr').filter({ has: page.getByRole('link', { name: partner }) });
    const cells = async (partner: string) => Promise.all(['Invited', 'Sent', 'Completed', 'Response rate'].map((c) => row(partner).locator(`td[data-label="${c}"]`).textContent()));
    t.same(await cells('Alpha Aid'), ['2', '2', '1', '50%'], "Alpha Aid's counts: one of two answered");
    t.same(await cells('Baltic Bridge'), ['1', '1', '1', '100%'], "Baltic Bridge's: its one contact answered");
    const bars = page.locator('svg.bars[aria-hidden="true"]');
    t.equal(await bars.count(), 1, 'one bar chart, by partner');
    t.same(await bars.locator('text.label').allTextContents(), ['Alpha Aid', 'Baltic Bridge'], 'a bar per partner');
    t.same(await bars.locator('text.value').allTextContents(), ['50%', '100%'], 'each with its rate');
    t.equal(await page.locator('svg.time[aria-hidden="true"] polyline.completed').count(), 1, 'the over-time chart draws the completions');
    await page.getByText('Show the days as a table').click();
    const day = page.getByRole('table', { name: /day by day/ }).locator('tbody tr');
    t.same([await day.locator('td[data-label="Started"]').textContent(), await day.locator('td[data-label="Completed"]').textContent()], ['2', '2'],
      "the day's two answers started and completed");
    await checkScreen(t, page, 'status-wave');

    await page.getByRole('link', { name: 'All waves' }).click();
    await page.getByRole('heading', { name: 'Waves', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Waves' }).getByRole('link', { name: 'Spring 2027', exact: true }).click();
    await t.resolves(page.getByRole('heading', { name: 'Wave: Spring 2027', level: 1 }).waitFor(), "the list leads to the wave's page");
  });

  t.test('the campaigns list counts each campaign, in the interface language', async (t) => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Campaigns' }).click();
    const alphaRow = page.getByRole('table', { name: 'Campaigns' }).locator('tbody tr').filter({ hasText: 'Spring 2027 · Alpha Aid' });
    const cell = (label: string) => alphaRow.locator(`td[data-label="${label}"]`).textContent();
    await alphaRow.waitFor();
    t.same([await cell('Invited'), await cell('Sent'), await cell('Completed'), await cell('Response rate'), await cell('Open link: completed')],
      ['2', '2', '1', '50%', '0'], "Alpha Aid's campaign: two invited and sent, one completed, none through the open link");
    await checkScreen(t, page, 'campaigns-counts');
    await page.getByLabel('Language').selectOption('sv');
    const swedish = page.getByRole('table', { name: 'Kampanjer' }).locator('tbody tr').filter({ hasText: 'Spring 2027 · Alpha Aid' });
    t.equal(await swedish.locator('td[data-label="Svarsfrekvens"]').textContent(), '50\u00a0%', 'the rate written the Swedish way');
    await page.getByLabel('Språk').selectOption('en');
  });
}
