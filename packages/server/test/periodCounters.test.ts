import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestServer, type TestServer } from './harness.js';
import { ENROL, POINTS_CONFIG, PUBLISH, RECORD } from './pointsKit.js';

/**
 * A member's per-day and per-month earning caps count each local day / month
 * (program time zone) on its own. `recordPurchase` accrues a purchase as of
 * its `occurredAt` (an offline till syncs past purchases), so a backdated
 * purchase reads and adds to the counter of ITS day and month, and leaves
 * today's alone: today's cap still holds after it, and the past day's cap
 * counts what that day already earned.
 */

const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) { pointsToEarn } }`;
const CONTEXT = `query($input: QuoteContextInput) { quoteContext(input: $input) { state } }`;

// Published on 1 March (the harness clock's start), so the backdated days are priced under it.
const DAY_CAP = {
  ...POINTS_CONFIG,
  earning: { rate: { points: '1', per: '1' }, caps: { perMemberPerDay: '150' } },
};
const MONTH_CAP = {
  ...POINTS_CONFIG,
  earning: { rate: { points: '1', per: '1' }, caps: { perMemberPerMonth: '300' } },
};

// Asia/Shanghai (UTC+8): noon on Tuesday 10 March, and Monday 9 March.
const TODAY = '2026-03-10T04:00:00Z';
const YESTERDAY = '2026-03-09T04:00:00Z';
// Noon on Wednesday 1 April, and Tuesday 31 March (the month before).
const APRIL = '2026-04-01T04:00:00Z';
const MARCH = '2026-03-31T04:00:00Z';

describe('member period caps: a backdated purchase counts in its own period', () => {
  let s: TestServer;
  let dayKey: string;
  let monthKey: string;
  const START = '2026-03-01T10:00:00Z';

  const ok = async <T>(query: string, variables: Record<string, unknown>, key: string) => {
    const r = await gql<T>(s.url, query, variables, key);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!;
  };
  const enrol = async (key: string) =>
    (
      await ok<{ enrolMember: { member: { id: string } } }>(
        ENROL,
        { input: { name: 'Member', channel: 'store' } },
        key,
      )
    ).enrolMember.member.id;
  let serial = 0;
  const earned = async (key: string, memberId: string, amount: string, occurredAt: string) => {
    serial += 1;
    const orderId = `period-${serial}`;
    const d = await ok<{ recordPurchase: { outcome: string; purchase: { pointsEarned: string } } }>(
      RECORD,
      {
        input: {
          memberId,
          orderId,
          channel: 'store',
          occurredAt,
          currency: 'CNY',
          lines: [{ id: '1', sku: 'TEA', categories: ['tea'], quantity: '1', unitPrice: amount }],
          idempotencyKey: `k-${orderId}`,
        },
      },
      key,
    );
    expect(d.recordPurchase.outcome).toBe('APPLIED');
    return d.recordPurchase.purchase.pointsEarned;
  };
  const quoted = async (key: string, memberId: string, amount: string, asOf?: string) =>
    (
      await ok<{ checkoutQuote: { pointsToEarn: string } }>(
        QUOTE,
        {
          input: {
            memberId,
            channel: 'store',
            lines: [{ id: '1', sku: 'TEA', categories: ['tea'], quantity: '1', unitPrice: amount }],
            ...(asOf ? { asOf } : {}),
          },
        },
        key,
      )
    ).checkoutQuote.pointsToEarn;

  beforeAll(async () => {
    s = await startTestServer();
    s.clock.set(START);
    dayKey = s.adminKey;
    await ok(PUBLISH, { input: { config: DAY_CAP } }, dayKey);
    monthKey = await s.addProgram('prog-month');
    await ok(PUBLISH, { input: { config: MONTH_CAP } }, monthKey);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("per-day cap: yesterday's purchases neither reset today's cap nor escape yesterday's", async () => {
    s.clock.set(START);
    const m = await enrol(dayKey);
    s.clock.set(TODAY);
    expect(await earned(dayKey, m, '100.00', TODAY)).toBe('100');
    // Synced late: yesterday had earned nothing yet.
    expect(await earned(dayKey, m, '40.00', YESTERDAY)).toBe('40');
    // Today: 50 left of 150, whatever was recorded for yesterday meanwhile.
    expect(await quoted(dayKey, m, '100.00')).toBe('50');
    expect(await earned(dayKey, m, '100.00', TODAY)).toBe('50');
    expect(await quoted(dayKey, m, '10.00')).toBe('0');
    // Yesterday's second purchase: 110 left of yesterday's 150 (40 earned then).
    expect(await quoted(dayKey, m, '200.00', YESTERDAY)).toBe('110');
    expect(await earned(dayKey, m, '200.00', YESTERDAY)).toBe('110');
    expect(await earned(dayKey, m, '10.00', YESTERDAY)).toBe('0');
    expect(await earned(dayKey, m, '10.00', TODAY)).toBe('0');
    // The next day starts from zero.
    s.clock.set('2026-03-11T04:00:00Z');
    expect(await earned(dayKey, m, '10.00', '2026-03-11T04:00:00Z')).toBe('10');
  });

  it('per-month cap: a purchase of last month neither resets this month nor escapes its own', async () => {
    s.clock.set(START);
    const m = await enrol(monthKey);
    s.clock.set(APRIL);
    expect(await earned(monthKey, m, '200.00', APRIL)).toBe('200');
    expect(await earned(monthKey, m, '150.00', MARCH)).toBe('150');
    // April: 100 left of 300.
    expect(await quoted(monthKey, m, '200.00')).toBe('100');
    expect(await earned(monthKey, m, '200.00', APRIL)).toBe('100');
    // March: 150 left of 300.
    expect(await earned(monthKey, m, '200.00', MARCH)).toBe('150');
    expect(await earned(monthKey, m, '10.00', MARCH)).toBe('0');
    expect(await earned(monthKey, m, '10.00', APRIL)).toBe('0');
  });

  it("quoteContext hands out the counters of now's day and month", async () => {
    s.clock.set(START);
    const m = await enrol(dayKey);
    s.clock.set(TODAY);
    await earned(dayKey, m, '30.00', TODAY);
    await earned(dayKey, m, '70.00', YESTERDAY);
    const d = await ok<{ quoteContext: { state: Record<string, unknown> } }>(
      CONTEXT,
      { input: { memberId: m, channel: 'store' } },
      dayKey,
    );
    expect(d.quoteContext.state.accrualCounters).toMatchObject({
      memberDay: { date: '2026-03-10', points: '30.0000' },
      memberMonth: { month: '2026-03', points: '100.0000' },
    });
  });
});
