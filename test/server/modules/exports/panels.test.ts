import t from 'tap';
import { as, buildTestApp, createCast } from '../../../helper.js';
import { publishSurvey } from '../responses/setup.js';
import { csvRows, exportAs, manifestOf, packageProblems, type DataPackage } from './setup.js';

const FAMILY = {
  pages: [{ name: 'p1', elements: [
    { type: 'radiogroup', name: 'gender', choices: ['f', 'm'] },
    { type: 'text', name: 'contact', title: 'Where can we reach you?', validators: [{ type: 'email' }] },
    { type: 'matrixdropdown', name: 'reach', title: 'Reach', rows: ['home'],
      columns: [{ name: 'mail', cellType: 'text', inputType: 'email' }, { name: 'days', cellType: 'text', inputType: 'number' }] },
    { type: 'paneldynamic', name: 'kids', title: 'Children', panelCount: 0, templateElements: [
      { type: 'text', name: 'kidname', title: 'Name', pii: true },
      { type: 'rating', name: 'age', title: 'Age band', rateMin: 1, rateMax: 3, quasiIdentifier: true },
      { type: 'checkbox', name: 'school', title: 'School', choices: ['pre', 'primary'] },
      { type: 'comment', name: 'about', title: 'About' },
    ] },
  ] }],
};

const kid = (age: number, school: string[] = []) => ({ kidname: 'Zebulon Kidname', age, school, about: 'likes trains' });

t.test('dynamic panels: one column per panel and template question, quasi-identifying panels suppressed whole, personal template questions and matrix columns dropped', async (t) => {
  const app = await buildTestApp(t);
  const { admin, researcher, partner } = createCast(app);
  await publishSurvey(app, admin, 'family', FAMILY);
  const versionId = (app.db.$client.prepare('SELECT id FROM survey_versions').get() as { id: string }).id;
  const insert = app.db.$client.prepare(`INSERT INTO responses (id, version_id, partner_id, channel, anonymous, locale, state, data, started_at, updated_at, completed_at)
    VALUES (?, ?, ?, 'open', 'yes', 'default', 'completed', ?, '2026-03-14T10:00:00.000Z', '2026-03-14T10:00:00.000Z', '2026-03-14T10:00:00.000Z')`);
  const answers = [
    ...Array(5).fill([kid(1, ['pre']), kid(2, ['primary'])]),
    ...Array(5).fill([kid(1)]),
    // two small groups (3 and 2) that differ only in their children: the panels are suppressed for the five
    ...Array(3).fill([kid(3), kid(3), kid(3)]),
    ...Array(2).fill([kid(2), kid(3), kid(1)]),
  ] as unknown[][];
  answers.forEach((kids, i) => insert.run(`r${i}`, versionId, partner.id, JSON.stringify({ gender: 'f', contact: 'zeb@example.org', reach: { home: { mail: 'zeb@example.org', days: 3 } }, kids })));

  const res = await exportAs(app, researcher, '', 'family');
  t.equal(res.statusCode, 200, res.body);
  for (const secret of ['Zebulon', 'zeb@example.org', 'likes trains', 'kidname', 'contact', 'reach__home__mail']) t.notOk(res.body.includes(secret), `no ${secret}`);
  const rows = csvRows(res.body);
  const columns = Object.keys(rows[0]).filter((c) => c.startsWith('kids'));
  t.same(columns, [1, 2, 3].flatMap((i) => [`kids__${i}__age`, `kids__${i}__school__pre`, `kids__${i}__school__primary`]), 'panel by panel, up to the most panels any response has');
  t.equal(rows[0].reach__home__days, '3');
  const seen = (r: Record<string, string>) => columns.map((c) => r[c]).join(' ');
  t.same(rows.map(seen).sort(), [
    ...Array(5).fill(Array(9).fill('*').join(' ')),
    ...Array(5).fill(['1', '0', '0', '', '', '', '', '', ''].join(' ')),
    ...Array(5).fill(['1', '1', '0', '2', '0', '1', '', '', ''].join(' ')),
  ].sort());
  t.match(manifestOf(res), { kBefore: 2, kAfter: 5, suppressed: { kids: 5 } });

  const withText = csvRows((await exportAs(app, admin, 'freeText=true', 'family')).body);
  t.equal(withText[0].kids__1__about, 'likes trains', 'template free text when asked for');

  const book = (await app.inject(as(researcher, { method: 'GET', url: '/api/surveys/family/codebook' }))).json() as {
    variables: Array<Record<string, unknown>>; dropped: Array<{ question: string; reason: string }> };
  t.match(book.variables.find((v) => v.variable === 'kids__2__age'), { question: 'kids', panel: 2, templateQuestion: 'age', text: 'Children — 2 — Age band',
    type: 'rating', part: 'value', quasiIdentifier: true, values: [{ value: 1 }, { value: 2 }, { value: 3 }] });
  t.match(book.variables.find((v) => v.variable === 'kids__3__school__primary'), { panel: 3, part: 'option', text: 'Children — 3 — School — primary' });
  t.same(book.dropped.map((d) => `${d.question}: ${d.reason}`).sort(), ['contact: personal', 'kids.kidname: personal', 'reach.mail: personal']);
  const pkg = (await app.inject(as(researcher, { method: 'GET', url: '/api/surveys/family/datapackage' }))).json() as DataPackage;
  t.same(packageProblems(pkg, res.body), [], 'every panel cell fits the data package');
});
