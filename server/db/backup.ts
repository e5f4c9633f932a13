import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databaseFile } from './client.js';
import { SECRET_FILE } from '../secret.js';

/**
 * Consistent online copy through SQLite's backup API, from its own connection: safe while the
 * service keeps writing (WAL readers never block the writer).
 */
export async function backupDataDir(dataDir: string, destination?: string, clock = () => new Date()): Promise<string> {
  const source = databaseFile(dataDir);
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  const target = destination ?? path.join(dataDir, 'backups', `relay-${clock().toISOString().replace(/[:.]/g, '-')}.sqlite`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  // The server secret goes along: the database's keyed hashes of erased addresses need it.
  const secret = path.join(dataDir, SECRET_FILE);
  if (fs.existsSync(secret)) fs.copyFileSync(secret, `${target}.key`);
  fs.chmodSync(target, 0o600);
  return target;
}

/** Checks a backup and puts it in place of the data directory's database. The service must be stopped. */
export function restoreDataDir(backupFile: string, dataDir: string): void {
  const check = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`The backup ${backupFile} is damaged: ${result}`);
  } finally {
    check.close();
  }
  const target = databaseFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const temp = `${target}.restoring`;
  fs.copyFileSync(backupFile, temp);
  // The old WAL belongs to the old database; replaying it onto the restored file would corrupt it.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(temp, target);
  if (fs.existsSync(`${backupFile}.key`)) {
    fs.copyFileSync(`${backupFile}.key`, path.join(dataDir, SECRET_FILE));
    fs.chmodSync(path.join(dataDir, SECRET_FILE), 0o600);
  }
}
