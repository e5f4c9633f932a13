/**
 * The staff preview: drafts are compiled on demand and served only under /preview to signed-in
 * staff, the preview may be framed by the site itself, and respondents' pages never.
 */
import t from 'tap';
import { eq } from 'drizzle-orm';
import { users } from '../../../../server/db/schema/index.js';
import { as, buildTestApp, createCast, createList, signIn } from '../../../helper.js';
import { INTAKE_SURVEY, publishSurvey } from '../responses/setup.js';

const app = await buildTestApp(t);
const cast = createCast(app);
await publishSurvey(app, cast.admin, 'living', INTAKE_SURVEY);
// version 2: a draft with a question the published version lacks
const draft = { ...INTAKE_SURVEY, pages: [{ name: 'first', elements: [{ type: 'text', name: 'draft_only', title: { default: 'Only in the draft', sv: 'Bara i utkastet' } }] }, ...INTAKE_SURVEY.pages] };
const put = await app.inject(as(cast.admin, { method: 'PUT', url: '/api/surveys/living/definition', payload: draft }));
t.equal(put.statusCode, 201, 'a draft version 2');
const bootOf = (html: string) => JSON.parse(/<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)![1]);

t.test('a draft version is previewed by every staff role, compiled on demand, in any of its languages', async (t) => {
  for (const user of [cast.admin, cast.coordinator, cast.researcher]) {
    const page = await app.inject(as(user, { method: 'GET', url: '/preview/living/2?lang=sv' }));
    t.equal(page.statusCode, 200, `${user.role}: 200`);
    t.match(page.body, /Bara i utkastet/, `${user.role}: the draft's first question, in Swedish`);
  }
  const boot = bootOf((await app.inject(as(cast.admin, { method: 'GET', url: '/preview/living/2' }))).body);
  t.equal(boot.mode, 'preview');
  t.match(boot.structure, /^\/preview\/living\/2\/compiled\/structure\/[0-9a-f]{16}$/, 'the script loads the draft from the preview');
  const structure = await app.inject(as(cast.researcher, { method: 'GET', url: boot.structure }));
  t.equal(structure.statusCode, 200);
  t.match(structure.body, /draft_only/);
  t.equal(structure.headers['cache-control'], 'private, no-store');
  t.equal((await app.inject(as(cast.admin, { method: 'GET', url: boot.texts }))).statusCode, 200, 'and its texts');

  const hash = boot.structure.split('/').pop();
  t.equal((await app.inject({ method: 'GET', url: `/api/compiled/structure/${hash}` })).statusCode, 404, 'nothing of the draft is stored where respondents load payloads');
  t.equal((await app.inject({ method: 'GET', url: boot.structure })).statusCode, 401, 'its payloads need a session');
  t.equal((await app.inject(as(cast.admin, { method: 'GET', url: '/preview/living/2/compiled/structure/0123456789abcdef' }))).statusCode, 404, 'an unknown hash');
  t.equal((await app.inject(as(cast.admin, { method: 'GET', url: '/preview/living/3' }))).statusCode, 404, 'no version 3');

  const published = bootOf((await app.inject(as(cast.admin, { method: 'GET', url: '/preview/living/1' }))).body);
  t.match(published.structure, /^\/api\/compiled\/structure\//, 'a published version as respondents load it');
});

t.test('a draft that cannot run on phones shows its faults at their path', async (t) => {
  const bad = { pages: [{ name: 'p', elements: [{ type: 'signaturepad', name: 'sign' }] }] };
  t.equal((await app.inject(as(cast.admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'unphoned', definition: bad } }))).statusCode, 201);
  const page = await app.inject(as(cast.admin, { method: 'GET', url: '/preview/unphoned/1' }));
  t.equal(page.statusCode, 422);
  t.match(page.body, /<code>\/pages\/0\/elements\/0[^<]*<\/code>/);
});

t.test('others get 401 or 403', async (t) => {
  t.equal((await app.inject({ method: 'GET', url: '/preview/living/2' })).statusCode, 401, 'no session');
  const { user, token } = app.services.accounts.inviteUser({ email: 'pending@example.org', role: 'coordinator', partnerId: cast.partner.id });
  await app.services.accounts.setPasswordWithToken(token, 'a pending passphrase');
  app.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id)).run();
  const cookie = await signIn(app, 'pending@example.org', 'a pending passphrase');
  t.equal((await app.inject({ method: 'GET', url: '/preview/living/2', headers: { cookie } })).statusCode, 403, 'a password to change first');
});

t.test('the preview may be framed by the site itself; respondents\' pages never', async (t) => {
  const preview = await app.inject(as(cast.admin, { method: 'GET', url: '/preview/living/2', headers: { 'accept-encoding': 'gzip' } }));
  t.match(preview.headers['content-security-policy'], /frame-ancestors 'self'$/);
  t.notMatch(preview.headers['content-security-policy'], /'none'$/);
  const campaign = await app.inject(as(cast.coordinator, { method: 'POST', url: '/api/campaigns', payload: {
    name: 'Framing', survey: 'living', listIds: [createList(app, cast.partner.id).id], languages: ['en'], replyTo: 'office@partner.example.org' } }));
  t.equal(campaign.statusCode, 201, campaign.body);
  const { id, openLink } = campaign.json() as { id: string; openLink: string };
  await app.inject(as(cast.coordinator, { method: 'POST', url: `/api/campaigns/${id}/start` }));
  const respondent = await app.inject({ method: 'GET', url: new URL(openLink).pathname });
  t.equal(respondent.statusCode, 200);
  t.match(respondent.headers['content-security-policy'], /frame-ancestors 'none'$/, 'the open link');
  const missing = await app.inject({ method: 'GET', url: '/s/no-such-token' });
  t.match(missing.headers['content-security-policy'], /frame-ancestors 'none'$/, 'a link that does not resolve');
});
