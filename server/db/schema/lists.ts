import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common.js';
import { partners } from './partners.js';
import { users } from './accounts.js';

export const CONTACT_STATUSES = ['active', 'opted_out', 'bounced', 'erased'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const contactLists = sqliteTable('contact_lists', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  name: text('name').notNull(),
  description: text('description'),
  createdBy: text('created_by').references(() => users.id),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [uniqueIndex('contact_lists_partner_name_idx').on(t.partnerId, t.name)]);

/**
 * An erased contact keeps its row (so counts and later invitation statistics stay whole) with every
 * personal field emptied; emailNormalized becomes NULL, which the unique index allows many times.
 */
export const contacts = sqliteTable('contacts', {
  id: text('id').primaryKey(),
  listId: text('list_id').notNull().references(() => contactLists.id, { onDelete: 'cascade' }),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  email: text('email'),
  emailNormalized: text('email_normalized'),
  /** HMAC of the normalised email with the server secret: finds an address across lists for erasure. */
  emailHash: text('email_hash'),
  name: text('name'),
  /** Email and name lower-cased for search (SQLite's LIKE folds ASCII only). */
  searchText: text('search_text'),
  language: text('language'),
  attributes: text('attributes', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  status: text('status', { enum: CONTACT_STATUSES }).notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [
  uniqueIndex('contacts_list_email_idx').on(t.listId, t.emailNormalized),
  index('contacts_hash_idx').on(t.emailHash),
  index('contacts_partner_idx').on(t.partnerId),
]);

export const SUPPRESSION_REASONS = ['opted_out', 'erased', 'bounced'] as const;

/** Per partner: addresses never to mail or re-add, kept only as a keyed hash. */
export const suppressions = sqliteTable('suppressions', {
  partnerId: text('partner_id').notNull().references(() => partners.id),
  emailHash: text('email_hash').notNull(),
  reason: text('reason', { enum: SUPPRESSION_REASONS }).notNull(),
  createdAt: timestamp('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.partnerId, t.emailHash] })]);

export const IMPORT_STATUSES = ['reading', 'ready', 'failed', 'committing', 'committed', 'discarded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportCounts {
  rows: number;
  add: number;
  update: number;
  unchanged: number;
  skip: number;
  problems: Record<string, number>;
}

export interface ImportRequest {
  encoding?: string;
  delimiter?: string;
  mapping?: { email: string; name?: string | string[]; language?: string; attributes?: string[] };
}

export const contactImports = sqliteTable('contact_imports', {
  id: text('id').primaryKey(),
  listId: text('list_id').notNull().references(() => contactLists.id, { onDelete: 'cascade' }),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  status: text('status', { enum: IMPORT_STATUSES }).notNull(),
  fileName: text('file_name'),
  format: text('format'),
  encoding: text('encoding'),
  delimiter: text('delimiter'),
  /** What the coordinator asked for: encoding, delimiter and column mapping overrides. */
  request: text('request', { mode: 'json' }).$type<ImportRequest>().notNull(),
  header: text('header', { mode: 'json' }).$type<string[]>(),
  /** The column mapping applied (guessed or explicit), by column index. */
  mapping: text('mapping', { mode: 'json' }).$type<Record<string, unknown>>(),
  bytesTotal: integer('bytes_total').notNull(),
  bytesRead: integer('bytes_read').notNull().default(0),
  rowsRead: integer('rows_read').notNull().default(0),
  counts: text('counts', { mode: 'json' }).$type<ImportCounts>(),
  error: text('error', { mode: 'json' }).$type<{ code: string; message: string; faults?: string[] }>(),
  createdBy: text('created_by').references(() => users.id),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  committedAt: timestamp('committed_at'),
}, (t) => [index('contact_imports_list_idx').on(t.listId)]);

export const IMPORT_ACTIONS = ['add', 'update', 'unchanged', 'skip'] as const;

/** Staged rows of an import, classified for the preview; deleted once the import is committed or discarded. */
export const contactImportRows = sqliteTable('contact_import_rows', {
  importId: text('import_id').notNull().references(() => contactImports.id, { onDelete: 'cascade' }),
  rowNumber: integer('row_number').notNull(),
  email: text('email'),
  emailNormalized: text('email_normalized'),
  emailHash: text('email_hash'),
  name: text('name'),
  language: text('language'),
  languageInput: text('language_input'),
  attributes: text('attributes', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  problems: text('problems', { mode: 'json' }).$type<string[]>().notNull(),
  action: text('action', { enum: IMPORT_ACTIONS }),
}, (t) => [primaryKey({ columns: [t.importId, t.rowNumber] }), index('contact_import_rows_email_idx').on(t.importId, t.emailNormalized)]);

/** Who did what, when; details hold counts and ids, never personal data. */
export const auditLog = sqliteTable('audit_log', {
  id: text('id').primaryKey(),
  at: timestamp('at').notNull(),
  actorId: text('actor_id').references(() => users.id),
  partnerId: text('partner_id').references(() => partners.id),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id'),
  details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
}, (t) => [index('audit_log_partner_at_idx').on(t.partnerId, t.at)]);
