import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestServer, type TestServer } from './harness.js';
import { POINTS_CONFIG, purchaseInput, RECORD, setUpPoints } from './pointsKit.js';

// A first-purchase bonus and a daily cap read the member's accrual counters:
// the quote must read them too, so "points to be earned" is what the purchase
// then earns, before and after the first purchase.
const CONFIG = {
  ...POINTS_CONFIG,
  earning: {
    rate: { points: '1', per: '1' },
    caps: { perMemberPerDay: '150' },
    rules: [{ id: 'first', kind: 'firstPurchase', points: '100' }],
  },
};

const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) { pointsToEarn } }`;

describe('checkout quote reads the accrual counters (read-only)', () => {
  let s: TestServer;
  let m: string;
  beforeAll(async () => {
    s = await startTestServer();
    [m] = (await setUpPoints(s, 1, CONFIG)) as [string];
  });
  afterAll(async () => {
    await s?.close();
  });

  const quoted = async (amount: string) => {
    const r = await gql<{ checkoutQuote: { pointsToEarn: string } }>(
      s.url,
      QUOTE,
      {
        input: {
          memberId: m,
          channel: 'store',
          lines: [{ id: '1', sku: 'TEA', categories: ['tea'], quantity: '1', unitPrice: amount }],
        },
      },
      s.adminKey,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.checkoutQuote.pointsToEarn;
  };
  const earned = async (orderId: string, amount: string) => {
    const r = await gql<{ recordPurchase: { purchase: { pointsEarned: string } } }>(
      s.url,
      RECORD,
      { input: purchaseInput(m, orderId, amount) },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.recordPurchase.purchase.pointsEarned;
  };

  it('quotes what the purchase then earns: first-purchase bonus once, then the daily cap', async () => {
    expect(await quoted('40.00')).toBe('140');
    expect(await earned('q-1', '40.00')).toBe('140');
    // No bonus any more, and only 10 points left under today's cap of 150.
    expect(await quoted('40.00')).toBe('10');
    expect(await earned('q-2', '40.00')).toBe('10');
  });
});

// A rule capped in total and a campaign budget are program-wide counters: a
// purchase locks and reads them (with the member's own, in one statement) and
// adds to them, so members buying at once never spend more than the cap or budget.
const SHARED = {
  ...POINTS_CONFIG,
  earning: {
    rate: { points: '1', per: '1' },
    campaigns: [{ id: 'c1', budget: '70' }],
    rules: [
      { id: 'bonus', kind: 'orderBonus', points: '50', caps: { total: '120' } },
      { id: 'promo', kind: 'orderBonus', points: '30', campaign: 'c1' },
    ],
  },
};

describe('recordPurchase: program-wide counters (total cap, campaign budget)', () => {
  let s: TestServer;
  let members: string[];
  beforeAll(async () => {
    s = await startTestServer();
    members = await setUpPoints(s, 2, SHARED);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('six purchases of two members at once earn the base points plus exactly the cap and the budget', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gql<{ recordPurchase: { outcome: string; purchase: { pointsEarned: string } } }>(
          s.url,
          RECORD,
          { input: purchaseInput(members[i % 2]!, `shared-${i}`, '10.00') },
          s.adminKey,
        ),
      ),
    );
    for (const r of answers) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const earned = answers.map((r) => Number(r.data!.recordPurchase.purchase.pointsEarned));
    // 6 x 10 base points, the bonus capped at 120 in total, the campaign at its budget of 70.
    expect(earned.reduce((a, b) => a + b, 0)).toBe(60 + 120 + 70);
    expect(Math.max(...earned)).toBe(90);
    expect(Math.min(...earned)).toBe(10);
  });
});
