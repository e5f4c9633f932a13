import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common.js';
import { partners } from './partners.js';
import { users } from './accounts.js';
import { surveys, surveyVersions } from './surveys.js';
import { contactLists, contacts } from './lists.js';

/** An admin's launch of one questionnaire for several partners at once: one campaign per partner. */
export const waves = sqliteTable('waves', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  surveyId: text('survey_id').notNull().references(() => surveys.id),
  createdBy: text('created_by').references(() => users.id),
  createdAt: timestamp('created_at').notNull(),
});

export const CAMPAIGN_STATES = ['draft', 'scheduled', 'running', 'paused', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** The subject and body of one kind of message in one language; absent parts take the defaults. */
export interface MessageText { subject?: string; body?: string }
export type CampaignMessages = Record<string, { invitation?: MessageText; reminder?: MessageText }>;

/**
 * One partner's distribution of a published survey version to its lists. Times are UTC; the
 * partner's time zone is applied when showing and scheduling them.
 */
export const campaigns = sqliteTable('campaigns', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  waveId: text('wave_id').references(() => waves.id),
  name: text('name').notNull(),
  surveyId: text('survey_id').notNull().references(() => surveys.id),
  /** the version served to new respondents; a running campaign may move to a newer published one */
  versionId: text('version_id').notNull().references(() => surveyVersions.id),
  state: text('state', { enum: CAMPAIGN_STATES }).notNull(),
  /** offered languages, the first being the fallback for contacts whose language is not offered */
  languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
  startsAt: timestamp('starts_at').notNull(),
  closesAt: timestamp('closes_at'),
  startedAt: timestamp('started_at'),
  closedAt: timestamp('closed_at'),
  /** days after the invitation when reminders go, e.g. [5, 12] */
  reminderDays: text('reminder_days', { mode: 'json' }).$type<number[]>().notNull(),
  maxReminders: integer('max_reminders').notNull(),
  senderName: text('sender_name').notNull(),
  replyTo: text('reply_to'),
  mode: text('mode', { enum: ['anonymous', 'tracked'] }).notNull(),
  allowEdit: integer('allow_edit', { mode: 'boolean' }).notNull(),
  retentionDays: integer('retention_days').notNull(),
  /** when tokens, invitations' personal data and outbox files were purged after retention */
  purgedAt: timestamp('purged_at'),
  messages: text('messages', { mode: 'json' }).$type<CampaignMessages>().notNull(),
  /** the open link's code: public by design (flyers, QR codes), unguessable */
  openCode: text('open_code').notNull().unique(),
  /** at most this many responses through the open link; null: no cap */
  openCap: integer('open_cap'),
  createdBy: text('created_by').references(() => users.id),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [index('campaigns_partner_idx').on(t.partnerId), index('campaigns_wave_idx').on(t.waveId), index('campaigns_state_idx').on(t.state)]);

export const campaignLists = sqliteTable('campaign_lists', {
  campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
  listId: text('list_id').notNull().references(() => contactLists.id),
}, (t) => [primaryKey({ columns: [t.campaignId, t.listId] })]);

export const DELIVERY_STATES = ['queued', 'sent', 'failed', 'bounced', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One contact's personal link in one campaign. The token is never stored: `tokenHash` finds the
 * invitation, and the link is re-derived for reminders from the server secret (HMAC of the id).
 * In anonymous mode nothing here records when the contact completed, only that they did.
 */
export const invitations = sqliteTable('invitations', {
  id: text('id').primaryKey(),
  campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  listId: text('list_id').notNull().references(() => contactLists.id),
  /** null once purged after the campaign's retention period, or when the contact is erased */
  contactId: text('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  /** null once purged: the link stops working */
  tokenHash: text('token_hash').unique(),
  /** the language the messages are written in, matched from the contact's along the BCP 47 chain */
  language: text('language').notNull(),
  delivery: text('delivery', { enum: DELIVERY_STATES }).notNull(),
  /** messages sent: the invitation, then reminders */
  sentCount: integer('sent_count').notNull().default(0),
  lastSentAt: timestamp('last_sent_at'),
  openedAt: timestamp('opened_at'),
  /** the first saved answer */
  startedAt: timestamp('started_at'),
  completed: integer('completed', { mode: 'boolean' }).notNull().default(false),
  optedOut: integer('opted_out', { mode: 'boolean' }).notNull().default(false),
  createdAt: timestamp('created_at').notNull(),
}, (t) => [
  uniqueIndex('invitations_campaign_contact_idx').on(t.campaignId, t.contactId),
  index('invitations_campaign_idx').on(t.campaignId, t.delivery),
]);

export const MAIL_KINDS = ['invitation', 'reminder', 'test'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export const MAIL_STATES = ['pending', 'sending', 'sent', 'failed', 'bounced', 'cancelled'] as const;
export type MailState = (typeof MAIL_STATES)[number];

/**
 * The transactional outbox: a row is queued in the transaction that decides a message is due, and
 * the sender loop claims it with a lease. Rows hold no message text: it is rendered at send time
 * (the personal link is derived then, so no token is stored in recoverable form).
 */
export const mailOutbox = sqliteTable('mail_outbox', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: MAIL_KINDS }).notNull(),
  partnerId: text('partner_id').references(() => partners.id),
  campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
  invitationId: text('invitation_id').references(() => invitations.id, { onDelete: 'cascade' }),
  /** only for test messages (the requesting user's own address); invitations read the contact's at send time */
  recipient: text('recipient'),
  language: text('language'),
  /** stable per invitation and send, so a resend after a crash carries the same Message-ID */
  messageId: text('message_id').notNull(),
  state: text('state', { enum: MAIL_STATES }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  /** not sent before this time: scheduled, or backing off after a temporary failure */
  notBefore: timestamp('not_before').notNull(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until'),
  lastError: text('last_error'),
  sentAt: timestamp('sent_at'),
  createdAt: timestamp('created_at').notNull(),
}, (t) => [index('mail_outbox_due_idx').on(t.state, t.notBefore), index('mail_outbox_invitation_idx').on(t.invitationId)]);
