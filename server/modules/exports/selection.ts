/** How an export sees one response: its language, date, whether the filters select it, and its quasi-identifiers. */
import type { ExportQuery } from './schemas.js';
import type { ResponseRow } from './snapshot.js';

export interface Partner { name: string; country: string; region: string | null }

/** The grouping columns, which are quasi-identifiers with the response's month. */
export const GROUPING = ['partner', 'country', 'region', 'language', 'campaign'] as const;

export function selection(query: ExportQuery, partners: Map<string, Partner>, defaultLanguage: (versionId: string) => string | undefined) {
  const language = (r: ResponseRow) => (r.locale === 'default' ? defaultLanguage(r.versionId) ?? 'default' : r.locale);
  const day = (r: ResponseRow) => (r.completedAt ?? r.startedAt).slice(0, 10);
  return {
    language,
    partner: (r: ResponseRow) => (r.partnerId ? partners.get(r.partnerId) : undefined),

    /** the date column: a day, a month, or (admins) the exact time */
    date: (r: ResponseRow) => (query.timestamps ? r.completedAt ?? r.startedAt : query.months ? day(r).slice(0, 7) : day(r)),

    selected: (r: ResponseRow) => (query.state === 'all' || r.state === query.state)
      && (!query.partner || r.partnerId === query.partner) && (!query.campaign || r.campaignId === query.campaign)
      && (!query.language || language(r) === query.language)
      && (!query.from || day(r) >= query.from) && (!query.to || day(r) <= query.to),

    /** GROUPING, then the month, then the quasi-identifier questions' answers */
    quasiValues(r: ResponseRow): string[] {
      const p = r.partnerId ? partners.get(r.partnerId) : undefined;
      return [p?.name ?? '', p?.country ?? '', p?.region ?? '', language(r), r.campaignId ?? '', day(r).slice(0, 7),
        ...r.quasi.map((v) => (v == null ? '' : String(v)))];
    },
  };
}
