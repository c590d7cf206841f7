import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CouponInstanceInput } from '../coupons/index.js';
import { InputError } from '../errors.js';
import type { CartLineInput } from '../model/cart.js';
import { defineProgram } from '../program/parseProgram.js';
import { qualify } from './qualify.js';
import { quote } from './quote.js';
import type { QuoteInput } from './types.js';

const program = defineProgram({
  id: 'shop',
  version: 3,
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  points: {
    payment: { enabled: true, rate: { points: '100', value: '1' }, maxShare: '0.5', step: 100 },
  },
  earning: {
    rules: [
      { id: 'shoes-x2', kind: 'multiplier', multiplier: 2, lines: { categories: ['shoes'] } },
    ],
  },
  tiers: {
    window: 'calendar_year',
    ladder: [
      { id: 'member', name: 'Member' },
      { id: 'silver', name: 'Silver', entry: { spend: '500' } },
      { id: 'gold', name: 'Gold', entry: { spend: '2000' } },
    ],
  },
  promotions: [
    {
      id: 'shoes-10',
      name: 'Shoes 10% off',
      action: { kind: 'percent_off', percent: '10' },
      target: { categories: ['shoes'] },
    },
    {
      id: 'every-100',
      name: 'Every 100 off 10',
      priority: -1,
      action: { kind: 'spend_off', steps: [{ spend: '100', off: '10' }], repeat: true },
    },
    {
      id: 'socks-5',
      name: 'Five pairs of socks, 5.00 off',
      target: { categories: ['socks'] },
      requirements: { minQuantity: '6' },
      action: { kind: 'amount_off', amount: '5' },
    },
    {
      id: 'vip-only',
      name: 'VIP exclusive 30%',
      priority: 10,
      audience: { segments: ['vip'] },
      action: { kind: 'percent_off', percent: '30' },
      stacking: { exclusive: true },
    },
  ],
  couponTemplates: [
    {
      id: 'twenty-off',
      benefit: { kind: 'amount_off', amount: '20' },
      validity: { kind: 'after_issue', days: 30 },
      minSpend: '100',
      stacking: { withOtherCoupons: true },
    },
    {
      id: 'bday',
      benefit: { kind: 'percent_off', percent: '15' },
      validity: { kind: 'birthday', scope: 'month' },
      stacking: { withOtherCoupons: true },
    },
    {
      id: 'solo',
      benefit: { kind: 'amount_off', amount: '5' },
      validity: { kind: 'after_issue', days: 30 },
    },
  ],
});

const NOW = '2026-05-20T15:00:00+08:00';
const lines: CartLineInput[] = [
  { id: 'a', sku: 'SHOE', categories: ['shoes'], quantity: 1, unitPrice: '199.00' },
  { id: 'b', sku: 'SOCK', categories: ['socks'], quantity: 4, unitPrice: '9.90' },
  { id: 'c', sku: 'HAT', categories: ['hats'], quantity: 1, unitPrice: '59.00' },
];
const member = { id: 'm1', birthday: '1991-05-02', enrolledAt: '2024-01-01T00:00:00+08:00' };
const issued = (code: string, templateId: string): CouponInstanceInput => ({
  code,
  templateId,
  ownerMemberId: 'm1',
  issuedAt: '2026-05-01T10:00:00+08:00',
  status: 'active',
});
const coupons = [issued('TWENTY', 'twenty-off'), issued('BDAY', 'bday'), issued('SOLO', 'solo')];
const base: QuoteInput = {
  lines,
  member,
  storeId: 's1',
  channel: 'store',
  now: NOW,
  couponCodes: ['TWENTY', 'BDAY', 'SOLO', 'NOPE'],
  coupons,
  availablePoints: 5_000,
  pointsToSpend: 3_000,
};

const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('quote', () => {
  it('promotions, then coupons most valuable first, then points as payment', () => {
    const q = quote(program, base);
    // subtotal 199 + 39.60 + 59 = 297.60; shoes 10% = 19.90; every 100 off 10 on 277.70 = 20.00
    expect(q.totals.subtotal.toFixed(2)).toBe('297.60');
    expect(q.totals.promotionDiscount.toFixed(2)).toBe('39.90');
    expect(q.promotions.applied.map((a) => a.promotionId)).toEqual(['shoes-10', 'every-100']);
    expect(q.promotions.skipped.map((s) => [s.promotionId, s.reason.code])).toEqual([
      ['vip-only', 'SEGMENT_NOT_ELIGIBLE'],
      ['socks-5', 'MIN_QUANTITY_NOT_MET'],
    ]);
    // 257.70 left: birthday 15% = 38.66 (worth more) first, then 20 off (min spend met before coupons); SOLO does not combine
    const byCode = Object.fromEntries(q.coupons.map((c) => [c.couponCode, c]));
    expect(q.coupons.map((c) => c.couponCode)).toEqual(['BDAY', 'NOPE', 'SOLO', 'TWENTY']);
    expect(byCode.BDAY!.valid && byCode.BDAY!.discount.toFixed(2)).toBe('38.66');
    expect(byCode.TWENTY!.valid && byCode.TWENTY!.discount.toFixed(2)).toBe('20.00');
    expect(byCode.SOLO!.valid === false && byCode.SOLO!.reason).toEqual({
      code: 'NOT_COMBINABLE',
      couponCode: 'SOLO',
      conflictsWith: { kind: 'coupon', couponCode: 'BDAY', templateId: 'bday' },
    });
    expect(byCode.NOPE!.valid === false && byCode.NOPE!.reason.code).toBe('UNKNOWN_COUPON');
    expect(q.totals.couponDiscount.toFixed(2)).toBe('58.66');
    expect(q.totals.afterDiscounts.toFixed(2)).toBe('199.04');
    // points: at most 50% of 199.04 = 99.52 (9,900 points), but only 5,000 held; 3,000 chosen = 30.00
    expect(q.pointsPayment.maxPoints.toString()).toBe('5000'); // bound by the balance
    expect(q.pointsPayment.value.toFixed(2)).toBe('30.00');
    expect(q.totals.payable.toFixed(2)).toBe('169.04');
    expect(
      q.lines.reduce((s, l) => s.plus(l.paidWithPoints), q.totals.payable.times(0)).toFixed(2),
    ).toBe('30.00');
    for (const l of q.lines) expect(l.total.minus(l.paidWithPoints).eq(l.payable)).toBe(true);
  });

  it('earns points on what is paid in money, and the purchase lifts the member to the next tier', () => {
    const q = quote(program, {
      ...base,
      tier: {
        state: {
          tierId: 'member',
          since: '2024-01-01T00:00:00+08:00',
          enrolledAt: '2024-01-01T00:00:00+08:00',
        },
        activity: {
          buckets: [{ from: '2026-01-01', to: '2026-05-01', spend: '400.00', orders: 3 }],
        },
      },
    });
    const paid = (id: string) => q.lines.find((l) => l.lineId === id)!.payable;
    // base 1 point per 1.00 paid in money, shoes x2; discounts and the points-paid share earn nothing
    const expected = q.totals.payable.plus(paid('a')).floor();
    expect(q.earning?.points.toString()).toBe(expected.toString());
    expect(q.earning?.basis.map((b) => b.amount.toString())).toEqual(
      q.lines.map((l) => l.payable.toString()),
    );
    expect([q.tier?.before, q.tier?.after, q.tier?.changed]).toEqual(['member', 'silver', true]);
    expect(q.tier?.added.spend.toFixed(2)).toBe('169.04');
    expect(q.tier?.progress.toNext?.tierId).toBe('gold');
  });

  it('an exclusive promotion keeps every coupon out, naming it', () => {
    const q = quote(program, { ...base, member: { ...member, tags: ['vip'] } });
    expect(q.promotions.applied.map((a) => a.promotionId)).toEqual(['vip-only']);
    for (const c of q.coupons.filter((c) => c.couponCode !== 'NOPE')) {
      expect(c.valid === false && c.reason).toMatchObject({
        code: 'NOT_COMBINABLE',
        conflictsWith: { kind: 'promotion', promotionId: 'vip-only' },
      });
    }
  });

  it('refuses points above the share of the order with the ledger reason, and pays nothing with them', () => {
    const q = quote(program, { ...base, pointsToSpend: 20_000, availablePoints: 50_000 });
    expect(q.pointsPayment.refusal?.code).toBe('EXCEEDS_MAXIMUM_SHARE');
    expect(q.totals.pointsPayment.isZero()).toBe(true);
  });

  it.each([
    ['negative points to spend', { pointsToSpend: -100 }, ['pointsToSpend']],
    ['a balance that is not a number', { availablePoints: 'lots' }, ['availablePoints']],
    ['an empty coupon code', { couponCodes: [''] }, ['couponCodes', 0]],
    [
      'two instances with one code',
      { coupons: [coupons[0]!, coupons[0]!] },
      ['coupons', 1, 'code'],
    ],
    [
      'a line with a negative price',
      { lines: [{ id: 'x', sku: 'X', quantity: 1, unitPrice: '-1' }] },
      ['lines', 0, 'unitPrice'],
    ],
  ] as const)('throws InputError with the path for %s', (_name, over, path) => {
    const input = { ...base, ...over } as QuoteInput;
    expect(() => quote(program, input)).toThrow(InputError);
    try {
      quote(program, input);
    } catch (e) {
      expect((e as InputError).issues[0]?.path).toEqual(path);
    }
  });

  it('a guest gets promotions for everyone, no member coupons and no points payment', () => {
    const q = quote(program, { ...base, member: null });
    expect(q.coupons.every((c) => !c.valid)).toBe(true);
    expect(q.pointsPayment.maxPoints.isZero()).toBe(true);
  });
});

const cartArb = fc
  .array(
    fc.record({
      cat: fc.constantFrom('shoes', 'socks', 'hats'),
      quantity: fc.integer({ min: 1, max: 4 }),
      cents: fc.integer({ min: 0, max: 30_000 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((ls) =>
    ls.map((l, i) => ({
      id: `l${i}`,
      sku: `S${i}`,
      categories: [l.cat],
      quantity: l.quantity,
      unitPrice: (l.cents / 100).toFixed(2),
    })),
  );
const inputArb = fc.record({
  lines: cartArb,
  codes: fc.subarray(['TWENTY', 'BDAY', 'SOLO', 'NOPE']),
  points: fc.integer({ min: 0, max: 200 }).map((n) => n * 100),
  vip: fc.boolean(),
});
const toInput = (i: {
  lines: CartLineInput[];
  codes: string[];
  points: number;
  vip: boolean;
}): QuoteInput => ({
  ...base,
  lines: i.lines,
  member: { ...member, tags: i.vip ? ['vip'] : [] },
  couponCodes: i.codes,
  pointsToSpend: i.points,
});

describe('properties', () => {
  it('quote is pure: the same input gives the same output', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        expect(json(quote(program, toInput(i)))).toEqual(json(quote(program, toInput(i))));
      }),
    );
  });
  it('the result is independent of the order of lines, coupons and codes', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (i, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, k) => ({ x, k: (k * 7919 + seed) % 101 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const a = quote(program, toInput(i));
        const b = quote(program, {
          ...toInput(i),
          lines: shuffle(i.lines),
          couponCodes: shuffle(i.codes),
          coupons: shuffle(coupons),
        });
        expect(json(b)).toEqual(json(a));
      }),
    );
  });
  it('totals are never negative and add up: payable = subtotal - discounts - points', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const q = quote(program, toInput(i));
        const t = q.totals;
        for (const v of [t.subtotal, t.discount, t.afterDiscounts, t.pointsPayment, t.payable])
          expect(v.isNegative() && !v.isZero()).toBe(false);
        expect(t.subtotal.minus(t.discount).minus(t.pointsPayment).eq(t.payable)).toBe(true);
        for (const l of q.lines) {
          expect(l.discount.lte(l.subtotal)).toBe(true);
          expect(l.payable.isNegative() && !l.payable.isZero()).toBe(false);
        }
      }),
    );
  });
});

describe('qualify', () => {
  it('says what is missing: spend more for a promotion step and for a coupon', () => {
    const small = [{ id: 'a', sku: 'HAT', categories: ['hats'], quantity: 1, unitPrice: '88.00' }];
    const q = qualify(program, { ...base, lines: small });
    const every = q.promotions.find((p) => p.promotionId === 'every-100')!;
    expect([every.status, every.nudge]).toEqual(['missing', 'Spend 12.00 more for 10.00 off']);
    const twenty = q.coupons.find((c) => c.couponCode === 'TWENTY')!;
    expect([twenty.status, twenty.nudge]).toEqual(['missing', 'Spend 12.00 more for 20.00 off']);
    const socks = qualify(program, base).promotions.find((p) => p.promotionId === 'socks-5')!;
    expect([socks.status, socks.nudge]).toEqual(['missing', 'Add 2 more items']);
    const bday = q.coupons.find((c) => c.couponCode === 'BDAY')!;
    expect([bday.status, bday.discount?.toFixed(2)]).toEqual(['usable', '13.20']);
    expect(q.coupons.find((c) => c.couponCode === 'SOLO')!.status).toBe('blocked');
    expect(q.coupons.find((c) => c.couponCode === 'NOPE')!.status).toBe('ineligible');
  });
});
