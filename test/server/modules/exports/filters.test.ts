import t from 'tap';
import { as } from '../../../helper.js';
import { seed, SLUG, SURVEY_V2 } from './fixture.js';
import { csvRows, exportApp, exportAs } from './setup.js';

t.test('filters by country and region; contradicting filters and filters that cut a suppressed group are refused; no answers without consent', async (t) => {
  const { app, admin, researcher, partner, partnerB, campaignId } = await exportApp(t);
  // partner A (SE, no region): 6 women on two days each; partner B (NO, Oslo): 5 women and, another day, 1 man, in Swedish.
  // The man is a group of one: fully suppressed, and the 5 women of B (the smallest group) join him: one group of 6.
  seed(app, [
    ...Array.from({ length: 6 }, () => ({ partnerId: partner.id, campaignId, data: { gender: 'f' } })),
    ...Array.from({ length: 6 }, () => ({ partnerId: partner.id, campaignId, at: '2026-03-25T09:00:00.000Z', data: { gender: 'f' } })),
    ...Array.from({ length: 5 }, () => ({ partnerId: partnerB.id, locale: 'sv', data: { gender: 'f' } })),
    { partnerId: partnerB.id, locale: 'sv', at: '2026-03-22T09:00:00.000Z', data: { gender: 'm' } },
  ]);
  const rows = async (query: string) => {
    const res = await exportAs(app, researcher, query);
    t.equal(res.statusCode, 200, `${query}: ${res.statusCode === 200 ? '' : res.body}`);
    return csvRows(res.body);
  };
  t.same((await rows('country=SE')).map((r) => r.partner), Array(12).fill(partner.name), 'country: the partners of that country');
  t.same((await rows('country=no')).map((r) => `${r.partner} ${r.country} ${r.region}`), Array(6).fill('* * *'), 'country, in any case; the group of 6 stays suppressed');
  t.equal((await rows('region=Oslo&country=NO')).length, 6, 'region (with its country)');
  t.equal((await rows(`partner=${partnerB.id}&region=oslo`)).length, 6, 'region agreeing with the partner');
  t.equal((await rows('country=DK')).length, 0, 'a country without partners: an empty export');
  t.equal((await rows('from=2026-03-01&to=2026-03-31')).length, 18, 'dates that take whole groups');

  const refused = async (query: string, code: string, pointers: string[], detail?: RegExp) => {
    const res = await exportAs(app, researcher, query);
    t.equal(res.statusCode, 422, query);
    t.match(res.json(), { code, ...(detail ? { detail } : {}) }, query);
    t.same((res.json() as { errors?: Array<{ pointer: string }> }).errors?.map((e) => e.pointer) ?? [], pointers, `${query}: the faults named`);
  };
  await refused(`partner=${partner.id}&country=NO`, 'CONFLICTING_FILTERS', ['/country'], /is in SE/);
  await refused(`campaign=${campaignId}&partner=${partnerB.id}`, 'CONFLICTING_FILTERS', ['/campaign']);
  await refused(`campaign=${campaignId}&country=NO&region=Oslo`, 'CONFLICTING_FILTERS', ['/country', '/region']);
  await refused(`partner=${partnerB.id}&region=Viken`, 'CONFLICTING_FILTERS', ['/region']);
  await refused('country=SE&region=Oslo', 'CONFLICTING_FILTERS', ['/region'], /region in NO/);
  await refused('from=2026-04-01&to=2026-03-01', 'CONFLICTING_FILTERS', ['/from']);
  await refused(`partner=${partnerB.id}&campaign=nope`, 'INVALID', ['/campaign']);
  // until the 20th: A's first 6 and B's 5 women, but not B's man, who shares their suppressed group
  await refused('to=2026-03-20', 'FILTERS_SPLIT_GROUP', [], /partner, country, region/);
  await refused('to=2026-03-20&months=true', 'FILTERS_SPLIT_GROUP', []);
  t.equal((await rows('months=true&from=2026-03-01')).length, 18, 'months: whole months pass');
  t.equal((await rows(`partner=${partnerB.id}`)).length, 6, 'a partner whose responses make up whole groups');

  const audit = app.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'responses.export' ORDER BY rowid DESC LIMIT 1").get() as { details: string };
  t.match(JSON.parse(audit.details), { filters: { partner: partnerB.id } });

  // version 3 asks for consent: its responses without consent (never completed, say) are no one's research data
  const v3 = await app.inject(as(admin, { method: 'PUT', url: `/api/surveys/${SLUG}/definition`, payload: { ...SURVEY_V2, consentRequired: true, privacyNotice: 'We keep your answers for research.' } }));
  t.ok(v3.statusCode < 300, v3.body);
  t.equal((await app.inject(as(admin, { method: 'POST', url: `/api/surveys/${SLUG}/publish`, payload: { version: 3 } }))).statusCode, 200);
  const consented = seed(app, Array.from({ length: 5 }, () => ({ version: 3, partnerId: partner.id, data: { gender: 'f', city: 'south' } })));
  seed(app, Array.from({ length: 3 }, () => ({ version: 3, partnerId: partner.id, state: 'partial' as const, data: { gender: 'f', city: 'north' } })));
  const set = app.db.$client.prepare('UPDATE responses SET consent = 1 WHERE id = ?');
  for (const id of consented) set.run(id);
  const all = await rows('state=all');
  t.same(all.filter((r) => r.version === '3').map((r) => r.city), Array(5).fill('south'), 'only the responses with consent');
});
