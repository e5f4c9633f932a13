/**
 * The surveys screens in Chromium: the list with the example surveys; an admin's upload (a JSON
 * syntax error caught before sending, a broken expression shown at its path), a valid survey as a
 * draft, previewed in its frame and published after the confirmation; the language report with a
 * missing string; the translation file (download link, a bad row's error); and a researcher, who
 * reads but changes nothing.
 */
import t from 'tap';
import { launch } from './browser.js';
import { adminPage, checkScreen, open, signIn, staffUser, startAdmin } from './admin.js';

const BROKEN = {
  title: 'Broken',
  pages: [{ name: 'start', elements: [
    { type: 'boolean', name: 'a', title: 'A?' },
    { type: 'text', name: 'b', title: 'B', visibleIf: '{a} = = 1' },
  ] }],
};
const VALID = {
  title: { default: 'Phone check', sv: 'Telefonkoll' },
  pages: [{ name: 'start', elements: [
    { type: 'text', name: 'town', title: { default: 'Which town do you live in?', sv: 'I vilken stad bor du?' } },
    { type: 'radiogroup', name: 'years', title: { default: 'How long have you lived there?' }, choices: ['1', '2'] },
  ] }],
};
const json = (name: string, value: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value, null, 2)) });

const browser = await launch(t);
if (browser) {
  const { origin, app, admin } = await startAdmin(t, { examples: true });
  const page = await adminPage(t, browser, origin);
  await signIn(page, origin, admin.email, admin.password);
  const sent: string[] = [];
  page.on('request', (r) => { if (r.method() !== 'GET') sent.push(`${r.method()} ${new URL(r.url()).pathname}`); });

  t.test('the list shows the example surveys with state, versions and languages', async (t) => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'All surveys' });
    await table.waitFor();
    for (const title of ['Evaluation of the training or event', 'Life in a new country: your experience']) {
      t.ok(await table.getByRole('link', { name: title }).isVisible(), `${title} is listed`);
    }
    t.ok(await table.getByText('Swedish (sv)').first().isVisible(), 'with its languages by name');
  });

  t.test('an upload: a JSON syntax error at the field, unsent; a broken expression at its path', async (t) => {
    await page.getByLabel('Survey file (JSON)').setInputFiles(json('broken.json', '{\n  "title": "x",\n  "pages": [}\n}'));
    await page.getByRole('button', { name: 'Upload survey' }).click();
    await t.resolves(page.getByText(/not valid JSON: the error is at line 3, column/).waitFor(), 'the syntax error with its line');
    t.equal(await page.getByLabel('Survey file (JSON)').getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
    t.same(sent, [], 'nothing was sent');

    await page.getByLabel('Survey file (JSON)').setInputFiles(json('broken.json', BROKEN));
    await page.getByRole('button', { name: 'Upload survey' }).click();
    const fault = page.getByRole('alert').getByRole('listitem').filter({ hasText: 'Page 1 “start” › Question 2 “b” › visibleIf' });
    await t.resolves(fault.waitFor(), 'the fault at its path, in words');
    t.match(await fault.textContent(), /\/definition\/pages\/0\/elements\/1\/visibleIf/, 'and its JSON pointer');
    await checkScreen(t, page, 'surveys-list');
  });

  t.test('a valid survey is a draft; previewed in its frame; published after the confirmation', async (t) => {
    await page.getByLabel('Survey file (JSON)').setInputFiles(json('phone-check.json', VALID));
    await page.getByLabel(/Short name in links/).fill('phone-check');
    await page.getByRole('button', { name: 'Upload survey' }).click();
    await page.getByRole('heading', { name: 'Phone check', level: 1 }).waitFor();
    t.equal(new URL(page.url()).pathname, '/admin/surveys/phone-check');
    t.ok(await page.locator('dd .survey-state').getByText('Draft').isVisible(), 'shown as a draft');

    const frame = page.frameLocator('iframe[title="Preview of version 1 (draft) in English (en)"]');
    await t.resolves(frame.getByText('Which town do you live in?').waitFor(), 'the first question inside the frame');
    await page.getByLabel('Preview language').selectOption('sv');
    await t.resolves(page.frameLocator('iframe[title$="in Swedish (sv)"]').getByText('I vilken stad bor du?').waitFor(), 'and in Swedish');
    t.equal(await page.getByRole('link', { name: 'Open the preview in a new tab' }).getAttribute('href'), '/preview/phone-check/1?lang=sv');

    t.ok(await page.getByText('2 of 5 translated').isVisible(), 'Swedish: translated of all');
    await page.getByText('3 texts not translated').click();
    await t.resolves(page.locator('ul.survey-missing code').getByText('question:years/title', { exact: true }).waitFor(), 'the report lists each missing string');

    await page.getByRole('button', { name: 'Publish version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish version 1?' });
    await dialog.waitFor();
    t.match(await dialog.textContent(), /respondents can answer it/, 'the question says what it means for respondents');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await t.resolves(page.getByRole('status').filter({ hasText: 'Version 1 is published and the survey is open.' }).waitFor());
    await t.resolves(page.waitForFunction(() => document.activeElement?.textContent === 'Version 1 is published and the survey is open.'),
      'the focus goes to what happened (the publish button is gone)');
    await t.resolves(page.locator('dd .survey-state').getByText('Open').waitFor(), 'the state is open');
    t.equal(app.services.surveys.get('phone-check').publishedVersion, 1);
    t.ok(await page.getByRole('button', { name: 'Close the survey' }).isVisible(), 'it can now be closed');
  });

  t.test('translation file: the download link adds languages; a bad row shows its error', async (t) => {
    await page.getByLabel(/Add columns for new languages/).fill('uk, fa');
    const link = page.getByRole('link', { name: /Download the translation file \(CSV\) with uk, fa/ });
    const href = await link.getAttribute('href');
    t.equal(href, '/api/surveys/phone-check/translations.csv?add=uk%2Cfa');
    const csv = await page.request.get(`${origin}${href}`);
    t.equal(csv.status(), 200);
    t.match((await csv.text()).split(/\r?\n/)[0], /^\uFEFF?"key","default","sv","uk","fa"$/, 'a column for each added language');
    await page.getByLabel(/Add columns for new languages/).fill('uk, Ukrainian');
    await t.resolves(page.getByText('Not language codes: Ukrainian').waitFor(), 'a language name instead of a code is said at the field');
    t.equal(await page.getByRole('link', { name: /Download the translation file/ }).count(), 0, 'and no link leads to an error');

    await page.getByLabel('Translation file (CSV)').setInputFiles({ name: 'sv.csv', mimeType: 'text/csv',
      buffer: Buffer.from('key,default,sv\nno-such-key,Which town?,Vilken stad?\n') });
    await page.getByRole('button', { name: 'Upload translations' }).click();
    await t.resolves(page.getByRole('alert').getByRole('listitem').filter({ hasText: /^Row 2 › key: Unknown key 'no-such-key'/ }).waitFor(), "the row's error");
    await checkScreen(t, page, 'survey-detail');
  });

  t.test('a researcher sees the surveys but no upload, publish or close', async (t) => {
    const researcher = await staffUser(app, 'researcher');
    const other = await adminPage(t, browser, origin);
    await signIn(other, origin, researcher.email, researcher.password);
    await open(other, origin, '/admin/surveys');
    await other.getByRole('table', { name: 'All surveys' }).getByRole('link', { name: 'Phone check' }).waitFor();
    t.equal(await other.getByRole('button', { name: 'Upload survey' }).count(), 0, 'no upload');
    await other.getByRole('link', { name: 'Phone check' }).click();
    await other.getByRole('heading', { name: 'Phone check', level: 1 }).waitFor();
    await t.resolves(other.frameLocator('iframe.survey-phone').getByText('Which town do you live in?').waitFor(), 'the preview works for a researcher');
    for (const name of [/^Publish/, 'Close the survey', 'Upload version', 'Upload translations']) {
      t.equal(await other.getByRole('button', { name }).count(), 0, `no ${String(name)} button`);
    }
    t.ok(await other.getByRole('link', { name: 'Download the translation file (CSV)' }).isVisible(), 'the translation file can be downloaded');
  });

  t.test('closing says what it means for respondents; an unknown survey says so', async (t) => {
    await page.getByRole('button', { name: 'Close the survey' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close “Phone check”?' });
    await dialog.waitFor();
    t.match(await dialog.textContent(), /Respondents can no longer send answers, not even through links already sent/);
    await dialog.getByRole('button', { name: 'Close the survey' }).click();
    await t.resolves(page.locator('dd .survey-state').getByText('Closed').waitFor(), 'the state is closed');
    t.equal(app.services.surveys.get('phone-check').state, 'closed');
    t.ok(await page.getByRole('button', { name: 'Open the survey again' }).isVisible(), 'and it can be opened again');
    await open(page, origin, '/admin/surveys/no-such-survey');
    await t.resolves(page.getByRole('alert').filter({ hasText: /no-such-survey/ }).waitFor(), 'a survey that does not exist is said');
  });
}
