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
