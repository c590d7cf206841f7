import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from '../src/services/couponCodes.js';
import { setCouponValidationLimiter, tokenBucket } from '../src/services/rateLimit.js';
import {
  enrol,
  ISSUE,
  issue,
  MUG,
  publishCouponConfig,
  REDEEM,
  ROLLBACK,
  TEA,
  VALIDATE,
  WALLET,
} from './coupons.fixture.js';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';

type Result = {
  valid: boolean;
  couponCode: string;
  discount: string | null;
  reasonCode: string | null;
  reason: Record<string, unknown> | null;
  message: string | null;
};

describe('coupons (D5-D8) through the API', () => {
  let s: TestServer;
  let alice: string;
  let bob: string;
  let storeId: string;
  let memberToken: (memberId: string) => Promise<string>;
  const validate = async (input: Record<string, unknown>, key = s.adminKey) => {
    const r = await gql<{ validateCoupon: { coupon: Result } }>(
      s.url,
      VALIDATE,
      { input: { lines: MUG, ...input } },
      key,
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.validateCoupon.coupon;
  };
  const redeem = (input: Record<string, unknown>, key = s.adminKey) =>
    gql<{
      redeemCoupon: {
        outcome: string;
        redemptionId: string | null;
        coupon: Result;
      };
    }>(
      s.url,
      REDEEM,
      { input: { lines: MUG, idempotencyKey: `r-${Math.random()}`, ...input } },
      key,
    );
  const sql = <T>(q: string, p: unknown[] = []) =>
    s.db.orm.em.fork().getConnection().execute<T[]>(q, p);

  beforeAll(async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 1000, perMinute: 1000 }));
    s = await startTestServer();
    await publishCouponConfig(s);
    alice = await enrol(s, { name: 'Alice', birthday: '1990-03-10', tags: ['vip'] });
    bob = await enrol(s, { name: 'Bob' });
    const st = await gql<{ createStore: { store: { id: string } } }>(
      s.url,
      `mutation { createStore(input: { code: "S-OTHER", name: "Other" }) { store { id } } }`,
      {},
      s.adminKey,
    );
    if (st.errors) throw new Error(JSON.stringify(st.errors));
    storeId = st.data!.createStore.store.id;
    memberToken = async (memberId) => {
      const r = await gql<{ createMemberToken: { token: string } }>(
        s.url,
        `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token } }`,
        { input: { memberId } },
        s.adminKey,
      );
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.createMemberToken.token;
    };
  });
  afterAll(() => s.close());

  it('issues unique codes of at least 10 Crockford base32 characters (batch of 2,000 public codes)', async () => {
    const r = await gql<{ issueCoupons: { count: number; coupons: { code: string }[] } }>(
      s.url,
      ISSUE,
      { input: { templateId: 'ten', count: 2000, idempotencyKey: 'batch-1' } },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.issueCoupons.count).toBe(2000);
    expect(r.data!.issueCoupons.coupons.length).toBe(100);
    const codes = (await sql<{ code: string }>(`select code from coupon`)).map((c) => c.code);
    expect(codes.length).toBe(2000);
    expect(new Set(codes).size).toBe(2000);
    const re = new RegExp(`^[${CROCKFORD_ALPHABET}]{10,}$`);
    for (const c of codes) expect(c).toMatch(re);
    const again = await gql(
      s.url,
      ISSUE,
      { input: { templateId: 'ten', count: 2000, idempotencyKey: 'batch-1' } },
      s.adminKey,
    );
    expect(again.data).toEqual(r.data);
    expect((await sql(`select 1 from coupon`)).length).toBe(2000);
    const events = await sql<{ n: string }>(
      `select count(*)::text as n from outbox_event where type = 'coupon.issued'`,
    );
    expect(events[0]!.n).toBe('2000');
  });

  it('issues to every live member with a tag; unknown templates are BAD_USER_INPUT', async () => {
    const codes = await issue(s, { templateId: 'ten', tag: 'vip', count: 2 });
    expect(codes.length).toBe(2);
    const bad = await gql(
      s.url,
      ISSUE,
      { input: { templateId: 'nope', memberId: alice, idempotencyKey: 'x' } },
      s.adminKey,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['UNKNOWN_COUPON'],
    ['CANCELLED'],
    ['NOT_OWNED_BY_MEMBER'],
    ['ALREADY_USED'],
    ['BIRTHDAY_UNKNOWN'],
    ['NOT_YET_VALID'],
    ['EXPIRED'],
    ['STORE_NOT_ELIGIBLE'],
    ['CHANNEL_NOT_ELIGIBLE'],
    ['TIER_NOT_ELIGIBLE'],
    ['AUDIENCE_NOT_ELIGIBLE'],
    ['USAGE_LIMIT_REACHED'],
    ['MEMBER_LIMIT_REACHED'],
    ['NO_APPLICABLE_ITEMS'],
    ['MIN_SPEND_NOT_MET'],
    ['NOT_COMBINABLE'],
    ['BUDGET_EXHAUSTED'],
  ])('validation answers %s with the engine reason (a result, not an error)', async (code) => {
    const own = async (templateId: string, memberId = alice) =>
      (await issue(s, { templateId, memberId }))[0]!;
    let input: Record<string, unknown>;
    switch (code) {
      case 'UNKNOWN_COUPON':
        input = { code: 'ZZZZZZZZZZZZ', memberId: alice };
        break;
      case 'CANCELLED': {
        const c = await own('ten');
        await sql(`update coupon set status = 'cancelled' where code = ?`, [c]);
        input = { code: c, memberId: alice };
        break;
      }
      case 'NOT_OWNED_BY_MEMBER':
        input = { code: await own('ten'), memberId: bob };
        break;
      case 'ALREADY_USED': {
        const c = await own('ten');
        expect(
          (await redeem({ code: c, memberId: alice, orderId: 'o-used' })).data!.redeemCoupon
            .outcome,
        ).toBe('APPLIED');
        input = { code: c, memberId: alice };
        break;
      }
      case 'BIRTHDAY_UNKNOWN':
        input = { code: await own('birthday', bob), memberId: bob };
        break;
      case 'NOT_YET_VALID':
        input = { code: await own('future'), memberId: alice };
        break;
      case 'EXPIRED':
        input = { code: await own('past'), memberId: alice };
        break;
      case 'STORE_NOT_ELIGIBLE':
        input = { code: await own('store-only'), memberId: alice, storeId };
        break;
      case 'CHANNEL_NOT_ELIGIBLE':
        input = { code: await own('app-only'), memberId: alice, channel: 'store' };
        break;
      case 'TIER_NOT_ELIGIBLE':
        input = { code: await own('gold-only'), memberId: alice };
        break;
      case 'AUDIENCE_NOT_ELIGIBLE':
        input = { code: await own('vip-only', bob), memberId: bob };
        break;
      case 'USAGE_LIMIT_REACHED': {
        const [a, b] = await issue(s, { templateId: 'global-once', count: 2 });
        expect(
          (await redeem({ code: a, memberId: alice, orderId: 'o-g' })).data!.redeemCoupon.outcome,
        ).toBe('APPLIED');
        input = { code: b, memberId: bob };
        break;
      }
      case 'MEMBER_LIMIT_REACHED': {
        const [a, b] = await issue(s, { templateId: 'member-once', memberId: alice, count: 2 });
        expect(
          (await redeem({ code: a, memberId: alice, orderId: 'o-m' })).data!.redeemCoupon.outcome,
        ).toBe('APPLIED');
        input = { code: b, memberId: alice };
        break;
      }
      case 'NO_APPLICABLE_ITEMS':
        input = { code: await own('hats'), memberId: alice };
        break;
      case 'MIN_SPEND_NOT_MET':
        input = { code: await own('min-100'), memberId: alice };
        break;
      case 'NOT_COMBINABLE':
        input = { code: await own('no-promos'), memberId: alice, lines: TEA };
        break;
      case 'BUDGET_EXHAUSTED': {
        const [a, b] = await issue(s, { templateId: 'budget', count: 2 });
        expect(
          (await redeem({ code: a, memberId: alice, orderId: 'o-b' })).data!.redeemCoupon.outcome,
        ).toBe('APPLIED');
        input = { code: b, memberId: bob };
        break;
      }
      default:
        throw new Error(code);
    }
    const result = await validate(input);
    expect(result.valid).toBe(false);
    expect(result.reasonCode).toBe(code);
    expect(result.reason?.code).toBe(code);
    expect(result.message).toBeTruthy();
  });

  it('validates a good code with its discount; codes are matched case- and hyphen-insensitively', async () => {
    const c = (await issue(s, { templateId: 'ten', memberId: alice }))[0]!;
    const typed = `${c.slice(0, 4)}-${c.slice(4).toLowerCase()}`;
    const r = await validate({ code: typed, memberId: alice });
    expect(r).toMatchObject({ valid: true, couponCode: c, discount: '10.00', reasonCode: null });
  });

  it('redeem replays on the same key; the same key with other input conflicts', async () => {
    const c = (await issue(s, { templateId: 'ten', memberId: alice }))[0]!;
    const input = { code: c, memberId: alice, orderId: 'o-replay', idempotencyKey: 'redeem-1' };
    const first = await redeem(input);
    expect(first.data!.redeemCoupon).toMatchObject({
      outcome: 'APPLIED',
      coupon: { discount: '10.00' },
    });
    const again = await redeem(input);
    expect(again.data).toEqual(first.data);
    expect(errorCode(await redeem({ ...input, orderId: 'o-other' }))).toBe('IDEMPOTENCY_CONFLICT');
    const rows = await sql(`select 1 from coupon_redemption where order_id = 'o-replay'`);
    expect(rows.length).toBe(1);
    const ev = await sql(
      `select 1 from outbox_event where type = 'coupon.redeemed' and payload->>'orderId' = 'o-replay'`,
    );
    expect(ev.length).toBe(1);
  });

  it('the same redemption retried with a new key replays the first answer (as recordPurchase does per order); another request on that order and coupon conflicts', async () => {
    const c = (await issue(s, { templateId: 'ten', memberId: alice }))[0]!;
    const input = { code: c, memberId: alice, orderId: 'o-new-key' };
    const first = await redeem({ ...input, idempotencyKey: 'nk-1' });
    expect(first.data!.redeemCoupon).toMatchObject({
      outcome: 'APPLIED',
      coupon: { discount: '10.00' },
    });
    // A lost answer retried with a fresh key (the code typed differently): the first answer.
    const retried = await redeem({
      ...input,
      code: `${c.slice(0, 6)}-${c.slice(6).toLowerCase()}`,
      idempotencyKey: 'nk-2',
    });
    expect(retried.errors).toBeUndefined();
    expect(retried.data).toEqual(first.data);
    // That answer is now stored under the new key too.
    expect((await redeem({ ...input, idempotencyKey: 'nk-2' })).data).toEqual(first.data);
    // Another cart, or another member, for the coupon already on this order: a conflict naming it.
    const TWO_MUGS = [{ ...MUG[0]!, quantity: '2' }];
    for (const other of [
      { ...input, lines: TWO_MUGS, idempotencyKey: 'nk-3' },
      { ...input, memberId: bob, idempotencyKey: 'nk-4' },
    ]) {
      const r = await redeem(other);
      expect(r.data).toBeNull();
      expect(r.errors![0]!.extensions).toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
        reason: 'ALREADY_REDEEMED_ON_ORDER',
        orderId: 'o-new-key',
        couponCode: c,
      });
      expect(r.errors![0]!.message).toContain('different request');
    }
    // One redemption, one use, one event.
    const rows = await sql(`select 1 from coupon_redemption where order_id = 'o-new-key'`);
    expect(rows.length).toBe(1);
    const [coupon] = await sql<{ times_used: number }>(
      `select times_used from coupon where code = ?`,
      [c],
    );
    expect(coupon!.times_used).toBe(1);
    const ev = await sql(
      `select 1 from outbox_event where type = 'coupon.redeemed' and payload->>'orderId' = 'o-new-key'`,
    );
    expect(ev.length).toBe(1);
  });

  it('a return of the whole order gives the use back; a partial return keeps it', async () => {
    const c = (await issue(s, { templateId: 'ten', memberId: alice }))[0]!;
    const lines = [
      { id: 'a', sku: 'MUG', categories: ['mugs'], quantity: '2', unitPrice: '30.00' },
      { id: 'b', sku: 'CUP', categories: ['mugs'], quantity: '1', unitPrice: '40.00' },
    ];
    const red = await redeem({ code: c, memberId: alice, orderId: 'o-ret', lines });
    expect(red.data!.redeemCoupon.outcome).toBe('APPLIED');
    expect((await validate({ code: c, memberId: alice })).reasonCode).toBe('ALREADY_USED');
    const part = await gql<{ rollbackCouponRedemptions: { rollbacks: Record<string, unknown>[] } }>(
      s.url,
      ROLLBACK,
      {
        input: {
          orderId: 'o-ret',
          returnedLines: [{ lineId: 'a', quantity: '1' }],
          idempotencyKey: 'rb-1',
        },
      },
      s.adminKey,
    );
    expect(part.errors).toBeUndefined();
    expect(part.data!.rollbackCouponRedemptions.rollbacks).toEqual([
      {
        couponCode: c,
        restoresUse: false,
        discountReturned: '3.00',
        couponStatus: 'used',
        timesUsed: 1,
      },
    ]);
    const rest = await gql<{ rollbackCouponRedemptions: { rollbacks: Record<string, unknown>[] } }>(
      s.url,
      ROLLBACK,
      { input: { orderId: 'o-ret', idempotencyKey: 'rb-2' } },
      s.adminKey,
    );
    expect(rest.data!.rollbackCouponRedemptions.rollbacks).toEqual([
      {
        couponCode: c,
        restoresUse: true,
        discountReturned: '7.00',
        couponStatus: 'active',
        timesUsed: 0,
      },
    ]);
    expect((await validate({ code: c, memberId: alice })).valid).toBe(true);
    const again = await redeem({ code: c, memberId: alice, orderId: 'o-ret-2' });
    expect(again.data!.redeemCoupon.outcome).toBe('APPLIED');
    const missing = await gql(
      s.url,
      ROLLBACK,
      { input: { orderId: 'nope', idempotencyKey: 'rb-3' } },
      s.adminKey,
    );
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  it('rolling back restores global limit counters too', async () => {
    const [a, b] = await issue(s, { templateId: 'global-once', count: 2 });
    // the limit was used up by the table above; roll that order back
    const rb = await gql(
      s.url,
      ROLLBACK,
      { input: { orderId: 'o-g', idempotencyKey: 'rb-g' } },
      s.adminKey,
    );
    expect(rb.errors).toBeUndefined();
    expect((await validate({ code: a!, memberId: bob })).valid).toBe(true);
    expect(
      (await redeem({ code: b!, memberId: bob, orderId: 'o-g2' })).data!.redeemCoupon.outcome,
    ).toBe('APPLIED');
    expect((await validate({ code: a!, memberId: bob })).reasonCode).toBe('USAGE_LIMIT_REACHED');
  });

  it("a member token sees its own wallet only; another member's wallet answers NOT_FOUND", async () => {
    const tokenBob = await memberToken(bob);
    const own = await gql<{
      memberCoupons: { nodes: { ownerMemberId: string }[]; pageInfo: { hasNextPage: boolean } };
    }>(s.url, WALLET, { memberId: bob }, tokenBob);
    expect(own.errors).toBeUndefined();
    expect(own.data!.memberCoupons.nodes.length).toBeGreaterThan(0);
    expect(own.data!.memberCoupons.nodes.every((n) => n.ownerMemberId === bob)).toBe(true);
    const other = await gql(s.url, WALLET, { memberId: alice }, tokenBob);
    expect(errorCode(other)).toBe('NOT_FOUND');
    const adminB = await s.addProgram(`prog-w-${Date.now()}`);
    expect(errorCode(await gql(s.url, WALLET, { memberId: alice }, adminB))).toBe('NOT_FOUND');
    // a member token cannot validate for someone else either
    const c = (await issue(s, { templateId: 'ten', memberId: alice }))[0]!;
    const v = await gql(
      s.url,
      VALIDATE,
      { input: { code: c, memberId: alice, lines: MUG } },
      tokenBob,
    );
    expect(errorCode(v)).toBe('NOT_FOUND');
  });

  it('the wallet is a cursor connection with validity windows from the engine', async () => {
    const pages: { code: string; validUntil: string }[][] = [];
    let after: string | null = null;
    for (;;) {
      const r: Awaited<
        ReturnType<
          typeof gql<{
            memberCoupons: {
              nodes: { code: string; validUntil: string }[];
              pageInfo: { endCursor: string | null; hasNextPage: boolean };
            };
          }>
        >
      > = await gql(s.url, WALLET, { memberId: alice, after }, s.adminKey);
      pages.push(r.data!.memberCoupons.nodes);
      if (!r.data!.memberCoupons.pageInfo.hasNextPage) break;
      after = r.data!.memberCoupons.pageInfo.endCursor;
    }
    const all = pages.flat();
    const count = await sql(`select 1 from coupon where owner_member_id = ?`, [alice]);
    expect(all.length).toBe(count.length);
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
    expect(all.find((c) => c.validUntil === '2026-12-31T16:00:00.000Z')).toBeTruthy();
  });

  it('validation attempts are rate-limited per credential and member (RATE_LIMITED)', async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 3, perMinute: 1 }));
    try {
      const codes: (string | null)[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await gql(
          s.url,
          VALIDATE,
          { input: { code: `GUESS${i}AAAAAA`, memberId: bob, lines: MUG } },
          s.adminKey,
        );
        codes.push(errorCode(r));
      }
      expect(codes).toEqual([null, null, null, 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      setCouponValidationLimiter(tokenBucket({ capacity: 1000, perMinute: 1000 }));
    }
  });
});
