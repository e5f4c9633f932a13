import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
    process.exit(1);
  }
  throw err;
}

const app = await buildApp(config);
await bootstrap(app);

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish (up to 10 s), then close the database.
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
});

const address = await app.listen({ port: config.port, host: config.host });
app.log.info({ address, url: config.publicUrl, docs: `${config.publicUrl}/docs` }, 'Survey Relay is ready');
// bundle the answering pages now rather than on the first respondent's visit
app.services.assets.ready().catch((err: unknown) => app.log.error({ err }, 'the answering pages could not be built'));
