import { sqliteTable, text, integer, uniqueIndex, primaryKey, index } from 'drizzle-orm/sqlite-core';
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

/**
 * The phone's form of a published version, made by the compiler: one structure payload and one texts
 * payload per locale, each addressed by its content hash so phones cache them for good.
 */
export const compiledSurveys = sqliteTable('compiled_surveys', {
  versionId: text('version_id').primaryKey().references(() => surveyVersions.id, { onDelete: 'cascade' }),
  formatVersion: integer('format_version').notNull(),
  /** Identical definitions compile to identical payloads, so a hash may appear on several versions. */
  structureHash: text('structure_hash').notNull(),
  structure: text('structure', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  compiledAt: timestamp('compiled_at').notNull(),
}, (t) => [index('compiled_surveys_hash_idx').on(t.structureHash)]);

export const compiledTexts = sqliteTable('compiled_texts', {
  versionId: text('version_id').notNull().references(() => surveyVersions.id, { onDelete: 'cascade' }),
  locale: text('locale').notNull(),
  hash: text('hash').notNull(),
  texts: text('texts', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
}, (t) => [primaryKey({ columns: [t.versionId, t.locale] }), index('compiled_texts_hash_idx').on(t.hash)]);
