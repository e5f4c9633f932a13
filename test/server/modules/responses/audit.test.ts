import t from 'tap';
import { buildApp } from '../../../../server/app.js';
import { as, buildTestApp, createCast, logCollector, testConfig } from '../../../helper.js';
import { GOOD_ANSWERS, publishSurvey, submit } from './setup.js';

const START = '/api/surveys/living/versions/1/responses';

t.test('survey-core re-checks every completed response off the request path', async (t) => {
  const log = logCollector();
  const app = await buildTestApp(t, { RELAY_LOG_LEVEL: 'info' }, { logStream: log.stream });
  const { admin, coordinator } = createCast(app);
  await publishSurvey(app, admin);
  for (const answers of [GOOD_ANSWERS, { ...GOOD_ANSWERS, consent: false }, { ...GOOD_ANSWERS, topics: ['none'], why: 'dropped' }]) {
    t.equal((await app.inject(submit(coordinator, 'POST', START, { answers, complete: true }))).statusCode, 201);
  }
  await app.inject(submit(coordinator, 'POST', START, { answers: { name: 'partial' } }));
  await app.services.auditor.idle();
  const report = await app.inject(as(admin, { method: 'GET', url: '/api/responses/audit' }));
  t.equal(report.statusCode, 200);
  t.same(report.json(), { counts: { pending: 0, agrees: 3, differs: 0, failed: 0 }, defects: [] }, 'survey-core agrees with all three');
  const inputs = app.db.$client.prepare('SELECT count(*) AS n FROM responses WHERE audit_input IS NOT NULL').get() as { n: number };
  t.equal(inputs.n, 0, 'the submitted answers are not kept once checked');
  t.equal((await app.inject(as(coordinator, { method: 'GET', url: '/api/responses/audit' }))).statusCode, 403, 'admins only');

  // a response our runtime got wrong: the stored data keeps a hidden question's value
  const id = (await app.inject(submit(coordinator, 'POST', START, { answers: GOOD_ANSWERS, complete: true }))).json().id;
  await app.services.auditor.idle();
  app.db.$client.prepare("UPDATE responses SET audit_state = 'pending', audit_input = ?, data = ? WHERE id = ?")
    .run(JSON.stringify({ answers: { ...GOOD_ANSWERS, consent: false }, locale: 'default' }), JSON.stringify(GOOD_ANSWERS), id);
  app.services.auditor.wake();
  await app.services.auditor.idle();
  const defects = (await app.inject(as(admin, { method: 'GET', url: '/api/responses/audit' }))).json();
  t.equal(defects.counts.differs, 1);
  t.match(defects.defects, [{ responseId: id, survey: 'living', version: 1, state: 'differs', detail: { reason: 'data' } }]);
  t.match(log.text(), /defect: survey-core disagrees with our runtime/, 'logged as a defect');
  t.match(log.text(), new RegExp(`"responseId":"${id}"`));
});

t.test('checks pending at a crash are done at the next start', async (t) => {
  const dir = t.testdir();
  const config = testConfig(t, { RELAY_DATA_DIR: dir });
  const first = await buildApp(config);
  const { admin, coordinator } = createCast(first);
  await publishSurvey(first, admin);
  for (let i = 0; i < 3; i++) await first.inject(submit(coordinator, 'POST', START, { answers: GOOD_ANSWERS, complete: true }));
  await first.services.auditor.idle();
  // as if the process had died before the re-check thread got to them
  first.db.$client.prepare("UPDATE responses SET audit_state = 'pending', audit_input = json_object('answers', json(data), 'locale', 'default')").run();
  await first.close();

  const second = await buildApp(config);
  t.teardown(() => second.close());
  await second.services.auditor.idle();
  t.same(second.services.responses.auditReport().counts, { pending: 0, agrees: 3, differs: 0, failed: 0 });
});
