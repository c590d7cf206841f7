import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestServer, type TestServer } from './harness.js';
import { ENROL, POINTS_CONFIG, purchaseInput, setUpPoints } from './pointsKit.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read loosely in assertions
type Payload = Record<string, any>;

/** POINTS_CONFIG with a single-use 10.00-off coupon template. */
const CONFIG: Record<string, unknown> = {
  ...POINTS_CONFIG,
  couponTemplates: [
    {
      id: 'ten',
      name: 'Ten off',
      benefit: { kind: 'amount_off', amount: '10' },
      validity: {
        kind: 'absolute',
        from: '2026-01-01T00:00:00+08:00',
        until: '2027-01-01T00:00:00+08:00',
      },
    },
  ],
};

const RECORD = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) {
  outcome refusal { code details } purchase { id orderId amount pointsEarned pointsPaid payments { method amount points entryId } }
  entries { id kind amount } balance { available balance debt }
  coupons { valid couponCode discount reasonCode } storedValue { paid balance } } }`;
const RETURN = `mutation($input: RecordReturnInput!) { recordReturn(input: $input) {
  outcome refusal { code } amount pointsClawedBack pointsRefunded storedValueRefunded
  coupons { couponCode restoresUse couponStatus timesUsed } entries { id kind amount }
  balance { available balance debt } } }`;
const ISSUE = `mutation($input: IssueCouponsInput!) { issueCoupons(input: $input) { coupons { code } } }`;
const TOP_UP = `mutation($input: TopUpStoredValueInput!) { topUpStoredValue(input: $input) { outcome balance } }`;

describe('recordPurchase / recordReturn: coupons, stored value and points payment in one transaction', () => {
  let s: TestServer;
  let a: string;
  let b: string;
  let c: string;

  beforeAll(async () => {
    s = await startTestServer();
    [a, b, c] = (await setUpPoints(s, 3, CONFIG)) as [string, string, string];
  });
  afterAll(async () => {
    await s?.close();
  });

  const record = (input: Record<string, unknown>) =>
    gql<{ recordPurchase: Payload }>(s.url, RECORD, { input }, s.adminKey);
  const ret = (input: Record<string, unknown>) =>
    gql<{ recordReturn: Payload }>(s.url, RETURN, { input }, s.adminKey);
  const sql = async <T>(q: string, params: unknown[]) =>
    s.db.orm.em.fork().getConnection().execute<T[]>(q, params);
  const coupon = async (code: string) =>
    (
      await sql<{ status: string; times_used: number }>(
        'select status, times_used from coupon where code = ?',
        [code],
      )
    )[0]!;
  const storedValue = async (memberId: string) =>
    (
      await sql<{ balance: string }>(
        `select balance::text as balance from account where member_id = ? and unit = 'CNY'`,
        [memberId],
      )
    )[0]?.balance ?? '0';
  const purchases = async (memberId: string) =>
    Number(
      (
        await sql<{ n: string }>('select count(*)::text as n from purchase where member_id = ?', [
          memberId,
        ])
      )[0]!.n,
    );
  const points = async (memberId: string) =>
    (
      await sql<{ balance: string }>(
        `select balance::text as balance from account where member_id = ? and unit = 'POINTS'`,
        [memberId],
      )
    )[0]?.balance ?? '0';
  const issueTo = async (memberId: string): Promise<string> => {
    const r = await gql<{ issueCoupons: { coupons: { code: string }[] } }>(
      s.url,
      ISSUE,
      {
        input: {
          templateId: 'ten',
          memberId,
          idempotencyKey: `issue-${memberId}-${Math.random()}`,
        },
      },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.issueCoupons.coupons[0]!.code;
  };
  const topUp = async (memberId: string, amount: string) => {
    const r = await gql(
      s.url,
      TOP_UP,
      { input: { memberId, amount, idempotencyKey: `top-${memberId}-${Math.random()}` } },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
  };

  it('a purchase with a coupon redeems it once: the replay gives the same answer and one use', async () => {
    const code = await issueTo(a);
    const first = await record(purchaseInput(a, 'c-1', '100.00', { couponCodes: [code] }));
    expect(first.errors).toBeUndefined();
    const p = first.data!.recordPurchase;
    expect(p.outcome).toBe('APPLIED');
    expect(p.coupons).toEqual([
      { valid: true, couponCode: code, discount: '10.00', reasonCode: null },
    ]);
    // No points on what the coupon took off.
    expect(p.purchase.pointsEarned).toBe('90');
    const again = await record(purchaseInput(a, 'c-1', '100.00', { couponCodes: [code] }));
    expect(again.data!.recordPurchase).toEqual(p);
    const other = await record(
      purchaseInput(a, 'c-1', '100.00', { couponCodes: [code], idempotencyKey: 'other-key' }),
    );
    expect(other.data!.recordPurchase).toEqual(p);
    expect(await coupon(code)).toEqual({ status: 'used', times_used: 1 });
    const redemptions = await sql<{ n: string }>(
      `select count(*)::text as n from coupon_redemption where order_id = 'c-1'`,
      [],
    );
    expect(redemptions[0]!.n).toBe('1');

    // The same coupon on another order: refused with the engine's reason, nothing changes.
    await topUp(a, '50.00');
    const before = { points: await points(a), purchases: await purchases(a) };
    const refused = await record(
      purchaseInput(a, 'c-2', '60.00', {
        couponCodes: [code],
        payments: [{ method: 'stored_value', amount: '20.00' }],
        pointsPayment: null,
      }),
    );
    expect(refused.errors).toBeUndefined();
    const r = refused.data!.recordPurchase;
    expect(r).toMatchObject({ outcome: 'REFUSED', purchase: null, storedValue: null });
    expect(r.refusal.code).toBe(r.coupons[0].reasonCode);
    expect(r.refusal.code).toBe('ALREADY_USED');
    expect(await storedValue(a)).toBe('50.0000');
    expect(await coupon(code)).toEqual({ status: 'used', times_used: 1 });
    expect({ points: await points(a), purchases: await purchases(a) }).toEqual(before);
    // The refusal replays as given.
    const replay = await record(
      purchaseInput(a, 'c-2', '60.00', {
        couponCodes: [code],
        payments: [{ method: 'stored_value', amount: '20.00' }],
        pointsPayment: null,
      }),
    );
    expect(replay.data!.recordPurchase).toEqual(r);

    // The full return rolls the coupon's use back.
    const back = await ret({ orderId: 'c-1', returnId: 'c-1-r', idempotencyKey: 'c-1-r' });
    expect(back.errors).toBeUndefined();
    expect(back.data!.recordReturn.coupons).toEqual([
      { couponCode: code, restoresUse: true, couponStatus: 'active', timesUsed: 0 },
    ]);
    expect(await coupon(code)).toEqual({ status: 'active', times_used: 0 });
  });

  it('redeemCoupon on an order whose purchase redeemed that coupon is IDEMPOTENCY_CONFLICT and changes nothing', async () => {
    const enrolled = await gql<{ enrolMember: { member: { id: string } } }>(
      s.url,
      ENROL,
      { input: { name: 'Dee', channel: 'store' } },
      s.adminKey,
    );
    const d = enrolled.data!.enrolMember.member.id;
    const code = await issueTo(d);
    const bought = await record(
      purchaseInput(d, 'c-then-redeem', '100.00', { couponCodes: [code] }),
    );
    expect(bought.data!.recordPurchase.coupons).toMatchObject([{ valid: true, discount: '10.00' }]);
    const r = await gql(
      s.url,
      `mutation($input: RedeemCouponInput!) { redeemCoupon(input: $input) { outcome } }`,
      {
        input: {
          code,
          memberId: d,
          orderId: 'c-then-redeem',
          lines: [{ id: '1', sku: 'A', quantity: '1', unitPrice: '100.00' }],
          idempotencyKey: 'redeem-after-purchase',
        },
      },
      s.adminKey,
    );
    expect(r.data).toBeNull();
    expect(r.errors![0]!.extensions).toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      reason: 'ALREADY_REDEEMED_ON_ORDER',
      orderId: 'c-then-redeem',
      couponCode: code,
    });
    expect(r.errors![0]!.message).toContain('with its purchase');
    expect(await coupon(code)).toEqual({ status: 'used', times_used: 1 });
    const rows = await sql(`select 1 from coupon_redemption where order_id = 'c-then-redeem'`, []);
    expect(rows.length).toBe(1);
  });

  it('a refused code among accepted ones redeems none of them', async () => {
    const good = await issueTo(b);
    const before = await purchases(b);
    const r = await record(purchaseInput(b, 'c-3', '80.00', { couponCodes: [good, 'NOPE000000'] }));
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordPurchase.outcome).toBe('REFUSED');
    expect(r.data!.recordPurchase.refusal.code).toBe('UNKNOWN_COUPON');
    expect(await coupon(good)).toEqual({ status: 'active', times_used: 0 });
    expect(await purchases(b)).toBe(before);
  });

  it('stored value pays in the purchase, is refused when short, and is refunded in proportion on returns', async () => {
    await topUp(c, '100.00');
    const paid = await record(
      purchaseInput(c, 's-1', '100.00', {
        payments: [
          { method: 'stored_value', amount: '33.33' },
          { method: 'card', amount: '66.67' },
        ],
      }),
    );
    expect(paid.errors).toBeUndefined();
    const p = paid.data!.recordPurchase;
    expect(p.outcome).toBe('APPLIED');
    expect(p.storedValue).toEqual({ paid: '33.33', balance: '66.67' });
    expect(p.purchase.payments[0]).toMatchObject({ method: 'stored_value', amount: '33.33' });
    expect(p.purchase.payments[0].entryId).toBeTruthy();
    expect(await storedValue(c)).toBe('66.6700');

    // Short: refused, nothing changes.
    const pointsBefore = await points(c);
    const short = await record(
      purchaseInput(c, 's-2', '70.00', { payments: [{ method: 'stored_value', amount: '70.00' }] }),
    );
    expect(short.errors).toBeUndefined();
    expect(short.data!.recordPurchase).toMatchObject({
      outcome: 'REFUSED',
      refusal: { code: 'INSUFFICIENT_FUNDS', details: { available: '66.67', requested: '70.00' } },
      purchase: null,
    });
    expect(await storedValue(c)).toBe('66.6700');
    expect(await points(c)).toBe(pointsBefore);
    expect(await purchases(c)).toBe(1);

    // Half returned: 33.33 / 2 = 16.665 -> 16.66 (HALF_EVEN); the rest on the last return.
    const half = await ret({
      orderId: 's-1',
      returnId: 's-1-r1',
      amount: '50.00',
      idempotencyKey: 's-1-r1',
    });
    expect(half.errors).toBeUndefined();
    expect(half.data!.recordReturn.storedValueRefunded).toBe('16.66');
    expect(await storedValue(c)).toBe('83.3300');
    const again = await ret({
      orderId: 's-1',
      returnId: 's-1-r1',
      amount: '50.00',
      idempotencyKey: 's-1-r1',
    });
    expect(again.data!.recordReturn).toEqual(half.data!.recordReturn);
    expect(await storedValue(c)).toBe('83.3300');
    const rest = await ret({ orderId: 's-1', returnId: 's-1-r2', idempotencyKey: 's-1-r2' });
    expect(rest.data!.recordReturn.storedValueRefunded).toBe('16.67');
    expect(await storedValue(c)).toBe('100.0000');
  });

  it('points paid on an order are given back in proportion on returns, once per return', async () => {
    const [d] = (await setUpPoints(s, 1, CONFIG)) as [string];
    expect((await record(purchaseInput(d, 'p-1', '1000.00'))).data!.recordPurchase.outcome).toBe(
      'APPLIED',
    );
    const paid = await record(
      purchaseInput(d, 'p-2', '100.00', { pointsPayment: { points: '1000' } }),
    );
    expect(paid.errors).toBeUndefined();
    const p = paid.data!.recordPurchase;
    expect(p.outcome).toBe('APPLIED');
    expect(p.purchase.pointsPaid).toBe('1000');
    const afterPurchase = Number(p.balance.balance);

    const half = await ret({
      orderId: 'p-2',
      returnId: 'p-2-r1',
      amount: '50.00',
      idempotencyKey: 'p-2-r1',
    });
    expect(half.errors).toBeUndefined();
    const h = half.data!.recordReturn;
    expect(h.pointsRefunded).toBe('500');
    const adjust = h.entries.find((e: Payload) => e.kind === 'adjust');
    expect(adjust.amount).toBe('500');
    expect(Number(h.balance.balance)).toBe(
      afterPurchase - Number(h.pointsClawedBack) + Number(h.pointsRefunded),
    );
    // Replayed under another idempotency key: the same answer, nothing posted twice.
    const again = await ret({
      orderId: 'p-2',
      returnId: 'p-2-r1',
      amount: '50.00',
      idempotencyKey: 'p-2-r1-again',
    });
    expect(again.data!.recordReturn).toEqual(h);
    const rest = await ret({ orderId: 'p-2', returnId: 'p-2-r2', idempotencyKey: 'p-2-r2' });
    expect(rest.data!.recordReturn.pointsRefunded).toBe('500');
    // Everything of p-2 is undone: back to what p-1 earned.
    expect(rest.data!.recordReturn.balance.balance).toBe('1000');
    expect(Number(await points(d))).toBe(1000);
  });
});
