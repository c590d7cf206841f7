import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol, issue } from './coupons.fixture.js';
import { gql, startTestServer, type TestServer } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read loosely in assertions
type Payload = Record<string, any>;

/**
 * The rule (docs/server/api.md, "Purchases and returns"): a purchase is
 * priced as of its `occurredAt`: the program version in force then, its
 * promotions' windows, coupon validity and earning rules at that instant.
 * Balances, coupon usage and the ledger are what is true when it is recorded.
 * A POS that syncs Saturday's offline purchases on Monday gets Saturday's
 * prices and points, exactly what `checkoutQuote` promised at the till.
 */

const RECORD = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) {
  outcome refusal { code details }
  purchase { orderId occurredAt amount promotionDiscount couponDiscount promotions pointsEarned pointsPaid
    programVersion lines { id discounts { kind sourceId amount } total paidWithPoints payable } }
  coupons { valid couponCode discount reasonCode }
  tier { tierId changed } } }`;
const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) {
  programVersion pointsToEarn pointsPayment tier
  totals { subtotal promotionDiscount couponDiscount afterDiscounts pointsPayment payable }
  promotionsApplied coupons { valid couponCode discount reasonCode } } }`;
const RETURN = `mutation($input: RecordReturnInput!) { recordReturn(input: $input) {
  outcome refusal { code } amount pointsClawedBack pointsRefunded tier { tierId } } }`;
const PUBLISH = `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version } } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { outcome } }`;
const TIER = `query($id: ID!) { memberTier(memberId: $id) { tierId progress } }`;

// Asia/Shanghai: Friday 6, Saturday 7, Sunday 8, Monday 9 March 2026.
const FRIDAY = '2026-03-06T10:00:00+08:00';
const SATURDAY = '2026-03-07T15:00:00+08:00';
const MONDAY = '2026-03-09T10:00:00+08:00';

const POINTS = {
  pending: { amount: 0, unit: 'day' },
  expiry: { kind: 'rolling', amount: 12, unit: 'month' },
  returns: 'allowDebt',
  payment: { enabled: true, rate: { points: '100', value: '1' }, step: 100, maxShare: '0.5' },
};

/** Weekend rules, a promotion from Sunday, a coupon valid until Sunday, a spend-based ladder. */
const CONFIG: Record<string, unknown> = {
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  earning: {
    rate: { points: '1', per: '1' },
    rules: [
      {
        id: 'weekend-double',
        name: 'Double points at weekends',
        kind: 'multiplier',
        multiplier: '2',
        when: { weekdays: [6, 7] },
      },
    ],
  },
  points: POINTS,
  tiers: {
    window: 'rolling',
    rollingMonths: 12,
    ladder: [
      { id: 'green', name: 'Green' },
      { id: 'silver', name: 'Silver', entry: { spend: '1000' } },
    ],
  },
  promotions: [
    {
      id: 'weekend-tea',
      name: 'Weekend: 10% off tea',
      window: { weekdays: [6, 7] },
      target: { categories: ['tea'] },
      action: { kind: 'percent_off', percent: '10' },
    },
    {
      id: 'spring-mugs',
      name: 'Spring, from Sunday: 5.00 off mugs',
      window: { from: '2026-03-08T00:00:00+08:00' },
      target: { categories: ['mugs'] },
      action: { kind: 'amount_off', amount: '5' },
    },
  ],
  couponTemplates: [
    {
      id: 'flash',
      name: 'Flash week: 10.00 off',
      benefit: { kind: 'amount_off', amount: '10' },
      validity: {
        kind: 'absolute',
        from: '2026-03-01T00:00:00+08:00',
        until: '2026-03-08T00:00:00+08:00',
      },
    },
  ],
};

/** Published on Monday: twice the base rate, no weekend rules, 20% off everything. */
const MONDAY_CONFIG: Record<string, unknown> = {
  ...CONFIG,
  earning: { rate: { points: '2', per: '1' } },
  promotions: [
    {
      id: 'new-season',
      name: 'New season: 20% off',
      action: { kind: 'percent_off', percent: '20' },
    },
  ],
};

const TEA = [{ id: '1', sku: 'TEA', categories: ['tea'], quantity: '2', unitPrice: '30.00' }];
const MUG = [{ id: '1', sku: 'MUG', categories: ['mugs'], quantity: '1', unitPrice: '50.00' }];
const SHOES = [
  { id: '1', sku: 'SHOE', categories: ['shoes'], quantity: '1', unitPrice: '1000.00' },
];

describe('recordPurchase prices a purchase as of its occurredAt', () => {
  let s: TestServer;

  beforeAll(async () => {
    s = await startTestServer();
    s.clock.set(FRIDAY);
    const r = await gql(s.url, PUBLISH, { input: { config: CONFIG } }, s.adminKey);
    expect(r.errors).toBeUndefined();
  });
  afterAll(async () => {
    await s?.close();
  });

  const call = async (query: string, variables: Record<string, unknown>, key = s.adminKey) => {
    const r = await gql<Payload>(s.url, query, variables, key);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  let serial = 0;
  const record = async (
    memberId: string,
    lines: readonly Record<string, unknown>[],
    occurredAt: string,
    extra: Record<string, unknown> = {},
    key = s.adminKey,
  ): Promise<Payload> => {
    serial += 1;
    const orderId = `asof-${serial}`;
    return (
      await call(
        RECORD,
        {
          input: {
            memberId,
            orderId,
            channel: 'store',
            occurredAt: new Date(occurredAt).toISOString(),
            currency: 'CNY',
            lines,
            idempotencyKey: orderId,
            ...extra,
          },
        },
        key,
      )
    ).recordPurchase as Payload;
  };
  /** The admin's quote "as of" an instant: what the till was promised then. */
  const quoteAt = async (
    memberId: string,
    lines: readonly Record<string, unknown>[],
    asOf: string | null,
    extra: Record<string, unknown> = {},
    key = s.adminKey,
  ): Promise<Payload> =>
    (
      await call(
        QUOTE,
        {
          input: {
            memberId,
            lines,
            channel: 'store',
            ...(asOf ? { asOf: new Date(asOf).toISOString() } : {}),
            ...extra,
          },
        },
        key,
      )
    ).checkoutQuote as Payload;
  const member = async (key = s.adminKey) =>
    enrol({ ...s, adminKey: key }, { name: `Member ${Math.random()}` });

  it("a weekend-only promotion and weekend points: Saturday's purchase synced on Monday gets them", async () => {
    s.clock.set(FRIDAY);
    const m = await member();
    s.clock.set(SATURDAY);
    const promised = await quoteAt(m, TEA, null);
    expect(promised.totals.promotionDiscount).toBe('6.00');
    s.clock.set(MONDAY);
    const p = await record(m, TEA, SATURDAY);
    expect(p.outcome).toBe('APPLIED');
    expect(p.purchase).toMatchObject({
      occurredAt: new Date(SATURDAY).toISOString(),
      amount: '54.00',
      promotionDiscount: '6.00',
      // 54.00 paid: 54 base points, doubled at the weekend.
      pointsEarned: '108',
    });
    expect(p.purchase.promotions.map((a: Payload) => a.promotionId)).toEqual(['weekend-tea']);
    expect(p.purchase.pointsEarned).toBe(promised.pointsToEarn);
    // The same cart bought on Monday: no weekend discount, no weekend points.
    const monday = await record(m, TEA, MONDAY);
    expect(monday.purchase).toMatchObject({
      amount: '60.00',
      promotionDiscount: '0.00',
      pointsEarned: '60',
    });
  });

  it('a promotion that started after occurredAt is not applied to it', async () => {
    s.clock.set(FRIDAY);
    const m = await member();
    s.clock.set(MONDAY);
    const saturday = await record(m, MUG, SATURDAY);
    expect(saturday.purchase).toMatchObject({
      amount: '50.00',
      promotionDiscount: '0.00',
      promotions: [],
    });
    const monday = await record(m, MUG, MONDAY);
    expect(monday.purchase).toMatchObject({ amount: '45.00', promotionDiscount: '5.00' });
    expect(monday.purchase.promotions.map((a: Payload) => a.promotionId)).toEqual(['spring-mugs']);
  });

  it('a coupon valid at the till and expired since is accepted (and used once); used after its end it is refused', async () => {
    s.clock.set(FRIDAY);
    const m = await member();
    const [atTill, late] = (await issue(s, { templateId: 'flash', memberId: m, count: 2 })) as [
      string,
      string,
    ];
    s.clock.set(SATURDAY);
    const promised = await quoteAt(m, MUG, null, { couponCodes: [atTill] });
    expect(promised.coupons).toMatchObject([{ valid: true, discount: '10.00' }]);
    s.clock.set(MONDAY);
    const p = await record(m, MUG, SATURDAY, { couponCodes: [atTill] });
    expect(p.outcome).toBe('APPLIED');
    expect(p.coupons).toEqual([
      { valid: true, couponCode: atTill, discount: '10.00', reasonCode: null },
    ]);
    expect(p.purchase).toMatchObject({ amount: '40.00', couponDiscount: '10.00' });
    // Usage is current state: the coupon is used now, a second order cannot use it again.
    const again = await record(m, MUG, SATURDAY, { couponCodes: [atTill] });
    expect(again).toMatchObject({ outcome: 'REFUSED', refusal: { code: 'ALREADY_USED' } });
    // Dated after the validity ended: refused, nothing recorded.
    const expired = await record(m, MUG, MONDAY, { couponCodes: [late] });
    expect(expired).toMatchObject({ outcome: 'REFUSED', purchase: null });
    expect(expired.coupons[0].valid).toBe(false);
  });

  it('the program version in force at occurredAt prices it: a version published since changes neither its discounts nor its points', async () => {
    s.clock.set(FRIDAY);
    const key = await s.addProgram('asof-versions');
    const published = await call(PUBLISH, { input: { config: CONFIG } }, key);
    const saturdayVersion = published.publishProgramVersion.programVersion.version as number;
    const m = await member(key);
    s.clock.set(SATURDAY);
    const promised = await quoteAt(m, TEA, null, {}, key);
    s.clock.set(MONDAY);
    const monday = await call(PUBLISH, { input: { config: MONDAY_CONFIG } }, key);
    const mondayVersion = monday.publishProgramVersion.programVersion.version as number;
    expect(mondayVersion).toBeGreaterThan(saturdayVersion);
    s.clock.advance(60 * 60_000);

    const synced = await record(m, TEA, SATURDAY, {}, key);
    expect(synced.outcome).toBe('APPLIED');
    expect(synced.purchase).toMatchObject({
      programVersion: saturdayVersion,
      amount: '54.00',
      promotionDiscount: '6.00',
      // Saturday's earning rules: 1 point per 1.00, doubled at the weekend (not Monday's 2 per 1.00).
      pointsEarned: '108',
    });
    expect(synced.purchase.promotions.map((a: Payload) => a.promotionId)).toEqual(['weekend-tea']);
    expect({
      amount: synced.purchase.amount,
      pointsEarned: synced.purchase.pointsEarned,
      programVersion: synced.purchase.programVersion,
    }).toEqual({
      amount: promised.totals.afterDiscounts,
      pointsEarned: promised.pointsToEarn,
      programVersion: promised.programVersion,
    });

    // Dated before the program's first version took effect (an import of older sales): the
    // version in force at that first instant, the only rules that ever covered it.
    const before = await record(m, TEA, '2026-03-05T12:00:00+08:00', {}, key);
    expect(before.purchase).toMatchObject({
      programVersion: saturdayVersion,
      amount: '60.00',
      pointsEarned: '60',
    });

    // Bought after Monday's version took effect: Monday's rules.
    const live = await record(m, TEA, s.clock.now().toISOString(), {}, key);
    expect(live.purchase).toMatchObject({
      programVersion: mondayVersion,
      amount: '48.00',
      promotionDiscount: '12.00',
      pointsEarned: '96',
    });
  });

  it("tier activity adds the money paid: with points as payment the member's progress is the quote's, and returns take back the same basis", async () => {
    s.clock.set(MONDAY);
    const m = await member();
    const adjusted = await call(ADJUST, {
      input: {
        memberId: m,
        points: '20000',
        reason: 'test balance',
        operator: 'test',
        idempotencyKey: `adj-${m}`,
      },
    });
    expect(adjusted.adjustPoints.outcome).toBe('APPLIED');
    const before = (await call(TIER, { id: m })).memberTier as Payload;
    // 1000.00, 10000 points pay 100.00: 900.00 paid in money, under Silver's 1000.00.
    const q = await quoteAt(m, SHOES, null, { pointsToSpend: '10000' });
    expect(q.totals).toMatchObject({ afterDiscounts: '1000.00', payable: '900.00' });
    expect(q.tier).toMatchObject({ before: 'green', after: 'green', changed: false });
    expect(q.tier.added.spend).toBe('900');

    const p = await record(m, SHOES, MONDAY, { pointsPayment: { points: '10000' } });
    expect(p.outcome).toBe('APPLIED');
    expect(p.tier).toMatchObject({ tierId: q.tier.after, changed: q.tier.changed });
    const after = (await call(TIER, { id: m })).memberTier as Payload;
    expect(after.tierId).toBe(q.tier.after);
    expect(after.progress).toEqual(q.tier.progress);

    const spend = async () =>
      (
        await s.db.orm.em
          .fork()
          .getConnection()
          .execute<{ spend: string }[]>(
            `select coalesce(sum(spend), 0)::text as spend from tier_activity where member_id = ?`,
            [m],
          )
      )[0]!.spend;
    expect(Number(await spend())).toBe(900);
    // Half the order back (500.00 of 1000.00): half the money paid leaves the activity.
    const orderId = p.purchase.orderId as string;
    const half = await call(RETURN, {
      input: {
        orderId,
        returnId: `${orderId}-r1`,
        amount: '500.00',
        idempotencyKey: `${orderId}-r1`,
      },
    });
    expect(half.recordReturn).toMatchObject({ outcome: 'APPLIED', pointsRefunded: '5000' });
    expect(Number(await spend())).toBe(450);
    const rest = await call(RETURN, {
      input: { orderId, returnId: `${orderId}-r2`, idempotencyKey: `${orderId}-r2` },
    });
    expect(rest.recordReturn.outcome).toBe('APPLIED');
    expect(Number(await spend())).toBe(0);
    expect(((await call(TIER, { id: m })).memberTier as Payload).progress).toEqual(before.progress);
  });
});
