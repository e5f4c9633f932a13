import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common.js';
import { partners } from './partners.js';
import { surveyVersions } from './surveys.js';

export const RESPONSE_STATES = ['partial', 'completed'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

/** How the answers arrived: an API client, an open link, a personal invitation. */
export const RESPONSE_CHANNELS = ['api', 'open', 'personal'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/**
 * Where survey-core's re-check of a completed response stands. There is no queue table and no
 * time of the check: the queue is the `pending` rows, worked in id order (random), so nothing
 * records when or in which order anonymous responses arrived.
 */
export const AUDIT_STATES = ['pending', 'agrees', 'differs', 'failed'] as const;
export type AuditState = (typeof AUDIT_STATES)[number];

/**
 * One respondent's answers to one survey version. The id is 128 random bits, and the table is
 * created WITHOUT ROWID (migration 0003), so rows are stored in id order and no hidden rowid
 * keeps the order of arrival. Anonymous responses (`anonymous` = 'yes') carry no invitation and
 * only the UTC date of their start and completion.
 */
export const responses = sqliteTable('responses', {
  id: text('id').primaryKey(),
  versionId: text('version_id').notNull().references(() => surveyVersions.id),
  /** filled by the campaigns issue; no foreign key until its table exists */
  campaignId: text('campaign_id'),
  partnerId: text('partner_id').references(() => partners.id),
  /** tracked mode only */
  invitationId: text('invitation_id'),
  channel: text('channel', { enum: RESPONSE_CHANNELS }).notNull(),
  anonymous: text('anonymous', { enum: ['yes', 'no'] }).notNull(),
  /** the text payload the respondent answered in: 'default' or a locale tag */
  locale: text('locale').notNull(),
  state: text('state', { enum: RESPONSE_STATES }).notNull(),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  startedAt: timestamp('started_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  completedAt: timestamp('completed_at'),
  auditState: text('audit_state', { enum: AUDIT_STATES }),
  /** the answers as submitted for completion, kept until survey-core has re-checked them */
  auditInput: text('audit_input', { mode: 'json' }).$type<{ answers: Record<string, unknown>; locale: string }>(),
  /** what survey-core saw differently (a defect of our runtime) */
  auditDetail: text('audit_detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  /** the version (a hash of the words) of the privacy notice the respondent was shown, if the survey has one */
  notice: text('notice'),
  /** whether the respondent explicitly consented (surveys that ask for consent refuse completion without it) */
  consent: integer('consent', { mode: 'boolean' }),
}, (t) => [
  index('responses_version_idx').on(t.versionId, t.state),
  index('responses_campaign_idx').on(t.campaignId, t.state),
  index('responses_audit_idx').on(t.auditState),
]);

/**
 * A personal-link respondent's answers while answering, keyed by the invitation, so they can resume
 * on another visit. Deleted in the transaction that turns it into a response.
 */
export const responseDrafts = sqliteTable('response_drafts', {
  invitationId: text('invitation_id').primaryKey(),
  versionId: text('version_id').notNull().references(() => surveyVersions.id),
  locale: text('locale').notNull(),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  startedAt: timestamp('started_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  /** the page the respondent was on (an index into the compiled pages), to resume there */
  page: integer('page'),
  notice: text('notice'),
  consent: integer('consent', { mode: 'boolean' }),
});

/**
 * What a submission with an idempotency key was answered, so a retry gets the same answer and
 * stores nothing twice. The key is stored as sha256(scope, key); the scope is the response or
 * draft it was sent to. A receipt never holds a response id for an anonymous completion, and
 * expires on a date, not at a time.
 */
export const intakeReceipts = sqliteTable('intake_receipts', {
  keyHash: text('key_hash').primaryKey(),
  /** sha256 of the request (route and body): the same key with another request is refused */
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  body: text('body', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  expiresOn: text('expires_on').notNull(),
}, (t) => [index('intake_receipts_expiry_idx').on(t.expiresOn)]);
