import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CartLineInput } from '../model/cart.js';
import { normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { normalizeMember } from '../model/member.js';
import { toDecimal } from '../money/index.js';
import { defineProgram } from '../program/parseProgram.js';
import type { ProgramInput } from '../program/schema.js';
import { toEpochMs, toIso } from '../time/index.js';
import { applyCouponUsage } from './applyCouponUsage.js';
import {
  type CouponAccepted,
  type CouponResult,
  checkCoupon,
  measureCoupon,
} from './checkCoupon.js';
import { type CouponInstanceInput, normalizeCouponInstance } from './couponInstance.js';
import { COUPON_REASON_PRECEDENCE, type CouponReasonCode } from './couponReason.js';
import { couponValidityWindow } from './couponValidityWindow.js';
import { rollbackCoupon } from './rollbackCoupon.js';
import { type ValidateCouponInput, validateCoupon } from './validateCoupon.js';

const base: ProgramInput = {
  id: 'p1',
  version: 1,
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  couponTemplates: [
    {
      id: 'ten-off',
      benefit: { kind: 'amount_off', amount: '10' },
      validity: { kind: 'after_issue', days: 30 },
      minSpend: '50',
      limits: [
        { id: 'global', scope: 'global', max: 1000 },
        { id: 'per-member', scope: 'member', period: 'month', max: 2 },
        { id: 'budget', scope: 'global', unit: 'money', max: '5000' },
      ],
    },
    {
      id: 'pct',
      benefit: { kind: 'percent_off', percent: '15' },
      maxDiscount: '30',
      validity: {
        kind: 'absolute',
        from: '2026-03-01T00:00:00+08:00',
        until: '2026-04-01T00:00:00+08:00',
      },
      items: { categories: ['shoes'] },
      audience: { stores: ['s1', 's2'], channels: ['store', 'app'], tiers: ['gold'] },
      stacking: { withOtherCoupons: true, excludePromotions: [] },
      messages: { TIER_NOT_ELIGIBLE: 'Gold members only!' },
    },
    {
      id: 'every100',
      benefit: {
        kind: 'spend_off',
        steps: [{ spend: '100', off: '10' }],
        repeat: true,
        maxRepeats: 3,
      },
      validity: { kind: 'after_issue', days: 7, endOfDay: false },
      stacking: { withOtherCoupons: true, withSameTemplate: true },
    },
    {
      id: 'free-sock',
      benefit: { kind: 'free_item', quantity: 1 },
      validity: { kind: 'after_issue', days: 30 },
      items: { categories: ['socks'] },
    },
    {
      id: 'bday',
      benefit: { kind: 'amount_off', amount: '20' },
      validity: { kind: 'birthday', scope: 'month' },
      stacking: { withPromotions: false },
    },
    {
      id: 'parking',
      benefit: { kind: 'service', service: 'PARKING-HOUR', units: 2 },
      validity: { kind: 'after_issue', days: 1 },
      stacking: { withOtherCoupons: true },
    },
    {
      id: 'stepped',
      benefit: {
        kind: 'spend_off',
        steps: [
          { spend: '50', off: '5' },
          { spend: '150', off: '20' },
        ],
      },
      validity: { kind: 'after_issue', days: 30 },
    },
    {
      id: 'ship',
      benefit: { kind: 'free_shipping' },
      validity: { kind: 'after_issue', days: 30 },
    },
    {
      id: 'budgeted',
      benefit: { kind: 'amount_off', amount: '30' },
      validity: { kind: 'after_issue', days: 30 },
      limits: [{ id: 'b', scope: 'global', period: 'day', unit: 'money', max: '100' }],
      onBudgetShortfall: 'nothing',
    },
    {
      id: 'budget-rest',
      benefit: { kind: 'amount_off', amount: '30' },
      validity: { kind: 'after_issue', days: 30 },
      limits: [{ id: 'b', scope: 'store', period: 'week', unit: 'money', max: '100' }],
    },
  ],
};
const program = defineProgram(base);

const NOW = '2026-03-10T12:00:00+08:00';
const lines: CartLineInput[] = [
  { id: 'l1', sku: 'SHOE-1', categories: ['shoes'], quantity: 1, unitPrice: '80.00' },
  { id: 'l2', sku: 'SOCK-1', categories: ['socks'], quantity: 3, unitPrice: '5.50' },
  { id: 'l3', sku: 'SOCK-2', categories: ['socks'], quantity: 1, unitPrice: '4.00' },
];
const member = {
  id: 'm1',
  tierId: 'gold',
  birthday: '1990-03-21',
  enrolledAt: '2020-01-01T00:00:00Z',
};

function coupon(templateId: string, over: Partial<CouponInstanceInput> = {}): CouponInstanceInput {
  return {
    code: `C-${templateId}`,
    templateId,
    ownerMemberId: 'm1',
    issuedAt: '2026-03-05T09:00:00+08:00',
    status: 'active',
    ...over,
  };
}

function check(over: Partial<ValidateCouponInput> & { coupon: CouponInstanceInput }): CouponResult {
  return validateCoupon(program, {
    lines,
    member,
    storeId: 's1',
    channel: 'store',
    now: NOW,
    ...over,
  });
}

function accepted(r: CouponResult): CouponAccepted {
  if (!r.valid) throw new Error(`expected valid, got ${r.reason.code}`);
  return r;
}

describe('validateCoupon: every template type', () => {
  it('amount off: 10.00 off the applicable amount, spread proportionally and exactly', () => {
    const r = accepted(check({ coupon: coupon('ten-off') }));
    expect(r.discount.toString()).toBe('10');
    expect(r.lines.map((p) => [p.lineId, p.amount.toFixed(2)])).toEqual([
      ['l1', '7.96'], // 10 x 80 / 100.5 = 7.960
      ['l2', '1.64'], // 10 x 16.5 / 100.5 = 1.642
      ['l3', '0.40'], // 10 x 4 / 100.5 = 0.398
    ]);
  });
  it('percent off: 15 % of the shoes, capped at maxAmount', () => {
    const r = accepted(check({ coupon: coupon('pct') }));
    expect(r.discount.toFixed(2)).toBe('12.00');
    expect(r.lines.map((p) => p.lineId)).toEqual(['l1']);
    const big = accepted(
      check({
        coupon: coupon('pct'),
        lines: [{ id: 'x', sku: 'S', categories: ['shoes'], quantity: 3, unitPrice: 100 }],
      }),
    );
    expect(big.discount.toFixed(2)).toBe('30.00');
  });
  it('spend X off, repeatable: every 100 off 10, at most 3 times', () => {
    const cart = (amount: number) => [{ id: 'a', sku: 'A', quantity: 1, unitPrice: amount }];
    const at = (amount: number) =>
      accepted(check({ coupon: coupon('every100'), lines: cart(amount) })).discount.toString();
    expect([at(100), at(199.99), at(250), at(1000)]).toEqual(['10', '10', '20', '30']);
  });
  it('stepped spend X off: the highest step reached', () => {
    const at = (amount: number) =>
      accepted(
        check({
          coupon: coupon('stepped'),
          lines: [{ id: 'a', sku: 'A', quantity: 1, unitPrice: amount }],
        }),
      ).discount.toString();
    expect([at(50), at(149.99), at(150)]).toEqual(['5', '5', '20']);
  });
  it('free shipping: discounts the shipping lines', () => {
    const r = accepted(
      check({
        coupon: coupon('ship'),
        lines: [
          ...lines,
          { id: 'sh', sku: 'SHIP', kind: 'shipping', quantity: 1, unitPrice: '12' },
        ],
      }),
    );
    expect(r.freeShipping).toBe(true);
    expect(r.lines.map((p) => [p.lineId, p.amount.toString()])).toEqual([['sh', '12']]);
  });
  it('free item: the cheapest whole unit of the applicable items', () => {
    const r = accepted(check({ coupon: coupon('free-sock') }));
    expect(r.lines.map((p) => [p.lineId, p.amount.toFixed(2)])).toEqual([['l3', '4.00']]);
  });
  it('birthday coupon: valid during the birthday month that follows issue', () => {
    const r = accepted(check({ coupon: coupon('bday'), now: '2026-03-31T23:59:00+08:00' }));
    expect(r.discount.toString()).toBe('20');
    const w = couponValidityWindow(
      { kind: 'birthday', scope: 'month', graceDays: 0 },
      toEpochMs('2026-03-05T09:00:00+08:00'),
      '03-21',
      'Asia/Shanghai',
    );
    expect(w && [toIso(w.fromMs), toIso(w.untilMs)]).toEqual([
      '2026-02-28T16:00:00.000Z',
      '2026-03-31T16:00:00.000Z',
    ]);
  });
  it.each([
    [
      'week across the new year',
      'week',
      0,
      '12-30',
      '2027-01-02T09:00:00+08:00',
      '2026-12-28',
      '2027-01-04',
    ],
    [
      '29 February in a common year',
      'day',
      0,
      '02-29',
      '2026-01-10T09:00:00+08:00',
      '2026-02-28',
      '2026-03-01',
    ],
    [
      "month with grace, after this year's",
      'month',
      3,
      '03-21',
      '2026-04-02T09:00:00+08:00',
      '2026-03-01',
      '2026-04-04',
    ],
    [
      'month already over: next year',
      'month',
      0,
      '03-21',
      '2026-04-02T09:00:00+08:00',
      '2027-03-01',
      '2027-04-01',
    ],
  ] as const)('birthday window: %s', (_name, scope, graceDays, birthday, issuedAt, from, until) => {
    const w = couponValidityWindow(
      { kind: 'birthday', scope, graceDays },
      toEpochMs(issuedAt),
      birthday,
      'Asia/Shanghai',
    )!;
    const local = (ms: number) => toIso(ms + 8 * 3_600_000).slice(0, 10);
    expect([local(w.fromMs), local(w.untilMs)]).toEqual([from, until]);
  });
  it('service coupon: an entitlement, and free units of the service line when present', () => {
    const parking = coupon('parking', { issuedAt: '2026-03-10T08:00:00+08:00' });
    const r = accepted(check({ coupon: parking }));
    expect(r.entitlement).toEqual({ service: 'PARKING-HOUR', units: 2 });
    expect(r.discount.toString()).toBe('0');
    const withLine = accepted(
      check({
        coupon: parking,
        lines: [
          ...lines,
          { id: 'p', sku: 'PARKING-HOUR', kind: 'service', quantity: 3, unitPrice: '6' },
        ],
      }),
    );
    expect(withLine.lines.map((p) => [p.lineId, p.amount.toString()])).toEqual([['p', '12']]);
  });
  it('budget remainder: a nearly spent money budget gives what remains', () => {
    const r = accepted(
      check({ coupon: coupon('budget-rest', { usage: { b: { amount: '87.50' } } }) }),
    );
    expect(r.discount.toFixed(2)).toBe('12.50');
    expect(r.budgetCapped?.limitId).toBe('b');
  });
  it('a template-defined message replaces the default text', () => {
    const r = check({ coupon: coupon('pct'), member: { ...member, tierId: 'silver' } });
    expect(r.valid === false && r.message).toBe('Gold members only!');
  });
});

type Case = [
  CouponReasonCode,
  Partial<ValidateCouponInput> & { coupon: CouponInstanceInput },
  Record<string, unknown>,
];
const REASON_CASES: Case[] = [
  ['UNKNOWN_COUPON', { coupon: coupon('nope') }, { templateId: 'nope' }],
  ['CANCELLED', { coupon: coupon('ten-off', { status: 'cancelled', ownerMemberId: 'm2' }) }, {}],
  [
    'NOT_OWNED_BY_MEMBER',
    { coupon: coupon('ten-off', { ownerMemberId: 'm2', status: 'used' }) },
    {},
  ],
  [
    'ALREADY_USED',
    { coupon: coupon('ten-off', { status: 'used' }), now: '2030-01-01T00:00:00Z' },
    { timesUsed: 0, usesPerCoupon: 1 },
  ],
  ['BIRTHDAY_UNKNOWN', { coupon: coupon('bday'), member: { ...member, birthday: null } }, {}],
  [
    'NOT_YET_VALID',
    { coupon: coupon('pct'), now: '2026-02-28T15:59:59Z' },
    { validFrom: '2026-02-28T16:00:00.000Z' },
  ],
  [
    'EXPIRED',
    { coupon: coupon('ten-off'), now: '2026-04-04T00:00:00+08:00', storeId: 'zz' },
    { expiredAt: '2026-04-03T16:00:00.000Z' },
  ],
  [
    'STORE_NOT_ELIGIBLE',
    { coupon: coupon('pct'), storeId: 's9', channel: 'online' },
    { storeId: 's9' },
  ],
  [
    'CHANNEL_NOT_ELIGIBLE',
    { coupon: coupon('pct'), channel: 'online', member: { ...member, tierId: null } },
    { channel: 'online' },
  ],
  [
    'TIER_NOT_ELIGIBLE',
    { coupon: coupon('pct'), member: { ...member, tierId: 'silver' }, lines: [] },
    { tierId: 'silver' },
  ],
  [
    'AUDIENCE_NOT_ELIGIBLE',
    { coupon: coupon('ten-off', { ownerMemberId: null }), member: null },
    { miss: 'NO_MEMBER' },
  ],
  [
    'USAGE_LIMIT_REACHED',
    {
      coupon: coupon('ten-off', {
        usage: { global: { redemptions: 1000 }, 'per-member': { redemptions: 2 } },
      }),
    },
    { limitId: 'global', scope: 'global', max: 1000, period: 'campaign' },
  ],
  [
    'MEMBER_LIMIT_REACHED',
    { coupon: coupon('ten-off', { usage: { 'per-member': { redemptions: 2 } } }), lines: [] },
    { limitId: 'per-member', max: 2, period: 'month' },
  ],
  ['NO_APPLICABLE_ITEMS', { coupon: coupon('pct'), lines: [lines[1]!] }, {}],
  [
    'MIN_SPEND_NOT_MET',
    { coupon: coupon('ten-off'), lines: [lines[1]!, lines[2]!] },
    { minSpend: '50.00', applicableAmount: '20.50', missing: '29.50' },
  ],
  [
    'NOT_COMBINABLE',
    { coupon: coupon('bday'), appliedPromotionIds: ['promo-b', 'promo-a'] },
    { conflictsWith: { kind: 'promotion', promotionId: 'promo-a' } },
  ],
  [
    'BUDGET_EXHAUSTED',
    { coupon: coupon('budgeted', { usage: { b: { amount: '80' } } }) },
    { limitId: 'b', remaining: '20.00', needed: '30.00' },
  ],
];

describe('validateCoupon: every reason code, in precedence order', () => {
  it('the table covers every code of the precedence list, in order', () => {
    expect(REASON_CASES.map((c) => c[0])).toEqual(COUPON_REASON_PRECEDENCE);
  });
  it.each(REASON_CASES)('%s', (code, input, data) => {
    const r = check(input);
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.reason).toEqual({ code, couponCode: input.coupon.code, ...data });
    expect(r.message.length).toBeGreaterThan(0);
  });
  it('NOT_COMBINABLE names the coupon it conflicts with', () => {
    const first = accepted(check({ coupon: coupon('ten-off') }));
    const r = check({
      coupon: coupon('pct'),
      acceptedCoupons: [
        {
          couponCode: first.couponCode,
          templateId: 'ten-off',
          stacking: program.couponTemplates[0]!.stacking,
        },
      ],
    });
    expect(r.valid === false && r.reason).toEqual({
      code: 'NOT_COMBINABLE',
      couponCode: 'C-pct',
      conflictsWith: { kind: 'coupon', couponCode: 'C-ten-off', templateId: 'ten-off' },
    });
    expect(r.valid === false && r.message).toBe(
      'Coupon C-pct cannot be combined with coupon C-ten-off.',
    );
  });
});

describe('rollbackCoupon', () => {
  it('a partial return gives back budget in proportion; the rest restores the use', () => {
    const r = accepted(check({ coupon: coupon('ten-off') }));
    const part = rollbackCoupon(program, r.redemption, [{ lineId: 'l2', quantity: 1 }]);
    expect(part.restoresUse).toBe(false);
    expect(part.discountReturned.toFixed(2)).toBe('0.54');
    const rest = rollbackCoupon(program, r.redemption, [
      { lineId: 'l1', quantity: 1 },
      { lineId: 'l2', quantity: 2, previouslyReturned: 1 },
      { lineId: 'l3', quantity: 1 },
    ]);
    expect(rest.restoresUse).toBe(true);
    expect(part.discountReturned.plus(rest.discountReturned).toString()).toBe('10');
  });
  // Regression (property seed -1424935684): a later, empty return after the whole order
  // was returned restored the use a second time.
  it('restores the use once, on the return that completes the order', () => {
    const cart = [{ id: 'l0', sku: 'S0', categories: ['shoes'], quantity: 1, unitPrice: '50.00' }];
    const r = accepted(check({ coupon: coupon('ten-off'), lines: cart }));
    const first = rollbackCoupon(program, r.redemption, [{ lineId: 'l0', quantity: 1 }]);
    const again = rollbackCoupon(program, r.redemption, [
      { lineId: 'l0', quantity: 0, previouslyReturned: 1 },
    ]);
    expect([first.restoresUse, again.restoresUse, again.discountReturned.toString()]).toEqual([
      true,
      false,
      '0',
    ]);
  });
  // Regression (property counterexample): a coupon that discounted no line (free shipping,
  // no shipping line) was never given back.
  it('gives back a coupon that discounted no line when the whole order is returned', () => {
    const cart = [{ id: 'l0', sku: 'S0', categories: ['shoes'], quantity: 1, unitPrice: '0.01' }];
    const r = accepted(check({ coupon: coupon('ship'), lines: cart }));
    expect(r.lines).toEqual([]);
    expect(rollbackCoupon(program, r.redemption, [{ lineId: 'l0', quantity: 1 }]).restoresUse).toBe(
      true,
    );
  });
  it('refuses to return more than was bought', () => {
    const r = accepted(check({ coupon: coupon('ten-off') }));
    expect(() => rollbackCoupon(program, r.redemption, [{ lineId: 'l1', quantity: 2 }])).toThrow(
      TypeError,
    );
  });
});

const amount = fc.integer({ min: 0, max: 50_000 }).map((c) => (c / 100).toFixed(2));
const cartArb = fc
  .array(
    fc.record({
      cat: fc.constantFrom('shoes', 'socks', 'hats'),
      quantity: fc.integer({ min: 1, max: 5 }),
      unitPrice: amount,
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((ls) =>
    ls.map((l, i) => ({
      id: `l${i}`,
      sku: `S${i}`,
      categories: [l.cat],
      quantity: l.quantity,
      unitPrice: l.unitPrice,
    })),
  );
const templateArb = fc.constantFrom(...program.couponTemplates.map((t) => t.id));

describe('properties', () => {
  it('a coupon valid at t stays valid for every t inside its validity window', () => {
    fc.assert(
      fc.property(
        templateArb,
        cartArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (templateId, cart, f1, f2) => {
          const c = coupon(templateId);
          const t = program.couponTemplates.find((x) => x.id === templateId)!;
          const w = couponValidityWindow(
            t.validity,
            toEpochMs(c.issuedAt),
            '03-21',
            program.timeZone,
          )!;
          const at = (f: number) => new Date(Math.floor(w.fromMs + f * (w.untilMs - 1 - w.fromMs)));
          const r1 = check({ coupon: c, lines: cart, now: at(f1) });
          const r2 = check({ coupon: c, lines: cart, now: at(f2) });
          if (r1.valid) expect(r2.valid).toBe(true);
          else if (!r2.valid) expect(r2.reason.code).toBe(r1.reason.code);
          // and outside the window it is refused as expired or not yet valid
          const after = check({ coupon: c, lines: cart, now: new Date(w.untilMs) });
          const before = check({ coupon: c, lines: cart, now: new Date(w.fromMs - 1) });
          expect([after.valid || after.reason.code, before.valid || before.reason.code]).toEqual([
            'EXPIRED',
            'NOT_YET_VALID',
          ]);
        },
      ),
    );
  });
  it('a discount never exceeds the applicable amount, and its parts sum exactly to it', () => {
    fc.assert(
      fc.property(templateArb, cartArb, (templateId, cart) => {
        const r = check({ coupon: coupon(templateId), lines: cart });
        if (!r.valid) return;
        const partsSum = r.lines.reduce((s, p) => s.plus(p.amount), r.discount.minus(r.discount));
        expect(partsSum.eq(r.discount)).toBe(true);
        for (const p of r.lines) {
          const line = cart.find((l) => l.id === p.lineId)!;
          expect(p.amount.gte(0)).toBe(true);
          expect(p.amount.lte(toDecimal(line.unitPrice).times(line.quantity))).toBe(true);
        }
      }),
    );
  });
  it('returning the whole order, in any number of steps, restores the coupon usage exactly', () => {
    fc.assert(
      fc.property(
        templateArb,
        cartArb,
        fc.integer({ min: 0, max: 1 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        (templateId, cart, redeemed, steps) => {
          const before = {
            status: 'active' as const,
            timesUsed: 0,
            usage: new Map([
              [
                'b',
                { redemptions: redeemed, amount: program.couponTemplates[0]!.minSpend!.times(0) },
              ],
            ]),
          };
          const r = check({ coupon: coupon(templateId), lines: cart });
          if (!r.valid) return;
          let state = applyCouponUsage(before, r.redemption.change);
          expect(state.timesUsed).toBe(1);
          // return the order's lines in several partial steps
          const returnedSoFar = new Map<string, number>();
          for (const [i, step] of steps.entries()) {
            const last = i === steps.length - 1;
            const ret = cart.map((l) => {
              const done = returnedSoFar.get(l.id) ?? 0;
              const q = last ? l.quantity - done : Math.min(step, l.quantity - done);
              returnedSoFar.set(l.id, done + q);
              return { lineId: l.id, quantity: q, previouslyReturned: done };
            });
            state = applyCouponUsage(state, rollbackCoupon(program, r.redemption, ret).change);
          }
          expect(state.status).toBe('active');
          expect(state.timesUsed).toBe(0);
          for (const [id, u] of state.usage) {
            const b = before.usage.get(id) ?? { redemptions: 0, amount: r.discount.times(0) };
            expect([id, u.redemptions, u.amount.toString()]).toEqual([
              id,
              b.redemptions,
              b.amount.toString(),
            ]);
          }
        },
      ),
    );
  });
  it('measuring a coupon answers as checking it: the same refusal, or valid with the same worth', () => {
    // Templates with money budgets (a gift's one among them) on any usage: a worth above what a
    // budget has left is not measured but checked in full; lines partly discounted already.
    const measured = defineProgram({
      ...base,
      couponTemplates: [
        ...base.couponTemplates!,
        {
          id: 'gift',
          benefit: { kind: 'free_gift', sku: 'MUG', quantity: 2, value: '15' },
          validity: { kind: 'after_issue', days: 30 },
          limits: [{ id: 'b', scope: 'global', unit: 'money', max: '100' }],
        },
      ],
    });
    const ctx = new EvalContext(
      toEpochMs(NOW),
      measured.timeZone,
      's1',
      'store',
      normalizeMember(member),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...measured.couponTemplates.map((t) => t.id)),
        cartArb,
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 12_000 }),
        fc.integer({ min: 0, max: 2 }),
        (templateId, cart, kept, spent, redemptions) => {
          const cartLines = normalizeLines(cart);
          const afterPromotions = new Map(cartLines.map((l) => [l.id, l.net]));
          const remaining = new Map(
            cartLines.map((l, i) => [l.id, l.net.times(kept[i]!).div(100).toDecimalPlaces(2, 1)]),
          );
          const instance = normalizeCouponInstance(
            coupon(templateId, {
              usage: {
                b: { amount: (spent / 100).toFixed(2) },
                budget: { amount: (4_900 + spent / 100).toFixed(2) },
                'per-member': { redemptions },
              },
            }),
          );
          const c = {
            program: measured,
            ctx,
            lines: cartLines,
            afterPromotions,
            remaining,
            appliedPromotionIds: [],
            exclusivePromotionId: null,
            acceptedCoupons: [],
            pendingUsage: new Map(),
            money: { scale: 2, mode: measured.rounding.money.mode },
          };
          const full = checkCoupon(instance, c);
          const m = measureCoupon(instance, c);
          if (!('measured' in m)) expect(m).toEqual(full);
          else {
            expect(full.valid).toBe(true);
            if (!full.valid) return;
            const worth = full.gift ? full.discount.plus(full.gift.value) : full.discount;
            expect(m.worth.eq(worth)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
