import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the backend finds Tessera and its keys. */
export interface DemoSettings {
  /** Tessera's GraphQL endpoint (`TESSERA_URL`, default http://127.0.0.1:4000/graphql). */
  readonly url: string;
  /** Mints member tokens. Never sent to the browser. */
  readonly adminKey: string;
  /** Records the web shop's purchases. Never sent to the browser. */
  readonly storeKey: string;
}

/** The GraphQL endpoint the backend and the `/graphql` proxy use. */
export function tesseraUrl(env: NodeJS.ProcessEnv = process.env): URL {
  return new URL(env.TESSERA_URL || 'http://127.0.0.1:4000/graphql');
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The demo keys file the dev server writes when it first loads the demo:
 * `<data dir>/demo-keys.json`, the data dir being `TESSERA_DATA_DIR`
 * (relative to where pnpm was started) or the repository's `.tessera-data`.
 */
export function demoKeysPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.TESSERA_DATA_DIR;
  if (!dir) return join(repoRoot, '.tessera-data', 'demo-keys.json');
  const base = env.INIT_CWD || process.cwd();
  return join(isAbsolute(dir) ? dir : resolve(base, dir), 'demo-keys.json');
}

/** A setup problem the backend reports to the browser as it is. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Reads the settings: keys from `TESSERA_ADMIN_KEY` and `TESSERA_STORE_KEY`
 * when both are set, else from the dev server's demo keys file. Read on each
 * use, so the backend may start before the dev server has written the file.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): DemoSettings {
  const url = tesseraUrl(env).href;
  if (env.TESSERA_ADMIN_KEY && env.TESSERA_STORE_KEY) {
    return { url, adminKey: env.TESSERA_ADMIN_KEY, storeKey: env.TESSERA_STORE_KEY };
  }
  const path = demoKeysPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SettingsError(
      `No demo keys at ${path}: run \`pnpm dev\` at the repository root first (it writes them when it loads the demo), or set TESSERA_ADMIN_KEY and TESSERA_STORE_KEY.`,
    );
  }
  const keys = JSON.parse(text) as { admin?: unknown; store?: unknown };
  if (typeof keys.admin !== 'string' || typeof keys.store !== 'string') {
    throw new SettingsError(`${path} has no "admin" and "store" keys`);
  }
  return { url, adminKey: keys.admin, storeKey: keys.store };
}
