/**
 * A campaign's status board: how many invitations are queued, sent, failed or bounced, how many
 * contacts opted out, opened their link, started and completed, and the response rate
 * (completed of those reached), in total and by list and language; plus open-link responses,
 * and day by day (UTC dates): links opened, answers started and completed.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaigns, contactLists, invitations, responses } from '../../db/schema/index.js';

const COUNTS = {
  invited: sql<number>`count(*)`,
  queued: sql<number>`sum(${invitations.delivery} = 'queued')`,
  sent: sql<number>`sum(${invitations.delivery} = 'sent')`,
  failed: sql<number>`sum(${invitations.delivery} = 'failed')`,
  bounced: sql<number>`sum(${invitations.delivery} = 'bounced')`,
  optedOut: sql<number>`sum(${invitations.optedOut})`,
  opened: sql<number>`sum(${invitations.openedAt} IS NOT NULL)`,
  started: sql<number>`sum(${invitations.startedAt} IS NOT NULL OR ${invitations.completed})`,
  completed: sql<number>`sum(${invitations.completed})`,
};

type Counts = { [K in keyof typeof COUNTS]: number };

function withRate<T extends Counts>(row: T) {
  const fixed = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' || v === null ? Number(v ?? 0) : v])) as T;
  // of the invitations that reached someone
  return { ...fixed, responseRate: fixed.sent > 0 ? Math.round((fixed.completed / fixed.sent) * 1000) / 1000 : 0 };
}

export function campaignStatus(db: Db, campaignId: string) {
  const where = eq(invitations.campaignId, campaignId);
  const total = db.select(COUNTS).from(invitations).where(where).get()!;
  const byList = db.select({ listId: invitations.listId, list: contactLists.name, ...COUNTS }).from(invitations)
    .innerJoin(contactLists, eq(contactLists.id, invitations.listId)).where(where).groupBy(invitations.listId).all();
  const byLanguage = db.select({ language: invitations.language, ...COUNTS }).from(invitations).where(where).groupBy(invitations.language).all();
  const open = db.select({ state: responses.state, n: sql<number>`count(*)` }).from(responses)
    .where(and(eq(responses.campaignId, campaignId), eq(responses.channel, 'open'))).groupBy(responses.state).all();
  return {
    total: withRate(total),
    byDay: campaignDays(db, campaignId),
    byList: byList.map(withRate),
    byLanguage: byLanguage.map(withRate),
    openLink: { started: open.reduce((n, r) => n + r.n, 0), completed: open.find((r) => r.state === 'completed')?.n ?? 0 },
  };
}

const NONE = withRate({ invited: 0, queued: 0, sent: 0, failed: 0, bounced: 0, optedOut: 0, opened: 0, started: 0, completed: 0 });
export type CampaignCounts = typeof NONE & { openStarted: number; openCompleted: number };

/**
 * Every campaign's totals (of one partner, or all), for the list of campaigns: one grouped query
 * over the invitations and one over the open link's responses, whatever the number of campaigns.
 * A campaign without invitations (a draft) counts zero.
 */
export function campaignCounts(db: Db, partnerId?: string): Map<string, CampaignCounts> {
  const mine = partnerId === undefined ? undefined : eq(campaigns.partnerId, partnerId);
  const invited = db.select({ campaignId: invitations.campaignId, ...COUNTS }).from(invitations)
    .innerJoin(campaigns, eq(campaigns.id, invitations.campaignId)).where(mine).groupBy(invitations.campaignId).all();
  const open = db.select({ campaignId: responses.campaignId, started: sql<number>`count(*)`, completed: sql<number>`sum(${responses.state} = 'completed')` })
    .from(responses).innerJoin(campaigns, eq(campaigns.id, responses.campaignId))
    .where(and(eq(responses.channel, 'open'), mine)).groupBy(responses.campaignId).all();
  const counts = new Map<string, CampaignCounts>();
  for (const { campaignId, ...row } of invited) counts.set(campaignId, { ...noCounts(), ...withRate(row) });
  for (const o of open) {
    if (!o.campaignId) continue;
    const c = counts.get(o.campaignId) ?? noCounts();
    counts.set(o.campaignId, { ...c, openStarted: Number(o.started), openCompleted: Number(o.completed ?? 0) });
  }
  return counts;
}

/** What campaignCounts gives a campaign it has no row for. */
export const noCounts = (): CampaignCounts => ({ ...NONE, openStarted: 0, openCompleted: 0 });

export interface Day { date: string; opened: number; started: number; completed: number }

/**
 * Day by day (UTC dates: an anonymous campaign's responses keep only their day, so every count
 * uses that calendar): personal links first opened, answers started (personal links and the open
 * link) and completed. Days without any are left out.
 */
export function campaignDays(db: Db, campaignId: string): Day[] {
  const days = new Map<string, Day>();
  const count = (iso: string | null, field: 'opened' | 'started' | 'completed') => {
    if (!iso) return;
    const date = iso.slice(0, 10);
    const day = days.get(date) ?? { date, opened: 0, started: 0, completed: 0 };
    day[field]++;
    days.set(date, day);
  };
  for (const i of db.select({ openedAt: invitations.openedAt, startedAt: invitations.startedAt }).from(invitations).where(eq(invitations.campaignId, campaignId)).all()) {
    count(i.openedAt, 'opened');
    count(i.startedAt, 'started');
  }
  for (const r of db.select({ channel: responses.channel, startedAt: responses.startedAt, completedAt: responses.completedAt }).from(responses)
    .where(eq(responses.campaignId, campaignId)).all()) {
    // a personal link's start is its invitation's
    if (r.channel === 'open') count(r.startedAt, 'started');
    count(r.completedAt, 'completed');
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}
