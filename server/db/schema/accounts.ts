import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common.js';
import { partners } from './partners.js';

export const ROLES = ['admin', 'coordinator', 'researcher'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** As typed, for display. */
  email: text('email').notNull(),
  /** Lower-cased and trimmed, for matching. */
  emailNormalized: text('email_normalized').notNull().unique(),
  name: text('name'),
  role: text('role', { enum: ROLES }).notNull(),
  partnerId: text('partner_id').references(() => partners.id),
  /** null until the user sets a password through an invitation link. */
  passwordHash: text('password_hash'),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  disabledAt: timestamp('disabled_at'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [index('users_partner_idx').on(t.partnerId)]);

/** Browser sign-ins. The cookie carries a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  revokedAt: timestamp('revoked_at'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** Bearer tokens for scripts: shown once, stored as SHA-256. */
export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at'),
  lastUsedAt: timestamp('last_used_at'),
  revokedAt: timestamp('revoked_at'),
}, (t) => [index('api_tokens_user_idx').on(t.userId)]);

/** One-time, expiring set-password links (invitations and admin-issued resets). */
export const passwordTokens = sqliteTable('password_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
}, (t) => [index('password_tokens_user_idx').on(t.userId)]);
