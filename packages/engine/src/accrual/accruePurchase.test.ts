import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { CartLineInput } from '../model/cart.js';
import { Decimal } from '../money/index.js';
import { defineProgram, type Program } from '../program/index.js';
import { accruePurchase } from './accruePurchase.js';
import type { AccrualCountersInput, AccrualResult, AccruePurchaseInput } from './types.js';

const base = { id: 'p1', version: 3, currency: 'CNY', timeZone: 'Asia/Shanghai' };
const prog = (earning: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  defineProgram({ ...base, earning, ...extra });
const withLadder = (program: Program, ladder: unknown[]): Program =>
  ({ ...program, tiers: { ladder } }) as unknown as Program;

const TEA: CartLineInput = {
  id: 'a',
  sku: 'TEA',
  categories: ['tea'],
  quantity: 2,
  unitPrice: '25.50',
};
const CUP: CartLineInput = {
  id: 'b',
  sku: 'CUP',
  categories: ['ware'],
  quantity: 1,
  unitPrice: '49.00',
};
const SHIP: CartLineInput = {
  id: 'c',
  sku: 'SHIP',
  quantity: 1,
  unitPrice: '10',
  kind: 'shipping',
};
const GIFT: CartLineInput = {
  id: 'd',
  sku: 'GC',
  quantity: 1,
  unitPrice: '100',
  kind: 'gift_card',
};

const SUNDAY = '2026-03-01T10:00:00+08:00';
const MONDAY = '2026-03-02T10:00:00+08:00';

function run(
  program: Program,
  over: {
    lines?: CartLineInput[];
    at?: string;
    member?: Partial<AccruePurchaseInput['member']>;
    counters?: AccrualCountersInput;
    storeId?: string;
    channel?: 'store' | 'online' | 'app';
    paid?: Record<string, string>;
  } = {},
): AccrualResult {
  const at = over.at ?? SUNDAY;
  return accruePurchase(program, {
    purchase: {
      orderId: 'o-1',
      occurredAt: at,
      currency: program.currency,
      storeId: over.storeId ?? 's1',
      channel: over.channel ?? 'store',
      lines: over.lines ?? [TEA, CUP, SHIP, GIFT],
    },
    member: { id: 'm1', enrolledAt: '2025-01-01T00:00:00Z', ...over.member },
    counters: over.counters,
    now: at,
    ...(over.paid ? { paid: over.paid } : {}),
  });
}
const total = (r: AccrualResult) => r.total.toString();
const traceOf = (r: AccrualResult, id: string) => r.trace.find((t) => t.ruleId === id)!;
const pointsOf = (r: AccrualResult, id: string) => {
  const t = traceOf(r, id);
  return t.fired ? t.points.toString() : `miss:${t.reason.code}`;
};

describe('base rate', () => {
  it('earns 1 point per 1.00 on products, excluding shipping and gift cards by default', () => {
    const r = run(prog());
    expect(total(r)).toBe('100'); // 51 + 49
    expect(r.awards.map((a) => [a.ruleId, a.lineId, a.points.toString()])).toEqual([
      ['base', 'a', '51'],
      ['base', 'b', '49'],
    ]);
    expect(r.programId).toBe('p1');
    expect(r.programVersion).toBe(3);
    expect(r.source).toEqual({ type: 'purchase', orderId: 'o-1' });
  });
  it('supports 10 points per 1.00 and 1 point per 10.00', () => {
    expect(total(run(prog({ rate: { points: 10, per: 1 } })))).toBe('1000');
    expect(total(run(prog({ rate: { points: 1, per: '10.00' } })))).toBe('10');
  });
  it('earns on the net of line discounts, or gross when configured', () => {
    const lines = [{ ...TEA, discount: '11.00' }];
    expect(total(run(prog(), { lines }))).toBe('40');
    expect(total(run(prog({ basis: 'gross' }), { lines }))).toBe('51');
  });
  it('applies program-wide exclusions of SKUs and categories', () => {
    expect(total(run(prog({ lines: { excludeCategories: ['ware'] } })))).toBe('51');
    expect(total(run(prog({ lines: { kinds: ['product', 'shipping'] } })))).toBe('110');
  });
  it('earns nothing below the minimum spend, and every rule says why', () => {
    const program = prog({
      minimumSpend: '100.01',
      rules: [{ id: 'x2', kind: 'multiplier', multiplier: 2 }],
    });
    const r = run(program);
    expect(total(r)).toBe('0');
    expect(r.trace.map((t) => (t.fired ? 'fired' : t.reason.code))).toEqual([
      'BELOW_MINIMUM_SPEND',
      'BELOW_MINIMUM_SPEND',
    ]);
    expect(total(run(prog({ minimumSpend: '100.00' })))).toBe('100');
  });
  it('rounds once per order by default (FLOOR, scale 0) and per line when configured', () => {
    const lines = [
      { id: 'a', sku: 'A', quantity: 1, unitPrice: '10.60' },
      { id: 'b', sku: 'B', quantity: 1, unitPrice: '10.60' },
    ];
    const order = run(prog(), { lines });
    expect(total(order)).toBe('21');
    // Running totals: line a gets floor(10.6) = 10, line b floor(21.2) - 10 = 11.
    expect(order.awards.map((a) => a.points.toString())).toEqual(['10', '11']);
    const line = run(prog({}, { rounding: { points: { step: 'line' } } }), { lines });
    expect(total(line)).toBe('20');
    const half = run(prog({}, { rounding: { points: { mode: 'HALF_UP', scale: 1 } } }), { lines });
    expect(total(half)).toBe('21.2');
  });
});

describe('rule kinds', () => {
  it('multiplier by category doubles the base points of its lines only', () => {
    const r = run(
      prog({
        rules: [{ id: 'tea', kind: 'multiplier', multiplier: 2, lines: { categories: ['tea'] } }],
      }),
    );
    expect(pointsOf(r, 'tea')).toBe('51');
    expect(total(r)).toBe('151');
  });
  it('multiplier by SKU, store, channel and tier (audience)', () => {
    const rules = [
      { id: 'sku', kind: 'multiplier', multiplier: 2, lines: { skus: ['CUP'] } },
      { id: 'store', kind: 'multiplier', multiplier: 2, audience: { stores: ['s9'] } },
      { id: 'online', kind: 'multiplier', multiplier: 2, audience: { channels: ['online'] } },
      { id: 'gold', kind: 'multiplier', multiplier: 2, audience: { tiers: ['gold'] } },
    ];
    const r = run(prog({ rules }), {
      storeId: 's9',
      channel: 'online',
      member: { tierId: 'gold' },
    });
    // every line x(1 + 1 + 1 + 1) = x4 with add, CUP x5
    expect(total(r)).toBe(String(51 * 4 + 49 * 5));
    const other = run(prog({ rules }), {
      storeId: 's1',
      channel: 'store',
      member: { tierId: 'silver' },
    });
    expect(total(other)).toBe(String(51 + 49 * 2));
  });
  it('combines multipliers by adding (x2, x3 -> x4) or multiplying (-> x6), with a maximum', () => {
    const rules = [
      { id: 'm2', kind: 'multiplier', multiplier: 2 },
      { id: 'm3', kind: 'multiplier', multiplier: 3 },
    ];
    const lines = [{ id: 'a', sku: 'A', quantity: 1, unitPrice: '10' }];
    expect(total(run(prog({ rules }), { lines }))).toBe('40');
    expect(total(run(prog({ rules, combine: 'multiply' }), { lines }))).toBe('60');
    const capped = run(prog({ rules, combine: 'multiply', maxMultiplier: 5 }), { lines });
    expect(total(capped)).toBe('50');
    // Ties broken by priority then id: m2 (id order) first: 10 -> +10, then m3 clipped to +30.
    expect(pointsOf(capped, 'm2')).toBe('10');
    expect(pointsOf(capped, 'm3')).toBe('30');
    const prioritised = run(
      prog({
        rules: [
          { ...rules[0], priority: 0 },
          { ...rules[1], priority: 5 },
        ],
        combine: 'multiply',
        maxMultiplier: 5,
      }),
      { lines },
    );
    expect(pointsOf(prioritised, 'm3')).toBe('20');
    expect(pointsOf(prioritised, 'm2')).toBe('20');
  });
  it('applies the tier ladder benefit as a multiplier named tier:<id>', () => {
    const program = withLadder(prog({ rules: [{ id: 'm2', kind: 'multiplier', multiplier: 2 }] }), [
      { id: 'silver', benefits: {} },
      { id: 'gold', benefits: { pointsMultiplier: new Decimal('1.5') } },
    ]);
    const lines = [{ id: 'a', sku: 'A', quantity: 1, unitPrice: '100' }];
    const gold = run(program, { lines, member: { tierId: 'gold' } });
    expect(total(gold)).toBe('250'); // 1 + 1 + 0.5
    expect(pointsOf(gold, 'tier:gold')).toBe('50');
    expect(gold.trace.some((t) => t.ruleId === 'tier:silver')).toBe(false);
    expect(total(run(program, { lines, member: { tierId: 'silver' } }))).toBe('200');
    // A missing or malformed ladder gives no tier multiplier.
    expect(
      total(
        run(withLadder(prog(), [{ id: 'gold', benefits: { pointsMultiplier: 'x' } }]), {
          lines,
          member: { tierId: 'gold' },
        }),
      ),
    ).toBe('100');
  });
  it('reads pointsMultiplier from a ladder parsed by the tiers schema', () => {
    const program = prog(
      {},
      {
        tiers: {
          ladder: [
            { id: 'base', name: 'Base' },
            {
              id: 'gold',
              name: 'Gold',
              entry: { spend: '1000' },
              benefits: { pointsMultiplier: '2' },
            },
          ],
        },
      },
    );
    const r = run(program, { member: { tierId: 'gold' } });
    expect(total(r)).toBe('200');
    expect(pointsOf(r, 'tier:gold')).toBe('100');
  });
  it('lineBonus gives points per unit or per line', () => {
    const r = run(
      prog({
        rules: [
          { id: 'unit', kind: 'lineBonus', points: 5, lines: { skus: ['TEA'] } },
          { id: 'line', kind: 'lineBonus', points: 7, per: 'line' },
        ],
      }),
    );
    expect(pointsOf(r, 'unit')).toBe('10');
    expect(pointsOf(r, 'line')).toBe('14');
  });
  it('orderBonus gives fixed points once, e.g. on the birthday month', () => {
    const rules = [{ id: 'bday', kind: 'orderBonus', points: 88, audience: { birthday: 'month' } }];
    expect(pointsOf(run(prog({ rules }), { member: { birthday: '1990-03-20' } }), 'bday')).toBe(
      '88',
    );
    expect(pointsOf(run(prog({ rules }), { member: { birthday: '1990-04-20' } }), 'bday')).toBe(
      'miss:NOT_IN_AUDIENCE',
    );
  });
  it('firstPurchase and nthPurchase read the purchase count', () => {
    const rules = [
      { id: 'first', kind: 'firstPurchase', points: 100 },
      { id: 'third', kind: 'nthPurchase', n: 3, points: 30 },
      { id: 'every5', kind: 'nthPurchase', n: 5, repeat: true, points: 50 },
    ];
    const at = (n: number) => run(prog({ rules }), { counters: { purchasesBefore: n } });
    expect([pointsOf(at(0), 'first'), pointsOf(at(0), 'third')]).toEqual([
      '100',
      'miss:NOT_NTH_PURCHASE',
    ]);
    expect([pointsOf(at(2), 'first'), pointsOf(at(2), 'third')]).toEqual([
      'miss:NOT_FIRST_PURCHASE',
      '30',
    ]);
    expect([
      pointsOf(at(4), 'every5'),
      pointsOf(at(9), 'every5'),
      pointsOf(at(10), 'every5'),
    ]).toEqual(['50', '50', 'miss:NOT_NTH_PURCHASE']);
  });
  it('spendThreshold gives the highest step reached; spendEvery repeats', () => {
    const rules = [
      {
        id: 'steps',
        kind: 'spendThreshold',
        steps: [
          { spend: 50, points: 5 },
          { spend: 100, points: 20 },
          { spend: 200, points: 50 },
        ],
      },
      { id: 'every', kind: 'spendEvery', every: 30, points: 3 },
      { id: 'every-max', kind: 'spendEvery', every: 30, points: 3, maxTimes: 2 },
    ];
    const r = run(prog({ rules }));
    expect([pointsOf(r, 'steps'), pointsOf(r, 'every'), pointsOf(r, 'every-max')]).toEqual([
      '20',
      '9',
      '6',
    ]);
  });
  it('combined gives a bonus when every group is in the basket', () => {
    const rules = [
      {
        id: 'pair',
        kind: 'combined',
        points: 25,
        groups: [
          { lines: { categories: ['tea'] }, minQuantity: 2 },
          { lines: { categories: ['ware'] }, minSpend: 40 },
        ],
      },
    ];
    expect(pointsOf(run(prog({ rules })), 'pair')).toBe('25');
    expect(pointsOf(run(prog({ rules }), { lines: [TEA] }), 'pair')).toBe(
      'miss:COMBINATION_INCOMPLETE',
    );
  });
  it('time windows read the program time zone (double points weekend, happy hour)', () => {
    const rules = [
      { id: 'weekend', kind: 'multiplier', multiplier: 2, when: { weekdays: [6, 7] } },
      {
        id: 'happy',
        kind: 'orderBonus',
        points: 10,
        when: { hours: [{ from: '09:00', to: '11:00' }] },
      },
    ];
    const sunday = run(prog({ rules }));
    expect([pointsOf(sunday, 'weekend'), pointsOf(sunday, 'happy')]).toEqual(['100', '10']);
    const monday = run(prog({ rules }), { at: '2026-03-02T12:00:00+08:00' });
    expect(traceOf(monday, 'weekend')).toMatchObject({
      fired: false,
      reason: { code: 'OUTSIDE_WINDOW', miss: 'WRONG_WEEKDAY' },
    });
    expect(traceOf(monday, 'happy')).toMatchObject({
      fired: false,
      reason: { code: 'OUTSIDE_WINDOW', miss: 'WRONG_HOUR' },
    });
  });
});

describe('reason codes', () => {
  const P = (rules: unknown[], more: Record<string, unknown> = {}) => prog({ rules, ...more });
  it.each<[string, () => AccrualResult, string, string]>([
    [
      'BELOW_MINIMUM_SPEND (program)',
      () => run(P([], { minimumSpend: 1000 })),
      'base',
      'BELOW_MINIMUM_SPEND',
    ],
    [
      'BELOW_MINIMUM_SPEND (rule)',
      () => run(P([{ id: 'r', kind: 'orderBonus', points: 1, minSpend: 500 }])),
      'r',
      'BELOW_MINIMUM_SPEND',
    ],
    [
      'OUTSIDE_WINDOW',
      () =>
        run(
          P([{ id: 'r', kind: 'orderBonus', points: 1, when: { from: '2027-01-01T00:00:00Z' } }]),
        ),
      'r',
      'OUTSIDE_WINDOW',
    ],
    [
      'NOT_IN_AUDIENCE',
      () => run(P([{ id: 'r', kind: 'orderBonus', points: 1, audience: { stores: ['s2'] } }])),
      'r',
      'NOT_IN_AUDIENCE',
    ],
    [
      'NO_ELIGIBLE_LINES',
      () => run(P([{ id: 'r', kind: 'orderBonus', points: 1, lines: { skus: ['NONE'] } }])),
      'r',
      'NO_ELIGIBLE_LINES',
    ],
    ['NO_ELIGIBLE_LINES (base)', () => run(P([]), { lines: [SHIP] }), 'base', 'NO_ELIGIBLE_LINES'],
    [
      'THRESHOLD_NOT_REACHED',
      () => run(P([{ id: 'r', kind: 'spendThreshold', steps: [{ spend: 500, points: 1 }] }])),
      'r',
      'THRESHOLD_NOT_REACHED',
    ],
    [
      'NOT_FIRST_PURCHASE',
      () =>
        run(P([{ id: 'r', kind: 'firstPurchase', points: 1 }]), {
          counters: { purchasesBefore: 1 },
        }),
      'r',
      'NOT_FIRST_PURCHASE',
    ],
    [
      'NOT_NTH_PURCHASE',
      () =>
        run(P([{ id: 'r', kind: 'nthPurchase', n: 2, points: 1 }]), {
          counters: { purchasesBefore: 0 },
        }),
      'r',
      'NOT_NTH_PURCHASE',
    ],
    [
      'COMBINATION_INCOMPLETE',
      () =>
        run(
          P([
            {
              id: 'r',
              kind: 'combined',
              points: 1,
              groups: [{ lines: { skus: ['TEA'] } }, { lines: { skus: ['X'] } }],
            },
          ]),
        ),
      'r',
      'COMBINATION_INCOMPLETE',
    ],
    [
      'MAX_MULTIPLIER_REACHED',
      () =>
        run(
          P(
            [
              { id: 'a', kind: 'multiplier', multiplier: 2 },
              { id: 'b', kind: 'multiplier', multiplier: 2 },
            ],
            { maxMultiplier: 2 },
          ),
        ),
      'b',
      'MAX_MULTIPLIER_REACHED',
    ],
    ['NO_POINTS', () => run(P([{ id: 'r', kind: 'orderBonus', points: 0 }])), 'r', 'NO_POINTS'],
    [
      'CAP_REACHED',
      () => run(P([{ id: 'r', kind: 'orderBonus', points: 5 }], { caps: { perTransaction: 100 } })),
      'r',
      'CAP_REACHED',
    ],
    [
      'BUDGET_EXHAUSTED',
      () =>
        run(
          P([{ id: 'r', kind: 'orderBonus', points: 5, campaign: 'c' }], {
            campaigns: [{ id: 'c', budget: 10 }],
          }),
          { counters: { campaigns: { c: 10 } } },
        ),
      'r',
      'BUDGET_EXHAUSTED',
    ],
    [
      'WRONG_EVENT is for events only: purchase rules never report it',
      () => run(P([{ id: 'e', kind: 'review', points: 5 }])),
      'base',
      'FIRED',
    ],
  ])('%s', (_name, make, ruleId, code) => {
    const t = traceOf(make(), ruleId);
    expect(t.fired ? 'FIRED' : t.reason.code).toBe(code);
  });
  it('traces purchase rules only, base first, then by priority desc and id', () => {
    const r = run(
      P([
        { id: 'z', kind: 'orderBonus', points: 1, priority: 1 },
        { id: 'b', kind: 'orderBonus', points: 1 },
        { id: 'a', kind: 'orderBonus', points: 1 },
        { id: 'e', kind: 'review', points: 5 },
      ]),
    );
    expect(r.trace.map((t) => t.ruleId)).toEqual(['base', 'z', 'a', 'b']);
  });
});

describe('caps and budgets', () => {
  const bonus = (id: string, points: number, more: Record<string, unknown> = {}) => ({
    id,
    kind: 'orderBonus',
    points,
    ...more,
  });
  it('caps per transaction, clipping in evaluation order', () => {
    const r = run(prog({ caps: { perTransaction: 120 }, rules: [bonus('a', 15), bonus('b', 15)] }));
    expect(total(r)).toBe('120');
    expect(pointsOf(r, 'a')).toBe('15');
    expect(traceOf(r, 'b')).toMatchObject({
      fired: true,
      capped: [{ code: 'CAP_REACHED', scope: 'transaction' }],
    });
    expect(pointsOf(r, 'b')).toBe('5');
  });
  it('caps per member per local day and month, counting only counters of the same period', () => {
    const program = prog({ caps: { perMemberPerDay: 150, perMemberPerMonth: 1000 } });
    const today = run(program, { counters: { memberDay: { date: '2026-03-01', points: 90 } } });
    expect(total(today)).toBe('60');
    expect(today.increments.memberDay).toEqual({ date: '2026-03-01', points: new Decimal(60) });
    const yesterday = run(program, { counters: { memberDay: { date: '2026-02-28', points: 90 } } });
    expect(total(yesterday)).toBe('100');
    const month = run(program, { counters: { memberMonth: { month: '2026-03', points: 950 } } });
    expect(traceOf(month, 'base')).toMatchObject({ capped: [{ scope: 'memberMonth' }] });
    expect(total(month)).toBe('50');
  });
  it('caps per rule: per transaction, per member and in total', () => {
    const rules = [
      { id: 'u', kind: 'lineBonus', points: 10, caps: { perTransaction: 15 } },
      { id: 'm', kind: 'orderBonus', points: 10, caps: { perMember: 25 } },
      { id: 't', kind: 'orderBonus', points: 10, caps: { total: 1000 } },
    ];
    const r = run(prog({ rules }), {
      counters: { rules: { m: { member: 20 }, t: { total: 996 } } },
    });
    expect([pointsOf(r, 'u'), pointsOf(r, 'm'), pointsOf(r, 't')]).toEqual(['15', '5', '4']);
    expect(r.increments.rules).toEqual([
      { ruleId: 'm', points: new Decimal(5) },
      { ruleId: 't', points: new Decimal(4) },
      { ruleId: 'u', points: new Decimal(15) },
    ]);
  });
  it('a campaign budget gives the remainder, or nothing, as configured', () => {
    const rules = (mode: string) => ({
      campaigns: [{ id: 'spring', budget: 10_000, whenExhausted: mode }],
      rules: [bonus('x', 50, { campaign: 'spring' }), bonus('y', 50, { campaign: 'spring' })],
    });
    const counters = { campaigns: { spring: 9_930 } };
    const rem = run(prog(rules('remainder')), { counters });
    expect([pointsOf(rem, 'x'), pointsOf(rem, 'y')]).toEqual(['50', '20']);
    expect(rem.increments.campaigns).toEqual([{ campaignId: 'spring', points: new Decimal(70) }]);
    const nothing = run(prog(rules('nothing')), { counters });
    expect([pointsOf(nothing, 'x'), pointsOf(nothing, 'y')]).toEqual([
      '50',
      'miss:BUDGET_EXHAUSTED',
    ]);
  });
  it('requires the counters the program reads, naming each missing one', () => {
    const program = prog({
      campaigns: [{ id: 'c', budget: 10 }],
      rules: [
        bonus('m', 1, { caps: { perMember: 5, total: 9 }, campaign: 'c' }),
        { id: 'f', kind: 'firstPurchase', points: 1 },
      ],
    });
    try {
      run(program);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues.map((i) => i.path.join('.'))).toEqual([
        'counters.purchasesBefore',
        'counters.rules.m.member',
        'counters.rules.m.total',
        'counters.campaigns.c',
      ]);
    }
  });
});

describe('exact points of multipliers after a limited one', () => {
  // A multiplier cut by its own cap or campaign budget under a maximum is
  // limited to what it is granted on each line; the multipliers after it on
  // that line must earn exactly what is left, not base x (after - before)
  // from a running multiplier moved by cap / base (11 / 10.5 is not exact at
  // 40 digits): 9.999...996 floored to 9, 8.000...001 raised to 9.
  const capped = (cap: number, points: Record<string, unknown> = {}) =>
    prog(
      {
        combine: 'add',
        maxMultiplier: 3,
        rules: [
          { id: 'r1', kind: 'multiplier', multiplier: 3, caps: { perTransaction: cap } },
          { id: 'r2', kind: 'multiplier', multiplier: 3 },
        ],
      },
      { rounding: { points: { mode: 'FLOOR', scale: 0, step: 'line', ...points } } },
    );
  const lines = [{ id: 'a', sku: 'A', quantity: 1, unitPrice: '10.5' }];
  const given = (r: AccrualResult) => r.awards.map((a) => `${a.ruleId} ${a.points}`);
  const computed = (r: AccrualResult, id: string) => {
    const t = traceOf(r, id);
    return t.fired ? t.computed.toString() : `miss:${t.reason.code}`;
  };
  it('FLOOR keeps an award that is exactly on the grid (10, not 9)', () => {
    const r = run(capped(11), { lines });
    // 10.5 x 3 = 31.5 in all; r1 is limited to 11, r2 earns 31.5 - 10.5 - 11.
    expect(given(r)).toEqual(['base 10', 'r1 11', 'r2 10']);
    expect([computed(r, 'r1'), computed(r, 'r2')]).toEqual(['11', '10']);
    expect(traceOf(r, 'r1')).toMatchObject({
      capped: [{ code: 'CAP_REACHED', scope: 'rulePerTransaction' }],
    });
    expect(total(r)).toBe('31');
  });
  it('CEILING does not raise an award that is exactly on the grid (8, not 9)', () => {
    const r = run(capped(13, { mode: 'CEILING' }), { lines });
    expect(given(r)).toEqual(['base 11', 'r1 13', 'r2 8']);
    expect(computed(r, 'r2')).toBe('8');
  });
  it('the order rounds the exact sum (31.5 at one decimal, not 31.4)', () => {
    const r = run(capped(11, { scale: 1, step: 'order' }), { lines });
    expect(total(r)).toBe('31.5');
    expect(computed(r, 'r2')).toBe('10');
  });
  it('a tier multiplier after a budget-limited multiplier earns its exact value (15.025)', () => {
    const program = withLadder(
      prog(
        {
          rate: { points: 1, per: 10 },
          combine: 'multiply',
          maxMultiplier: 3,
          campaigns: [{ id: 'c', budget: 20 }],
          rules: [{ id: 'r1', kind: 'multiplier', multiplier: 3, campaign: 'c' }],
        },
        { rounding: { points: { mode: 'FLOOR', scale: 3, step: 'line' } } },
      ),
      [{ id: 'gold', benefits: { pointsMultiplier: new Decimal('1.5') } }],
    );
    const r = run(program, {
      lines: [{ id: 'a', sku: 'A', quantity: 1, unitPrice: '160.5' }],
      member: { tierId: 'gold' },
      counters: { campaigns: { c: 6 } },
    });
    // Base 16.05; r1 (x3) is limited to the budget's 14 left: 30.05 so far;
    // the tier (x1.5) adds 30.05 x 0.5 = 15.025, under the maximum (48.15).
    expect(given(r)).toEqual(['base 16.05', 'r1 14', 'tier:gold 15.025']);
    expect(computed(r, 'tier:gold')).toBe('15.025');
    expect(total(r)).toBe('45.075');
  });
  it('a maximum reached after a limited multiplier leaves exactly base x max in all', () => {
    const program = withLadder(
      prog(
        {
          combine: 'multiply',
          maxMultiplier: 3,
          rules: [{ id: 'r1', kind: 'multiplier', multiplier: 3, caps: { perTransaction: 13 } }],
        },
        { rounding: { points: { mode: 'FLOOR', scale: 0, step: 'line' } } },
      ),
      [{ id: 'gold', benefits: { pointsMultiplier: new Decimal(2) } }],
    );
    const r = run(program, { lines, member: { tierId: 'gold' } });
    // 23.5 x 2 = 47 is clipped at 10.5 x 3 = 31.5: the tier earns 31.5 - 23.5.
    expect(given(r)).toEqual(['base 10', 'r1 13', 'tier:gold 8']);
    expect(computed(r, 'tier:gold')).toBe('8');
  });
  it('a multiplier limited to nothing reports its cap or budget, as without a maximum', () => {
    for (const r1 of [{ campaign: 'c' }, { caps: { perMember: 20 } }]) {
      const reasons = [undefined, 3].map((maxMultiplier) => {
        const program = prog({
          ...(maxMultiplier ? { maxMultiplier } : {}),
          campaigns: [{ id: 'c', budget: 10 }],
          rules: [
            { id: 'r1', kind: 'multiplier', multiplier: 3, ...r1 },
            { id: 'r2', kind: 'multiplier', multiplier: 3 },
          ],
        });
        const r = run(program, {
          lines: [{ id: 'a', sku: 'A', quantity: 1, unitPrice: '10' }],
          counters: { campaigns: { c: 10 }, rules: { r1: { member: 20 } } },
        });
        // r1's room is used up: r2 takes the headroom (10 + 20 in all).
        expect(total(r)).toBe('30');
        return traceOf(r, 'r1');
      });
      expect(reasons[1]).toEqual(reasons[0]);
      expect(reasons[1]).toMatchObject({
        fired: false,
        reason: { code: 'campaign' in r1 ? 'BUDGET_EXHAUSTED' : 'CAP_REACHED' },
      });
    }
  });
});

describe('time zones and birthdays', () => {
  const ny = (rules: unknown[]) =>
    defineProgram({ ...base, currency: 'USD', timeZone: 'America/New_York', earning: { rules } });
  const london = (rules: unknown[]) =>
    defineProgram({ ...base, currency: 'GBP', timeZone: 'Europe/London', earning: { rules } });
  const happy = [
    { id: 'h', kind: 'orderBonus', points: 10, when: { hours: [{ from: '01:00', to: '03:00' }] } },
  ];
  const lines = [{ id: 'a', sku: 'A', quantity: 1, unitPrice: '1' }];
  it.each([
    // New York spring forward 2026-03-08 02:00 -> 03:00: 01:30 EST is inside, 03:30 EDT is outside.
    ['ny', '2026-03-08T01:30:00-05:00', '10'],
    ['ny', '2026-03-08T03:30:00-04:00', 'miss:OUTSIDE_WINDOW'],
    // Fall back 2026-11-01 02:00 -> 01:00: both 01:30 EDT and 01:30 EST are inside.
    ['ny', '2026-11-01T01:30:00-04:00', '10'],
    ['ny', '2026-11-01T01:30:00-05:00', '10'],
    // London spring forward 2026-03-29 01:00 -> 02:00: 00:59 GMT outside, 02:30 BST inside.
    ['london', '2026-03-29T00:59:00+00:00', 'miss:OUTSIDE_WINDOW'],
    ['london', '2026-03-29T02:30:00+01:00', '10'],
    ['london', '2026-10-25T01:30:00+00:00', '10'],
  ])('%s at %s -> %s', (zone, at, expected) => {
    const program = zone === 'ny' ? ny(happy) : london(happy);
    expect(pointsOf(run(program, { lines, at }), 'h')).toBe(expected);
  });
  it('counts the local day of a purchase just after midnight across DST for day caps', () => {
    const program = defineProgram({
      ...base,
      currency: 'USD',
      timeZone: 'America/New_York',
      earning: { caps: { perMemberPerDay: 5 } },
    });
    const r = run(program, { lines, at: '2026-03-08T04:30:00Z' }); // 23:30 EST on 7 March
    expect(r.increments.memberDay.date).toBe('2026-03-07');
  });
  it.each([
    ['2028-02-29T12:00:00+08:00', 'day', '8'],
    ['2027-02-28T12:00:00+08:00', 'day', '8'],
    ['2027-03-01T12:00:00+08:00', 'day', 'miss:NOT_IN_AUDIENCE'],
    ['2028-02-28T12:00:00+08:00', 'day', 'miss:NOT_IN_AUDIENCE'],
    ['2027-02-22T12:00:00+08:00', 'week', '8'], // Monday of the week holding 28 Feb 2027
    ['2027-03-01T12:00:00+08:00', 'week', 'miss:NOT_IN_AUDIENCE'],
    ['2027-02-01T12:00:00+08:00', 'month', '8'],
  ])('a 29 February birthday at %s (%s scope) -> %s', (at, scope, expected) => {
    const program = prog({
      rules: [{ id: 'b', kind: 'orderBonus', points: 8, audience: { birthday: scope } }],
    });
    expect(pointsOf(run(program, { at, member: { birthday: '2000-02-29' } }), 'b')).toBe(expected);
  });
});

describe('paid amounts (checkout quote)', () => {
  it('earns on what is actually paid per line, thresholds included', () => {
    const program = prog({
      rules: [{ id: 't', kind: 'spendThreshold', steps: [{ spend: 90, points: 9 }] }],
    });
    const r = run(program, { paid: { a: '30.00' } });
    expect(total(r)).toBe('79'); // 30 + 49, threshold 90 not reached
    expect(pointsOf(r, 't')).toBe('miss:THRESHOLD_NOT_REACHED');
  });
  it.each([
    [{ z: '1' }, 'paid.z'],
    [{ a: '51.01' }, 'paid.a'],
    [{ a: '-1' }, 'paid.a'],
    [{ a: 'x' }, 'paid.a'],
  ])('refuses paid %j', (paid, path) => {
    expect(() => run(prog(), { paid })).toThrowError(InputError);
    try {
      run(prog(), { paid });
    } catch (e) {
      expect((e as InputError).issues[0]!.path.join('.')).toBe(path);
    }
  });
});

describe('bad input', () => {
  const good = (): AccruePurchaseInput => ({
    purchase: { orderId: 'o', occurredAt: SUNDAY, currency: 'CNY', lines: [TEA] },
    member: { id: 'm', enrolledAt: '2025-01-01T00:00:00Z' },
    now: SUNDAY,
  });
  it.each<[string, (i: AccruePurchaseInput) => AccruePurchaseInput, string]>([
    [
      'negative quantity',
      (i) => ({ ...i, purchase: { ...i.purchase, lines: [{ ...TEA, quantity: -1 }] } }),
      'purchase.lines.0.quantity',
    ],
    [
      'no order id',
      (i) => ({ ...i, purchase: { ...i.purchase, orderId: '' } }),
      'purchase.orderId',
    ],
    [
      'unknown channel',
      (i) => ({ ...i, purchase: { ...i.purchase, channel: 'fax' as 'store' } }),
      'purchase.channel',
    ],
    [
      'bare local time',
      (i) => ({ ...i, purchase: { ...i.purchase, occurredAt: '2026-03-01T10:00:00' } }),
      'purchase.occurredAt',
    ],
    [
      'dated in the future',
      (i) => ({ ...i, purchase: { ...i.purchase, occurredAt: MONDAY } }),
      'purchase.occurredAt',
    ],
    ['bad member', (i) => ({ ...i, member: { id: '', enrolledAt: SUNDAY } }), 'member.id'],
    [
      'bad counter',
      (i) => ({ ...i, counters: { purchasesBefore: -1 } }),
      'counters.purchasesBefore',
    ],
    [
      '501 lines',
      (i) => ({
        ...i,
        purchase: {
          ...i.purchase,
          lines: Array.from({ length: 501 }, (_, k) => ({ ...TEA, id: String(k) })),
        },
      }),
      'purchase.lines',
    ],
  ])('%s throws InputError at its path', (_name, mutate, path) => {
    try {
      accruePurchase(prog(), mutate(good()));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]!.path.join('.')).toBe(path);
    }
  });
  it('accepts a purchase dated within the clock skew allowance', () => {
    expect(() =>
      accruePurchase(prog(), { ...good(), now: '2026-03-01T09:56:00+08:00' }),
    ).not.toThrow();
  });
  it('asserts the purchase currency is the program currency (programmer error)', () => {
    expect(() =>
      accruePurchase(prog(), { ...good(), purchase: { ...good().purchase, currency: 'USD' } }),
    ).toThrowError(TypeError);
  });
});
