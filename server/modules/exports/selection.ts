/** How an export sees one response: its language, date, whether the filters select it, and its quasi-identifiers. */
import type { ExportQuery } from './schemas.js';
import type { ResponseRow } from './snapshot.js';

export interface Partner { name: string; country: string; region: string | null }

/** The grouping columns, which are quasi-identifiers with the response's date. */
export const GROUPING = ['partner', 'country', 'region', 'language', 'campaign'] as const;

const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/**
 * `panelQuasi`: for a dynamic panel that is a quasi-identifier, the template questions whose
 * answers count (its value is the list of those answers, panel by panel).
 */
export function selection(query: ExportQuery, partners: Map<string, Partner>, defaultLanguage: (versionId: string) => string | undefined,
  quasi: string[] = [], panelQuasi: Map<string, string[]> = new Map()) {
  const language = (r: ResponseRow) => (r.locale === 'default' ? defaultLanguage(r.versionId) ?? 'default' : r.locale);
  const day = (r: ResponseRow) => (r.completedAt ?? r.startedAt).slice(0, 10);
  const partnerOf = (r: ResponseRow) => (r.partnerId ? partners.get(r.partnerId) : undefined);
  // the date as a quasi-identifier is as fine as the date exported (a day, or a month with months=true;
  // exact times, for admins, count as their day)
  const dateGroup = (r: ResponseRow) => (query.months ? day(r).slice(0, 7) : day(r));
  const projections = quasi.map((name) => {
    const kept = panelQuasi.get(name);
    if (!kept) return (v: unknown) => (v == null ? '' : String(v));
    return (v: unknown) => {
      const panels = typeof v === 'string' ? JSON.parse(v) as unknown : null;
      if (!Array.isArray(panels)) return '';
      return JSON.stringify(panels.map((p) => kept.map((t) => (p && typeof p === 'object' ? (p as Record<string, unknown>)[t] ?? null : null))));
    };
  });
  return {
    language,
    partner: partnerOf,

    /** the date column: a day, a month, or (admins) the exact time */
    date: (r: ResponseRow) => (query.timestamps ? r.completedAt ?? r.startedAt : query.months ? day(r).slice(0, 7) : day(r)),

    /** passes the filters that are not about quasi-identifiers (the state) */
    eligible: (r: ResponseRow) => query.state === 'all' || r.state === query.state,

    /** passes every filter */
    selected: (r: ResponseRow) => (query.state === 'all' || r.state === query.state)
      && (!query.partner || r.partnerId === query.partner) && (!query.campaign || r.campaignId === query.campaign)
      && (!query.country || same(partnerOf(r)?.country, query.country)) && (!query.region || same(partnerOf(r)?.region, query.region))
      && (!query.language || language(r) === query.language)
      && (!query.from || day(r) >= query.from) && (!query.to || day(r) <= query.to),

    /** GROUPING, then the date, then the quasi-identifier questions' answers */
    quasiValues(r: ResponseRow): string[] {
      const p = partnerOf(r);
      return [p?.name ?? '', p?.country ?? '', p?.region ?? '', language(r), r.campaignId ?? '', dateGroup(r),
        ...r.quasi.map((v, i) => projections[i](v))];
    },
  };
}
