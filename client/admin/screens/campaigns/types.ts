/** The campaigns API's shapes as these screens use them (server/modules/campaigns/schemas.ts). */

export const CAMPAIGN_STATES = ['draft', 'scheduled', 'running', 'paused', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const MESSAGE_KINDS = ['invitation', 'reminder'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export interface MessageText { subject?: string; body?: string }
export type Messages = Record<string, Partial<Record<MessageKind, MessageText>>>;

export interface Campaign {
  id: string; name: string; partnerId: string; waveId: string | null; survey: string; version: number; state: CampaignState;
  listIds: string[]; languages: string[]; startsAt: string; closesAt: string | null; startedAt: string | null; closedAt: string | null;
  timeZone: string; startsAtLocal: string | null; closesAtLocal: string | null;
  reminders: { days: number[]; max: number }; senderName: string; replyTo: string | null; mode: 'anonymous' | 'tracked'; allowEdit: boolean;
  retentionDays: number; messages: Messages; openLink: string; openCap: number | null; createdAt: string; updatedAt: string;
}

/** GET /api/campaigns: each campaign with its status board's totals and the open link's responses. */
export interface CampaignCounts {
  invited: number; queued: number; sent: number; failed: number; bounced: number; optedOut: number; opened: number; started: number; completed: number;
  responseRate: number; openStarted: number; openCompleted: number;
}
export interface ListedCampaign extends Campaign { counts: CampaignCounts }

export interface Partner { id: string; name: string; timeZone: string; contactEmail?: string | null }
export interface ContactList { id: string; partnerId: string; name: string; total: number }
export interface Paged<T> { items: T[]; total: number }

export interface SurveySummary { slug: string; title: string; state: 'draft' | 'open' | 'closed'; publishedVersion: number | null }
export interface SurveyDetail extends SurveySummary { versions: { version: number; title: string; publishedAt: string | null }[] }

/** Where the campaigns live under /admin. */
export const campaignPath = (id?: string, rest = '') => (id ? `/campaigns/${encodeURIComponent(id)}${rest}` : '/campaigns');

/** States in which the API takes changes (PATCH). */
export const EDITABLE: readonly CampaignState[] = ['draft', 'scheduled', 'paused'];
