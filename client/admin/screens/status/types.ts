/** The status API's shapes (server/modules/campaigns/status.ts and waves.ts), as the board reads them. */

export const COUNT_KEYS = ['invited', 'queued', 'sent', 'failed', 'bounced', 'optedOut', 'opened', 'started', 'completed'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type Counts = Record<CountKey, number> & { responseRate: number };

export interface CampaignStatus {
  total: Counts;
  byList: Array<Counts & { listId: string; list: string }>;
  byLanguage: Array<Counts & { language: string }>;
  openLink: { started: number; completed: number };
  byDay: Day[];
}

/** one day's counts (UTC dates) */
export interface Day { date: string; opened: number; started: number; completed: number }

export interface WaveStatus {
  total: Counts;
  byPartner: Array<Counts & { campaignId: string; partnerId: string; state: string }>;
  byDay: Day[];
}

export interface CampaignInfo { id: string; name: string; partnerId: string; waveId: string | null; survey: string; version: number; state: string; startedAt: string | null; closesAt: string | null }
export interface WaveInfo { id: string; name: string; createdAt: string; campaigns: CampaignInfo[] }
export interface PartnerInfo { id: string; name: string }

export const statusPath = (kind: 'campaign' | 'wave', id: string) => `/status/${kind}/${encodeURIComponent(id)}`;
