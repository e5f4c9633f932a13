import { loadConfig } from '../server/config.js';
import { restoreDataDir } from '../server/db/backup.js';

// Usage: stop the service, then: npm run restore -- <backup file>
const file = process.argv[2];
if (!file) {
  process.stderr.write('Usage: npm run restore -- <backup file>   (stop the service first)\n');
  process.exit(2);
}
const config = loadConfig(process.env);
restoreDataDir(file, config.dataDir);
process.stdout.write(`Restored ${file} into ${config.dataDir}. Start the service again.\n`);
