import t from 'tap';
import type { Page } from 'playwright-core';
import { axeViolations, launch, phonePage, PHONE, ready } from './browser.js';
import { startFixture } from './fixture.js';
import { createUser } from '../helper.js';

const browser = await launch(t);
if (browser) {
  const f = await startFixture(t.testdir(), [
    { email: 'amal@example.org', language: 'ar' },
    { email: 'sara@example.org', language: 'sv' },
    { email: 'oleh@example.org', language: 'uk' },
  ]);
  t.teardown(() => f.close());
  const sql = f.app.db.$client;
  const responsesOf = () => sql.prepare("SELECT data, locale, state FROM responses WHERE campaign_id = ?").all(f.campaignId) as { data: string; locale: string; state: string }[];
  const draftOf = (email: string) => {
    const row = sql.prepare('SELECT d.data FROM response_drafts d JOIN invitations i ON i.id = d.invitation_id JOIN contacts c ON c.id = i.contact_id WHERE c.email = ?').get(email) as { data: string } | undefined;
    return row ? JSON.parse(row.data) as Record<string, unknown> : undefined;
  };
  const until = async (what: string, check: () => boolean, ms = 10_000) => {
    const start = Date.now();
    while (!check()) {
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const q = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);
  const choose = (page: Page, name: string, index: number) => q(page, name).locator('input').nth(index).check();
  const next = (page: Page) => page.locator('.nav button[type=submit]').click();
  const heading = (page: Page) => page.locator('#page-title').textContent();

  t.test('the first question is readable before any script runs, in the invitation\'s language', async (t) => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    t.teardown(() => context.close());
    const page = await context.newPage();
    const res = await page.goto(f.links.get('oleh@example.org')!);
    t.equal(res?.status(), 200);
    t.equal(await page.getAttribute('html', 'lang'), 'uk');
    t.equal(await page.getAttribute('html', 'dir'), 'ltr');
    t.ok(await q(page, 'age_band').isVisible(), 'the first question is on screen');
    t.match(res?.headers()['content-security-policy'] ?? '', /script-src 'self';/);
    t.notMatch(res?.headers()['content-security-policy'] ?? '', /unsafe-inline/);
  });

  t.test('a migrant answers in Arabic across pages with conditional questions, resumes after a reload, and completes once', async (t) => {
    const context = await browser.newContext(PHONE);
    t.teardown(() => context.close());
    const page = await phonePage(t, context, f.origin);
    await page.goto(f.links.get('amal@example.org')!);
    await ready(page);
    t.equal(await page.getAttribute('html', 'dir'), 'rtl');
    t.equal(await page.getAttribute('html', 'lang'), 'ar');
    t.same(await axeViolations(page), [], 'question page: no serious or critical axe violation');
    t.ok(await page.locator('.notice').isVisible(), 'the privacy notice comes before the first question');
    await choose(page, 'age_band', 1);
    await q(page, 'country_of_origin').locator('select').selectOption({ index: 2 });
    await q(page, 'municipality').locator('input').fill('مالمو');
    const first = await heading(page);
    await next(page);
    t.not(await heading(page), first, 'on the second page');
    t.notOk(await q(page, 'lang_course_type').isVisible(), 'the follow-up question waits for its condition');
    await choose(page, 'lang_course_attended', 2);
    t.ok(await q(page, 'lang_no_course_reason').isVisible(), '"no course" shows its reasons');
    await choose(page, 'lang_course_attended', 1);
    t.ok(await q(page, 'lang_course_type').isVisible(), '"yes, now" shows the course type');
    t.notOk(await q(page, 'lang_no_course_reason').isVisible());
    await choose(page, 'lang_course_type', 0);
    const second = await heading(page);

    await page.reload();
    await ready(page);
    t.equal(await heading(page), second, 'after a reload the same page is shown');
    t.ok(await q(page, 'lang_course_attended').locator('input').nth(1).isChecked(), 'with its answers');
    t.ok(await q(page, 'lang_course_type').locator('input').nth(0).isChecked());
    await until('the server has the page', () => draftOf('amal@example.org')?.lang_course_type !== undefined);
    const otherDevice = await browser.newContext(PHONE);
    const elsewhere = await phonePage(t, otherDevice, f.origin);
    await elsewhere.goto(f.links.get('amal@example.org')!);
    t.equal(await heading(elsewhere), second, 'another device resumes on the same page, from the server');
    t.ok(await q(elsewhere, 'lang_course_attended').locator('input').nth(1).isChecked(), 'with the answers');
    await otherDevice.close();

    for (let i = 0; i < 5; i++) await next(page);
    const versionId = (sql.prepare('SELECT version_id AS v FROM campaigns WHERE id = ?').get(f.campaignId) as { v: string }).v;
    const complete = f.app.services.responses.versions.get(versionId).texts.ar.texts.$completeText;
    t.equal(await page.locator('.nav button[type=submit]').textContent(), complete, 'the last page completes, in Arabic');
    await q(page, 'followup_agree').locator('input').nth(0).check();
    await q(page, 'followup_email').locator('input').fill('not an address');
    await next(page);
    await page.locator('.summary[role=alert]').waitFor();
    t.ok(await page.locator('[data-name="followup_email"] .error').isVisible(), 'the error is shown at the question');
    t.equal(await page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name')), 'followup_email', 'focus moved to it');
    t.same(await axeViolations(page), [], 'error state: no serious or critical axe violation');
    await q(page, 'followup_email').locator('input').fill('amal@example.org');
    await next(page);
    await page.locator('[data-step=done]').waitFor();
    t.same(await axeViolations(page), [], 'thank-you page: no serious or critical axe violation');
    const stored = responsesOf();
    t.equal(stored.length, 1, 'one response');
    t.equal(stored[0].locale, 'ar');
    const data = JSON.parse(stored[0].data);
    t.equal(data.lang_course_attended, 'yes_now');
    t.equal(data.municipality, 'مالمو');
    t.notOk('lang_no_course_reason' in data, 'the hidden answer is not stored');
    t.match((sql.prepare('SELECT notice FROM responses WHERE campaign_id = ?').get(f.campaignId) as { notice: string }).notice, /^[0-9a-f]{16}$/,
      'the version of the notice shown is stored with the response');
    t.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('relay:')).length), 0, 'the device copy is cleared');

    const again = await page.goto(f.links.get('amal@example.org')!);
    t.equal(again?.status(), 200);
    t.match(await page.textContent('main') ?? '', f.app.services.i18n.t('ar', 'pages.completed'), 'the link says it was answered');
  });

  t.test('answers given offline are sent when the connection returns, and stored once', async (t) => {
    const context = await browser.newContext(PHONE);
    t.teardown(() => context.close());
    const page = await phonePage(t, context, f.origin);
    await page.goto(f.links.get('sara@example.org')!);
    await ready(page);
    t.equal(await page.getAttribute('html', 'lang'), 'sv');
    await choose(page, 'age_band', 0);
    await until('the first save', () => draftOf('sara@example.org')?.age_band === 'age_18_24');
    await context.setOffline(true);
    await choose(page, 'gender', 0);
    await next(page);
    await page.locator('.status.offline').waitFor();
    t.notOk(draftOf('sara@example.org')?.gender, 'nothing reached the server while offline');
    await context.setOffline(false);
    await until('the save after reconnecting', () => draftOf('sara@example.org')?.gender === 'woman');
    t.pass('saved when the connection returned');

    await context.setOffline(true);
    for (let i = 0; i < 6; i++) await next(page);
    await page.locator('.status.waiting').waitFor();
    t.equal(responsesOf().length, 1, 'not completed while offline (only the earlier respondent\'s response exists)');
    await context.setOffline(false);
    await page.locator('[data-step=done]').waitFor();
    t.equal(responsesOf().length, 2, 'completed once when back online');
    t.equal(JSON.parse(responsesOf().find((r) => r.locale === 'sv')!.data).gender, 'woman');
  });

  t.test('an open link keeps answers on the device and offers to start a new response', async (t) => {
    const context = await browser.newContext(PHONE);
    t.teardown(() => context.close());
    const page = await phonePage(t, context, f.origin);
    await page.goto(`${f.openLink}?lang=en`);
    await ready(page);
    await choose(page, 'gender', 1);
    await page.reload();
    await ready(page);
    t.ok(await q(page, 'gender').locator('input').nth(1).isChecked(), 'restored from the device');
    t.equal(await page.getAttribute('html', 'lang'), 'en', 'the chosen language is remembered');
    await page.locator('.again button').click();
    await page.locator('.confirm button').first().click();
    t.notOk(await q(page, 'gender').locator('input').nth(1).isChecked(), 'the previous answers are gone');
    t.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('relay:')).length), 0, 'and off the device');
  });

  t.test('staff preview a version in any language; a survey asking for consent waits for it, and the preview stores nothing', async (t) => {
    const admin = createUser(f.app, 'admin');
    const definition = {
      title: { default: 'Consent first', ar: 'الموافقة أولا' }, consentRequired: true,
      privacyNotice: { default: 'We keep answers for a year.', ar: 'نحتفظ بالإجابات لمدة سنة.' },
      pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: 'ok', title: { default: 'All right?', ar: 'هل كل شيء على ما يرام؟' }, choices: ['yes', 'no'], isRequired: true },
        { type: 'text', inputType: 'number', name: 'hours', title: { default: 'Hours a week', ar: 'عدد الساعات في الأسبوع' } }] }],
    };
    for (const [url, body] of [['/api/surveys', { slug: 'consent-first', definition }], ['/api/surveys/consent-first/publish', undefined]] as const) {
      const res = await fetch(`${f.origin}${url}`, { method: 'POST', headers: { authorization: admin.bearer, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body && JSON.stringify(body) });
      t.ok(res.ok, `${url}: ${res.status}`);
    }
    const before = (sql.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
    const context = await browser.newContext({ ...PHONE, extraHTTPHeaders: { authorization: admin.bearer } });
    t.teardown(() => context.close());
    const page = await phonePage(t, context, f.origin);
    await page.goto(`${f.origin}/preview/consent-first/1?lang=ar`);
    await ready(page);
    t.equal(await page.getAttribute('html', 'dir'), 'rtl');
    t.ok(await page.locator('.banner').isVisible(), 'marked as a preview');
    t.notOk(await q(page, 'ok').isVisible(), 'no question before consent');
    t.same(await axeViolations(page), [], 'notice page: no serious or critical axe violation');
    await next(page);
    t.ok(await page.locator('#consent-err').isVisible(), 'starting without consent is refused, with a message');
    t.equal(await page.evaluate(() => document.activeElement?.id), 'consent', 'focus on the consent box');
    await page.locator('#consent').check();
    await next(page);
    await choose(page, 'ok', 0);
    await q(page, 'hours').locator('input').pressSequentially('12.5');
    t.equal(await q(page, 'hours').locator('input').inputValue(), '12.5', 'a decimal number can be typed key by key');
    await next(page);
    await page.locator('[data-step=done]').waitFor();
    t.equal((sql.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n, before, 'the preview stored no response');
    const refused = await fetch(`${f.origin}/preview/consent-first/1`);
    t.equal(refused.status, 401, 'not for anyone without an account');
  });

  t.test('a first visit stays within 60 KB compressed, and a second survey on the same phone downloads no script again', async (t) => {
    const context = await browser.newContext(PHONE);
    t.teardown(() => context.close());
    const page = await phonePage(t, context, f.origin);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const bytes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => bytes.set(urls.get(e.requestId) ?? e.requestId, (bytes.get(urls.get(e.requestId) ?? e.requestId) ?? 0) + e.encodedDataLength));
    const total = (match: RegExp) => [...bytes].filter(([url]) => match.test(url)).reduce((sum, [, n]) => sum + n, 0);

    await page.goto(`${f.openLink}?lang=ar`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const first = total(/./);
    t.ok(first > 10_000 && first <= 60 * 1024, `first visit: ${first} bytes on the wire (budget 61,440)`);
    t.ok(total(/\/assets\/.*\.js$/) > 0, 'the script was downloaded once');

    const res = await fetch(`${f.origin}/api/campaigns`, {
      method: 'POST', headers: { authorization: f.coordinator.bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Event', survey: 'event-evaluation', listIds: [f.listId], languages: ['en'], replyTo: 'office@example.org' }),
    });
    const second = await res.json() as { id: string; openLink: string };
    await fetch(`${f.origin}/api/campaigns/${second.id}/start`, { method: 'POST', headers: { authorization: f.coordinator.bearer } });
    bytes.clear();
    await page.goto(second.openLink);
    await ready(page);
    await page.waitForLoadState('networkidle');
    t.equal(total(/\/assets\//), 0, 'script and stylesheet come from the cache');
    t.ok(total(/\/api\/compiled\/structure\//) > 0, 'only the new survey\'s payloads travel');
  });

  t.test('a dynamic panel adds and removes panels, and shows an error inside the panel it belongs to', async (t) => {
    const admin = createUser(f.app, 'admin');
    const definition = {
      title: 'Household',
      pages: [{ name: 'p1', elements: [{
        type: 'paneldynamic', name: 'members', title: 'Who lives with you?', panelCount: 1, minPanelCount: 1, maxPanelCount: 4, templateTitle: 'Person {panelIndex}',
        templateElements: [
          { type: 'text', name: 'first', title: 'First name', isRequired: true },
          { type: 'radiogroup', name: 'relation', title: 'Relation to {panel.first}', choices: ['partner', 'child', 'parent'] },
        ],
      }] }],
    };
    for (const [url, body] of [['/api/surveys', { slug: 'household', definition }], ['/api/surveys/household/publish', undefined]] as const) {
      const res = await fetch(`${f.origin}${url}`, { method: 'POST', headers: { authorization: admin.bearer, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body && JSON.stringify(body) });
      t.ok(res.ok, `${url}: ${res.status} ${res.ok ? '' : await res.text()}`);
    }
    const context = await browser.newContext({ ...PHONE, extraHTTPHeaders: { authorization: admin.bearer } });
    t.teardown(() => context.close());
    const page = await phonePage(t, context, f.origin);
    await page.goto(`${f.origin}/preview/household/1`);
    await ready(page);
    const panels = q(page, 'members').locator('fieldset.row');
    t.equal(await panels.count(), 1, 'one panel to start with');
    await panels.nth(0).locator('input[type=text]').fill('Amina');
    t.match(await panels.nth(0).textContent() ?? '', /Relation to Amina/, 'a title pipes its own panel\'s answer');
    await q(page, 'members').locator('.panels > button').click();
    t.equal(await panels.count(), 2, 'a second panel added');
    t.match(await panels.nth(1).locator('legend').textContent() ?? '', /Person 2/);
    await next(page);
    t.ok(await panels.nth(1).locator('.error').isVisible(), 'the missing first name is reported in the second panel');
    t.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id), await panels.nth(1).locator('input[type=text]').getAttribute('id'), 'focus moved there');
    t.same(await axeViolations(page), [], 'dynamic panel with an error: no serious or critical axe violation');
    await panels.nth(1).locator('button').click();
    t.equal(await panels.count(), 1, 'removed again');
    await next(page);
    await page.locator('[data-step=done]').waitFor();
  });

  t.test('invalid answers through the API get an error per question', async (t) => {
    const res = await fetch(`${f.links.get('oleh@example.org')!}/complete`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'browser-test-invalid-1' },
      body: JSON.stringify({ answers: { age_band: 'age_200', followup_agree: true, followup_email: 'nope' }, locale: 'uk' }),
    });
    t.equal(res.status, 422);
    const problem = await res.json() as { errors: { pointer: string }[] };
    t.ok(problem.errors.some((e) => e.pointer === '/answers/age_band'), 'the unknown choice is named');
  });

  t.test('unknown and closed links show a friendly page in the respondent\'s language', async (t) => {
    const context = await browser.newContext({ ...PHONE, locale: 'sv-SE' });
    t.teardown(() => context.close());
    const page = await phonePage(t, context, f.origin);
    const unknown = await page.goto(`${f.origin}/s/${'x'.repeat(43)}`);
    t.equal(unknown?.status(), 404);
    t.equal(await page.getAttribute('html', 'lang'), 'sv');
    t.same(await axeViolations(page), [], 'link-not-found page: no serious or critical axe violation');
    await f.app.services.campaigns.close(f.campaignId, { userId: null, role: 'admin', partnerId: null });
    const closed = await page.goto(f.links.get('oleh@example.org')!);
    t.equal(closed?.status(), 410);
    t.same(await axeViolations(page), [], 'closed-link page: no serious or critical axe violation');
  });
}
