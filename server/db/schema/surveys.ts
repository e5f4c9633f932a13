import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common.js';
import { users } from './accounts.js';

export const SURVEY_STATES = ['draft', 'open', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

export const surveys = sqliteTable('surveys', {
  id: text('id').primaryKey(),
  /** Stable, URL-safe, unique; chosen at upload and never changed. */
  slug: text('slug').notNull().unique(),
  state: text('state', { enum: SURVEY_STATES }).notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  createdBy: text('created_by').references(() => users.id),
});

/**
 * Every upload, replacement or translation merge is a new row; rows are never updated except to
 * stamp publishedAt once, so responses can point at the exact version answered.
 */
export const surveyVersions = sqliteTable('survey_versions', {
  id: text('id').primaryKey(),
  surveyId: text('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  definition: text('definition', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** SHA-256 of the canonical definition JSON. */
  definitionHash: text('definition_hash').notNull(),
  /** Why this version exists: upload, replace, translations. */
  origin: text('origin', { enum: ['upload', 'replace', 'translations'] }).notNull(),
  createdAt: timestamp('created_at').notNull(),
  createdBy: text('created_by').references(() => users.id),
  publishedAt: timestamp('published_at'),
}, (t) => [uniqueIndex('survey_versions_survey_version_idx').on(t.surveyId, t.version)]);
