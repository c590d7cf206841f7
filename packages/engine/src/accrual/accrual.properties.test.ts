import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CartLineInput } from '../model/cart.js';
import { Decimal, max, round, sum, ZERO } from '../money/index.js';
import { defineProgram, type Program } from '../program/index.js';
import { accruePurchase } from './accruePurchase.js';
import type { AccrualCountersInput, AccrualResult } from './types.js';

/*
 * Laws of accrual (docs/invariants.md, section Accrual). Programs, carts and
 * counters are random; each law states its precondition as the generator's
 * constraints.
 */

type Kind =
  | 'multiplier'
  | 'lineBonus'
  | 'orderBonus'
  | 'firstPurchase'
  | 'nthPurchase'
  | 'spendThreshold'
  | 'spendEvery'
  | 'combined';
const ALL_KINDS: Kind[] = [
  'multiplier',
  'lineBonus',
  'orderBonus',
  'firstPurchase',
  'nthPurchase',
  'spendThreshold',
  'spendEvery',
  'combined',
];
type Mode = 'FLOOR' | 'DOWN' | 'CEILING' | 'UP' | 'HALF_EVEN' | 'HALF_UP' | 'HALF_DOWN';
const ALL_MODES: Mode[] = ['FLOOR', 'DOWN', 'CEILING', 'UP', 'HALF_EVEN', 'HALF_UP', 'HALF_DOWN'];

interface Constraints {
  readonly kinds: readonly Kind[];
  /** Allow campaigns with `whenExhausted: 'nothing'`. */
  readonly nothing: boolean;
  /** Allow per-transaction caps (program and rule). */
  readonly transactionCaps: boolean;
  /** Allow `maxTimes` on spendEvery. */
  readonly maxTimes: boolean;
  readonly modes: readonly Mode[];
  /** Allow `earning.maxMultiplier`. */
  readonly maxMultiplier: boolean;
  /**
   * With `maxMultiplier`, allow multiplier rules with their own caps or a
   * campaign (their cut room is given to lines greedily, in line order: a
   * known limitation of the split and growth laws, docs/engine/accrual.md).
   */
  readonly cappedMultipliersUnderMax: boolean;
}
const ANY: Constraints = {
  kinds: ALL_KINDS,
  nothing: true,
  transactionCaps: true,
  maxTimes: true,
  modes: ALL_MODES,
  maxMultiplier: true,
  cappedMultipliersUnderMax: true,
};

const SKUS = ['A', 'B', 'C', 'D'];
const CATS = ['x', 'y', 'z'];
const AT = ['2026-03-01T10:00:00+08:00', '2026-03-02T23:30:00+08:00', '2026-03-07T08:15:00+08:00'];

const points = fc.constantFrom('0', '1', '2.5', '5', '10', '33');
const filter = fc.option(
  fc.oneof(
    fc.record({ categories: fc.subarray(CATS, { minLength: 1 }) }),
    fc.record({ skus: fc.subarray(SKUS, { minLength: 1 }) }),
    fc.record({ excludeSkus: fc.subarray(SKUS, { minLength: 1 }) }),
  ),
  { nil: undefined },
);
const capValue = fc.constantFrom(0, 5, 20, 100, 1000);

function ruleArb(c: Constraints, id: string): fc.Arbitrary<Record<string, unknown>> {
  const common = fc.record(
    {
      priority: fc.integer({ min: -2, max: 2 }),
      lines: filter,
      minSpend: fc.constantFrom(undefined, '0', '50'),
      when: fc.constantFrom(
        undefined,
        { weekdays: [7] },
        { hours: [{ from: '08:00', to: '12:00' }] },
      ),
      audience: fc.constantFrom(undefined, { channels: ['store'] }, { tiers: ['gold'] }),
      caps: fc.option(
        fc.record(
          {
            ...(c.transactionCaps ? { perTransaction: capValue } : {}),
            perMember: capValue,
            total: capValue,
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
      campaign: fc.constantFrom(undefined, 'c1', 'c2'),
    },
    { requiredKeys: [] },
  );
  const specific = fc
    .constantFrom(...c.kinds)
    .chain((kind): fc.Arbitrary<Record<string, unknown>> => {
      switch (kind) {
        case 'multiplier':
          return fc.record({
            kind: fc.constant(kind),
            multiplier: fc.constantFrom('1', '1.5', '2', '3'),
          });
        case 'lineBonus':
          return fc.record({
            kind: fc.constant(kind),
            points,
            per: fc.constantFrom('unit', 'line'),
          });
        case 'orderBonus':
        case 'firstPurchase':
          return fc.record({ kind: fc.constant(kind), points });
        case 'nthPurchase':
          return fc.record({
            kind: fc.constant(kind),
            points,
            n: fc.integer({ min: 1, max: 4 }),
            repeat: fc.boolean(),
          });
        case 'spendThreshold':
          return fc.record({
            kind: fc.constant(kind),
            steps: fc.constantFrom(
              [{ spend: 30, points: 3 }],
              [
                { spend: 50, points: 5 },
                { spend: 150, points: 30 },
              ],
            ),
          });
        case 'spendEvery':
          return fc.record(
            {
              kind: fc.constant(kind),
              every: fc.constantFrom('10', '25.5', '100'),
              points,
              ...(c.maxTimes ? { maxTimes: fc.integer({ min: 1, max: 3 }) } : {}),
            },
            { requiredKeys: ['kind', 'every', 'points'] },
          );
        case 'combined':
          return fc.record({
            kind: fc.constant(kind),
            points,
            groups: fc.constant([
              { lines: { categories: ['x'] } },
              { lines: { categories: ['y'] }, minQuantity: '2' },
            ]),
          });
      }
    });
  return fc.tuple(common, specific).map(([a, b]) => ({ id, ...a, ...b }));
}

/** A multiplier rule without its own caps or campaign; other rules as they are. */
function uncappedMultiplier(rule: Record<string, unknown>): Record<string, unknown> {
  if (rule.kind !== 'multiplier') return rule;
  const { caps: _caps, campaign: _campaign, ...rest } = rule;
  return rest;
}

function programArb(c: Constraints): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      ruleCount: fc.integer({ min: 0, max: 6 }),
      rate: fc.constantFrom(
        { points: 1, per: 1 },
        { points: 10, per: 1 },
        { points: 1, per: 10 },
        { points: '2.5', per: 1 },
      ),
      combine: fc.constantFrom('add', 'multiply'),
      maxMultiplier: c.maxMultiplier
        ? fc.constantFrom(undefined, '3', '5')
        : fc.constant(undefined),
      minimumSpend: fc.constantFrom('0', '20'),
      caps: fc.record(
        {
          ...(c.transactionCaps ? { perTransaction: capValue } : {}),
          perMemberPerDay: capValue,
          perMemberPerMonth: capValue,
        },
        { requiredKeys: [] },
      ),
      budgets: fc.tuple(capValue, capValue),
      exhausted: fc.tuple(
        fc.constantFrom(...(c.nothing ? ['remainder', 'nothing'] : ['remainder'])),
        fc.constantFrom(...(c.nothing ? ['remainder', 'nothing'] : ['remainder'])),
      ),
      rounding: fc.record({
        mode: fc.constantFrom(...c.modes),
        scale: fc.constantFrom(0, 0, 1, 2),
        step: fc.constantFrom('order', 'line'),
      }),
      tierMultiplier: fc.constantFrom(undefined, '1.5', '2'),
    })
    .chain((p) =>
      fc
        .tuple(...Array.from({ length: p.ruleCount }, (_, i) => ruleArb(c, `r${i}`)))
        .map((rules) =>
          p.maxMultiplier && !c.cappedMultipliersUnderMax ? rules.map(uncappedMultiplier) : rules,
        )
        .map((rules) => ({
          id: 'prop',
          version: 1,
          currency: 'CNY',
          timeZone: 'Asia/Shanghai',
          rounding: { points: p.rounding },
          earning: {
            rate: p.rate,
            combine: p.combine,
            ...(p.maxMultiplier ? { maxMultiplier: p.maxMultiplier } : {}),
            minimumSpend: p.minimumSpend,
            caps: p.caps,
            campaigns: [
              { id: 'c1', budget: p.budgets[0], whenExhausted: p.exhausted[0] },
              { id: 'c2', budget: p.budgets[1], whenExhausted: p.exhausted[1] },
            ],
            rules,
          },
          tierMultiplier: p.tierMultiplier,
        })),
    );
}

function build(input: Record<string, unknown>): Program {
  const { tierMultiplier, ...json } = input as { tierMultiplier?: string };
  const program = defineProgram(json);
  if (!tierMultiplier) return program;
  return {
    ...program,
    tiers: {
      ...program.tiers,
      ladder: [{ id: 'gold', benefits: { pointsMultiplier: new Decimal(tierMultiplier) } }],
    },
  } as Program;
}

const lineArb = fc.record({
  sku: fc.constantFrom(...SKUS),
  categories: fc.subarray(CATS),
  quantity: fc.constantFrom(1, 2, 3, '0.5', '1.25'),
  cents: fc.integer({ min: 0, max: 20_000 }),
  discountShare: fc.constantFrom(0, 0, 0.1, 0.5),
  kind: fc.constantFrom('product', 'product', 'product', 'service', 'shipping', 'gift_card'),
});
type LineSpec = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;
function toLines(specs: readonly LineSpec[]): CartLineInput[] {
  return specs.map((s, i) => {
    const unitPrice = new Decimal(s.cents).div(100);
    const gross = unitPrice.times(s.quantity);
    return {
      id: `L${i}`,
      sku: s.sku,
      categories: s.categories,
      quantity: s.quantity,
      unitPrice: unitPrice.toString(),
      discount: round(gross.times(s.discountShare), 2, 'FLOOR').toString(),
      kind: s.kind as CartLineInput['kind'],
    };
  });
}
const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 6 });

const countersArb: fc.Arbitrary<AccrualCountersInput> = fc.record({
  purchasesBefore: fc.integer({ min: 0, max: 9 }),
  memberDay: fc.record({
    date: fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-07'),
    points: fc.constantFrom('0', '3', '18', '150.5'),
  }),
  memberMonth: fc.record({
    month: fc.constantFrom('2026-03', '2026-02'),
    points: fc.constantFrom('0', '40', '990'),
  }),
  rules: fc.constant(
    Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`r${i}`, { member: '2', total: '15' }]),
    ),
  ),
  campaigns: fc.record({ c1: fc.constantFrom('0', '7', '95'), c2: fc.constantFrom('0', '1000') }),
});

const scenario = (c: Constraints) =>
  fc.record({
    program: programArb(c),
    lines: linesArb,
    counters: countersArb,
    at: fc.constantFrom(...AT),
    tier: fc.constantFrom('gold', 'silver'),
    channel: fc.constantFrom('store', 'online') as fc.Arbitrary<'store' | 'online'>,
  });

function accrue(
  program: Program,
  lines: CartLineInput[],
  counters: AccrualCountersInput,
  at: string,
  tier: string,
  channel: 'store' | 'online',
  orderId = 'o',
): AccrualResult {
  return accruePurchase(program, {
    purchase: { orderId, occurredAt: at, currency: 'CNY', storeId: 's1', channel, lines },
    member: { id: 'm1', enrolledAt: '2025-01-01T00:00:00Z', tierId: tier },
    counters,
    now: at,
  });
}

/** The counters after persisting `r` (what a caller does with the increments). */
function advance(c: AccrualCountersInput, r: AccrualResult): AccrualCountersInput {
  const d = (v: unknown) => new Decimal((v as string | undefined) ?? 0);
  const inc = r.increments;
  const rules: Record<string, { member: string; total: string }> = {};
  for (const [id, v] of Object.entries(c.rules ?? {}))
    rules[id] = { member: d(v.member).toString(), total: d(v.total).toString() };
  for (const { ruleId, points: p } of inc.rules) {
    const cur = rules[ruleId] ?? { member: '0', total: '0' };
    rules[ruleId] = {
      member: d(cur.member).plus(p).toString(),
      total: d(cur.total).plus(p).toString(),
    };
  }
  const campaigns: Record<string, string> = { ...(c.campaigns as Record<string, string>) };
  for (const { campaignId, points: p } of inc.campaigns)
    campaigns[campaignId] = d(campaigns[campaignId]).plus(p).toString();
  const day =
    c.memberDay?.date === inc.memberDay.date
      ? d(c.memberDay.points).plus(inc.memberDay.points)
      : inc.memberDay.points;
  const month =
    c.memberMonth?.month === inc.memberMonth.month
      ? d(c.memberMonth.points).plus(inc.memberMonth.points)
      : inc.memberMonth.points;
  return {
    purchasesBefore: (c.purchasesBefore ?? 0) + inc.purchases,
    memberDay: { date: inc.memberDay.date, points: day.toString() },
    memberMonth: { month: inc.memberMonth.month, points: month.toString() },
    rules,
    campaigns,
  };
}

/**
 * The order whole, then split as two orders: `first`, then `second` on the
 * counters after the first (what the split law compares).
 */
function accrueSplit(
  program: Program,
  [lines, first, second]: [CartLineInput[], CartLineInput[], CartLineInput[]],
  counters: AccrualCountersInput,
  at: string,
  tier: string,
  channel: 'store' | 'online' = 'store',
): { whole: AccrualResult; r1: AccrualResult; r2: AccrualResult } {
  const whole = accrue(program, lines, counters, at, tier, channel);
  const r1 = accrue(program, first, counters, at, tier, channel, 'o1');
  const r2 = accrue(program, second, advance(counters, r1), at, tier, channel, 'o2');
  return { whole, r1, r2 };
}

function monotone(c: Constraints) {
  return fc.property(
    scenario(c),
    fc.nat(),
    fc.integer({ min: 1, max: 50_000 }),
    (s, which, extraCents) => {
      const program = build(s.program);
      const lines = toLines(s.lines);
      const i = which % lines.length;
      const more = lines.map((l, k) =>
        k === i
          ? {
              ...l,
              unitPrice: new Decimal(l.unitPrice as string)
                .plus(new Decimal(extraCents).div(100))
                .toString(),
            }
          : l,
      );
      const before = accrue(program, lines, s.counters, s.at, s.tier, s.channel);
      const after = accrue(program, more, s.counters, s.at, s.tier, s.channel);
      expect(after.total.gte(before.total)).toBe(true);
    },
  );
}

const SPLIT: Constraints = {
  kinds: ['multiplier', 'lineBonus', 'spendEvery'],
  nothing: false,
  transactionCaps: false,
  maxTimes: false,
  modes: ['FLOOR', 'DOWN'],
  maxMultiplier: true,
  cappedMultipliersUnderMax: false,
};

function split(c: Constraints) {
  return fc.property(
    scenario(c),
    fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    (s, side) => {
      const program = build(s.program);
      const lines = toLines(s.lines);
      const first = lines.filter((_, k) => side[k]);
      const second = lines.filter((_, k) => !side[k]);
      const { whole, r1, r2 } = accrueSplit(
        program,
        [lines, first, second],
        s.counters,
        s.at,
        s.tier,
        s.channel,
      );
      expect(r1.total.plus(r2.total).lte(whole.total)).toBe(true);
    },
  );
}

const comparable = (r: AccrualResult) => JSON.parse(JSON.stringify(r));

describe('accrual properties', () => {
  it('total = sum of awards; awards are positive and on the points grid', () => {
    fc.assert(
      fc.property(scenario(ANY), (s) => {
        const program = build(s.program);
        const r = accrue(program, toLines(s.lines), s.counters, s.at, s.tier, s.channel);
        const scale = program.rounding.points.scale;
        expect(sum(r.awards.map((a) => a.points)).eq(r.total)).toBe(true);
        for (const a of r.awards) {
          expect(a.points.gt(0)).toBe(true);
          expect(a.points.decimalPlaces()).toBeLessThanOrEqual(scale);
        }
        const fired = r.trace.filter((t) => t.fired);
        expect(sum(fired.map((t) => (t.fired ? t.points : ZERO))).eq(r.total)).toBe(true);
      }),
    );
  });

  // Exactness (no division): a rule's exact points (trace `computed`, the sum
  // of its exact awards) have no more decimals than the inputs can make: the
  // base (price and quantity 2 each, discount 2, rate 1: at most 5), one more
  // for each multiplier (factors 1.5, 2 or 3; the rules' and the tier's), and
  // the points grid (a limit, a cap's room, is on it). A multiplier limited by
  // its own cap or budget under a maximum used to move the line's running
  // multiplier by limit / base (inexact at 40 digits): later multipliers then
  // earned 30-odd decimals of artefacts, sometimes a hair off the grid. Once
  // over programs made of such multipliers (most runs have a limit), once
  // over every kind of rule under a maximum.
  it('exact points have no more decimals than the inputs make (no 40-digit artefacts)', () => {
    const exactEnough = (program: Program, r: AccrualResult) => {
      const multipliers = program.earning.rules.filter((x) => x.kind === 'multiplier').length;
      const bound = 5 + multipliers + 1 + program.rounding.points.scale;
      for (const t of r.trace) {
        if (t.fired) expect(t.computed.decimalPlaces()).toBeLessThanOrEqual(bound);
      }
    };
    const limitedRule = fc.record({
      multiplier: fc.constantFrom('1.5', '2', '3'),
      limit: fc.constantFrom('none', 'cap', 'campaign'),
      cap: fc.integer({ min: 0, max: 40 }),
      lines: filter,
    });
    const limited = fc.record({
      rate: fc.constantFrom(
        { points: 1, per: 1 },
        { points: 1, per: 10 },
        { points: '2.5', per: 1 },
      ),
      combine: fc.constantFrom('add', 'multiply'),
      maxMultiplier: fc.constantFrom('2.5', '3', '5'),
      rounding: fc.record({
        mode: fc.constantFrom(...ALL_MODES),
        scale: fc.constantFrom(0, 1, 2),
        step: fc.constantFrom('order', 'line'),
      }),
      budget: fc.integer({ min: 0, max: 60 }),
      rules: fc.array(limitedRule, { minLength: 1, maxLength: 4 }),
      tierMultiplier: fc.constantFrom(undefined, '1.5', '2'),
      lines: linesArb,
    });
    fc.assert(
      fc.property(limited, (s) => {
        const program = build({
          id: 'exact',
          version: 1,
          currency: 'CNY',
          timeZone: 'Asia/Shanghai',
          rounding: { points: s.rounding },
          earning: {
            rate: s.rate,
            combine: s.combine,
            maxMultiplier: s.maxMultiplier,
            campaigns: [{ id: 'c1', budget: s.budget }],
            rules: s.rules.map((x, i) => ({
              id: `r${i}`,
              kind: 'multiplier',
              multiplier: x.multiplier,
              ...(x.limit === 'cap' ? { caps: { perTransaction: x.cap } } : {}),
              ...(x.limit === 'campaign' ? { campaign: 'c1' } : {}),
              ...(x.lines ? { lines: x.lines } : {}),
            })),
          },
          tierMultiplier: s.tierMultiplier,
        });
        const counters = { campaigns: { c1: '0' } };
        exactEnough(program, accrue(program, toLines(s.lines), counters, AT[0]!, 'gold', 'store'));
      }),
    );
    const c: Constraints = {
      ...ANY,
      kinds: ['multiplier', 'multiplier', 'multiplier', 'lineBonus', 'orderBonus', 'spendEvery'],
    };
    const withMax = scenario(c).map((s) => {
      const earning = s.program.earning as Record<string, unknown>;
      const maxMultiplier = earning.maxMultiplier ?? '3';
      return { ...s, program: { ...s.program, earning: { ...earning, maxMultiplier } } };
    });
    fc.assert(
      fc.property(withMax, (s) => {
        const program = build(s.program);
        exactEnough(
          program,
          accrue(program, toLines(s.lines), s.counters, s.at, s.tier, s.channel),
        );
      }),
    );
  });

  it('caps and budgets are never exceeded', () => {
    fc.assert(
      fc.property(scenario(ANY), (s) => {
        const program = build(s.program);
        const r = accrue(program, toLines(s.lines), s.counters, s.at, s.tier, s.channel);
        const scale = program.rounding.points.scale;
        const room = (cap: Decimal, used: Decimal) =>
          max(ZERO, round(cap.minus(used), scale, 'FLOOR'));
        const caps = program.earning.caps;
        const c = s.counters;
        if (caps.perTransaction) expect(r.total.lte(caps.perTransaction)).toBe(true);
        if (caps.perMemberPerDay) {
          const used =
            c.memberDay?.date === r.increments.memberDay.date
              ? new Decimal(c.memberDay.points)
              : ZERO;
          expect(r.total.lte(room(caps.perMemberPerDay, used))).toBe(true);
        }
        if (caps.perMemberPerMonth) {
          const used =
            c.memberMonth?.month === r.increments.memberMonth.month
              ? new Decimal(c.memberMonth.points)
              : ZERO;
          expect(r.total.lte(room(caps.perMemberPerMonth, used))).toBe(true);
        }
        const byRule = new Map(r.increments.rules.map((x) => [x.ruleId, x.points]));
        for (const rule of program.earning.rules) {
          const got = byRule.get(rule.id) ?? ZERO;
          const used = c.rules?.[rule.id];
          if (rule.caps?.perTransaction) expect(got.lte(rule.caps.perTransaction)).toBe(true);
          if (rule.caps?.perMember)
            expect(got.lte(room(rule.caps.perMember, new Decimal(used?.member ?? 0)))).toBe(true);
          if (rule.caps?.total)
            expect(got.lte(room(rule.caps.total, new Decimal(used?.total ?? 0)))).toBe(true);
        }
        for (const campaign of program.earning.campaigns) {
          const got =
            r.increments.campaigns.find((x) => x.campaignId === campaign.id)?.points ?? ZERO;
          const used = new Decimal((c.campaigns as Record<string, string>)[campaign.id] ?? 0);
          expect(got.lte(room(campaign.budget, used))).toBe(true);
        }
      }),
    );
  });

  it('the result does not depend on the order of rules or of lines', () => {
    fc.assert(
      fc.property(scenario(ANY), fc.infiniteStream(fc.nat()), (s, seeds) => {
        const it = seeds[Symbol.iterator]();
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          for (let i = out.length - 1; i > 0; i--) {
            const j = it.next().value! % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const earning = s.program.earning as { rules: unknown[] };
        const shuffled = { ...s.program, earning: { ...earning, rules: shuffle(earning.rules) } };
        const lines = toLines(s.lines);
        const a = accrue(build(s.program), lines, s.counters, s.at, s.tier, s.channel);
        const b = accrue(build(shuffled), shuffle(lines), s.counters, s.at, s.tier, s.channel);
        expect(comparable(b)).toEqual(comparable(a));
      }),
    );
  });

  // Precondition: no campaign gives "nothing" when exhausted (all-or-nothing
  // budgets make a larger award fall to zero), and no multiplier rule with
  // its own cap or a campaign under `maxMultiplier` (the known limitation in
  // docs/engine/accrual.md: more spend on one line can pull that rule's room
  // away from a line where later multipliers multiply it; shown by `needs its
  // precondition: a capped multiplier under a maximum ...`). Every other rule
  // kind, cap, rounding mode and step is allowed; thresholds can only be
  // crossed upward because spend only grows.
  it('accrual never decreases when spend on a line grows', () => {
    fc.assert(monotone({ ...ANY, nothing: false, cappedMultipliersUnderMax: false }));
  });

  // Precondition: rounding FLOOR or DOWN; rule kinds whose points are
  // additive or superadditive over lines (multiplier, lineBonus, spendEvery
  // without maxTimes); no per-transaction caps (each part would get its own);
  // no all-or-nothing budgets. Per-order bonuses (order, first/n-th
  // purchase, stepped thresholds, combinations) are excluded: splitting
  // repeats or re-steps them by design. `maxMultiplier` is allowed, but then
  // no multiplier rule has its own cap or a campaign: such a rule cut by its
  // room moves a line's running multiplier only by what it is granted (seed
  // 1630791633 below), and its room goes to lines greedily, in line order.
  // What a point of room is worth differs by line (the multipliers after it
  // multiply it, or the maximum clips them), and a split lets the member
  // choose which lines get the room first: the parts can earn more (seed
  // -2024480251: 0.075 exact, 0.1 after rounding; up to a quarter more in
  // `needs its precondition: a capped multiplier under a maximum ...`). Only
  // an allocation that maximises the whole would obey the law: a known
  // limitation (docs/engine/accrual.md), not rounding noise. The second part
  // sees the counters after the first (purchase count, day/month, rule and
  // campaign usage).
  it('splitting an order never earns more than the whole', () => {
    fc.assert(
      split(SPLIT),
      process.env.SPLIT_SEED
        ? { seed: Number(process.env.SPLIT_SEED), numRuns: Number(process.env.SPLIT_RUNS ?? 1000) }
        : {},
    );
  });

  // Seed 1630791633 (path 846:13...) of the split property: r5 (x1.5,
  // campaign c2 with a budget of 5) fired on the whole order only, raised the
  // running multiplier to the maximum (5) so that the tier multiplier after it
  // was clipped, and was then cut to 5 points by its budget: the whole earned
  // 180, its parts 224. A multiplier cut by its own cap or budget now moves
  // the running multiplier only by what it is granted.
  it('regression: a budget-capped multiplier under a maximum leaves its unused headroom to later multipliers', () => {
    const program = build({
      id: 'prop',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      rounding: { points: { mode: 'DOWN', scale: 0, step: 'order' } },
      earning: {
        rate: { points: 1, per: 1 },
        combine: 'multiply',
        maxMultiplier: '5',
        minimumSpend: '20',
        caps: {},
        campaigns: [
          { id: 'c1', budget: 100, whenExhausted: 'remainder' },
          { id: 'c2', budget: 5, whenExhausted: 'remainder' },
        ],
        rules: [
          { id: 'r0', kind: 'multiplier', multiplier: '3' },
          { id: 'r5', kind: 'multiplier', multiplier: '1.5', minSpend: '50', campaign: 'c2' },
        ],
      },
      tierMultiplier: '1.5',
    });
    const lines: CartLineInput[] = [
      { id: 'L0', sku: 'A', quantity: '0.5', unitPrice: '81.1' },
      { id: 'L1', sku: 'A', quantity: 1, unitPrice: '18.89', discount: '9.44' },
    ];
    const counters: AccrualCountersInput = {
      purchasesBefore: 0,
      rules: { r0: { member: '2', total: '15' }, r5: { member: '2', total: '15' } },
      campaigns: { c1: '0', c2: '0' },
    };
    const { whole, r1, r2 } = accrueSplit(
      program,
      [lines, [lines[0]!], [lines[1]!]],
      counters,
      AT[0]!,
      'gold',
    );
    expect(r1.total.plus(r2.total).lte(whole.total)).toBe(true);
  });

  // Seed 872170444 of the split property (found by CI): with order rounding at
  // one decimal, the 58.50 line alone fed 5.85 points to r0's campaign c2, but
  // the split of the rounded total gave the tie's extra 0.05 to the base rate,
  // so c2 was charged 5.8 and a later order could still use the 0.05: the
  // parts earned 80.1, the whole 80. A campaign is now charged its exact
  // points rounded up to the grid (5.9).
  it('regression: a campaign is charged its exact points rounded up, not its rounded part', () => {
    const program = build({
      id: 'prop',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      rounding: { points: { mode: 'FLOOR', scale: 1, step: 'order' } },
      earning: {
        rate: { points: 1, per: 10 },
        combine: 'multiply',
        maxMultiplier: '5',
        minimumSpend: '20',
        caps: { perMemberPerDay: 100 },
        campaigns: [{ id: 'c2', budget: 20, whenExhausted: 'remainder' }],
        rules: [{ id: 'r0', campaign: 'c2', kind: 'multiplier', multiplier: '2' }],
      },
      tierMultiplier: '2',
    });
    const lines: CartLineInput[] = [
      { id: 'L0', sku: 'A', quantity: 1, unitPrice: '15.51' },
      { id: 'L1', sku: 'A', quantity: 3, unitPrice: '42.08' },
      { id: 'L2', sku: 'A', quantity: 3, unitPrice: '39', discount: '58.5' },
    ];
    const counters: AccrualCountersInput = {
      purchasesBefore: 0,
      memberDay: { date: '2026-03-01', points: '0' },
      rules: { r0: { member: '2', total: '15' } },
      campaigns: { c2: '0' },
    };
    const at = '2026-03-01T10:00:00+08:00';
    const { whole, r1, r2 } = accrueSplit(
      program,
      [lines, [lines[2]!], [lines[0]!, lines[1]!]],
      counters,
      at,
      'gold',
    );
    expect(r1.increments.campaigns).toEqual([{ campaignId: 'c2', points: new Decimal('5.9') }]);
    expect(whole.total.toString()).toBe('80');
    expect(r1.total.plus(r2.total).lte(whole.total)).toBe(true);
  });

  // Seed -1384412119 of the split property: r5 (2.5 points a unit, total cap
  // 20 with 15 used) earned 2.5 on the first order, given as 2 by the split
  // (the base rate took the unit), so its counter was charged 2 and the second
  // order found 3 of room instead of 2.5: the parts earned 54 + 53, the whole
  // 106. A rule with a per-member or total cap is now charged its exact
  // points rounded up (3), like a campaign's budget.
  it('regression: a rule with a counted cap is charged its exact points rounded up, not its rounded part', () => {
    const program = build({
      id: 'prop',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      rounding: { points: { mode: 'DOWN', scale: 0, step: 'order' } },
      earning: {
        rate: { points: '2.5', per: 1 },
        combine: 'multiply',
        maxMultiplier: '3',
        minimumSpend: '20',
        caps: { perMemberPerDay: 1000, perMemberPerMonth: 1000 },
        rules: [{ id: 'r5', caps: { total: 20 }, kind: 'lineBonus', points: '2.5', per: 'unit' }],
      },
      tierMultiplier: '1.5',
    });
    const lines: CartLineInput[] = [
      { id: 'L0', sku: 'A', quantity: 1, unitPrice: '0' },
      { id: 'L1', sku: 'A', quantity: 1, unitPrice: '20' },
      { id: 'L2', sku: 'A', quantity: 1, unitPrice: '22.88', discount: '2.28' },
      { id: 'L3', sku: 'A', quantity: 1, unitPrice: '0' },
    ];
    const counters: AccrualCountersInput = {
      purchasesBefore: 0,
      memberDay: { date: '2026-03-01', points: '0' },
      memberMonth: { month: '2026-03', points: '0' },
      rules: { r5: { member: '2', total: '15' } },
    };
    const at = '2026-03-01T10:00:00+08:00';
    const { whole, r1, r2 } = accrueSplit(
      program,
      [lines, [lines[2]!], [lines[0]!, lines[1]!, lines[3]!]],
      counters,
      at,
      'silver',
    );
    expect(r1.increments.rules).toEqual([{ ruleId: 'r5', points: new Decimal(3) }]);
    expect(whole.total.toString()).toBe('106');
    expect(r1.total.plus(r2.total).lte(whole.total)).toBe(true);
  });

  // Seed -2024480251 of the split property (before its precondition excluded
  // capped multipliers under a maximum): r1 (x3, 18 of per-member room) gave
  // 4 to the 20.00 line, which then reached the maximum (3) without the tier
  // (x1.5), and 14 to the 160.50 line; the 160.50 line alone takes all 18
  // (the tier fills it to the maximum) and the 20.00 line after it gets the
  // tier's 1. Exact 51.075 against 51.15, rounded 51 against 48.1 + 3. Pins
  // the current figures of this known limitation (docs/engine/accrual.md).
  it('known limitation (seed -2024480251): a capped multiplier under a maximum gives its room in line order', () => {
    const program = build({
      id: 'prop',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      rounding: { points: { mode: 'FLOOR', scale: 1, step: 'line' } },
      earning: {
        rate: { points: 1, per: 10 },
        combine: 'multiply',
        maxMultiplier: '3',
        minimumSpend: '20',
        caps: { perMemberPerDay: 100, perMemberPerMonth: 100 },
        rules: [
          { id: 'r0', kind: 'multiplier', multiplier: '1' },
          { id: 'r1', caps: { perMember: 20 }, kind: 'multiplier', multiplier: '3' },
          { id: 'r2', kind: 'multiplier', multiplier: '1' },
        ],
      },
      tierMultiplier: '1.5',
    });
    const lines: CartLineInput[] = [
      { id: 'L2', sku: 'A', quantity: 1, unitPrice: '20' },
      { id: 'L4', sku: 'A', quantity: 1, unitPrice: '160.5' },
    ];
    const counters: AccrualCountersInput = {
      purchasesBefore: 0,
      memberDay: { date: '2026-03-01', points: '0' },
      memberMonth: { month: '2026-03', points: '0' },
      rules: {
        r0: { member: '2', total: '15' },
        r1: { member: '2', total: '15' },
        r2: { member: '2', total: '15' },
      },
    };
    const at = '2026-03-01T10:00:00+08:00';
    const { whole, r1, r2 } = accrueSplit(
      program,
      [lines, [lines[1]!], [lines[0]!]],
      counters,
      at,
      'gold',
    );
    const given = (r: AccrualResult) => r.awards.map((a) => `${a.ruleId} ${a.lineId} ${a.points}`);
    expect(given(whole)).toEqual([
      'base L2 2',
      'base L4 16',
      'r1 L2 4',
      'r1 L4 14',
      'tier:gold L4 15',
    ]);
    expect(given(r1)).toEqual(['base L4 16', 'r1 L4 18', 'tier:gold L4 14.1']);
    expect(given(r2)).toEqual(['base L2 2', 'tier:gold L2 1']);
    expect([whole.total, r1.total, r2.total].map(String)).toEqual(['51', '48.1', '3']);
  });

  // A capped multiplier under a maximum is outside both laws' preconditions.
  // r0's 18 of room goes to the first line (L0) where nothing multiplies it
  // further; L1 alone takes it and r1 (x2, L1 only) doubles it up to the
  // maximum: the parts earn 50 + 10, the whole 48. The same with a campaign
  // budget in place of the cap.
  it('needs its precondition: a capped multiplier under a maximum lets a split earn more', () => {
    const program = (r0: Record<string, unknown>) =>
      build({
        id: 'p',
        version: 1,
        currency: 'CNY',
        timeZone: 'Asia/Shanghai',
        earning: {
          rate: { points: 1, per: 10 },
          combine: 'multiply',
          maxMultiplier: '5',
          campaigns: [{ id: 'c1', budget: 25, whenExhausted: 'remainder' }],
          rules: [
            { id: 'r0', kind: 'multiplier', multiplier: '3', ...r0 },
            { id: 'r1', kind: 'multiplier', multiplier: '2', lines: { skus: ['B'] } },
          ],
        },
      });
    const a: CartLineInput = { id: 'L0', sku: 'A', quantity: 1, unitPrice: '100' };
    const b: CartLineInput = { id: 'L1', sku: 'B', quantity: 1, unitPrice: '100' };
    const cases: [Program, AccrualCountersInput][] = [
      [program({ caps: { perMember: 20 } }), { rules: { r0: { member: '2', total: '0' } } }],
      [program({ campaign: 'c1' }), { campaigns: { c1: '7' } }],
    ];
    for (const [p, counters] of cases) {
      const { whole, r1, r2 } = accrueSplit(p, [[a, b], [b], [a]], counters, AT[0]!, 'gold');
      expect([whole.total, r1.total, r2.total].map(String)).toEqual(['48', '50', '10']);
    }
  });

  // The same room moving between lines: 10 more on L0 takes 2 more of r0's
  // per-transaction room from L1, where r1 would have doubled it.
  it('needs its precondition: a capped multiplier under a maximum lets more spend earn less', () => {
    const program = build({
      id: 'p',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      earning: {
        rate: { points: 1, per: 10 },
        combine: 'multiply',
        maxMultiplier: '5',
        rules: [
          { id: 'r0', kind: 'multiplier', multiplier: '3', caps: { perTransaction: 20 } },
          { id: 'r1', kind: 'multiplier', multiplier: '2', lines: { skus: ['B'] } },
        ],
      },
    });
    const lines = (price: string): CartLineInput[] => [
      { id: 'L0', sku: 'A', quantity: 1, unitPrice: price },
      { id: 'L1', sku: 'B', quantity: 1, unitPrice: '100' },
    ];
    const small = accrue(program, lines('50'), {}, AT[0]!, 'gold', 'store');
    const large = accrue(program, lines('60'), {}, AT[0]!, 'gold', 'store');
    expect([small.total.toString(), large.total.toString()]).toEqual(['55', '54']);
  });

  it('needs its precondition: an all-or-nothing budget makes more spend earn less', () => {
    const program = build({
      id: 'p',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      earning: {
        campaigns: [{ id: 'c1', budget: 100, whenExhausted: 'nothing' }],
        rules: [{ id: 'x3', kind: 'multiplier', multiplier: 3, campaign: 'c1' }],
      },
    });
    const line = (price: string) => [{ id: 'a', sku: 'A', quantity: 1, unitPrice: price }];
    const counters = { campaigns: { c1: '0' } };
    const small = accrue(program, line('50'), counters, AT[0]!, 'gold', 'store');
    const large = accrue(program, line('51'), counters, AT[0]!, 'gold', 'store');
    expect([small.total.toString(), large.total.toString()]).toEqual(['150', '51']);
  });

  // Canaries: outside their preconditions the two laws above must fail, or
  // the harness could not catch anything.
  it.each<[string, Constraints]>([
    ['splitting with per-order bonuses', { ...SPLIT, kinds: ['orderBonus'] }],
    ['splitting with CEILING rounding', { ...SPLIT, modes: ['CEILING'] }],
    ['splitting with per-transaction caps', { ...SPLIT, transactionCaps: true }],
  ])('canary: %s has a counterexample', (_name, constraints) => {
    expect(fc.check(split(constraints), { numRuns: 5000 }).failed).toBe(true);
  });
});
