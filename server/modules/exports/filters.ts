/**
 * An export's filters against what exists: an unknown partner or campaign is refused (422
 * INVALID), and so are filters that contradict each other (422 CONFLICTING_FILTERS, every
 * contradiction named), rather than answering them with an empty export that looks like "no data".
 */
import { invalid, ProblemError, type FieldFault } from '../../errors.js';
import type { ExportQuery } from './schemas.js';
import type { Partner } from './selection.js';

export interface Campaign { name: string; partnerId: string }

const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** The filters named in the audit log (never their results). */
export const FILTERS = ['campaign', 'partner', 'country', 'region', 'language', 'from', 'to', 'state'] as const;

export function checkFilters(query: ExportQuery, slug: string, partners: Map<string, Partner>, campaigns: Map<string, Campaign>) {
  const unknown: FieldFault[] = [];
  if (query.partner && !partners.has(query.partner)) unknown.push({ pointer: '/partner', message: 'is not a partner' });
  if (query.campaign && !campaigns.has(query.campaign)) unknown.push({ pointer: '/campaign', message: `is not a campaign of survey "${slug}"` });
  if (unknown.length) throw invalid(`No such ${unknown.map((f) => f.pointer.slice(1)).join(' or ')}.`, unknown);

  const faults: FieldFault[] = [];
  if (query.from && query.to && query.from > query.to) faults.push({ pointer: '/from', message: `is after "to" (${query.to}): the date range is empty` });
  const campaign = query.campaign ? campaigns.get(query.campaign) : undefined;
  if (campaign && query.partner && campaign.partnerId !== query.partner) {
    faults.push({ pointer: '/campaign', message: `belongs to ${partners.get(campaign.partnerId)?.name ?? 'another partner'}, not to the partner filtered by` });
  }
  const owner = query.partner ? partners.get(query.partner) : campaign ? partners.get(campaign.partnerId) : undefined;
  const by = query.partner ? 'the partner' : 'the campaign\'s partner';
  if (owner && query.country && !same(owner.country, query.country)) faults.push({ pointer: '/country', message: `${by}, ${owner.name}, is in ${owner.country}` });
  if (owner && query.region && !same(owner.region, query.region)) faults.push({ pointer: '/region', message: `${by}, ${owner.name}, is in region ${owner.region ?? '(none)'}` });
  if (!owner && query.country && query.region) {
    const all = [...partners.values()];
    const elsewhere = all.filter((p) => same(p.region, query.region!));
    if (elsewhere.length && !elsewhere.some((p) => same(p.country, query.country!))) {
      faults.push({ pointer: '/region', message: `is a region in ${[...new Set(elsewhere.map((p) => p.country))].join(', ')}, not in ${query.country}` });
    }
  }
  if (faults.length) {
    throw new ProblemError(422, 'CONFLICTING_FILTERS', `The filters contradict each other, so no response could match: ${faults.map((f) => `${f.pointer.slice(1)} ${f.message}`).join('; ')}.`, faults);
  }
}
