/**
 * One zip holding the data CSV, streamed into it as it is written (the archive is built entry by
 * entry and never held whole), and the files that describe it.
 */
import type { Readable } from 'node:stream';
import archiver from 'archiver';

export function zipExport(csv: Readable, csvName: string, files: Array<{ name: string; text: string }>): Readable {
  const archive = archiver('zip', { zlib: { level: 6 } });
  // a reader that goes away takes the CSV (and with it the snapshot) along
  archive.once('close', () => csv.destroy());
  csv.once('error', (err) => archive.destroy(err));
  archive.append(csv, { name: csvName });
  for (const f of files) archive.append(f.text, { name: f.name });
  void archive.finalize().catch((err: Error) => archive.destroy(err));
  return archive;
}
