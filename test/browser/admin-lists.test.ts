/**
 * The lists screens in Chromium, as a coordinator: create a list, the upload's error states, import
 * a semicolon-separated Windows-1250 CSV with one invalid row (the row's problem with its number,
 * then the commit), find the contacts by search, opt one out and erase the other through their
 * confirmations; another partner's list is refused in words; an admin chooses the partner.
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import t from 'tap';
import { launch } from './browser.js';
import { adminPage, checkScreen, open, signIn, staffUser, startAdmin } from './admin.js';

const browser = await launch(t);
if (browser) {
  const { app, origin, admin } = await startAdmin(t);
  const ours = app.services.partners.create({ name: 'Kraków Volunteers', country: 'PL', timeZone: 'Europe/Warsaw' });
  const theirs = app.services.partners.create({ name: 'Vilnius Aid', country: 'LT', timeZone: 'Europe/Vilnius' });
  const coordinator = await staffUser(app, 'coordinator', ours.id);
  const operator = { userId: null, role: 'admin' as const, partnerId: null };
  const otherList = app.services.lists.create({ name: 'Their list', partnerId: theirs.id }, operator);
  // the import worker's first start loads its modules (slow on a busy machine): done while the browser signs in
  await app.services.imports.start(otherList.id, Readable.from([Buffer.from('email\nsomeone@example.org\n')]), {}, operator);

  // Polish headers and a Polish name, as Excel on a Polish Windows saves "CSV (separated by semicolons)"
  const csv = iconv.encode([
    'Adres e-mail;Imię i nazwisko;Język',
    'lukasz.zolc@example.org;Łukasz Żółć;polski',
    'not-an-address;Ktoś Zły;pl',
    'anna.lind@example.org;Anna Lind;svenska',
  ].join('\r\n') + '\r\n', 'win1250');

  const page = await adminPage(t, browser, origin);
  await signIn(page, origin, coordinator.email, coordinator.password);
  const dialog = () => page.locator('dialog[open]');
  const row = (text: string) => page.getByRole('row').filter({ hasText: text });
  const contactsTable = () => page.getByRole('table', { name: /^Contacts of/ });
  const contact = (text: string) => contactsTable().locator('tbody tr').filter({ hasText: text });
  const cell = (text: string, column: string) => contact(text).locator(`td[data-label="${column}"]`);

  t.test('a coordinator creates a list; its empty screen', async (t) => {
    await page.getByRole('link', { name: 'Lists' }).first().click();
    await page.getByRole('heading', { name: 'Distribution lists' }).waitFor();
    await t.resolves(page.getByText('There are no lists yet').waitFor(), "another partner's list is not shown");
    t.equal(await page.getByLabel('Partner').count(), 0, 'a coordinator does not choose the partner');
    await page.getByRole('button', { name: 'Create list' }).click();
    await t.resolves(page.getByRole('alert').waitFor(), 'a list without a name is refused, in words');
    t.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true', 'the name field is marked');
    await page.getByLabel('Name', { exact: true }).fill('Volunteers 2026');
    await page.getByRole('button', { name: 'Create list' }).click();
    await page.getByRole('heading', { name: 'Volunteers 2026' }).waitFor();
    await t.resolves(page.getByText('This list has no contacts yet').waitFor());
  });

  t.test('the upload refuses what is not a list, and a file the server cannot read says why', async (t) => {
    await page.getByRole('link', { name: 'Import contacts' }).click();
    await page.getByRole('heading', { name: 'Import contacts into Volunteers 2026' }).waitFor();
    const file = page.getByLabel('File', { exact: true });
    await file.setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 minutes') });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await t.resolves(page.getByText('"minutes.pdf" is not a CSV or Excel (.xlsx) file').waitFor(), 'a PDF is refused before it is sent');
    t.equal(await file.getAttribute('aria-invalid'), 'true');
    await file.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await t.resolves(page.getByText('"empty.csv" is empty').waitFor(), 'an empty file is refused');
    await checkScreen(t, page, 'import-upload-error');
    // a picture renamed to .csv gets to the server, which recognises it
    await file.setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByRole('heading', { name: 'Import into Volunteers 2026' }).waitFor();
    const STAGING = { timeout: 90_000 };
    await t.resolves(page.getByRole('alert').filter({ hasText: /not a contact list|binary/ }).waitFor(STAGING), "the server's reason is shown");
    await t.resolves(page.getByText('Could not be read').waitFor());
    await checkScreen(t, page, 'import-failed');
    await page.getByRole('button', { name: 'Discard this import' }).click();
    await t.resolves(dialog().getByText('The uploaded file and its preview are deleted').waitFor());
    await dialog().getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('heading', { name: 'Volunteers 2026' }).waitFor();
  });

  t.test('a Windows-1250 CSV: the preview shows the invalid row by number, the commit adds the two others', async (t) => {
    await page.getByRole('link', { name: 'Import contacts' }).click();
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'wolontariusze.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByRole('heading', { name: 'Rows read: 3' }).waitFor({ timeout: 90_000 });
    const facts = page.locator('dl.facts');
    t.match(await facts.textContent(), /windows-1250/, 'the encoding found is shown');
    t.match(await facts.textContent(), /Semicolon/, 'so is the delimiter');
    const bad = row('Row 3');
    await t.resolves(bad.getByText('not a valid email address').waitFor(), "row 3's problem is shown with its row number");
    t.match(await bad.textContent(), /Email:.*not a valid email address/, 'at its field');
    t.match(await page.locator('ul.counts').textContent(), /2\s*new contacts to add.*1\s*rows skipped/s, 'valid and invalid rows counted');
    // read again as Windows-1252, then as detected: the preview follows
    await page.getByText('Columns, encoding and separator').click();
    await page.getByLabel('Text encoding').selectOption('windows-1252');
    await page.getByRole('button', { name: 'Read the file again' }).click();
    await page.locator('dl.facts dd', { hasText: 'windows-1252' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Rows read: 3' }).waitFor();
    t.pass('the file is read again with the encoding chosen');
    await page.getByText('Columns, encoding and separator').click();
    await page.getByLabel('Text encoding').selectOption('');
    await page.getByRole('button', { name: 'Read the file again' }).click();
    await page.locator('dl.facts dd', { hasText: 'windows-1250' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Rows read: 3' }).waitFor();
    await page.getByLabel('Show').selectOption('all');
    await t.resolves(row('Row 2').getByText('Łukasz Żółć').waitFor(), 'the Windows-1250 name reads correctly in the preview');
    await checkScreen(t, page, 'import-preview');
    await page.getByRole('button', { name: 'Import the contacts' }).click();
    const question = dialog();
    await t.resolves(question.getByText('Contacts to be added: 2.').waitFor(), 'the question says how many are added');
    await t.resolves(question.getByText('Rows with problems are skipped: 1.').waitFor(), 'and that the invalid row is skipped');
    await question.getByRole('button', { name: 'Import', exact: true }).click();
    await t.resolves(page.getByText('Added: 2').waitFor({ timeout: 90_000 }), 'the result');
    t.match(await page.getByRole('status').filter({ hasText: 'Added' }).textContent(), /Skipped: 1/);
    await checkScreen(t, page, 'import-result');
    await page.getByRole('link', { name: 'Open the list' }).click();
    await page.getByRole('heading', { name: 'Volunteers 2026' }).waitFor();
  });

  t.test('the contacts: search by name and by email, sort, past imports', async (t) => {
    await contact('lukasz.zolc@example.org').waitFor();
    t.equal(await cell('lukasz.zolc@example.org', 'Name').textContent(), 'Łukasz Żółć', 'the cp1250 name reads correctly in the table');
    t.equal(await cell('lukasz.zolc@example.org', 'Language').textContent(), 'pl', '"polski" is understood as Polish');
    t.equal(await contactsTable().locator('tbody tr').count(), 2, 'two contacts, the invalid row skipped');
    t.match(await page.getByRole('table', { name: 'Past imports' }).textContent(), /wolontariusze\.csv.*Imported/s, 'the import is in the history');
    await page.getByLabel('Email or name contains').fill('Żółć');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=/);
    await contact('anna.lind').waitFor({ state: 'detached' });
    t.equal(await contactsTable().locator('tbody tr').count(), 1, 'search by name finds one');
    t.equal(await cell('lukasz.zolc', 'Name').textContent(), 'Łukasz Żółć', 'the one');
    await page.getByLabel('Email or name contains').fill('anna.lind@');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await contact('lukasz.zolc').waitFor({ state: 'detached' });
    t.equal(await contactsTable().locator('tbody tr').count(), 1, 'search by email finds one');
    t.equal(await cell('anna.lind@', 'Name').textContent(), 'Anna Lind', 'the one');
    await page.getByLabel('Email or name contains').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => !url.search.includes('q='));
    await page.getByLabel('Order').selectOption({ label: 'Name, A to Z' });
    await page.waitForURL(/sort=name/);
    const names = async () => (await contactsTable().locator('td[data-label="Name"]').allTextContents()).join('|');
    await contactsTable().locator('tbody tr').nth(1).waitFor();
    t.equal(await names(), 'Anna Lind|Łukasz Żółć', 'sorted by name');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: /^Name/ }).click();
    await page.waitForURL(/order=desc/);
    await page.waitForFunction(() => /Łukasz[\s\S]*Anna/.test(document.querySelector('table tbody')?.textContent ?? ''));
    t.equal(await names(), 'Łukasz Żółć|Anna Lind', "the header's button turns the order at desktop width");
    t.equal(await page.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort'), 'descending');
    t.equal(await page.getByLabel('Order').inputValue(), 'name:desc', 'the order field says so');
    await page.setViewportSize({ width: 360, height: 740 });
    const csvLink = page.getByRole('link', { name: 'Download as CSV' });
    t.match(await csvLink.getAttribute('href'), /\/api\/lists\/[^/]+\/contacts\.csv$/);
    await checkScreen(t, page, 'list-contacts');
  });

  t.test('opting one out and erasing the other ask first and say what happens', async (t) => {
    await contact('lukasz.zolc@example.org').getByRole('button', { name: 'Opt out' }).click();
    await t.resolves(dialog().getByText('never send this address an email again').waitFor());
    await dialog().getByRole('button', { name: 'Opt out' }).click();
    await contact('lukasz.zolc@example.org').locator('td[data-label="Status"]', { hasText: 'Opted out' }).waitFor();
    t.pass('opted out');
    t.equal(await contact('lukasz.zolc@example.org').getByRole('button', { name: 'Opt out' }).count(), 0, 'no second opt-out');

    await contact('anna.lind@example.org').getByRole('button', { name: 'Erase' }).click();
    const question = dialog();
    await t.resolves(question.getByRole('heading', { name: 'Erase Anna Lind (anna.lind@example.org)?' }).waitFor());
    const text = await question.textContent();
    t.match(text, /email address, name, language and other details are deleted/, 'says the contact is emptied');
    t.match(text, /invitations' personal links stop working/, 'and their invitations and links');
    t.match(text, /This cannot be undone/, 'and that it is final');
    await checkScreen(t, page, 'contact-erase-confirm');
    await question.getByRole('button', { name: 'Cancel' }).click();
    t.equal(await contact('anna.lind@example.org').count(), 1, 'cancel erases nothing');
    await contact('anna.lind@example.org').getByRole('button', { name: 'Erase' }).click();
    await dialog().getByRole('button', { name: 'Erase for good' }).click();
    await contact('(erased)').waitFor();
    t.equal(await cell('(erased)', 'Status').textContent(), 'Erased', 'erased: no address left');
    t.equal(await page.getByText('anna.lind@example.org').count(), 0, 'the address is gone from the screen');
    t.equal(await page.getByText('Anna Lind').count(), 0, 'and the name');
  });

  t.test('editing a contact', async (t) => {
    await contact('lukasz.zolc@example.org').getByRole('link', { name: /^Edit/ }).click();
    await page.getByRole('heading', { name: 'Edit contact' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill('not an address');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await t.resolves(page.getByRole('alert').waitFor(), 'a bad address is refused');
    await page.getByLabel('Email', { exact: true }).fill('lukasz.zolc@example.org');
    await page.getByLabel('Other details (optional)').fill('municipality: Kraków');
    await checkScreen(t, page, 'contact-edit');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('heading', { name: 'Volunteers 2026' }).waitFor();
    await contact('lukasz.zolc@example.org').waitFor();
    const [saved] = app.services.contacts.list(page.url().split('/lists/')[1].split('?')[0], operator,
      { search: 'lukasz', page: 1, pageSize: 10 }).items;
    t.same(saved.attributes, { municipality: 'Kraków' }, 'the details are saved');
  });

  t.test("a coordinator cannot open another partner's list", async (t) => {
    await open(page, origin, `/admin/lists/${otherList.id}`);
    await page.getByRole('heading', { name: 'List not available' }).waitFor();
    await t.resolves(page.getByRole('alert').filter({ hasText: 'belongs to another partner' }).waitFor());
    t.equal(await page.getByText('Their list').count(), 0, 'nothing of it is shown');
    await checkScreen(t, page, 'list-not-available');
    await open(page, origin, `/admin/lists/${otherList.id}/import`);
    await t.resolves(page.getByRole('heading', { name: 'List not available' }).waitFor(), 'nor import into it');
  });

  t.test('an admin sees every list with its partner, and chooses the partner of a new one', async (t) => {
    const adminTab: Page = await adminPage(t, browser, origin, 'desktop');
    await signIn(adminTab, origin, admin.email, admin.password);
    await open(adminTab, origin, '/admin/lists');
    await adminTab.getByRole('heading', { name: 'Distribution lists' }).waitFor();
    await t.resolves(adminTab.getByRole('row').filter({ hasText: 'Their list' }).getByText('Vilnius Aid').waitFor());
    t.match(await adminTab.getByRole('row').filter({ hasText: 'Volunteers 2026' }).textContent(), /Kraków Volunteers.*Opted out: 1.*Erased: 1/s);
    await checkScreen(t, adminTab, 'lists-admin');
    await adminTab.getByLabel('Name', { exact: true }).fill('Donors');
    await adminTab.getByRole('button', { name: 'Create list' }).click();
    await t.resolves(adminTab.locator('#list-partner-error').waitFor(), 'the partner is asked for, at its field');
    await adminTab.getByLabel('Partner').selectOption({ label: 'Vilnius Aid' });
    await adminTab.getByRole('button', { name: 'Create list' }).click();
    await adminTab.getByRole('heading', { name: 'Donors' }).waitFor();
    await open(adminTab, origin, '/admin/lists');
    await adminTab.getByRole('row').filter({ hasText: 'Donors' }).getByRole('button', { name: 'Delete' }).click();
    await t.resolves(adminTab.locator('dialog[open]').getByText('all of its contacts (0) are deleted').waitFor(), 'the question says how many contacts go');
    await adminTab.locator('dialog[open]').getByRole('button', { name: 'Delete the list and its contacts' }).click();
    await adminTab.getByRole('row').filter({ hasText: 'Donors' }).waitFor({ state: 'detached' });
    t.pass('deleted');
  });
}
