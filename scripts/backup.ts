import { loadConfig } from '../server/config.js';
import { backupDataDir } from '../server/db/backup.js';

// Usage: npm run backup [-- <destination file>]   (safe while the service runs)
const config = loadConfig(process.env);
const target = await backupDataDir(config.dataDir, process.argv[2]);
process.stdout.write(`Backup written to ${target}\n`);
