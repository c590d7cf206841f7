import 'reflect-metadata';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from './app.js';
import { systemClock } from './clock.js';
import { IN_MEMORY, loadConfig, type ServerConfig } from './config.js';
import { DEMO_PROGRAM_ID } from './demo/demoProgram.js';
import { type DemoKeys, seedDemo } from './demo/seedDemo.js';

/** File in the data folder that keeps the demo keys for local examples (examples/storefront). */
const DEMO_KEYS_FILE = 'demo-keys.json';

/**
 * Writes the demo keys to `<data dir>/demo-keys.json`, readable by the owner
 * only (0600), so a local example's backend can use them. Development only;
 * nothing is written for an in-memory database. Returns the path, or null.
 */
function writeDemoKeys(config: ServerConfig, keys: DemoKeys): string | null {
  if (config.dataDir === IN_MEMORY) return null;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const path = join(config.dataDir, DEMO_KEYS_FILE);
  const body = { programId: DEMO_PROGRAM_ID, storeCode: 'SH-001', ...keys };
  // A file left by an earlier database is replaced, never rewritten with its old mode.
  rmSync(path, { force: true });
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return path;
}

/**
 * Development entry point (`pnpm --filter @tessera/server dev`): PGlite in
 * `.tessera-data/` unless DATABASE_URL is set, migrations, the demo program
 * loaded once, then the URL and the demo keys on stdout.
 */
const config = loadConfig({ NODE_ENV: 'development', ...process.env });
const app = await startApp({ config });
const keys = await seedDemo(app.db.orm.em.fork(), systemClock, app.logger);
const keysFile = keys ? writeDemoKeys(config, keys) : null;
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
        ...(keysFile ? [`Also written to ${keysFile} (mode 0600) for examples/storefront.`] : []),
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
