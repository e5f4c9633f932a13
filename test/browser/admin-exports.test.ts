/**
 * The exports screen in Chromium: a researcher downloads a CSV export (the download arrives,
 * holds the answers and no email address; the manifest's k and suppressed columns are shown),
 * a filter selecting fewer than k responses is refused readably, and an admin sees the export
 * in the history.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import t from 'tap';
import { as, createPartner, createUser } from '../helper.js';
import { publishSurvey } from '../server/modules/responses/setup.js';
import { launch } from './browser.js';
import { adminPage, checkScreen, signIn, staffUser, startAdmin } from './admin.js';

const SURVEY = { title: 'Neighbourhood', pages: [{ name: 'p1', elements: [
  { type: 'radiogroup', name: 'city', title: 'City', choices: ['Malmö', 'Vilnius'] },
  { type: 'text', name: 'mail', inputType: 'email', title: 'Your email, if we may write to you' },
] }] };

const browser = await launch(t);
if (browser) {
  const { app, origin } = await startAdmin(t);
  const admin = createUser(app, 'admin');
  await publishSurvey(app, admin, 'neighbourhood', SURVEY);
  const malmo = createPartner(app, 'Malmö Welcome');
  const oslo = app.services.partners.create({ name: 'Oslo Welcome', country: 'NO', region: 'Oslo', timeZone: 'Europe/Oslo' });
  // six answers for one partner, two for another (fewer than k = 5)
  for (const [i, partnerId] of [malmo.id, malmo.id, malmo.id, malmo.id, malmo.id, malmo.id, oslo.id, oslo.id].entries()) {
    const res = await app.inject(as(admin, { method: 'POST', url: '/api/surveys/neighbourhood/versions/1/responses', headers: { 'idempotency-key': randomUUID() },
      payload: { partnerId, complete: true, answers: { city: i % 2 ? 'Vilnius' : 'Malmö', mail: `person${i}@example.org` } } }));
    if (res.statusCode >= 300) throw new Error(`response: ${res.body}`);
  }
  const researcher = await staffUser(app, 'researcher');
  const page = await adminPage(t, browser, origin);
  await signIn(page, origin, researcher.email, researcher.password);

  t.test('a researcher downloads a CSV export: the answers, no email address, and the manifest shown', async (t) => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    const survey = page.getByLabel('Survey', { exact: true });
    await page.waitForFunction(() => (document.getElementById('survey') as HTMLSelectElement | null)?.value === 'neighbourhood');
    t.equal(await survey.inputValue(), 'neighbourhood', 'the only published survey is chosen');
    await t.resolves(page.getByRole('heading', { name: 'How the answers are anonymised' }).waitFor(), 'the anonymisation is explained');
    t.notOk(await page.getByLabel('Include free-text answers').isChecked(), 'free text is off for researchers');
    t.equal(await page.getByLabel(/^Exact times/).count(), 0, 'exact times are for admins');
    await checkScreen(t, page, 'exports');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    t.equal(download.suggestedFilename(), 'neighbourhood-responses.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    t.match(csv, /Vilnius/, 'the answers are in the file');
    t.match(csv.split('\n')[0], /^respondent,version,state,date,partner/, 'the header row');
    t.equal(csv.trim().split('\n').length, 9, 'eight responses and the header');
    t.notMatch(csv, /@/, 'no email address');
    const result = page.getByRole('region', { name: 'Your export' });
    await result.waitFor();
    t.match(await result.getByRole('status').textContent(), /Saved neighbourhood-responses\.csv/);
    t.equal(await result.locator('dt:has-text("Rows") + dd').textContent(), '8');
    t.equal(await result.locator('dt:has-text("Smallest group (k)") + dd').textContent(), '5');
    const suppressed = await result.getByRole('table', { name: /suppressed/ }).locator('tbody td:first-child').allTextContents();
    t.ok(suppressed.includes('partner'), `the suppressed columns are listed (${suppressed.join(', ')})`);
    t.match(await result.textContent(), /Questions never exported:\s*mail/, 'the email question is named as never exported');
    await checkScreen(t, page, 'exports-done');
  });

  t.test('a filter selecting fewer than k responses is refused in plain words', async (t) => {
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Oslo Welcome' });
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Not exported: these filters select fewer answers than the smallest group (k)' });
    await t.resolves(alert.waitFor());
    t.match(await alert.textContent(), /fewer than k = 5/, "the server's figures follow");
    t.equal(await page.getByRole('region', { name: 'Your export' }).count(), 0, 'no result of a refused export');
  });

  t.test('an admin sees the export in the history', async (t) => {
    const other = await staffUser(app, 'admin');
    const adminView = await adminPage(t, browser, origin, 'desktop');
    await signIn(adminView, origin, other.email, other.password);
    await adminView.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Exports' }).click();
    const history = adminView.getByRole('table', { name: 'Export history' });
    await history.waitFor();
    const row = await history.locator('tbody tr').first().locator('td').allTextContents();
    t.ok(row.includes(researcher.email), 'who exported');
    t.ok(row.includes('neighbourhood') && row.includes('csv') && row.includes('8'), `the survey, format and rows (${row.join(' | ')})`);
    t.ok(await adminView.getByLabel(/^Exact times/).isVisible(), 'admins may ask for exact times');
    await checkScreen(t, adminView, 'exports-admin');
  });
}
