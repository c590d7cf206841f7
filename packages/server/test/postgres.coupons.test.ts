import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCouponValidationLimiter, tokenBucket } from '../src/services/rateLimit.js';
import { enrol, issue, MUG, publishCouponConfig, REDEEM } from './coupons.fixture.js';
import {
  createPostgresDatabase,
  gql,
  startTestServer,
  TEST_DATABASE_URL,
  type TestServer,
} from './harness.js';

if (!TEST_DATABASE_URL) {
  console.warn(
    '[tessera] PostgreSQL coupon concurrency test SKIPPED: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it.',
  );
}

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL coupons (RELIABILITY scenario 2)', () => {
  let s: TestServer;
  let drop: () => Promise<void>;
  const members: string[] = [];

  beforeAll(async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 10_000, perMinute: 10_000 }));
    const created = await createPostgresDatabase(TEST_DATABASE_URL!);
    drop = created.drop;
    s = await startTestServer({ databaseUrl: created.url });
    await publishCouponConfig(s);
    for (let i = 0; i < 200; i++) members.push(await enrol(s, { name: `Racer ${i}` }));
  });
  afterAll(async () => {
    await s?.close();
    await drop?.();
  });

  it('one single-use coupon redeemed by 200 members at once: 1 success, 0 server errors', async () => {
    const [code] = await issue(s, { templateId: 'ten', count: 1 });
    const started = performance.now();
    const answers = await Promise.all(
      members.map((memberId, i) =>
        gql<{ redeemCoupon: { outcome: string; coupon: { reasonCode: string | null } } }>(
          s.url,
          REDEEM,
          {
            input: {
              code,
              memberId,
              lines: MUG,
              orderId: `race-${i}`,
              idempotencyKey: `race-${i}`,
            },
          },
          s.adminKey,
        ),
      ),
    );
    const ms = Math.round(performance.now() - started);
    expect(answers.filter((a) => a.errors).map((a) => a.errors)).toEqual([]);
    const outcomes = answers.map((a) => a.data!.redeemCoupon);
    expect(outcomes.filter((o) => o.outcome === 'APPLIED').length).toBe(1);
    expect(outcomes.filter((o) => o.coupon.reasonCode === 'ALREADY_USED').length).toBe(199);
    const conn = s.db.orm.em.fork().getConnection();
    const [c] = await conn.execute<{ status: string; times_used: number }[]>(
      `select status, times_used from coupon where code = ?`,
      [code],
    );
    expect(c).toEqual({ status: 'used', times_used: 1 });
    const reds = await conn.execute(`select 1 from coupon_redemption where coupon_code = ?`, [
      code,
    ]);
    expect(reds.length).toBe(1);
    console.info(
      `[tessera] scenario 2: 200 concurrent redemptions of one single-use coupon in ${ms} ms: 1 APPLIED, 199 ALREADY_USED, 0 errors`,
    );
  });

  it('a global limit of 1 over 50 coupons of one template, 50 members at once: 1 success', async () => {
    const codes = await issue(s, { templateId: 'global-once', count: 50 });
    const answers = await Promise.all(
      codes.map((code, i) =>
        gql<{ redeemCoupon: { outcome: string; coupon: { reasonCode: string | null } } }>(
          s.url,
          REDEEM,
          {
            input: {
              code,
              memberId: members[i],
              lines: MUG,
              orderId: `g-${i}`,
              idempotencyKey: `g-${i}`,
            },
          },
          s.adminKey,
        ),
      ),
    );
    expect(answers.filter((a) => a.errors).map((a) => a.errors)).toEqual([]);
    const outcomes = answers.map((a) => a.data!.redeemCoupon);
    expect(outcomes.filter((o) => o.outcome === 'APPLIED').length).toBe(1);
    expect(outcomes.filter((o) => o.coupon.reasonCode === 'USAGE_LIMIT_REACHED').length).toBe(49);
  });
});
