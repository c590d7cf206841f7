import 'reflect-metadata';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/orm.js';
import { createLogger } from './logger.js';
import { runSweeps } from './services/sweeps.js';

/**
 * `node dist/sweep.js` (or `pnpm --filter @tessera/server sweep`): runs every
 * due sweep once (vesting, expiry, hold timeouts, tier reviews) and prints
 * what it did as JSON. For cron; safe beside running servers and other sweeps.
 */
const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir },
);
try {
  const report = await runSweeps(db.orm.em.fork(), systemClock, logger);
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await db.close();
}
