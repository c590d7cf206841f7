import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { IsolationLevel, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, type SqlEntityManager } from '@mikro-orm/postgresql';
import { PGliteDriver } from 'mikro-orm-pglite';
import { IN_MEMORY } from '../config.js';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../migrations/index.js';
import { patchPGliteQuery } from './pgliteStatements.js';

/** The entity manager type every service takes. */
export type Em = SqlEntityManager;

/** Where the data lives. */
export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string };

/** Options of `openDatabase`. */
export interface OpenOptions {
  /** Called with every SQL statement the ORM sends (tests count statements with it). */
  readonly onQuery?: (sql: string) => void;
  /** Count the statements sent (BEGIN and COMMIT included) for `Database.sqlStats` (benchmarks). */
  readonly countStatements?: boolean;
}

/** Statements sent to the database since it was opened, by first keyword. */
export interface SqlStats {
  readonly total: number;
  /** `select`, `insert`, `update`, `delete`, `begin`, `commit`, `rollback`, `savepoint`... */
  readonly byKind: Readonly<Record<string, number>>;
}

/** An open database: the ORM plus what closing it needs. */
export interface Database {
  readonly orm: MikroORM;
  readonly kind: DatabaseTarget['kind'];
  /** Statement counts, when opened with `countStatements`; otherwise null. */
  sqlStats(): SqlStats | null;
  close(): Promise<void>;
}

/** Counts every statement the ORM's query builder sends (its `query` event, no formatting). */
function statementCounter(orm: MikroORM): () => SqlStats {
  const byKind: Record<string, number> = {};
  let total = 0;
  const knex = (orm.em as SqlEntityManager).getConnection().getKnex();
  knex.on('query', (q: { sql?: string }) => {
    total++;
    const kind = /^\s*([a-z]+)/i.exec(q.sql ?? '')?.[1]?.toLowerCase() ?? 'other';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  });
  return () => ({ total, byKind: { ...byKind } });
}

const MIGRATIONS_TABLE = 'tessera_migrations';

/**
 * The PostgreSQL advisory lock key that serialises migrations across
 * processes: 1952805747 = 0x74657373, "tess" in ASCII. Documented in
 * docs/operations.md; change it only together with the docs.
 */
export const MIGRATION_LOCK_KEY = 1_952_805_747;

/**
 * Applies pending migrations. On PostgreSQL the whole run happens inside one
 * transaction that first takes `pg_advisory_xact_lock(MIGRATION_LOCK_KEY)`, so
 * replicas starting at once migrate one after the other: the lock is held on
 * the transaction's own connection and released by its commit or rollback
 * (or when a killed process's connection closes). The Migrator creates its
 * table (on a pooled connection) and runs every migration (in the
 * transaction) only after that statement has returned, and under READ
 * COMMITTED each later statement sees what the previous holder committed, so
 * the waiting replicas find nothing pending. PGlite has a single connection and a
 * single process: nothing to serialise.
 */
async function migrate(orm: MikroORM, kind: DatabaseTarget['kind']): Promise<void> {
  const migrator = orm.getMigrator();
  if (kind === 'pglite') {
    await migrator.up();
    return;
  }
  await orm.em.getConnection().transactional(
    async (trx) => {
      await orm.em
        .getConnection()
        .execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY], 'run', trx);
      await migrator.up({ transaction: trx });
    },
    // Explicit: under REPEATABLE READ the snapshot would be taken before the
    // wait and the previous holder's migrations would look pending.
    { isolationLevel: IsolationLevel.READ_COMMITTED },
  );
}

function baseOptions(open: OpenOptions): Options {
  const onQuery = open.onQuery;
  return {
    ...(onQuery
      ? {
          debug: ['query'],
          colors: false,
          logger: (message: string) => onQuery(message),
        }
      : { debug: false }),
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
    },
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    // Services call em.flush() explicitly inside their transactions.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
  };
}

/** Opens PostgreSQL (by URL) or PGlite (in a folder, or in memory) and runs pending migrations. */
export async function openDatabase(
  target: DatabaseTarget,
  open: OpenOptions = {},
): Promise<Database> {
  let orm: MikroORM;
  let pglite: PGlite | null = null;
  if (target.kind === 'postgres') {
    orm = (await MikroORM.init({
      ...baseOptions(open),
      driver: PostgreSqlDriver,
      clientUrl: target.url,
      pool: { min: 0, max: 10 },
    })) as unknown as MikroORM;
  } else {
    if (target.dataDir !== IN_MEMORY) mkdirSync(target.dataDir, { recursive: true });
    const db = target.dataDir === IN_MEMORY ? new PGlite() : new PGlite(target.dataDir);
    pglite = db;
    orm = (await MikroORM.init({
      ...baseOptions(open),
      driver: PGliteDriver,
      dbName: 'postgres',
      driverOptions: { connection: { pglite: () => db } },
    })) as unknown as MikroORM;
    patchPGliteQuery(orm.em.getConnection().getKnex().client);
  }
  try {
    await migrate(orm, target.kind);
  } catch (err) {
    await orm.close(true);
    if (pglite) await pglite.close();
    throw err;
  }
  const stats = open.countStatements ? statementCounter(orm) : null;
  return {
    orm,
    kind: target.kind,
    sqlStats: () => (stats ? stats() : null),
    async close() {
      await orm.close(true);
      if (pglite) await pglite.close();
    },
  };
}

/** A fresh in-memory PGlite database with the schema applied (tests, demos). */
export function openMemoryDatabase(open: OpenOptions = {}): Promise<Database> {
  return openDatabase({ kind: 'pglite', dataDir: IN_MEMORY }, open);
}
