import t from 'tap';
import { as, buildTestApp, createCast } from '../../../helper.js';
import { bootstrap } from '../../../../server/bootstrap.js';

const survey = (extra: Record<string, unknown> = {}) => ({
  title: { default: 'Pulse', sv: 'Puls', ar: 'نبض' },
  pages: [{ name: 'p1', elements: [
    { type: 'radiogroup', name: 'works', title: { default: 'Do you work?', sv: 'Arbetar du?', ar: 'هل تعمل؟' }, choices: ['yes', 'no'] },
    { type: 'text', name: 'job', visibleIf: "{works} = 'yes'", title: 'Job' },
    extra,
  ].filter((e) => Object.keys(e).length) }],
});

t.test('publishing compiles the version for phones; payloads are served by hash, cacheable for good', async (t) => {
  const app = await buildTestApp(t);
  const { admin, coordinator } = createCast(app);
  await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'pulse', definition: survey() } }));
  const before = await app.inject(as(coordinator, { method: 'GET', url: '/api/surveys/pulse/compiled?version=latest' }));
  t.equal(before.json().manifest, null, 'a draft has no compiled form');
  t.equal((await app.inject(as(admin, { method: 'POST', url: '/api/surveys/pulse/publish' }))).statusCode, 200);
  const m = (await app.inject(as(coordinator, { method: 'GET', url: '/api/surveys/pulse/compiled' }))).json();
  t.equal(m.version, 1);
  t.match(m.manifest.structure, /^[0-9a-f]{16}$/);
  t.same(Object.keys(m.manifest.texts).sort(), ['ar', 'default', 'sv']);
  const structure = await app.inject({ method: 'GET', url: `/api/compiled/structure/${m.manifest.structure}` });
  t.equal(structure.statusCode, 200, 'public: phones load it without an account');
  t.equal(structure.headers['cache-control'], 'public, max-age=31536000, immutable');
  t.equal(structure.json().hash, m.manifest.structure);
  t.equal(structure.json().formatVersion, 1);
  const sv = (await app.inject({ method: 'GET', url: `/api/compiled/texts/${m.manifest.texts.sv}` })).json();
  t.equal(sv.locale, 'sv');
  t.ok(Object.values(sv.texts).includes('Arbetar du?'));
  t.notOk(JSON.stringify(structure.json()).includes('Arbetar du?'), 'the structure carries no texts');
  t.equal((await app.inject({ method: 'GET', url: '/api/compiled/texts/0000000000000000' })).statusCode, 404);
});

t.test('a feature phones cannot run blocks publishing, with its JSON path', async (t) => {
  const app = await buildTestApp(t);
  const { admin } = createCast(app);
  await app.inject(as(admin, { method: 'POST', url: '/api/surveys', payload: { slug: 'sig', definition: survey({ type: 'signaturepad', name: 'sign' }) } }));
  const res = await app.inject(as(admin, { method: 'POST', url: '/api/surveys/sig/publish' }));
  t.equal(res.statusCode, 422, res.body);
  t.ok(res.json().errors.some((e: { pointer: string }) => e.pointer.startsWith('/pages/0/elements/2')), 'names the element');
  t.equal(app.services.surveys.get('sig').publishedVersion, null, 'nothing published');
});

t.test('at start, published versions without a compiled form are compiled; the examples compile', async (t) => {
  const app = await buildTestApp(t, { RELAY_LOAD_EXAMPLES: 'true', RELAY_ADMIN_PASSWORD: 'example-admin-pw1' });
  await bootstrap(app);
  const examples = app.services.surveys.list();
  t.equal(examples.length, 3);
  for (const s of examples) t.ok(app.services.surveys.compiledManifest(s.slug, 'published').manifest, `${s.slug} compiled`);
  app.db.$client.exec('DELETE FROM compiled_texts; DELETE FROM compiled_surveys');
  t.same(app.services.compiled.compilePublished(), { compiled: 3, failed: 0 });
  const m = app.services.surveys.compiledManifest('migrant-experience', 'published').manifest!;
  t.same(Object.keys(m.texts).sort(), ['ar', 'default', 'lt', 'pl', 'sv', 'uk']);
});
