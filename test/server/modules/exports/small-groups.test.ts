import t from 'tap';
import { as } from '../../../helper.js';
import { seed, SLUG } from './fixture.js';
import { csvRows, exportApp, exportAs, manifestOf, packageProblems, type DataPackage, type Row } from './setup.js';

const withoutRespondent = (rows: Row[]) => rows.map(({ respondent: _, ...rest }) => JSON.stringify(rest)).sort();

t.test('small groups: suppression is decided on every response of the survey, and filters selecting fewer than k are refused', async (t) => {
  const { app, admin, researcher, partner, partnerB } = await exportApp(t);
  // partner A: 6 women, 3 men, 2 "other" (these two later in the month); partner B: 5 women answering in Swedish
  seed(app, [
    ...Array.from({ length: 6 }, () => ({ partnerId: partner.id, data: { gender: 'f', rate: 3 } })),
    ...Array.from({ length: 3 }, () => ({ partnerId: partner.id, data: { gender: 'm', rate: 3 } })),
    ...Array.from({ length: 2 }, () => ({ partnerId: partner.id, at: '2026-03-20T08:00:00.000Z', data: { gender: 'x', rate: 3 } })),
    ...Array.from({ length: 5 }, () => ({ partnerId: partnerB.id, locale: 'sv', data: { gender: 'f', rate: 3 } })),
  ]);

  const all = await exportAs(app, researcher);
  const rows = csvRows(all.body);
  t.equal(rows.length, 16);
  t.same(rows.filter((r) => r.partner === partner.name).map((r) => `${r.gender} ${r.date}`).sort(), [...Array(5).fill('* *'), ...Array(6).fill('f 2026-03-14')],
    'the men and the "other" of partner A (3 on one day, 2 on another) become one group of 5 once the day and gender are suppressed');
  t.same(rows.filter((r) => r.partner === partnerB.name).map((r) => `${r.gender} ${r.language} ${r.country} ${r.region}`), Array(5).fill('f sv NO Oslo'));
  t.match(manifestOf(all), { rows: 16, k: 5, kBefore: 2, kAfter: 5, suppressed: { gender: 5, partner: 0, date: 5 } });

  const pkg = (await app.inject(as(researcher, { method: 'GET', url: `/api/surveys/${SLUG}/datapackage?codes=true` }))).json() as DataPackage;
  t.same(packageProblems(pkg, (await exportAs(app, researcher, 'codes=true')).body), [], "the data package's missing values take in the suppressed cells");

  const a = await exportAs(app, researcher, `partner=${partner.id}`);
  t.same(withoutRespondent(csvRows(a.body)), withoutRespondent(rows.filter((r) => r.partner === partner.name)),
    "a filtered export shows exactly the full export's values: overlapping exports cannot be differenced");
  t.match(manifestOf(a), { rows: 11, suppressed: { gender: 5 } });

  const few = await exportAs(app, researcher, 'from=2026-03-20&to=2026-03-31');
  t.equal(few.statusCode, 422);
  t.match(few.json(), { code: 'TOO_FEW_RESPONSES', detail: /select 2 responses, fewer than k = 5/ });
  t.equal((await exportAs(app, researcher, 'from=2026-03-20&k=2')).statusCode, 403, 'researchers may not lower k');
  t.equal((await exportAs(app, admin, 'from=2026-03-20&k=2')).statusCode, 200, 'a smaller k (admins) lets it through');
  const none = await exportAs(app, researcher, 'language=fa');
  t.equal(none.statusCode, 200, 'a filter matching nothing gives an empty export');
  t.equal(csvRows(none.body).length, 0);

  const k10 = await exportAs(app, researcher, 'k=10');
  t.ok(manifestOf(k10).kAfter >= 10);
  t.ok(manifestOf(k10).suppressed.partner > 0, 'with k = 10 the partners are suppressed too');
  const written = csvRows(k10.body);
  const combos = new Map<string, number>();
  for (const r of written) {
    const key = [r.partner, r.country, r.region, r.language, r.campaign, r.date, r.gender].join('|');
    combos.set(key, (combos.get(key) ?? 0) + 1);
  }
  t.ok([...combos.values()].every((n) => n >= 10), `every combination holds at least k: ${JSON.stringify([...combos])}`);
});
