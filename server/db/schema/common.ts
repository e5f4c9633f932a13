import { text } from 'drizzle-orm/sqlite-core';

/** Timestamps are ISO 8601 UTC strings: sortable, readable in the sqlite3 CLI, portable to PostgreSQL. */
export const timestamp = (name: string) => text(name);
