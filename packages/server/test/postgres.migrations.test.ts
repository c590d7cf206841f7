import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/orm.js';
import { MIGRATIONS } from '../src/migrations/index.js';
import { createProgram } from '../src/services/programs.js';
import { createPostgresDatabase, minimalConfig, TEST_DATABASE_URL } from './harness.js';

if (!TEST_DATABASE_URL) {
  console.warn(
    '[tessera] PostgreSQL concurrent migration test SKIPPED: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it.',
  );
}

/** How many replicas start at the same moment. */
const REPLICAS = 4;

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL migrations: replicas starting at once', () => {
  let url: string;
  let drop: () => Promise<void>;
  const opened: Database[] = [];

  /** Opens `REPLICAS` handles at once; every failure is reported, not only the first. */
  const startAll = async (): Promise<Database[]> => {
    const results = await Promise.allSettled(
      Array.from({ length: REPLICAS }, () => openDatabase({ kind: 'postgres', url })),
    );
    const handles: Database[] = [];
    const failures: string[] = [];
    for (const r of results) {
      if (r.status === 'fulfilled') handles.push(r.value);
      else failures.push(r.reason instanceof Error ? r.reason.message : String(r.reason));
    }
    opened.push(...handles);
    expect(failures, `${failures.length} of ${REPLICAS} starts failed`).toEqual([]);
    return handles;
  };

  const applied = async (db: Database) =>
    db.orm.em
      .fork()
      .getConnection()
      .execute<{ name: string; n: string }[]>(
        'select name, count(*)::text as n from tessera_migrations group by name order by name',
      );

  beforeAll(async () => {
    const created = await createPostgresDatabase(TEST_DATABASE_URL!);
    url = created.url;
    drop = created.drop;
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await drop?.();
  });

  it(`${REPLICAS} starts on an empty database all succeed and apply each migration once`, async () => {
    const started = performance.now();
    const handles = await startAll();
    console.info(
      `[tessera] ${REPLICAS} concurrent starts on an empty database: ${handles.length} succeeded in ${Math.round(performance.now() - started)} ms`,
    );
    const expected = MIGRATIONS.map((m) => ({ name: m.name, n: '1' })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const db of handles) expect(await applied(db)).toEqual(expected);

    // The schema works: a program written through one replica is read through another.
    const first = handles[0]!;
    const last = handles[handles.length - 1]!;
    await createProgram(
      first.orm.em.fork(),
      { id: 'prog-race', name: 'Race', config: minimalConfig() },
      new Date('2026-03-01T10:00:00Z'),
    );
    const rows = await last.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>('select id from program');
    expect(rows.map((r) => r.id)).toEqual(['prog-race']);
  });

  it(`${REPLICAS} more starts on the migrated database apply nothing and keep the data`, async () => {
    const handles = await startAll();
    const expected = MIGRATIONS.map((m) => ({ name: m.name, n: '1' })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const db of handles) expect(await applied(db)).toEqual(expected);
    const rows = await handles[0]!.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>('select id from program');
    expect(rows.map((r) => r.id)).toEqual(['prog-race']);
  });
});
