import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweeps } from '../src/services/sweeps.js';
import { gql, startTestServer, type TestServer } from './harness.js';
import {
  BALANCE,
  ledgerTotals,
  POINTS_CONFIG,
  purchaseInput,
  RECORD,
  setUpPoints,
} from './pointsKit.js';

const PENDING_CONFIG = {
  ...POINTS_CONFIG,
  points: { ...(POINTS_CONFIG.points as object), pending: { amount: 14, unit: 'day' } },
};

describe('sweeps: vesting, expiry, hold timeouts, tier reviews (item 9, X5)', () => {
  let s: TestServer;
  let m: string;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    s = await startTestServer();
    [m] = (await setUpPoints(s, 1, PENDING_CONFIG)) as [string];
  });
  afterAll(async () => {
    await s?.close();
  });

  const balance = async () =>
    (await gql<{ pointsBalance: Record<string, string> }>(s.url, BALANCE, { id: m }, s.adminKey))
      .data!.pointsBalance;

  it('reads are right before a sweep runs; the sweep posts vest and expire once', async () => {
    await gql(s.url, RECORD, { input: purchaseInput(m, 'o-1', '80.00') }, s.adminKey);
    expect(await balance()).toMatchObject({ pending: '80', available: '0' });
    s.clock.advance(15 * 86_400_000);
    expect(await balance()).toMatchObject({ pending: '0', available: '80' });
    const first = await runSweeps(s.db.orm.em.fork(), s.clock, logger);
    expect(first).toMatchObject({ accounts: 1, entries: 1 });
    const again = await runSweeps(s.db.orm.em.fork(), s.clock, logger);
    expect(again).toMatchObject({ accounts: 0, entries: 0 });
    // 12 months later the lot expires: the balance says so before and after the sweep.
    s.clock.advance(366 * 86_400_000);
    expect(await balance()).toMatchObject({ available: '0', balance: '0' });
    const expired = await runSweeps(s.db.orm.em.fork(), s.clock, logger);
    expect(expired.entries).toBe(1);
    expect(await balance()).toMatchObject({ available: '0', balance: '0' });
    const t = await ledgerTotals(s, m);
    expect(t).toEqual({ ledger: 0, balance: 0, lots: 0 });
  });

  it('times out holds and reviews tiers due', async () => {
    await gql(
      s.url,
      `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { outcome } }`,
      {
        input: { memberId: m, points: '50', reason: 'test', operator: 'ops', idempotencyKey: 'a1' },
      },
      s.adminKey,
    );
    const held = await gql<{ reservePoints: { outcome: string } }>(
      s.url,
      `mutation($input: ReservePointsInput!) { reservePoints(input: $input) { outcome } }`,
      {
        input: {
          memberId: m,
          holdId: 'cart-9',
          points: '30',
          reference: 'cart',
          idempotencyKey: 'h1',
        },
      },
      s.adminKey,
    );
    expect(held.data!.reservePoints.outcome).toBe('APPLIED');
    s.clock.advance(31 * 60_000);
    expect(await balance()).toMatchObject({ held: '0', available: '50' });
    const r = await runSweeps(s.db.orm.em.fork(), s.clock, logger);
    expect(r.entries).toBe(1);
    const conn = s.db.orm.em.fork().getConnection();
    const [h] = await conn.execute<{ status: string }[]>(
      `select status from hold where hold_key = 'cart-9'`,
    );
    expect(h!.status).toBe('released');
    const [sch] = await conn.execute<{ n: string }[]>(
      `select count(*)::text as n from tier_schedule`,
    );
    expect(Number(sch!.n)).toBe(1);
    s.clock.advance(400 * 86_400_000);
    const reviews = await runSweeps(s.db.orm.em.fork(), s.clock, logger);
    expect(reviews.reviews).toBe(1);
  });
});
