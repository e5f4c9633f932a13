/**
 * The whole partner workflow through the admin interface, in Chromium, against the real app and a
 * real SMTP server on loopback (issues 9 and 10):
 * an admin creates a partner and invites its coordinator, uploads a survey whose expression is
 * broken (the fault at its path), then a fixed one, and publishes it; the coordinator sets a
 * password from the invitation link, imports a semicolon-separated Windows-1250 CSV of three
 * contacts with one invalid row (the row's problem, the commit, the two contacts found), creates
 * and starts a campaign; the invitation arrives at the SMTP server; its link is answered on a
 * phone; the response-rate board shows the completion; a researcher downloads a CSV export that
 * holds the answer and no email address.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import t from 'tap';
import { as, createUser } from '../helper.js';
import { startSmtp } from '../server/modules/mail/smtp.js';
import { launch, ready } from './browser.js';
import { adminPage, signIn, staffUser, startAdmin, until } from './admin.js';

const SURVEY = {
  title: 'Neighbourhood check',
  pages: [{ name: 'start', elements: [
    { type: 'radiogroup', name: 'city', title: 'Where do you live?', isRequired: true, choices: ['Malmö', 'Vilnius', 'Kraków'] },
    { type: 'boolean', name: 'happy', title: 'Do you like it there?', visibleIf: '{city} notempty' },
  ] }],
};
const BROKEN = { ...SURVEY, pages: [{ ...SURVEY.pages[0], elements: [SURVEY.pages[0].elements[0], { ...SURVEY.pages[0].elements[1], visibleIf: '{city} = = 1' }] }] };
const file = (name: string, value: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value, null, 2)) });


const browser = await launch(t);
if (browser) {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const { app, origin, admin } = await startAdmin(t, { env: { RELAY_SMTP_URL: smtp.url, RELAY_MAIL_RATE: '0' } });
  const adminView = await adminPage(t, browser, origin, 'desktop');
  const coordinatorView = await adminPage(t, browser, origin);
  const coordinator = { email: 'lina.coordinator@welcome.example', password: 'a harbour of seven lanterns' };
  const contacts = ['amina.hassan@example.org', 'jonas.zolc@example.org'];
  let setPasswordUrl = '';

  t.test('an admin creates the partner, invites its coordinator, and publishes a survey after fixing its fault', async (t) => {
    const page = adminView;
    await signIn(page, origin, admin.email, admin.password);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('link', { name: 'New partner' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Malmö Welcome');
    await page.getByLabel('Country', { exact: true }).selectOption('SE');
    await page.getByRole('button', { name: 'Create partner' }).click();
    await page.getByRole('heading', { name: 'Malmö Welcome', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Invite a coordinator' }).click();
    await page.getByLabel('Email', { exact: true }).fill(coordinator.email);
    await page.getByRole('button', { name: 'Invite' }).click();
    setPasswordUrl = await page.getByLabel(`Set-password link for ${coordinator.email}`, { exact: true }).inputValue();
    t.match(setPasswordUrl, `${origin}/admin/set-password#token=`, 'the one-time link');

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Surveys' }).click();
    await page.getByLabel('Survey file (JSON)').setInputFiles(file('neighbourhood.json', BROKEN));
    await page.getByLabel(/Short name in links/).fill('neighbourhood');
    await page.getByRole('button', { name: 'Upload survey' }).click();
    await t.resolves(page.getByRole('alert').getByRole('listitem').filter({ hasText: /Question 2 “happy” › visibleIf/ }).waitFor(),
      'the broken expression is shown at its path');
    await page.getByLabel('Survey file (JSON)').setInputFiles(file('neighbourhood.json', SURVEY));
    await page.getByRole('button', { name: 'Upload survey' }).click();
    await page.getByRole('heading', { name: 'Neighbourhood check', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByRole('dialog', { name: 'Publish version 1?' }).getByRole('button', { name: 'Publish' }).click();
    await t.resolves(page.getByRole('status').filter({ hasText: 'Version 1 is published' }).waitFor(), 'published');
  });

  t.test('the coordinator sets a password, imports a Windows-1250 CSV with one invalid row, and finds the two contacts', async (t) => {
    const page = coordinatorView;
    await page.goto(setPasswordUrl);
    await page.getByLabel('New password', { exact: true }).fill(coordinator.password);
    await page.getByLabel('New password again').fill(coordinator.password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('button', { name: 'Go to sign-in' }).click();
    await page.getByLabel(/^email$/i).fill(coordinator.email);
    await page.getByLabel(/^password$/i).fill(coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Lists' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Newcomers 2026');
    await page.getByRole('button', { name: 'Create list' }).click();
    await page.getByRole('heading', { name: 'Newcomers 2026' }).waitFor();
    await page.getByRole('link', { name: 'Import contacts' }).click();
    const csv = iconv.encode(['E-post;Namn;Språk', `${contacts[0]};Amina Hassan;sv`, 'no-address-here;Felaktig Rad;sv', `${contacts[1]};Jonas Żółć;pl`].join('\r\n') + '\r\n', 'win1250');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'kontakter.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByRole('heading', { name: 'Rows read: 3' }).waitFor({ timeout: 90_000 });
    await t.resolves(page.getByRole('row').filter({ hasText: 'Row 3' }).getByText('not a valid email address').waitFor(), "the invalid row's problem, by number");
    await page.getByRole('button', { name: 'Import the contacts' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Added: 2').waitFor({ timeout: 90_000 });
    await page.getByRole('link', { name: 'Open the list' }).click();
    const table = page.getByRole('table', { name: /^Contacts of/ });
    await table.locator('tbody tr').filter({ hasText: contacts[1] }).waitFor();
    t.equal(await table.locator('tbody tr').count(), 2, 'two contacts');
    t.equal(await table.locator('tbody tr').filter({ hasText: contacts[1] }).locator('td[data-label="Name"]').textContent(), 'Jonas Żółć', 'the Windows-1250 name reads right');
  });

  t.test('the coordinator creates and starts a campaign; the invitation arrives by SMTP and is answered on a phone', async (t) => {
    const page = coordinatorView;
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Autumn check');
    await page.getByLabel('Survey', { exact: true }).selectOption('neighbourhood');
    await page.getByLabel('Newcomers 2026 (2 contacts)').check();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Autumn check', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Start now' }).click();
    await page.locator('.campaign-summary .state-running').waitFor();
    await until(() => contacts.every((c) => smtp.received.some((m) => m.to.includes(c))), 'both invitations');
    const mail = smtp.received.find((m) => m.to.includes(contacts[0]))!.mail;
    const link = new RegExp(`${origin.replace(/[.:/]/g, '\\$&')}/s/[A-Za-z0-9_-]+`).exec(mail.text ?? '')?.[0];
    t.ok(link, 'the email holds a personal link');

    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    t.teardown(() => context.close());
    const phone = await context.newPage();
    await phone.goto(link!);
    await ready(phone);
    await phone.getByRole('radio', { name: 'Vilnius' }).check();
    await phone.getByRole('button', { name: 'Complete' }).click();
    await t.resolves(phone.getByText(/thank you/i).first().waitFor(), 'the thank-you page');
  });

  t.test('the response-rate board shows the completion', async (t) => {
    const page = coordinatorView;
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Response rates' }).click();
    await page.getByRole('link', { name: /Autumn check/ }).click();
    const completed = page.locator('dl.figures > div').filter({ has: page.locator('dt', { hasText: /^Completed$/ }) }).locator('dd');
    await page.waitForFunction(() => [...document.querySelectorAll('dl.figures > div')]
      .some((d) => d.querySelector('dt')?.textContent === 'Completed' && d.querySelector('dd')?.textContent === '1'), undefined, { timeout: 60_000 });
    t.equal(await completed.textContent(), '1', 'one completed response');
  });

  t.test('a researcher downloads a CSV export with the answer and no email address', async (t) => {
    // the export refuses fewer than k = 5 responses: four more answers through the API
    const apiAdmin = createUser(app, 'admin');
    for (let i = 0; i < 4; i++) {
      const res = await app.inject(as(apiAdmin, { method: 'POST', url: '/api/surveys/neighbourhood/versions/1/responses',
        headers: { 'idempotency-key': randomUUID() }, payload: { complete: true, answers: { city: 'Malmö', happy: true } } }));
      t.equal(res.statusCode, 201, `answer ${i + 1} stored`);
    }
    const researcher = await staffUser(app, 'researcher');
    const page = await adminPage(t, browser, origin);
    await signIn(page, origin, researcher.email, researcher.password);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Exports' }).click();
    await page.getByLabel('Survey', { exact: true }).selectOption('neighbourhood');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    t.match(csv, /(^|,)Vilnius(,|$)/m, "the respondent's answer is in the export");
    t.equal(csv.trim().split('\n').length, 6, 'a header and five responses');
    for (const address of [...contacts, coordinator.email, researcher.email, admin.email]) t.notOk(csv.includes(address), `no ${address}`);
    t.notMatch(csv, /@/, 'no email address at all');
  });
}
