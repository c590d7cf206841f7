import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, openMemoryDatabase } from '../src/db/orm.js';
import { createProgram } from '../src/services/programs.js';
import { createPostgresDatabase, minimalConfig, TEST_DATABASE_URL } from './harness.js';

/**
 * Migration20261201170000PeriodCounters moves the period of a member's day
 * and month counters into their subject, keeping each value under its
 * period; lifetime counters are untouched. Down keeps each member's latest
 * period. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */

const MIGRATION = 'Migration20261201170000PeriodCounters';

type Row = { subject: string; period_key: string; value: string };

const targets: {
  name: string;
  open: () => Promise<{ db: Database; drop: () => Promise<void> }>;
}[] = [
  {
    name: 'PGlite',
    open: async () => ({ db: await openMemoryDatabase(), drop: async () => {} }),
  },
  ...(TEST_DATABASE_URL
    ? [
        {
          name: 'PostgreSQL',
          open: async () => {
            const created = await createPostgresDatabase(TEST_DATABASE_URL!);
            return {
              db: await openDatabase({ kind: 'postgres', url: created.url }),
              drop: created.drop,
            };
          },
        },
      ]
    : []),
];

describe.each(targets)('period counters migration ($name)', ({ open }) => {
  let db: Database;
  let drop: () => Promise<void>;
  const sql = (text: string) => db.orm.em.fork().getConnection().execute(text);
  const rows = () =>
    db.orm.em
      .fork()
      .getConnection()
      .execute<Row[]>(
        `select subject, period_key, value::text as value from accrual_counter
       where program_id = 'prog-m' order by subject`,
      );

  beforeAll(async () => {
    ({ db, drop } = await open());
    await createProgram(
      db.orm.em.fork(),
      { id: 'prog-m', name: 'Migrated', config: minimalConfig() },
      new Date('2026-03-01T10:00:00Z'),
    );
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('up: each day/month row keeps its value under its period; lifetime rows are untouched', async () => {
    const migrator = db.orm.getMigrator();
    expect((await migrator.down()).map((m) => m.name)).toEqual([MIGRATION]);
    // Rows as the previous schema wrote them: one day and one month row per member.
    await sql(
      `insert into accrual_counter (program_id, subject, period_key, value) values
        ('prog-m', 'day:m1', '2026-03-10', 100), ('prog-m', 'month:m1', '2026-03', 300),
        ('prog-m', 'day:m2', '2026-02-27', 5), ('prog-m', 'purchases:m1', '-', 3),
        ('prog-m', 'rule:r1:m1', '-', 40), ('prog-m', 'ruleTotal:r1', '-', 70),
        ('prog-m', 'campaign:c1', '-', 9)`,
    );
    expect((await migrator.up()).map((m) => m.name)).toEqual([MIGRATION]);
    expect(await rows()).toEqual([
      { subject: 'campaign:c1', period_key: '-', value: '9.0000' },
      { subject: 'day:m1:2026-03-10', period_key: '2026-03-10', value: '100.0000' },
      { subject: 'day:m2:2026-02-27', period_key: '2026-02-27', value: '5.0000' },
      { subject: 'month:m1:2026-03', period_key: '2026-03', value: '300.0000' },
      { subject: 'purchases:m1', period_key: '-', value: '3.0000' },
      { subject: 'rule:r1:m1', period_key: '-', value: '40.0000' },
      { subject: 'ruleTotal:r1', period_key: '-', value: '70.0000' },
    ]);
    expect(await migrator.up()).toEqual([]);
  });

  it("down keeps each member's latest period; up again restores its identity", async () => {
    await sql(
      `insert into accrual_counter (program_id, subject, period_key, value) values
        ('prog-m', 'day:m1:2026-03-11', '2026-03-11', 20)`,
    );
    const migrator = db.orm.getMigrator();
    await migrator.down();
    expect((await rows()).filter((r) => /^(day|month):/.test(r.subject))).toEqual([
      { subject: 'day:m1', period_key: '2026-03-11', value: '20.0000' },
      { subject: 'day:m2', period_key: '2026-02-27', value: '5.0000' },
      { subject: 'month:m1', period_key: '2026-03', value: '300.0000' },
    ]);
    await migrator.up();
    expect((await rows()).filter((r) => /^(day|month):/.test(r.subject))).toEqual([
      { subject: 'day:m1:2026-03-11', period_key: '2026-03-11', value: '20.0000' },
      { subject: 'day:m2:2026-02-27', period_key: '2026-02-27', value: '5.0000' },
      { subject: 'month:m1:2026-03', period_key: '2026-03', value: '300.0000' },
    ]);
  });
});
