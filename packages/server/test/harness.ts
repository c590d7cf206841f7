import { parseProgram } from '@tessera/engine';
import { type App, startApp } from '../src/app.js';
import type { Clock } from '../src/clock.js';
import { loadConfig, type ServerConfig } from '../src/config.js';
import { type Database, openDatabase, openMemoryDatabase } from '../src/db/orm.js';
import { createProgram } from '../src/services/programs.js';

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** A clock at `start` that only moves when told. */
export function manualClock(start = '2026-03-01T10:00:00Z'): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/**
 * The smallest configuration the engine accepts right now: sections are
 * added as `{}` only if the engine still requires them.
 */
export function minimalConfig(
  currency = 'CNY',
  timeZone = 'Asia/Shanghai',
): Record<string, unknown> {
  const base = { currency, timeZone };
  const candidates = [base, { ...base, earning: {}, points: {}, tiers: {} }];
  for (const c of candidates) {
    if (parseProgram({ ...c, id: 'probe', version: 1 }).success) return c;
  }
  throw new Error('No minimal program configuration is accepted by the engine');
}

/** An HTTP GraphQL answer. */
export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors:
    | { message: string; extensions?: Record<string, unknown> & { code?: string } }[]
    | undefined;
}

/** Posts a GraphQL operation with an optional bearer credential. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  credential?: string,
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GqlResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors };
}

/** The first error code of a response, or null. */
export function errorCode(r: GqlResponse<unknown>): string | null {
  return (r.errors?.[0]?.extensions?.code as string | undefined) ?? null;
}

/** A started server on its own database with one program and its admin key. */
export interface TestServer {
  app: App;
  url: string;
  db: Database;
  clock: ManualClock;
  programId: string;
  adminKey: string;
  /** Creates another program in the same database; returns its admin key. */
  addProgram(id: string): Promise<string>;
  close(): Promise<void>;
}

/** Test configuration: silent logs, free port, masked errors. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({ NODE_ENV: 'test', PORT: '0' }), ...overrides };
}

/** Starts a server on PGlite in memory, or on `databaseUrl` (PostgreSQL) when given. */
export async function startTestServer(
  options: {
    databaseUrl?: string;
    programId?: string;
    config?: Partial<ServerConfig>;
    onQuery?: (sql: string) => void;
  } = {},
): Promise<TestServer> {
  const clock = manualClock();
  const open = options.onQuery ? { onQuery: options.onQuery } : {};
  const db = options.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: options.databaseUrl }, open)
    : await openMemoryDatabase(open);
  const programId = options.programId ?? 'prog-a';
  const addProgram = async (id: string) => {
    const { adminSecret } = await createProgram(
      db.orm.em.fork(),
      { id, name: `Program ${id}`, config: minimalConfig() },
      clock.now(),
    );
    return adminSecret;
  };
  const adminKey = await addProgram(programId);
  const app = await startApp({ config: testConfig(options.config), clock, db });
  return {
    app,
    url: app.url,
    db,
    clock,
    programId,
    adminKey,
    addProgram,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** The PostgreSQL URL for concurrency tests, or null (they are then skipped, and say so). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

/**
 * Creates a fresh, uniquely named database on the server of
 * `TEST_DATABASE_URL` and returns its URL and a function that drops it.
 */
export async function createPostgresDatabase(
  baseUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const { MikroORM, PostgreSqlDriver } = await import('@mikro-orm/postgresql');
  const { ENTITIES } = await import('../src/entities/index.js');
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: baseUrl,
    entities: ENTITIES,
    debug: false,
    pool: { min: 0, max: 1 },
  });
  const name = `tessera_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await admin.em.getConnection().execute(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
      await admin.close(true);
    },
  };
}
