import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { type Database, openMemoryDatabase } from '../src/db/orm.js';
import { gql, manualClock, testConfig } from './harness.js';

describe('statement counter (TESSERA_SQL_STATS, used by bench:server)', () => {
  let db: Database;
  let counting: App;
  let plain: App;

  beforeAll(async () => {
    db = await openMemoryDatabase({ countStatements: true });
    counting = await startApp({ config: testConfig({ sqlStats: true }), clock: manualClock(), db });
    plain = await startApp({ config: testConfig(), clock: manualClock(), db });
  });
  afterAll(async () => {
    await counting.close();
    await plain.close();
    await db.close();
  });

  const stats = async (app: App) => {
    const res = await fetch(new URL('/debug/sql-stats', app.url));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('counts the statements a request sends, by kind', async () => {
    const before = (await stats(counting)).body as { total: number };
    const r = await gql(counting.url, '{ viewer { kind } }', {}, 'tsk_adm_unknown');
    expect(r.status).toBe(401);
    const after = await stats(counting);
    expect(after.status).toBe(200);
    // An unknown key of the right shape is looked up once; a malformed one is not looked up.
    expect((after.body as { total: number }).total - before.total).toBe(0);
    const known = await gql(counting.url, '{ viewer { kind } }', {}, `tsk_adm_${'a'.repeat(43)}`);
    expect(known.status).toBe(401);
    const last = (await stats(counting)).body as { total: number; byKind: Record<string, number> };
    expect(last.total - before.total).toBe(1);
    expect(last.byKind.select).toBeGreaterThanOrEqual(1);
  });

  it('is not served unless the server was started to count', async () => {
    expect((await stats(plain)).status).toBe(404);
  });
});
