import 'reflect-metadata';
import { startApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { seedDemo } from './demo/seedDemo.js';

/**
 * Development entry point (`pnpm --filter @tessera/server dev`): PGlite in
 * `.tessera-data/` unless DATABASE_URL is set, migrations, the demo program
 * loaded once, then the URL and the demo keys on stdout.
 */
const config = loadConfig({ NODE_ENV: 'development', ...process.env });
const app = await startApp({ config });
const keys = await seedDemo(app.db.orm.em.fork(), systemClock, app.logger);
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
const lines = [
  '',
  `Tessera server: ${app.url}  (data: ${where})`,
  keys
    ? [
        'Demo program "demo" loaded. Keys (shown once; send as "Authorization: Bearer <key>"):',
        `  admin       ${keys.admin}`,
        `  store       ${keys.store}   (store SH-001)`,
        `  storefront  ${keys.storefront}`,
      ].join('\n')
    : 'Demo program already loaded; its keys were printed on the first start (delete the data folder to start over).',
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
