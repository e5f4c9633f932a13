import t from 'tap';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { as, buildTestApp, createCast } from '../../../helper.js';

const definition = () => ({
  title: { default: 'Integration pulse', sv: 'Integrationspuls', ar: 'نبض الاندماج' },
  pages: [{
    name: 'p1',
    elements: [
      { type: 'radiogroup', name: 'works', title: { default: 'Do you work?', sv: 'Arbetar du?', ar: 'هل تعمل؟' },
        choices: [{ value: 'yes', text: { default: 'Yes', sv: 'Ja', ar: 'نعم' } }, { value: 'no', text: { default: 'No', sv: 'Nej' } }] },
      { type: 'comment', name: 'job', visibleIf: "{works} = 'yes'", title: { default: 'What is your job?', sv: 'Vad är ditt jobb?' } },
    ],
  }],
});

t.test('admin uploads, replaces, publishes and closes a survey; published versions never change', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  const up = await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { definition: definition() } }));
  t.equal(up.statusCode, 201, up.body);
  const s = up.json();
  t.equal(s.slug, 'integration-pulse', 'slug derived from the title');
  t.equal(s.state, 'draft');
  t.equal(s.latestVersion, 1);
  t.equal(s.publishedVersion, null);
  t.same(s.locales, ['ar', 'sv']);

  const same = await app.inject(as(admin, { method: 'PUT', url: '/api/surveys/integration-pulse/definition', payload: definition() }));
  t.equal(same.statusCode, 200);
  t.equal(same.json().created, false, 'identical definition adds no version');

  const pub = await app.inject(as(admin, { method: 'POST', url: '/api/surveys/integration-pulse/publish' }));
  t.equal(pub.statusCode, 200);
  t.equal(pub.json().state, 'open');
  t.equal(pub.json().publishedVersion, 1);

  const changed = definition();
  changed.title.default = 'Integration pulse 2027';
  const rep = await app.inject(as(admin, { method: 'PUT', url: '/api/surveys/integration-pulse/definition', payload: changed }));
  t.equal(rep.statusCode, 201);
  t.equal(rep.json().version, 2);
  t.equal(rep.json().publishedAt, null, 'a replacement is a draft');
  const v1 = await app.inject(as(coordinator, { method: 'GET', url: '/api/surveys/integration-pulse/versions/1' }));
  t.equal(v1.json().definition.title.default, 'Integration pulse', 'version 1 is unchanged');
  t.ok(v1.json().publishedAt);
  const detail = await app.inject(as(coordinator, { method: 'GET', url: '/api/surveys/integration-pulse' }));
  t.same(detail.json().versions.map((v: { version: number; origin: string }) => [v.version, v.origin]), [[1, 'upload'], [2, 'replace']]);
  t.equal(detail.json().publishedVersion, 1, 'still serving the published version');

  const pub2 = await app.inject(as(admin, { method: 'POST', url: '/api/surveys/integration-pulse/publish', payload: { version: 2 } }));
  t.equal(pub2.json().publishedVersion, 2, 'an explicit version can be published');
  t.equal((await app.inject(as(admin, { method: 'POST', url: '/api/surveys/integration-pulse/publish', payload: { version: 9 } }))).statusCode, 404);

  const closed = await app.inject(as(admin, { method: 'POST', url: '/api/surveys/integration-pulse/close' }));
  t.equal(closed.json().state, 'closed');
  const list = await app.inject(as(coordinator, { method: 'GET', url: '/api/surveys' }));
  t.same(list.json().map((x: { slug: string; state: string }) => [x.slug, x.state]), [['integration-pulse', 'closed']]);
  t.equal((await app.inject(as(admin, { method: 'GET', url: '/api/surveys/no-such-survey' }))).statusCode, 404);
  const taken = await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'integration-pulse', definition: definition() } }));
  t.equal(taken.statusCode, 409);
});

t.test('an invalid definition is refused with every fault at its JSON path, and nothing is stored', async (t) => {
  const app = await buildTestApp(t);
  const { admin } = createCast(app);
  const bad = {
    title: { default: 'Broken', 'not a locale!': 'x' },
    pages: [{ name: 'p1', elements: [
      { type: 'radiogroup', name: 'q1', choices: [{ text: 'no value' }] },
      { type: 'text', name: 'q1' },
      { type: 'teleporter', name: 'q3' },
      { type: 'text', name: 'q4', visibleIf: '{q1} = = (' },
      { type: 'text' },
    ] }],
  };
  const res = await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'broken', definition: bad } }));
  t.equal(res.statusCode, 422);
  t.match(res.headers['content-type'], /problem\+json/);
  const pointers: string[] = res.json().errors.map((e: { pointer: string }) => e.pointer);
  for (const p of ['/definition/pages/0/elements/0/choices/0', '/definition/pages/0/elements/1/name', '/definition/pages/0/elements/2/type',
    '/definition/pages/0/elements/3/visibleIf', '/definition/pages/0/elements/4']) {
    t.ok(pointers.some((x) => x.startsWith(p)), `fault at ${p}`);
  }
  t.ok(pointers.some((x) => x.startsWith('/definition/title')), 'bad locale named');
  t.equal(app.services.surveys.count(), 0);
});

t.test('hostile definitions: not an object, deeply nested panels, 5 MB, SQL-looking text', async (t) => {
  const app = await buildTestApp(t);
  const { admin } = createCast(app);
  for (const payload of [[1, 2], 'survey', null]) {
    const res = await app.inject(as(admin, { method: 'PUT', url: '/api/surveys/x-y/definition', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }));
    t.ok([404, 422, 400].includes(res.statusCode), `non-object → ${res.statusCode}`);
  }
  let panel: Record<string, unknown> = { type: 'text', name: 'deep' };
  for (let i = 0; i < 500; i++) panel = { type: 'panel', name: `panel${i}`, elements: [panel] };
  const deep = await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'deep', definition: { pages: [{ name: 'p', elements: [panel] }] } } }));
  t.equal(deep.statusCode, 422);
  const big = { title: 'Big', pages: [{ name: 'p', elements: [{ type: 'comment', name: 'c', description: 'x'.repeat(5 * 1024 * 1024) }] }] };
  const huge = await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { definition: big } }));
  t.equal(huge.statusCode, 413);
  const sqlTitle = "x'); DROP TABLE surveys; --";
  const sql = await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'sql', definition: { title: sqlTitle, pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] } } }));
  t.equal(sql.statusCode, 201);
  t.equal(sql.json().title, sqlTitle);
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
});

t.test('language report and translation CSV round trip create a new draft version', async (t) => {
  const app = await buildTestApp(t);
  const { admin, researcher } = createCast(app);
  await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'pulse', definition: definition() } }));
  const report = (await app.inject(as(researcher, { method: 'GET', url: '/api/surveys/pulse/languages' }))).json();
  t.equal(report.total, 5, 'title, two questions, two choices');
  const ar = report.locales.find((l: { locale: string }) => l.locale === 'ar');
  const sv = report.locales.find((l: { locale: string }) => l.locale === 'sv');
  t.equal(sv.translated, 5);
  t.same(sv.missing, []);
  t.equal(ar.translated, 3);
  t.equal(ar.missing.length, 2);

  const csvRes = await app.inject(as(admin, { method: 'GET', url: '/api/surveys/pulse/translations.csv?add=uk' }));
  t.equal(csvRes.statusCode, 200);
  t.match(csvRes.headers['content-type'], /text\/csv/);
  t.match(csvRes.headers['content-disposition'], /pulse-v1-translations\.csv/);
  const rows: string[][] = parse(csvRes.body, { bom: true });
  t.same(rows[0], ['key', 'default', 'ar', 'sv', 'uk']);
  t.equal(rows.length, 6, 'a row per string');
  const filled = stringify(rows.map((row, i) => (i === 0 ? row : [...row.slice(0, 4), `Українською ${i}`])));
  const merged = await app.inject(as(admin, { method: 'PUT', url: '/api/surveys/pulse/translations', headers: { 'content-type': 'text/csv' }, payload: filled }));
  t.equal(merged.statusCode, 201, merged.body);
  t.equal(merged.json().version, 2);
  t.same(merged.json().addedLocales, ['uk']);
  t.equal(merged.json().origin, 'translations');
  const after = (await app.inject(as(admin, { method: 'GET', url: '/api/surveys/pulse/languages' }))).json();
  t.equal(after.locales.find((l: { locale: string }) => l.locale === 'uk').translated, 5);

  const badCsv = await app.inject(as(admin, { method: 'PUT', url: '/api/surveys/pulse/translations', headers: { 'content-type': 'text/csv' },
    payload: 'key,default,sv\nquestion:nope/title,Nope,Nej\n' }));
  t.equal(badCsv.statusCode, 422);
  t.ok(badCsv.json().errors.length >= 1);
  t.match(badCsv.json().errors[0].pointer, /^\/rows\/2/);
});
