import t, { type Test } from 'tap';
import { as, buildTestApp, createCast } from '../../../helper.js';
import { GOOD_ANSWERS, INTAKE_SURVEY, newKey, publishSurvey } from './setup.js';

const NOTICE = { default: 'We keep your answers for two years.\n\nWrite to us to delete them.', sv: 'Vi sparar dina svar i två år.' };
const SURVEY = {
  ...INTAKE_SURVEY, privacyNotice: NOTICE, consentRequired: true,
  completedHtml: { default: '<p onclick="steal()">Thanks <b>a lot</b><script>alert(1)</script><a href="javascript:alert(1)">x</a><a href="https://example.org">y</a></p>' },
};

// one app for the file: each test reads or adds its own responses
const app = await buildTestApp(t);
const cast = createCast(app);
await publishSurvey(app, cast.admin, 'noticed', SURVEY);
const served = app.services.responses.versions.get(app.services.responses.versions.find('noticed', 1).versionId);
const setup = async (_t: Test) => ({ app, ...cast, served });

t.test('the privacy notice is compiled per language, with the consent step and a version per wording', async (t) => {
  const { served } = await setup(t);
  t.equal(served.structure.consentRequired, true);
  t.equal(served.texts.default.texts['survey.privacyNotice'], NOTICE.default);
  t.equal(served.texts.sv.texts['survey.privacyNotice'], NOTICE.sv);
});

t.test('the translation report counts the notice as a text to translate', async (t) => {
  const { app, admin } = await setup(t);
  const res = await app.inject(as(admin, { method: 'GET', url: '/api/surveys/noticed/translations.csv' }));
  t.match(res.body, /We keep your answers for two years/);
});

t.test('html the author wrote is sanitised before it reaches a phone', async (t) => {
  const { served } = await setup(t);
  const html = served.texts.default.texts['survey.completedHtml'];
  t.match(html, /Thanks <b>a lot<\/b>/, 'formatting kept');
  t.notMatch(html, /script|onclick|javascript:/, 'scripts, handlers and javascript: links dropped');
  t.match(html, /<a href="https:\/\/example.org" rel="noopener noreferrer">y<\/a>/);
});

t.test('a survey that asks for consent cannot be completed without it; the notice version and consent are stored', async (t) => {
  const { app, coordinator, served } = await setup(t);
  const url = '/api/surveys/noticed/versions/1/responses';
  const refused = await app.inject(as(coordinator, { method: 'POST', url, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS, complete: true } }));
  t.equal(refused.statusCode, 422);
  t.same(refused.json().errors.map((e: { pointer: string }) => e.pointer), ['/consent']);
  const unknown = await app.inject(as(coordinator, { method: 'POST', url, headers: { 'idempotency-key': newKey() },
    payload: { answers: GOOD_ANSWERS, complete: true, consent: true, notice: '0123456789abcdef' } }));
  t.equal(unknown.statusCode, 422);
  t.same(unknown.json().errors.map((e: { pointer: string }) => e.pointer), ['/notice']);

  const { createHash } = await import('node:crypto');
  const version = createHash('sha256').update(NOTICE.sv).digest('hex').slice(0, 16);
  const ok = await app.inject(as(coordinator, { method: 'POST', url, headers: { 'idempotency-key': newKey() },
    payload: { answers: GOOD_ANSWERS, locale: 'sv', complete: true, consent: true, notice: version } }));
  t.equal(ok.statusCode, 201, ok.body);
  const row = app.db.$client.prepare('SELECT notice, consent FROM responses WHERE id = ?').get(ok.json().id);
  t.same(row, { notice: version, consent: 1 });
  t.ok(served.versionId);
});
