/**
 * The response-rate board in Chromium: a running campaign with three invitations, one answered
 * through its personal link (the respondent API), seen by its partner's coordinator (counts, the
 * rate, the tables equal the API's figures) and refused readably to another partner's.
 */
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { as, createList, createPartner, createUser } from '../helper.js';
import { loadOrCreateSecret } from '../../server/secret.js';
import { invitationToken } from '../../server/modules/campaigns/tokens.js';
import { publishSurvey } from '../server/modules/responses/setup.js';
import { launch } from './browser.js';
import { adminPage, checkScreen, open, signIn, staffUser, startAdmin } from './admin.js';

const SURVEY = { title: 'Neighbourhood', pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: 'city', title: 'City', choices: ['Malmö', 'Vilnius'] }] }] };

const browser = await launch(t);
if (browser) {
  const { app, origin } = await startAdmin(t);
  const admin = createUser(app, 'admin');
  await publishSurvey(app, admin, 'neighbourhood', SURVEY);
  const partner = createPartner(app, 'Malmö Welcome');
  const other = createPartner(app, 'Oslo Welcome');
  const list = createList(app, partner.id, 'Newcomers 2026');
  for (const email of ['ana@example.org', 'ben@example.org', 'cyd@example.org']) {
    app.services.contacts.create(list.id, { email, language: 'en' }, { userId: null, role: 'admin', partnerId: null });
  }
  const created = await app.inject(as(admin, { method: 'POST', url: '/api/campaigns',
    payload: { name: 'Autumn round', survey: 'neighbourhood', partnerId: partner.id, listIds: [list.id], languages: ['en'] } }));
  const campaignId = (created.json() as { id: string }).id;
  const started = await app.inject(as(admin, { method: 'POST', url: `/api/campaigns/${campaignId}/start` }));
  if (started.statusCode !== 200) throw new Error(`start: ${started.body}`);

  const status = async () => (await app.inject(as(admin, { method: 'GET', url: `/api/campaigns/${campaignId}/status` }))).json() as {
    total: Record<string, number>; byList: Array<Record<string, number | string>>;
  };
  // the mailer writes the three messages to the outbox (no SMTP server configured): bounded wait
  for (let i = 0; i < 600 && (await status()).total.sent < 3; i++) await new Promise((r) => setTimeout(r, 50));
  const invitation = app.db.$client.prepare('SELECT id FROM invitations WHERE campaign_id = ? LIMIT 1').get(campaignId) as { id: string };
  const token = invitationToken(loadOrCreateSecret(app.config.dataDir), invitation.id);
  const completed = await app.inject({ method: 'POST', url: `/s/${token}/complete`, headers: { 'idempotency-key': randomUUID() }, payload: { answers: { city: 'Vilnius' } } });
  if (completed.statusCode >= 300) throw new Error(`complete: ${completed.body}`);
  const figures = await status();

  const coordinator = await staffUser(app, 'coordinator', partner.id);
  const page = await adminPage(t, browser, origin);
  await signIn(page, origin, coordinator.email, coordinator.password);

  t.test("the partner's coordinator sees the counts, the rate, and tables equal to the API's figures", async (t) => {
    t.match(figures.total, { invited: 3, sent: 3, completed: 1 }, 'the API counts three sent, one completed (answered through the personal link)');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Response rates' }).click();
    await page.getByRole('heading', { name: 'Response rates', level: 1 }).waitFor();
    await checkScreen(t, page, 'status');
    await page.getByRole('link', { name: /Autumn round/ }).click();
    await page.getByRole('heading', { name: 'Response rates: Autumn round' }).waitFor();
    t.equal(new URL(page.url()).pathname, `/admin/status/campaign/${campaignId}`);
    await t.resolves(page.getByRole('status').filter({ hasText: /^Last updated at / }).waitFor(), 'the last update is announced politely');
    const figure = (name: string) => page.locator('dl.figures > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent();
    t.equal(await figure('Completed'), '1');
    t.equal(await figure('Sent'), '3');
    await page.getByText('Show the days as a table').click();
    const days = page.getByRole('table', { name: /day by day/ }).locator('tbody tr');
    t.equal(await days.count(), 1, 'one day with answers');
    t.equal(await days.first().locator('td[data-label="Completed"]').textContent(), '1', "the day's completion, from the status API's byDay");
    t.equal(await figure('Response rate'), '33.3%', 'completed of sent');

    const table = page.getByRole('table', { name: 'By list' });
    const headers = await table.locator('thead th').allTextContents();
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
    const row = Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
    const api = figures.byList[0];
    t.same(row, {
      List: 'Newcomers 2026', Invited: String(api.invited), Sent: String(api.sent), Opened: String(api.opened), Started: String(api.started),
      Completed: String(api.completed), 'Opted out': String(api.optedOut), Bounced: String(api.bounced), Failed: String(api.failed),
      'Waiting to be sent': String(api.queued), 'Response rate': '33.3%',
    }, "the by-list table holds the API's figures");
    const language = await page.getByRole('table', { name: 'By language' }).locator('tbody tr').first().locator('td').allTextContents();
    t.match(language[0], /English/, 'languages by name');
    t.equal(await page.locator('svg.bars[aria-hidden="true"]').count(), 3, 'the bar charts are pictures beside the tables (partner, list, language)');
    t.equal(await page.locator('svg.time[aria-hidden="true"]').count(), 1, 'the over-time chart is drawn');
    await checkScreen(t, page, 'status-campaign');
  });

  t.test("another partner's coordinator gets a readable refusal", async (t) => {
    const stranger = await staffUser(app, 'coordinator', other.id);
    const strangerPage = await adminPage(t, browser, origin);
    await signIn(strangerPage, origin, stranger.email, stranger.password);
    await open(strangerPage, origin, `/admin/status/campaign/${campaignId}`);
    await t.resolves(strangerPage.getByRole('alert').filter({ hasText: "belongs to another partner: you can see your own partner's campaigns only" }).waitFor());
    t.equal(await strangerPage.getByText('Newcomers 2026').count(), 0, 'nothing of the campaign shows');
    await open(strangerPage, origin, '/admin/status');
    await t.resolves(strangerPage.getByText('There are no campaigns yet.').waitFor(), 'their list holds none of it');
    await checkScreen(t, strangerPage, 'status-refused');
  });
}
