import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_FILE = 'secret.key';

/**
 * The server secret keys the hashes kept of erased and opted-out addresses, so a stolen database alone
 * cannot be checked against a list of addresses. Generated once into the data directory (owner-only);
 * back it up with the database, or those hashes stop matching.
 */
export function loadOrCreateSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_FILE);
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
    if (key.length < 32) throw new Error(`${file} is damaged: expected at least 32 bytes of base64url`);
    return key;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx' fails if another process created it in the meantime: then read theirs.
  try {
    fs.writeFileSync(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecret(dataDir);
    throw err;
  }
  return key;
}

/** Keyed hash of a normalised email address. */
export function emailHasher(secret: Buffer): (normalizedEmail: string) => string {
  return (normalizedEmail) => createHmac('sha256', secret).update(normalizedEmail).digest('base64url');
}
