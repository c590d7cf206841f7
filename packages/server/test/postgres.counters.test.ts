import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  gql,
  startTestServer,
  TEST_DATABASE_URL,
  type TestServer,
} from './harness.js';
import { ledgerTotals, POINTS_CONFIG, purchaseInput, RECORD, setUpPoints } from './pointsKit.js';

if (!TEST_DATABASE_URL) {
  console.warn(
    '[tessera] PostgreSQL program-wide counters SKIPPED: set TEST_DATABASE_URL to run them.',
  );
}

// A rule capped in total and a campaign budget are program-wide counters: each
// purchase creates, locks and reads them in one statement after the member's
// account lock and adds to them in its last statement. Purchases of many
// members at once (separate connections) must never spend more than the cap
// or the budget, nor deadlock.
const SHARED = {
  ...POINTS_CONFIG,
  earning: {
    rate: { points: '1', per: '1' },
    campaigns: [{ id: 'c1', budget: '700' }],
    rules: [
      { id: 'bonus', kind: 'orderBonus', points: '50', caps: { total: '1200' } },
      { id: 'promo', kind: 'orderBonus', points: '30', campaign: 'c1' },
    ],
  },
};
const PURCHASES = 60;

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL: program-wide accrual counters', () => {
  let s: TestServer;
  let drop: () => Promise<void>;
  let members: string[];

  beforeAll(async () => {
    const created = await createPostgresDatabase(TEST_DATABASE_URL!);
    drop = created.drop;
    s = await startTestServer({ databaseUrl: created.url });
    members = await setUpPoints(s, 8, SHARED);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await drop?.();
  });

  it(`${PURCHASES} purchases of 8 members at once earn the base points plus exactly the cap and the budget`, async () => {
    const answers = await Promise.all(
      Array.from({ length: PURCHASES }, (_, i) =>
        gql<{ recordPurchase: { outcome: string; purchase: { pointsEarned: string } } }>(
          s.url,
          RECORD,
          { input: purchaseInput(members[i % members.length]!, `shared-${i}`, '10.00') },
          s.adminKey,
        ),
      ),
    );
    for (const r of answers) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const earned = answers.map((r) => Number(r.data!.recordPurchase.purchase.pointsEarned));
    // 10 base points each, the bonus capped at 1,200 in total, the campaign at its budget of 700.
    expect(earned.reduce((a, b) => a + b, 0)).toBe(PURCHASES * 10 + 1200 + 700);
    const [counters] = await s.db.orm.em.fork().execute<{ bonus: string; promo: string }[]>(
      `select (select value::text from accrual_counter where subject = 'ruleTotal:bonus') as bonus,
                (select value::text from accrual_counter where subject = 'campaign:c1') as promo`,
    );
    expect(Number(counters!.bonus)).toBe(1200);
    expect(Number(counters!.promo)).toBe(700);
    let total = 0;
    for (const m of members) {
      const t = await ledgerTotals(s, m);
      expect(t.ledger).toBe(t.balance);
      expect(t.lots).toBe(t.balance);
      total += t.balance;
    }
    expect(total).toBe(PURCHASES * 10 + 1200 + 700);
  });
});
