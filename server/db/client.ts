import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Opens the SQLite file with the pragmas the service relies on: WAL for concurrent readers,
 * synchronous=FULL so an acknowledged write survives a power cut, foreign keys enforced, and a
 * busy timeout so a backup or a script never makes a request fail at once.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  // The data directory holds the database and secrets: readable by the service's user only.
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

/** Number of migrations shipped with the code, from drizzle-kit's journal. */
export function shippedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

/** Ready when the database answers and every shipped migration has been applied. */
export function databaseReadiness(db: Db): { ok: boolean; applied: number; expected: number; error?: string } {
  const expected = shippedMigrationCount();
  try {
    const row = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return { ok: row.n >= expected, applied: row.n, expected };
  } catch (err) {
    return { ok: false, applied: 0, expected, error: (err as Error).message };
  }
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'relay.sqlite');
}
