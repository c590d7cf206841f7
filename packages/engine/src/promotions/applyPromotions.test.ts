import { describe, expect, it } from 'vitest';
import { type CartLineInput, normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { type MemberSnapshotInput, normalizeMember } from '../model/member.js';
import { Decimal } from '../money/index.js';
import { defineProgram } from '../program/parseProgram.js';
import { type PromotionInput, zPromotion } from '../program/promotions.js';
import type { Program } from '../program/schema.js';
import { toEpochMs } from '../time/index.js';
import { applyPromotions, MAX_EXTRA_CANDIDATES } from './applyPromotions.js';
import type { ApplyPromotionsResult, PromotionCandidate } from './types.js';

const NOW = '2026-05-02T10:00:00+08:00'; // a Saturday in Shanghai

/**
 * A program with these promotions and a two-tier ladder. Promotions are parsed
 * one by one with `zPromotion` and the ladder is set as data, so these tests do
 * not depend on the tiers section's schema (promotions read it defensively).
 */
function program(promotions: PromotionInput[], over: Record<string, unknown> = {}): Program {
  const base = defineProgram({
    id: 'shop',
    version: 1,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    ...over,
  });
  return {
    ...base,
    promotions: promotions.map((p) => zPromotion.parse(p)),
    tiers: {
      ladder: [
        {
          id: 'gold',
          benefits: { discountRate: new Decimal('0.1'), memberPrices: { TEA: new Decimal('15') } },
        },
        { id: 'silver', benefits: {} },
      ],
    },
  } as unknown as Program;
}

const GOLD: MemberSnapshotInput = {
  id: 'm1',
  tierId: 'gold',
  enrolledAt: '2020-01-01T00:00:00Z',
  birthday: '1990-05-02',
  tags: ['vip'],
};

function ctx(
  over: { now?: string; member?: MemberSnapshotInput | null; store?: string | null } = {},
) {
  const m = over.member === undefined ? GOLD : over.member;
  return new EvalContext(
    toEpochMs(over.now ?? NOW),
    'Asia/Shanghai',
    over.store === undefined ? 's1' : over.store,
    'store',
    m ? normalizeMember(m) : null,
  );
}

const CART: CartLineInput[] = [
  { id: 'l1', sku: 'TEA', categories: ['tea'], quantity: 3, unitPrice: '20.00' },
  { id: 'l2', sku: 'MUG', categories: ['ware'], quantity: 1, unitPrice: '45.00' },
  { id: 'l3', sku: 'POT', categories: ['ware'], quantity: 2, unitPrice: '17.50' },
  { id: 'ship', sku: 'SHIP', quantity: 1, unitPrice: '10.00', kind: 'shipping' },
];
// Products: 60 + 45 + 35 = 140; shipping 10; subtotal 150.

function run(
  promotions: PromotionInput[],
  lines: CartLineInput[] = CART,
  c = ctx(),
  p?: Program,
): ApplyPromotionsResult {
  return applyPromotions(p ?? program(promotions), { lines: normalizeLines(lines), ctx: c });
}

function byLine(r: ApplyPromotionsResult): Record<string, string> {
  return Object.fromEntries(r.lines.map((l) => [l.lineId, l.discount.toString()]));
}

const promo = (id: string, action: PromotionInput['action'], over: Partial<PromotionInput> = {}) =>
  ({ id, name: id, action, ...over }) as PromotionInput;

describe('applyPromotions: every action kind', () => {
  it.each([
    [
      'percent_off 10% on ware',
      promo('p', { kind: 'percent_off', percent: 10 }, { target: { categories: ['ware'] } }),
      '8',
      { l1: '0', l2: '4.5', l3: '3.5', ship: '0' },
    ],
    [
      'amount_off 14 per order, proportional',
      promo('p', { kind: 'amount_off', amount: 14 }),
      '14',
      { l1: '6', l2: '4.5', l3: '3.5', ship: '0' },
    ],
    [
      'amount_off 1 per unit',
      promo('p', { kind: 'amount_off', amount: 1, per: 'unit' }),
      '6',
      { l1: '3', l2: '1', l3: '2', ship: '0' },
    ],
    [
      'spend_off every 50 off 5 (140 -> 2 times)',
      promo('p', { kind: 'spend_off', steps: [{ spend: 50, off: 5 }], repeat: true }),
      '10',
      { l1: '4.29', l2: '3.21', l3: '2.5', ship: '0' },
    ],
    [
      'spend_off repeat capped by maxRepeats',
      promo('p', {
        kind: 'spend_off',
        steps: [{ spend: 50, off: 5 }],
        repeat: true,
        maxRepeats: 1,
      }),
      '5',
      { l1: '2.14', l2: '1.61', l3: '1.25', ship: '0' },
    ],
    [
      'spend_off stepped: 100 -> 10, 200 -> 30 (140 reaches the first)',
      promo('p', {
        kind: 'spend_off',
        steps: [
          { spend: 100, off: 10 },
          { spend: 200, off: 30 },
        ],
      }),
      '10',
      { l1: '4.29', l2: '3.21', l3: '2.5', ship: '0' },
    ],
    [
      'buy_x_get_y buy 2 get 1 free, cheapest',
      promo('p', { kind: 'buy_x_get_y', buy: 2, get: 1 }),
      '35',
      { l1: '0', l2: '0', l3: '35', ship: '0' },
    ],
    [
      'buy_x_get_y buy 1 get 1 half price, most expensive',
      promo('p', { kind: 'buy_x_get_y', buy: 1, get: 1, percent: 50, pick: 'most_expensive' }),
      '42.5',
      { l1: '20', l2: '22.5', l3: '0', ship: '0' },
    ],
    [
      'member_price TEA at 18',
      promo('p', { kind: 'member_price', prices: [{ sku: 'TEA', price: 18 }] }),
      '6',
      { l1: '6', l2: '0', l3: '0', ship: '0' },
    ],
    [
      'member_price with the tier price (15 < 18)',
      promo('p', {
        kind: 'member_price',
        prices: [{ sku: 'TEA', price: 18 }],
        includeTierPrices: true,
      }),
      '15',
      { l1: '15', l2: '0', l3: '0', ship: '0' },
    ],
    [
      'free_shipping discounts the shipping line',
      promo('p', { kind: 'free_shipping' }),
      '10',
      { l1: '0', l2: '0', l3: '0', ship: '10' },
    ],
    [
      'free_shipping up to 6',
      promo('p', { kind: 'free_shipping', maxAmount: 6 }),
      '6',
      { l1: '0', l2: '0', l3: '0', ship: '6' },
    ],
    [
      'tier_discount reads the gold rate 0.1',
      promo('p', { kind: 'tier_discount' }),
      '14',
      { l1: '6', l2: '4.5', l3: '3.5', ship: '0' },
    ],
  ])('%s', (_name, p, discount, lines) => {
    const r = run([p], CART, ctx(), program([p]));
    expect(r.totals.discount.toString()).toBe(discount);
    expect(byLine(r)).toEqual(lines);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['p']);
    expect(r.totals.total.toString()).toBe(new Decimal(150).minus(discount).toString());
  });

  it('free_gift adds a gift line and discounts nothing', () => {
    const r = run([promo('g', { kind: 'free_gift', sku: 'TOTE', quantity: 2, value: '9.90' })]);
    expect(r.gifts).toEqual([
      {
        promotionId: 'g',
        sku: 'TOTE',
        quantity: 2,
        unitValue: new Decimal('9.90'),
        value: new Decimal('19.8'),
      },
    ]);
    expect(r.totals.discount.toString()).toBe('0');
    expect(r.totals.giftValue.toString()).toBe('19.8');
  });

  it('free_shipping without a shipping line still sets the flag', () => {
    const r = run(
      [promo('f', { kind: 'free_shipping' })],
      CART.filter((l) => l.kind !== 'shipping'),
    );
    expect(r.freeShipping).toBe(true);
    expect(r.applied[0]!.amount.toString()).toBe('0');
  });

  it('stepped spend_off takes the highest step reached', () => {
    const p = promo('p', {
      kind: 'spend_off',
      steps: [
        { spend: 100, off: 10 },
        { spend: 130, off: 20 },
      ],
    });
    expect(run([p]).totals.discount.toString()).toBe('20');
  });
});

describe('applyPromotions: allocation', () => {
  it.each([
    ['proportional', { l1: '6', l2: '4.5', l3: '3.5' }],
    ['even', { l1: '7', l2: '2.33', l3: '4.67' }],
    ['cheapest_first', { l1: '0', l2: '0', l3: '14' }],
    ['most_expensive_first', { l1: '0', l2: '14', l3: '0' }],
  ] as const)('%s', (allocation, expected) => {
    const r = run(
      [promo('p', { kind: 'amount_off', amount: 14 }, { allocation })],
      CART.filter((l) => l.kind !== 'shipping'),
    );
    expect(byLine(r)).toEqual(expected);
    expect(r.totals.discount.toString()).toBe('14');
  });

  it('rounds once per promotion with the program mode, then allocates exactly', () => {
    const lines: CartLineInput[] = [
      { id: 'a', sku: 'A', quantity: 1, unitPrice: '0.05' },
      { id: 'b', sku: 'B', quantity: 1, unitPrice: '0.05' },
      { id: 'c', sku: 'C', quantity: 1, unitPrice: '0.05' },
    ];
    const p = promo('p', { kind: 'percent_off', percent: 50 });
    // exact 0.075: HALF_EVEN -> 0.08, DOWN -> 0.07; parts sum to it.
    const even = run([p], lines);
    expect(even.totals.discount.toString()).toBe('0.08');
    expect(byLine(even)).toEqual({ a: '0.03', b: '0.03', c: '0.02' });
    const down = run([p], lines, ctx(), program([p], { rounding: { money: { mode: 'DOWN' } } }));
    expect(down.totals.discount.toString()).toBe('0.07');
  });

  it('uses the currency minor unit (JPY: whole yen)', () => {
    const p = promo('p', { kind: 'percent_off', percent: 15 });
    const r = run(
      [p],
      [{ id: 'a', sku: 'A', quantity: 1, unitPrice: 999 }],
      ctx(),
      program([p], { currency: 'JPY' }),
    );
    expect(r.totals.discount.toString()).toBe('150');
  });

  it('never takes more than what is left, and says it capped', () => {
    const r = run([promo('p', { kind: 'amount_off', amount: 500 })]);
    expect(r.totals.discount.toString()).toBe('140');
    expect(r.applied[0]!.capped).toBe(true);
    expect(r.trace.some((t) => t.event === 'CAPPED')).toBe(true);
  });

  it('caps at maxDiscount', () => {
    const r = run([promo('p', { kind: 'percent_off', percent: 50 }, { maxDiscount: 20 })]);
    expect(r.totals.discount.toString()).toBe('20');
    expect(r.applied[0]!.capped).toBe(true);
  });
});

describe('applyPromotions: stacking', () => {
  const ten = (id: string, over: Partial<PromotionInput> = {}) =>
    promo(id, { kind: 'percent_off', percent: 10 }, over);

  it('cascades by default and can use the original amount', () => {
    const cascade = run([ten('a', { priority: 2 }), ten('b')]);
    expect(cascade.totals.discount.toString()).toBe('26.6'); // 14 + 12.6
    const original = run([ten('a', { priority: 2 }), ten('b', { stacking: { base: 'original' } })]);
    expect(original.totals.discount.toString()).toBe('28');
  });

  it('applies by priority, then id, never by input order', () => {
    const a = run([ten('b'), ten('a'), ten('c', { priority: 5 })]);
    expect(a.applied.map((x) => x.promotionId)).toEqual(['c', 'a', 'b']);
  });

  it('an exclusive promotion stops the ones after it', () => {
    const r = run([ten('x', { priority: 9, stacking: { exclusive: true } }), ten('y')]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['x']);
    expect(r.skipped[0]!.reason).toEqual({ code: 'EXCLUSIVE_APPLIED', by: 'x' });
  });

  it('an exclusive promotion does not join what already applied', () => {
    const r = run([ten('x', { stacking: { exclusive: true } }), ten('y', { priority: 9 })]);
    expect(r.skipped[0]!.reason).toEqual({ code: 'NOT_COMBINABLE', with: ['y'] });
  });

  it('orderLimit caps the number of promotions per order', () => {
    const s = { stacking: { orderLimit: 2 } };
    const r = run([ten('a', s), ten('b', s), ten('c', s)]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['a', 'b']);
    expect(r.skipped[0]!.reason).toEqual({ code: 'ORDER_LIMIT_REACHED', limit: 2 });
  });

  it('onePerUnit: at most one such discount per unit', () => {
    const s = { stacking: { onePerUnit: true } };
    const r = run([
      promo('bogo', { kind: 'buy_x_get_y', buy: 2, get: 1 }, { priority: 5, ...s }),
      ten('ten', s),
    ]);
    // 6 units, 2 applications: both POT free, MUG and the 3 TEA paid for them; all 6 consumed.
    expect(byLine(r)).toEqual({ l1: '0', l2: '0', l3: '35', ship: '0' });
    expect(r.skipped.map((x) => x.reason.code)).toEqual(['UNITS_ALREADY_DISCOUNTED']);
  });

  it('onePerUnit leaves units not consumed open for the next one', () => {
    const s = { stacking: { onePerUnit: true } };
    const lines: CartLineInput[] = [{ id: 'a', sku: 'A', quantity: 4, unitPrice: 10 }];
    const r = run(
      [
        promo('bogo', { kind: 'buy_x_get_y', buy: 1, get: 1 }, { priority: 5, ...s }),
        ten('ten', s),
      ],
      lines,
    );
    // 2 applications consume all 4 units: nothing left for `ten`.
    expect(r.skipped.map((x) => x.reason.code)).toEqual(['UNITS_ALREADY_DISCOUNTED']);
    const r2 = run(
      [
        promo(
          'bogo',
          { kind: 'buy_x_get_y', buy: 1, get: 1, maxApplications: 1 },
          { priority: 5, ...s },
        ),
        ten('ten', s),
      ],
      lines,
    );
    expect(byLine(r2)).toEqual({ a: '12' }); // 10 free + 10% of the two open units (20)
  });

  it('a stackable group applies members up to maxApplied', () => {
    const g = { stacking: { group: { id: 'g', mode: 'stackable' as const, maxApplied: 2 } } };
    const r = run([ten('a', g), ten('b', g), ten('c', g)]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['a', 'b']);
    expect(r.skipped[0]!.reason).toEqual({ code: 'GROUP_LIMIT_REACHED', group: 'g', limit: 2 });
  });

  it('a first-match group applies the first member that gives something', () => {
    const g = { stacking: { group: { id: 'g', mode: 'first_match' as const } } };
    const r = run([
      ten('a', { ...g, requirements: { minSpend: 1000 } }),
      ten('b', g),
      promo('c', { kind: 'amount_off', amount: 50 }, g),
    ]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['b']);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      { code: 'MIN_SPEND_NOT_MET', required: new Decimal(1000), actual: new Decimal(140) },
      { code: 'GROUP_FIRST_MATCH_TAKEN', group: 'g', by: 'b' },
    ]);
  });

  it('a best-deal group chooses the combination worth most to the member', () => {
    const g = { stacking: { group: { id: 'g', mode: 'best_deal' as const } } };
    const r = run([
      ten('a', g),
      promo('b', { kind: 'amount_off', amount: 20 }, g),
      promo('c', { kind: 'free_gift', sku: 'TOTE', value: 15 }, g),
    ]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['b']);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      { code: 'GROUP_BEST_DEAL_NOT_CHOSEN', group: 'g', chosen: ['b'] },
      { code: 'GROUP_BEST_DEAL_NOT_CHOSEN', group: 'g', chosen: ['b'] },
    ]);
    const two = run([
      ten('a', { stacking: { group: { id: 'g', mode: 'best_deal', maxApplied: 2 } } }),
      promo(
        'b',
        { kind: 'amount_off', amount: 20 },
        { stacking: { group: { id: 'g', mode: 'best_deal', maxApplied: 2 } } },
      ),
      promo(
        'c',
        { kind: 'free_gift', sku: 'TOTE', value: 15 },
        { stacking: { group: { id: 'g', mode: 'best_deal', maxApplied: 2 } } },
      ),
    ]);
    expect(two.applied.map((a) => a.promotionId)).toEqual(['b', 'c']);
    expect(two.trace.find((t) => t.event === 'GROUP')!.message).toContain('6 valid combination(s)');
  });

  it('a best-deal search includes members worth nothing alone (regression)', () => {
    // Alone, `b` gives the free zero-priced units: NO_DISCOUNT. After `a` has
    // consumed them (onePerUnit), `b` gives a paid unit free: {a, b} is worth 20.
    const g = { group: { id: 'g', mode: 'best_deal' as const, maxApplied: 2 }, onePerUnit: true };
    const lines: CartLineInput[] = [
      { id: 'z', sku: 'Z', quantity: 2, unitPrice: 0 },
      { id: 'x', sku: 'X', quantity: 3, unitPrice: 10 },
    ];
    const r = run(
      [
        promo(
          'a',
          { kind: 'buy_x_get_y', buy: 2, get: 1, pick: 'most_expensive', maxApplications: 1 },
          { stacking: g },
        ),
        promo('b', { kind: 'buy_x_get_y', buy: 1, get: 1 }, { stacking: g }),
      ],
      lines,
    );
    expect(r.applied.map((a) => `${a.promotionId} ${a.amount}`)).toEqual(['a 10', 'b 10']);
    const alone = run(
      [promo('b', { kind: 'buy_x_get_y', buy: 1, get: 1 }, { stacking: g })],
      lines,
    );
    expect(alone.skipped.map((x) => x.reason.code)).toEqual(['NO_DISCOUNT']);
  });

  it('a best-deal tie goes to fewer members, then priority order', () => {
    const g = { stacking: { group: { id: 'g', mode: 'best_deal' as const } } };
    const r = run([
      promo('z', { kind: 'amount_off', amount: 14 }, g),
      promo('y', { kind: 'amount_off', amount: 14 }, { ...g, priority: 1 }),
    ]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['y']);
  });

  it('takes coupon-derived candidates with the program promotions', () => {
    const coupon: PromotionCandidate = {
      ...zPromotion.parse(promo('coupon:ABC', { kind: 'amount_off', amount: 5 }, { priority: -1 })),
      origin: { kind: 'coupon', code: 'ABC' },
    };
    const p = program([ten('a')]);
    const r = applyPromotions(p, { lines: normalizeLines(CART), ctx: ctx(), extra: [coupon] });
    expect(r.applied.map((a) => [a.promotionId, a.amount.toString(), a.origin?.code])).toEqual([
      ['a', '14', undefined],
      ['coupon:ABC', '5', 'ABC'],
    ]);
  });

  it('refuses duplicate ids and too many extra candidates (caller errors)', () => {
    const p = program([ten('a')]);
    const dup = zPromotion.parse(ten('a'));
    expect(() =>
      applyPromotions(p, { lines: normalizeLines(CART), ctx: ctx(), extra: [dup] }),
    ).toThrow(/duplicate promotion id a/);
    const many = Array.from({ length: MAX_EXTRA_CANDIDATES + 1 }, (_v, i) =>
      zPromotion.parse(ten(`x${i}`)),
    );
    expect(() =>
      applyPromotions(p, { lines: normalizeLines(CART), ctx: ctx(), extra: many }),
    ).toThrow(/at most/);
  });
});

describe('applyPromotions: every skip reason', () => {
  const ten = (id: string, over: Partial<PromotionInput> = {}) =>
    promo(id, { kind: 'percent_off', percent: 10 }, over);
  const solo = (p: PromotionInput, c = ctx()) => run([p], CART, c, program([p]));
  const reasonOf = (r: ApplyPromotionsResult, id = 'p') =>
    r.skipped.find((s) => s.promotionId === id)?.reason;

  it.each([
    ['DISABLED', () => solo(ten('p', { enabled: false }))],
    ['NOT_STARTED', () => solo(ten('p', { window: { from: '2026-06-01T00:00:00+08:00' } }))],
    ['ENDED', () => solo(ten('p', { window: { until: '2026-05-01T00:00:00+08:00' } }))],
    ['WRONG_DATE', () => solo(ten('p', { window: { dates: ['2026-05-03'] } }))],
    ['WRONG_WEEKDAY', () => solo(ten('p', { window: { weekdays: [1, 2, 3, 4, 5] } }))],
    ['WRONG_HOUR', () => solo(ten('p', { window: { hours: [{ from: '18:00', to: '22:00' }] } }))],
    ['STORE_NOT_ELIGIBLE', () => solo(ten('p', { audience: { stores: ['s2'] } }))],
    ['CHANNEL_NOT_ELIGIBLE', () => solo(ten('p', { audience: { channels: ['online'] } }))],
    ['NO_MEMBER', () => solo(ten('p', { audience: { tiers: ['gold'] } }), ctx({ member: null }))],
    ['TIER_NOT_ELIGIBLE', () => solo(ten('p', { audience: { tiers: ['silver'] } }))],
    ['SEGMENT_NOT_ELIGIBLE', () => solo(ten('p', { audience: { segments: ['staff'] } }))],
    ['NOT_A_NEW_MEMBER', () => solo(ten('p', { audience: { newMemberWithinDays: 30 } }))],
    [
      'NOT_BIRTHDAY',
      () =>
        solo(
          ten('p', { audience: { birthday: 'day' } }),
          ctx({ member: { ...GOLD, birthday: '1990-06-01' } }),
        ),
    ],
    ['NO_APPLICABLE_ITEMS', () => solo(ten('p', { target: { skus: ['NOPE'] } }))],
    ['MIN_SPEND_NOT_MET', () => solo(ten('p', { requirements: { minSpend: 141 } }))],
    ['MIN_QUANTITY_NOT_MET', () => solo(ten('p', { requirements: { minQuantity: 7 } }))],
    [
      'NO_TIER_BENEFIT',
      () =>
        solo(promo('p', { kind: 'tier_discount' }), ctx({ member: { ...GOLD, tierId: 'silver' } })),
    ],
    [
      'UNITS_ALREADY_DISCOUNTED',
      () =>
        run([
          ten('a', { priority: 1, stacking: { onePerUnit: true } }),
          ten('p', { stacking: { onePerUnit: true } }),
        ]),
    ],
    [
      'NO_DISCOUNT',
      () => solo(promo('p', { kind: 'member_price', prices: [{ sku: 'TEA', price: 25 }] })),
    ],
    [
      'EXCLUSIVE_APPLIED',
      () => run([ten('a', { priority: 1, stacking: { exclusive: true } }), ten('p')]),
    ],
    [
      'NOT_COMBINABLE',
      () => run([ten('a', { priority: 1 }), ten('p', { stacking: { exclusive: true } })]),
    ],
    [
      'ORDER_LIMIT_REACHED',
      () => run([ten('a', { priority: 1 }), ten('p', { stacking: { orderLimit: 1 } })]),
    ],
    [
      'GROUP_LIMIT_REACHED',
      () => {
        const g = { group: { id: 'g', mode: 'stackable' as const, maxApplied: 1 } };
        return run([ten('a', { stacking: g }), ten('p', { stacking: g })]);
      },
    ],
    [
      'GROUP_FIRST_MATCH_TAKEN',
      () => {
        const g = { group: { id: 'g', mode: 'first_match' as const } };
        return run([ten('a', { stacking: g }), ten('p', { stacking: g })]);
      },
    ],
    [
      'GROUP_BEST_DEAL_NOT_CHOSEN',
      () => {
        const g = { group: { id: 'g', mode: 'best_deal' as const } };
        return run([
          promo('a', { kind: 'amount_off', amount: 30 }, { stacking: g }),
          ten('p', { stacking: g }),
        ]);
      },
    ],
    [
      'BEST_DEAL_SEARCH_LIMIT',
      () => {
        const g = { group: { id: 'g', mode: 'best_deal' as const } };
        const members = Array.from({ length: 10 }, (_v, i) => ten(`a${i}`, { stacking: g }));
        const p = program(members);
        const extra = zPromotion.parse(ten('p', { stacking: g }));
        return applyPromotions(p, { lines: normalizeLines(CART), ctx: ctx(), extra: [extra] });
      },
    ],
  ] as const)('%s', (code, make) => {
    const r = make();
    expect(reasonOf(r)?.code).toBe(code);
    expect(r.applied.some((a) => a.promotionId === 'p')).toBe(false);
  });

  it('reports requirements before stacking (what the cart lacks comes first)', () => {
    const r = run([
      ten('a', { priority: 1, stacking: { exclusive: true } }),
      ten('p', { requirements: { minSpend: 1000 } }),
    ]);
    expect(reasonOf(r)?.code).toBe('MIN_SPEND_NOT_MET');
  });

  it('spend_off and buy_x_get_y report what is missing', () => {
    const spend = solo(promo('p', { kind: 'spend_off', steps: [{ spend: 200, off: 20 }] }));
    expect(reasonOf(spend)).toEqual({
      code: 'MIN_SPEND_NOT_MET',
      required: new Decimal(200),
      actual: new Decimal(140),
    });
    const bxgy = solo(promo('p', { kind: 'buy_x_get_y', buy: 5, get: 2 }));
    expect(reasonOf(bxgy)).toEqual({
      code: 'MIN_QUANTITY_NOT_MET',
      required: new Decimal(7),
      actual: new Decimal(6),
    });
  });
});
