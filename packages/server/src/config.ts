import { resolve } from 'node:path';

/** Runtime settings, read once from the environment at start. */
export interface ServerConfig {
  /** HTTP port (`PORT`, default 4000; 0 picks a free port). */
  readonly port: number;
  /** Host to bind (`HOST`, default 127.0.0.1 in development, 0.0.0.0 otherwise). */
  readonly host: string;
  /** PostgreSQL URL (`DATABASE_URL`); absent selects the embedded PGlite database. */
  readonly databaseUrl: string | null;
  /** PGlite data folder (`TESSERA_DATA_DIR`, default `.tessera-data`); `memory://` keeps it in memory. */
  readonly dataDir: string;
  /** `NODE_ENV`: `development` shows internal error details; anything else masks them. */
  readonly nodeEnv: 'development' | 'production' | 'test';
  /** Log level (`LOG_LEVEL`, default `info`, `silent` in tests). */
  readonly logLevel: string;
  /** Enable introspection (`TESSERA_INTROSPECTION`, default on in development only). */
  readonly introspection: boolean;
  /** In-process sweep interval in ms (`TESSERA_SWEEP_INTERVAL_MS`, default 60000; 0 = off, the default in tests). */
  readonly sweepIntervalMs: number;
  /**
   * Count SQL statements and serve them at `GET /debug/sql-stats`
   * (`TESSERA_SQL_STATS=true`; off by default; the server benchmark turns it on).
   */
  readonly sqlStats: boolean;
}

/** Memory-only PGlite data dir marker. */
export const IN_MEMORY = 'memory://';

/** Reads `ServerConfig` from an environment map (defaults documented on each field). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const nodeEnv =
    env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development';
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got ${env.PORT}`);
  }
  const rawDir = env.TESSERA_DATA_DIR || '.tessera-data';
  return {
    port,
    host: env.HOST || (nodeEnv === 'development' ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: rawDir === IN_MEMORY ? IN_MEMORY : resolve(rawDir),
    nodeEnv,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    introspection:
      env.TESSERA_INTROSPECTION === undefined
        ? nodeEnv === 'development'
        : env.TESSERA_INTROSPECTION === 'true',
    sweepIntervalMs: sweepInterval(env, nodeEnv),
    sqlStats: env.TESSERA_SQL_STATS === 'true',
  };
}

function sweepInterval(env: NodeJS.ProcessEnv, nodeEnv: string): number {
  const raw = env.TESSERA_SWEEP_INTERVAL_MS;
  if (raw === undefined || raw === '') return nodeEnv === 'test' ? 0 : 60_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new Error(`TESSERA_SWEEP_INTERVAL_MS must be a non-negative integer, got ${raw}`);
  }
  return ms;
}
