import 'reflect-metadata';
import { startApp } from './app.js';
import { loadConfig } from './config.js';

/** Production entry point: `node dist/main.js` (PORT, DATABASE_URL, TESSERA_DATA_DIR, NODE_ENV). */
const app = await startApp({ config: loadConfig() });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
