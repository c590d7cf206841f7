// Databases of the harness: a uniquely named database created on a server and
// dropped at the end, programs created with the built server's own
// `createProgram` (as the tests do), and plain SQL for the checks.
import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const server = await import(join(dist, 'index.js'));
const { ENTITIES } = await import(join(dist, 'entities', 'index.js'));

/**
 * Creates `tessera_crash_<time>_<random>` on the server of `baseUrl` (through
 * its `postgres` database, whichever database the URL names).
 */
export async function createDatabase(baseUrl) {
  const maintenance = new URL(baseUrl);
  maintenance.pathname = '/postgres';
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: maintenance.toString(),
    entities: ENTITIES,
    debug: false,
    pool: { min: 0, max: 1 },
  });
  const name = `tessera_crash_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await admin.em.getConnection().execute(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      try {
        await admin.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.close(true);
      }
    },
  };
}

/** Runs the migrations and creates a program; returns its admin key. */
export async function bootstrapProgram(url, id, config) {
  const db = await server.openDatabase({ kind: 'postgres', url });
  try {
    const { adminSecret } = await server.createProgram(
      db.orm.em.fork(),
      { id, name: `Crash harness ${id}`, config },
      new Date(),
    );
    return adminSecret;
  } finally {
    await db.close();
  }
}

/** A SQL connection for the checks: `query(sql, params)` answers rows. */
export async function openSql(url) {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities: ENTITIES,
    debug: false,
    pool: { min: 0, max: 2 },
  });
  const conn = orm.em.getConnection();
  return {
    query: (sql, params = []) => conn.execute(sql, params),
    close: () => orm.close(true),
  };
}
