import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common.js';

export const partners = sqliteTable('partners', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** ISO 3166-1 alpha-2 */
  country: text('country').notNull(),
  region: text('region'),
  /** IANA time zone, e.g. Europe/Stockholm */
  timeZone: text('time_zone').notNull(),
  contactEmail: text('contact_email'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
