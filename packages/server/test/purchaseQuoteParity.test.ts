import { Decimal } from '@tessera/engine';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol, issue } from './coupons.fixture.js';
import { gql, startTestServer, type TestServer } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read loosely in assertions
type Payload = Record<string, any>;

/**
 * The rule (docs/server/api.md, "Purchases and returns"): the same input to
 * `checkoutQuote` and `recordPurchase`, the purchase dated at the quote's
 * instant (`occurredAt`, recorded then or synced later) with the same member
 * state, gives the same money totals, discounts, coupon results, points
 * payment and points earned; a return of the whole order restores the
 * points balance and the coupons' usage (RELIABILITY 10).
 */

const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) {
  pointsToEarn pointsPayment
  lines { lineId subtotal discount total paidWithPoints payable discounts { kind sourceId amount } }
  totals { subtotal promotionDiscount couponDiscount discount afterDiscounts pointsPayment payable }
  promotionsApplied
  coupons { valid couponCode discount reasonCode } } }`;
const RECORD = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) {
  outcome refusal { code details }
  purchase { orderId amount promotionDiscount couponDiscount promotions pointsEarned pointsPaid
    lines { id discount discounts { kind sourceId amount } total paidWithPoints payable }
    payments { method amount points } }
  coupons { valid couponCode discount reasonCode } } }`;
const RETURN = `mutation($input: RecordReturnInput!) { recordReturn(input: $input) {
  outcome refusal { code } amount pointsClawedBack pointsRefunded
  coupons { couponCode restoresUse couponStatus timesUsed } } }`;
const PUBLISH = `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version } } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { outcome } }`;
const BALANCE = `query($id: ID!) { pointsBalance(memberId: $id) { available balance debt } }`;
const COUPON = `query($memberId: ID!) { memberCoupons(memberId: $memberId, first: 100) {
  nodes { code status timesUsed } } }`;

/** Points 1 per 1.00 (double on bakery), available at once; 10 points pay 1.00, at most half. */
const BASE: Record<string, unknown> = {
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  earning: {
    rate: { points: '1', per: '1' },
    basis: 'net',
    rules: [
      {
        id: 'bakery-double',
        name: 'Double points on bakery',
        kind: 'multiplier',
        multiplier: '2',
        lines: { categories: ['bakery'] },
      },
    ],
  },
  points: {
    pending: { amount: 0, unit: 'day' },
    expiry: { kind: 'rolling', amount: 12, unit: 'month' },
    returns: 'allowDebt',
    payment: { enabled: true, rate: { points: '10', value: '1' }, step: 10, maxShare: '0.5' },
  },
};

const WELCOME = {
  id: 'welcome-10',
  name: 'Welcome: 10.00 off from 50.00',
  benefit: { kind: 'amount_off', amount: '10' },
  validity: { kind: 'after_issue', days: 30 },
  minSpend: '50',
};

/** The storefront helper's reproduction: the demo's welcome coupon and a bakery promotion. */
const REPRO_CONFIG: Record<string, unknown> = {
  ...BASE,
  promotions: [
    {
      id: 'bakery-second-half',
      name: 'Second bakery item half price',
      target: { categories: ['bakery'] },
      action: { kind: 'buy_x_get_y', buy: 1, get: 1, percent: 50 },
    },
  ],
  couponTemplates: [WELCOME],
};

/** Promotions of every shape the property draws carts for. */
const PROPERTY_CONFIG: Record<string, unknown> = {
  ...BASE,
  promotions: [
    {
      id: 'tea-15',
      name: '15% off tea',
      target: { categories: ['tea'] },
      action: { kind: 'percent_off', percent: '15' },
    },
    {
      id: 'food-every-50-off-5',
      name: 'Every 50.00 of food, 5.00 off',
      target: { categories: ['food'] },
      action: { kind: 'spend_off', steps: [{ spend: '50', off: '5' }], repeat: true },
    },
    {
      id: 'bakery-b2g1',
      name: 'Bakery: buy 2, get 1 free',
      target: { categories: ['bakery'] },
      action: { kind: 'buy_x_get_y', buy: 2, get: 1 },
    },
    {
      id: 'mugs-3-off-each',
      name: 'Mugs: 3.00 off each',
      target: { skus: ['MUG'] },
      action: { kind: 'amount_off', amount: '3', per: 'unit' },
    },
    {
      // A window: a purchase synced on another day must still be priced as at the till.
      id: 'weekend-coffee-20',
      name: 'Weekends: 20% off coffee',
      window: { weekdays: [6, 7] },
      target: { categories: ['coffee'] },
      action: { kind: 'percent_off', percent: '20' },
    },
  ],
  couponTemplates: [
    WELCOME,
    {
      id: 'pct-10',
      name: '10% off, at most 20.00',
      benefit: { kind: 'percent_off', percent: '10' },
      validity: { kind: 'after_issue', days: 30 },
      maxDiscount: '20',
    },
  ],
};

/** Runs of the property (PARITY_RUNS to run more). */
const RUNS = Number(process.env.PARITY_RUNS ?? 30);

const money = (v: string | null | undefined) => new Decimal(v ?? '0').toFixed(2);
const pts = (v: string | null | undefined) => new Decimal(v ?? '0').toString();

/** Line by line, what the quote priced and what the purchase recorded (comparable shapes). */
function quotedLines(q: Payload) {
  return (q.lines as Payload[])
    .map((l) => ({
      id: l.lineId as string,
      discounts: (l.discounts as Payload[]).map(
        (d) => `${d.kind}:${d.sourceId}:${money(d.amount)}`,
      ),
      total: money(l.total),
      paidWithPoints: money(l.paidWithPoints),
      payable: money(l.payable),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
function recordedLines(p: Payload) {
  return (p.lines as Payload[])
    .map((l) => ({
      id: l.id as string,
      discounts: (l.discounts as Payload[]).map(
        (d) => `${d.kind}:${d.sourceId}:${money(d.amount)}`,
      ),
      total: money(l.total),
      paidWithPoints: money(l.paidWithPoints),
      payable: money(l.payable),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
const couponsOf = (cs: Payload[]) =>
  cs.map((c) => ({
    couponCode: c.couponCode,
    valid: c.valid,
    discount: money(c.discount),
    reasonCode: c.reasonCode ?? null,
  }));

/** Asserts the purchase recorded exactly what the quote priced. */
function expectParity(q: Payload, recorded: Payload): void {
  expect(recorded.outcome).toBe('APPLIED');
  const p = recorded.purchase;
  expect({
    amount: money(p.amount),
    promotionDiscount: money(p.promotionDiscount),
    couponDiscount: money(p.couponDiscount),
    pointsEarned: pts(p.pointsEarned),
    pointsPaid: pts(p.pointsPaid),
    pointsPaymentValue: money(
      (p.payments as Payload[]).find((x) => x.method === 'points')?.amount ?? '0',
    ),
    promotions: (p.promotions as Payload[]).map((a) => [a.promotionId, money(a.amount)]),
    lines: recordedLines(p),
    coupons: couponsOf(recorded.coupons),
  }).toEqual({
    amount: money(q.totals.afterDiscounts),
    promotionDiscount: money(q.totals.promotionDiscount),
    couponDiscount: money(q.totals.couponDiscount),
    pointsEarned: pts(q.pointsToEarn),
    pointsPaid: pts(q.pointsPayment.points),
    pointsPaymentValue: money(q.totals.pointsPayment),
    promotions: (q.promotionsApplied as Payload[]).map((a) => [a.promotionId, money(a.amount)]),
    lines: quotedLines(q),
    coupons: couponsOf(q.coupons),
  });
}

describe('recordPurchase prices exactly as checkoutQuote', () => {
  let s: TestServer;
  let reproKey: string;
  let propertyKey: string;

  beforeAll(async () => {
    s = await startTestServer();
    reproKey = s.adminKey;
    propertyKey = await s.addProgram('parity-property');
    for (const [key, config] of [
      [reproKey, REPRO_CONFIG],
      [propertyKey, PROPERTY_CONFIG],
    ] as const) {
      const r = await gql(s.url, PUBLISH, { input: { config } }, key);
      expect(r.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await s?.close();
  });

  const call = async (key: string, query: string, variables: Record<string, unknown>) => {
    const r = await gql<Payload>(s.url, query, variables, key);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const memberWithPoints = async (key: string, points: string): Promise<string> => {
    const id = await enrol({ ...s, adminKey: key }, { name: `Member ${Math.random()}` });
    const r = await call(key, ADJUST, {
      input: {
        memberId: id,
        points,
        reason: 'test balance',
        operator: 'test',
        idempotencyKey: `adj-${id}`,
      },
    });
    expect(r.adjustPoints.outcome).toBe('APPLIED');
    return id;
  };
  const balance = async (key: string, id: string) =>
    (await call(key, BALANCE, { id })).pointsBalance as Payload;
  const coupons = async (key: string, memberId: string) =>
    Object.fromEntries(
      ((await call(key, COUPON, { memberId })).memberCoupons.nodes as Payload[]).map((c) => [
        c.code,
        { status: c.status, timesUsed: c.timesUsed },
      ]),
    );

  it('reproduction: second bakery item half price, welcome coupon, 50 points: the quote is what is recorded', async () => {
    const member = await memberWithPoints(reproKey, '100');
    const [code] = (await issue(
      { ...s, adminKey: reproKey },
      { templateId: 'welcome-10', memberId: member },
    )) as [string];
    const lines = [
      { id: '1', sku: 'LATTE', categories: ['coffee'], quantity: '2', unitPrice: '32.00' },
      { id: '2', sku: 'CROISSANT', categories: ['bakery'], quantity: '2', unitPrice: '18.00' },
    ];
    const q = (
      await call(reproKey, QUOTE, {
        input: {
          memberId: member,
          lines,
          couponCodes: [code],
          pointsToSpend: '50',
          channel: 'store',
        },
      })
    ).checkoutQuote as Payload;
    // 100.00 - 9.00 (promotion) - 10.00 (coupon) = 81.00; 50 points pay 5.00.
    expect(q.totals).toMatchObject({
      subtotal: '100.00',
      promotionDiscount: '9.00',
      couponDiscount: '10.00',
      afterDiscounts: '81.00',
      pointsPayment: '5.00',
      payable: '76.00',
    });
    expect(q.lines.find((l: Payload) => l.lineId === '2').payable).toBe('22.55');
    // 53.45 + 2 x 22.55 = 98.55, floored.
    expect(q.pointsToEarn).toBe('98');

    const before = await balance(reproKey, member);
    const recorded = (
      await call(reproKey, RECORD, {
        input: {
          memberId: member,
          orderId: 'repro-1',
          channel: 'store',
          occurredAt: s.clock.now().toISOString(),
          currency: 'CNY',
          lines,
          couponCodes: [code],
          pointsPayment: { points: '50' },
          idempotencyKey: 'repro-1',
        },
      })
    ).recordPurchase as Payload;
    expectParity(q, recorded);
    expect(recorded.purchase).toMatchObject({
      amount: '81.00',
      promotionDiscount: '9.00',
      pointsEarned: '98',
      pointsPaid: '50',
    });
    expect(recorded.purchase.lines.find((l: Payload) => l.id === '2')).toMatchObject({
      discount: '0',
      discounts: [
        { kind: 'promotion', sourceId: 'bakery-second-half', amount: '9.00' },
        { kind: 'coupon', sourceId: code, amount: '2.97' },
      ],
      total: '24.03',
      paidWithPoints: '1.48',
      payable: '22.55',
    });
    expect(await balance(reproKey, member)).toMatchObject({ available: '148', balance: '148' });

    // The whole order back: the points paid return, the points earned go, the coupon is usable again.
    const back = (
      await call(reproKey, RETURN, {
        input: { orderId: 'repro-1', returnId: 'repro-1-r', idempotencyKey: 'repro-1-r' },
      })
    ).recordReturn as Payload;
    expect(back).toMatchObject({
      outcome: 'APPLIED',
      amount: '81.00',
      pointsClawedBack: '98',
      pointsRefunded: '50',
      coupons: [{ couponCode: code, restoresUse: true, couponStatus: 'active', timesUsed: 0 }],
    });
    expect(await balance(reproKey, member)).toEqual(before);
    expect(await coupons(reproKey, member)).toEqual({
      [code]: { status: 'active', timesUsed: 0 },
    });
  });

  it('property: for random carts, coupons and points payments, the purchase records what the quote said; a full return undoes it', async () => {
    const member = await memberWithPoints(propertyKey, '5000');
    const admin = { ...s, adminKey: propertyKey };
    const SKUS = [
      { sku: 'LATTE', categories: ['coffee'] },
      { sku: 'TEA', categories: ['tea'] },
      { sku: 'CROISSANT', categories: ['bakery', 'food'] },
      { sku: 'SANDWICH', categories: ['food'] },
      { sku: 'MUG', categories: ['merch'] },
    ];
    const line = fc.record({
      item: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: 1, max: 4 }),
      cents: fc.integer({ min: 100, max: 6000 }),
      // An external (POS) discount on some lines, in hundredths of the gross.
      externalPercent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
    });
    const order = fc.record({
      lines: fc.array(line, { minLength: 1, maxLength: 4 }),
      templates: fc.constantFrom<string[]>(
        [],
        ['welcome-10'],
        ['pct-10'],
        ['welcome-10', 'pct-10'],
      ),
      points: fc.constantFrom(null, '10', '50', '120', '4000'),
      // Recorded at once, or synced later by an offline till (occurredAt = the quote's instant).
      syncAfterHours: fc.constantFrom(0, 0, 7, 30, 60),
    });
    let n = 0;
    const outcomes = {
      applied: 0,
      refused: 0,
      withPromotion: 0,
      withCoupon: 0,
      withPoints: 0,
      synced: 0,
    };
    await fc.assert(
      fc.asyncProperty(order, async (o) => {
        n += 1;
        const orderId = `prop-${n}`;
        const lines = o.lines.map((l, i) => {
          const gross = new Decimal(l.cents).div(100).times(l.quantity);
          const discount = gross.times(l.externalPercent).div(100).toDecimalPlaces(2, 1);
          return {
            id: `l${i}`,
            sku: l.item.sku,
            categories: l.item.categories,
            quantity: String(l.quantity),
            unitPrice: new Decimal(l.cents).div(100).toFixed(2),
            ...(discount.gt(0) ? { discount: discount.toFixed(2) } : {}),
          };
        });
        const codes: string[] = [];
        for (const templateId of o.templates) {
          codes.push(...(await issue(admin, { templateId, memberId: member })));
        }
        const common = {
          memberId: member,
          lines,
          channel: 'store',
          ...(codes.length > 0 ? { couponCodes: codes } : {}),
        };
        const q = (
          await call(propertyKey, QUOTE, {
            input: { ...common, ...(o.points ? { pointsToSpend: o.points } : {}) },
          })
        ).checkoutQuote as Payload;
        const before = await balance(propertyKey, member);
        const couponsBefore = await coupons(propertyKey, member);
        const atTill = s.clock.now().toISOString();
        s.clock.advance(o.syncAfterHours * 3_600_000);
        const recorded = (
          await call(propertyKey, RECORD, {
            input: {
              ...common,
              orderId,
              occurredAt: atTill,
              currency: 'CNY',
              ...(o.points ? { pointsPayment: { points: o.points } } : {}),
              idempotencyKey: orderId,
            },
          })
        ).recordPurchase as Payload;
        const refusedCoupon = (q.coupons as Payload[]).find((c) => !c.valid);
        const refusedPoints = q.pointsPayment.refusal as Payload | null;
        if (refusedCoupon || refusedPoints) {
          // The quote's refusal is the purchase's; nothing is written.
          expect(recorded.outcome).toBe('REFUSED');
          expect(recorded.refusal.code).toBe(refusedCoupon?.reasonCode ?? refusedPoints?.code);
          expect(await balance(propertyKey, member)).toEqual(before);
          expect(await coupons(propertyKey, member)).toEqual(couponsBefore);
          outcomes.refused += 1;
          return;
        }
        expectParity(q, recorded);
        outcomes.applied += 1;
        if (new Decimal(q.totals.promotionDiscount).gt(0)) outcomes.withPromotion += 1;
        if (new Decimal(q.totals.couponDiscount).gt(0)) outcomes.withCoupon += 1;
        if (new Decimal(q.totals.pointsPayment).gt(0)) outcomes.withPoints += 1;
        if (o.syncAfterHours > 0) outcomes.synced += 1;
        const back = (
          await call(propertyKey, RETURN, {
            input: { orderId, returnId: `${orderId}-r`, idempotencyKey: `${orderId}-r` },
          })
        ).recordReturn as Payload;
        expect(back.outcome).toBe('APPLIED');
        expect(back.pointsClawedBack).toBe(pts(q.pointsToEarn));
        expect(await balance(propertyKey, member)).toEqual(before);
        expect(await coupons(propertyKey, member)).toEqual(couponsBefore);
        s.clock.advance(60_000);
      }),
      { numRuns: RUNS },
    );
    // The property is not vacuous: carts were recorded, with each kind of discount. About 60%
    // of the generated orders are recorded (the rest are refused: NOT_COMBINABLE coupons, points
    // beyond the maximum share, minimum spends); a fifth is 4.5 standard deviations below that at
    // 30 runs, so this bound fails on a broken generator, not on an unlucky seed (a third did once).
    console.log('quote/purchase parity runs:', outcomes);
    expect(outcomes.applied).toBeGreaterThanOrEqual(RUNS / 5);
    expect(outcomes.withPromotion).toBeGreaterThan(0);
    expect(outcomes.withCoupon).toBeGreaterThan(0);
    expect(outcomes.withPoints).toBeGreaterThan(0);
    expect(outcomes.synced).toBeGreaterThan(0);
  }, 300_000);
});
