import { parseProgram, quote } from '@tessera/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCouponValidationLimiter, tokenBucket } from '../src/services/rateLimit.js';
import { couponConfig, enrol, issue, publishCouponConfig } from './coupons.fixture.js';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';

const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) {
  programVersion currency asOf memberId freeShipping pointsToEarn tier pointsPayment engine
  lines { lineId sku quantity unitPrice subtotal discount total paidWithPoints payable discounts { kind sourceId amount } }
  totals { subtotal promotionDiscount couponDiscount discount afterDiscounts pointsPayment payable giftValue }
  promotionsApplied promotionsSkipped
  coupons { valid couponCode discount reasonCode }
  trace { step subject message } } }`;

const CART = [
  { id: 'a', sku: 'TEA', categories: ['tea'], quantity: '2', unitPrice: '30.00' },
  { id: 'b', sku: 'MUG', categories: ['mugs'], quantity: '1', unitPrice: '50.00' },
];

describe('checkout quote (D9-D11)', () => {
  let s: TestServer;
  let member: string;
  let code: string;
  let counting = false;
  let statements: string[] = [];

  beforeAll(async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 1000, perMinute: 1000 }));
    s = await startTestServer({
      onQuery: (sql) => {
        if (counting) statements.push(sql);
      },
    });
    await publishCouponConfig(s);
    member = await enrol(s, { name: 'Quoted', birthday: '1990-03-10' });
    code = (await issue(s, { templateId: 'ten', memberId: member }))[0]!;
  });
  afterAll(() => s.close());

  const ask = (input: Record<string, unknown>, key = s.adminKey) =>
    gql<{ checkoutQuote: Record<string, unknown> & { engine: Record<string, unknown> } }>(
      s.url,
      QUOTE,
      { input: { lines: CART, ...input } },
      key,
    );

  it("returns the engine's whole answer: promotions, coupons, totals, points, tier, trace", async () => {
    const r = await ask({ memberId: member, couponCodes: [code, 'NOSUCHCODE00'] });
    expect(r.errors).toBeUndefined();
    const q = r.data!.checkoutQuote;
    expect(q.totals).toEqual({
      subtotal: '110.00',
      promotionDiscount: '3.00',
      couponDiscount: '10.00',
      discount: '13.00',
      afterDiscounts: '97.00',
      pointsPayment: '0.00',
      payable: '97.00',
      giftValue: '0.00',
    });
    expect(q.coupons).toEqual(
      [
        { valid: false, couponCode: 'NOSUCHCODE00', discount: null, reasonCode: 'UNKNOWN_COUPON' },
        { valid: true, couponCode: code, discount: '10.00', reasonCode: null },
      ].sort((a, b) => (a.couponCode < b.couponCode ? -1 : 1)),
    );
    expect((q.promotionsApplied as { promotionId: string }[])[0]?.promotionId).toBe('tea-5');
    expect(q.tier).not.toBeNull();
    expect((q.trace as unknown[]).length).toBeGreaterThan(2);
  });

  it("equals the engine's quote for the same input", async () => {
    const r = await ask({ memberId: member, couponCodes: [code], channel: 'store' });
    const api = r.data!.checkoutQuote;
    const conn = s.db.orm.em.fork().getConnection();
    const [m] = await conn.execute<{ tier_state: unknown; enrolled_at: Date; tier_id: string }[]>(
      `select tier_state, enrolled_at, tier_id from member where id = ?`,
      [member],
    );
    const [c] = await conn.execute<{ issued_at: Date }[]>(
      `select issued_at from coupon where code = ?`,
      [code],
    );
    const parsed = parseProgram({
      ...couponConfig(),
      id: s.programId,
      version: api.programVersion,
      effectiveFrom: (
        await conn.execute<{ effective_from: Date }[]>(
          `select effective_from from program_version where program_id = ? and version = ?`,
          [s.programId, api.programVersion],
        )
      )[0]!.effective_from.toISOString(),
    });
    if (!parsed.success) throw new Error('config');
    const expected = quote(parsed.program, {
      lines: CART,
      member: {
        id: member,
        tierId: m!.tier_id,
        birthday: '1990-03-10',
        enrolledAt: m!.enrolled_at.toISOString(),
        tags: [],
      },
      storeId: null,
      channel: 'store',
      now: s.clock.now().toISOString(),
      couponCodes: [code],
      coupons: [
        {
          code,
          templateId: 'ten',
          ownerMemberId: member,
          issuedAt: c!.issued_at.toISOString(),
          status: 'active',
          timesUsed: 0,
          usage: {},
        },
      ],
      availablePoints: '0',
      tier: { state: m!.tier_state as never, activity: { buckets: [] } },
    });
    expect(api.engine).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('has no side effects: every table is unchanged after quotes, qualify and member prices', async () => {
    const conn = s.db.orm.em.fork().getConnection();
    const snapshot = async () => {
      const tables = await conn.execute<{ table_name: string }[]>(
        `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
      );
      const out: Record<string, string> = {};
      for (const { table_name } of tables) {
        const [row] = await conn.execute<{ h: string | null }[]>(
          `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${table_name}" t`,
        );
        out[table_name] = row?.h ?? '';
      }
      return out;
    };
    const before = await snapshot();
    expect(Object.keys(before)).toContain('coupon_limit_usage');
    await ask({ memberId: member, couponCodes: [code], pointsToSpend: '0' });
    await ask({ couponCodes: [code] });
    const qualify = await gql(
      s.url,
      `query($input: CheckoutQuoteInput!) { qualify(input: $input) { asOf promotions coupons } }`,
      { input: { lines: CART, memberId: member, couponCodes: [code] } },
      s.adminKey,
    );
    expect(qualify.errors).toBeUndefined();
    const prices = await gql<{
      memberPrices: { sku: string; memberPrice: string; saving: string }[];
    }>(
      s.url,
      `query($input: MemberPricesInput!) { memberPrices(input: $input) { sku unitPrice memberPrice saving promotionIds } }`,
      {
        input: {
          memberId: member,
          items: [{ sku: 'TEA', categories: ['tea'], unitPrice: '30.00' }],
        },
      },
      s.adminKey,
    );
    expect(prices.data!.memberPrices).toEqual([
      expect.objectContaining({ sku: 'TEA', memberPrice: '28.50', saving: '1.50' }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('loads a member quote in 2 SQL statements: the key, then one read (program version cached)', async () => {
    await ask({ memberId: member, couponCodes: [code] }); // warm the configuration cache
    statements = [];
    counting = true;
    const r = await ask({ memberId: member, couponCodes: [code] });
    counting = false;
    expect(r.errors).toBeUndefined();
    const sql = statements.filter((m) => /\b(select|insert|update|delete)\b/i.test(m));
    console.info(
      `[tessera] member quote with one coupon: ${sql.length} SQL statements (incl. authentication)`,
    );
    expect(sql.length).toBeLessThanOrEqual(2);
    expect(sql.some((q) => /\b(insert|update|delete)\b/i.test(q.replace(/'[^']*'/g, '')))).toBe(
      false,
    );
  });

  it('"as of" is admin only; storefront keys quote guests only; a member token quotes itself', async () => {
    const future = await ask({ memberId: member, asOf: '2026-12-31T00:00:00Z' });
    expect(future.errors).toBeUndefined();
    expect(future.data!.checkoutQuote.asOf).toBe('2026-12-31T00:00:00.000Z');
    const token = (
      await gql<{ createMemberToken: { token: string } }>(
        s.url,
        `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token } }`,
        { input: { memberId: member } },
        s.adminKey,
      )
    ).data!.createMemberToken.token;
    expect(errorCode(await ask({ asOf: '2026-12-31T00:00:00Z' }, token))).toBe('FORBIDDEN');
    const own = await ask({ couponCodes: [code] }, token);
    expect(own.data!.checkoutQuote.memberId).toBe(member);
    const other = await enrol(s, { name: 'Other' });
    expect(errorCode(await ask({ memberId: other }, token))).toBe('NOT_FOUND');
  });
});
