import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLine } from '../conditions/index.js';
import { type CartLineInput, normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { normalizeMember } from '../model/member.js';
import { Decimal, sum } from '../money/index.js';
import { defineProgram } from '../program/parseProgram.js';
import { type PromotionInput, zPromotion } from '../program/promotions.js';
import type { Program } from '../program/schema.js';
import { toEpochMs } from '../time/index.js';
import { applyPromotions } from './applyPromotions.js';
import type { ApplyPromotionsResult } from './types.js';

const BASE = defineProgram({ id: 'p', version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' });
const LADDER = {
  ladder: [
    {
      id: 'gold',
      benefits: { discountRate: new Decimal('0.15'), memberPrices: { B: new Decimal(3) } },
    },
  ],
};

function programOf(promotions: readonly PromotionInput[]): Program {
  return {
    ...BASE,
    promotions: promotions.map((p) => zPromotion.parse(p)),
    tiers: LADDER,
  } as unknown as Program;
}

const MEMBER = normalizeMember({ id: 'm', tierId: 'gold', enrolledAt: '2020-01-01T00:00:00Z' });
const CTX = new EvalContext(
  toEpochMs('2026-05-02T10:00:00+08:00'),
  'Asia/Shanghai',
  's1',
  'store',
  MEMBER,
);

const money = fc.integer({ min: 0, max: 20_000 }).map((c) => new Decimal(c).div(100).toString());

const lineArb = (id: string): fc.Arbitrary<CartLineInput> =>
  fc.record({
    id: fc.constant(id),
    sku: fc.constantFrom('A', 'B', 'C', 'D'),
    categories: fc.subarray(['x', 'y']),
    quantity: fc.oneof(
      fc.integer({ min: 1, max: 5 }).map(String),
      fc.constantFrom('0.5', '1.25', '2.5'),
    ),
    unitPrice: fc.oneof(money, fc.constantFrom('0.333', '9.999', '0.005')),
    kind: fc.constantFrom('product', 'product', 'product', 'service', 'shipping') as fc.Arbitrary<
      CartLineInput['kind']
    >,
  });

const linesArb = fc
  .uniqueArray(fc.constantFrom('l1', 'l2', 'l3', 'l4', 'l5', 'l6'), { minLength: 1, maxLength: 6 })
  .chain((ids) => fc.tuple(...ids.map(lineArb)));

const actionArb = fc.oneof(
  fc.record({
    kind: fc.constant('percent_off' as const),
    percent: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({
    kind: fc.constant('amount_off' as const),
    amount: fc.integer({ min: 1, max: 300 }),
    per: fc.constantFrom('order' as const, 'unit' as const),
  }),
  fc.record({
    kind: fc.constant('spend_off' as const),
    steps: fc.constant([{ spend: 50, off: 7 }]),
    repeat: fc.boolean(),
  }),
  fc.constant({
    kind: 'spend_off' as const,
    steps: [
      { spend: 30, off: 3 },
      { spend: 120, off: 25 },
    ],
  }),
  fc.record({
    kind: fc.constant('buy_x_get_y' as const),
    buy: fc.integer({ min: 1, max: 3 }),
    get: fc.integer({ min: 1, max: 2 }),
    percent: fc.constantFrom(100, 50),
    pick: fc.constantFrom('cheapest' as const, 'most_expensive' as const),
  }),
  fc.record({
    kind: fc.constant('member_price' as const),
    prices: fc.constant([
      { sku: 'A', price: '1.99' },
      { sku: 'C', price: 40 },
    ]),
    includeTierPrices: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('free_gift' as const),
    sku: fc.constant('G'),
    value: fc.constantFrom(0, 5),
  }),
  fc.constant({ kind: 'free_shipping' as const }),
  fc.constant({ kind: 'tier_discount' as const }),
) as unknown as fc.Arbitrary<PromotionInput['action']>;

const GROUPS = [
  undefined,
  undefined,
  { id: 'bd', mode: 'best_deal' as const, maxApplied: 2 },
  { id: 'fm', mode: 'first_match' as const },
  { id: 'st', mode: 'stackable' as const, maxApplied: 2 },
];

const promotionArb = (id: string): fc.Arbitrary<PromotionInput> =>
  fc.record(
    {
      id: fc.constant(id),
      name: fc.constant(id),
      priority: fc.integer({ min: 0, max: 2 }),
      target: fc.constantFrom(
        undefined,
        { categories: ['x'] },
        { skus: ['A', 'B'] },
        { excludeSkus: ['D'] },
      ),
      requirements: fc.constantFrom(undefined, { minSpend: 40 }, { minQuantity: 2 }),
      action: actionArb,
      stacking: fc.record({
        exclusive: fc.constantFrom(false, false, false, false, true),
        group: fc.constantFrom(...GROUPS),
        base: fc.constantFrom('discounted' as const, 'original' as const),
        onePerUnit: fc.boolean(),
        orderLimit: fc.constantFrom(undefined, undefined, 2),
      }),
      allocation: fc.constantFrom(
        'proportional' as const,
        'even' as const,
        'cheapest_first' as const,
        'most_expensive_first' as const,
      ),
      maxDiscount: fc.constantFrom(undefined, 15),
    },
    { requiredKeys: ['id', 'name', 'action'] },
  ) as fc.Arbitrary<PromotionInput>;

const promotionsArb = fc
  .integer({ min: 0, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_v, i) => promotionArb(`p${i}`))));

const caseArb = fc.record({ lines: linesArb, promotions: promotionsArb });

function run(promotions: readonly PromotionInput[], lines: readonly CartLineInput[]) {
  return applyPromotions(programOf(promotions), { lines: normalizeLines(lines), ctx: CTX });
}

const json = (r: ApplyPromotionsResult) => JSON.stringify(r);
const CENT = new Decimal('0.01');

describe('applyPromotions properties', () => {
  it('discounts never exceed what they target', () => {
    fc.assert(
      fc.property(caseArb, ({ lines, promotions }) => {
        const program = programOf(promotions);
        const normal = normalizeLines(lines);
        const r = applyPromotions(program, { lines: normal, ctx: CTX });
        const byId = new Map(normal.map((l) => [l.id, l]));
        for (const l of r.lines) {
          expect(l.discount.lte(l.subtotal)).toBe(true);
          expect(l.total.isNegative()).toBe(false);
        }
        for (const a of r.applied) {
          const p = program.promotions.find((x) => x.id === a.promotionId)!;
          const touched = a.lines.map((x) => byId.get(x.lineId)!);
          expect(a.amount.lte(sum(touched.map((l) => l.net)))).toBe(true);
          for (const line of touched) {
            if (p.action.kind === 'free_shipping') expect(line.kind).toBe('shipping');
            else expect(matchLine(p.target, line)).toBe(true);
          }
          if (p.maxDiscount) expect(a.amount.lte(p.maxDiscount)).toBe(true);
        }
      }),
    );
  });

  it('line allocations sum exactly to each discount', () => {
    fc.assert(
      fc.property(caseArb, ({ lines, promotions }) => {
        const r = run(promotions, lines);
        for (const a of r.applied) {
          expect(sum(a.lines.map((x) => x.amount)).eq(a.amount)).toBe(true);
          for (const x of a.lines) {
            expect(x.amount.greaterThan(0)).toBe(true);
            expect(x.amount.mod(CENT).isZero()).toBe(true);
          }
          const fromLines = sum(
            r.lines.flatMap((l) =>
              l.discounts.filter((d) => d.promotionId === a.promotionId).map((d) => d.amount),
            ),
          );
          expect(fromLines.eq(a.amount)).toBe(true);
        }
        for (const l of r.lines)
          expect(sum(l.discounts.map((d) => d.amount)).eq(l.discount)).toBe(true);
        expect(sum(r.lines.map((l) => l.discount)).eq(r.totals.discount)).toBe(true);
      }),
    );
  });

  it('totals are never negative', () => {
    fc.assert(
      fc.property(caseArb, ({ lines, promotions }) => {
        const r = run(promotions, lines);
        expect(r.totals.total.isNegative()).toBe(false);
        expect(r.totals.total.eq(r.totals.subtotal.minus(r.totals.discount))).toBe(true);
        expect(r.totals.total.eq(sum(r.lines.map((l) => l.total)))).toBe(true);
      }),
    );
  });

  it('the result does not depend on the order of promotions or lines', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.shuffledSubarray([...c.promotions], { minLength: c.promotions.length }),
            fc.shuffledSubarray([...c.lines], { minLength: c.lines.length }),
          ),
        ),
        ([c, promotions, lines]) => {
          expect(json(run(promotions, lines))).toBe(json(run(c.promotions, c.lines)));
        },
      ),
    );
  });

  it('is pure: same input, same output, input untouched', () => {
    fc.assert(
      fc.property(caseArb, ({ lines, promotions }) => {
        const program = programOf(promotions);
        const normal = normalizeLines(lines);
        const before = JSON.stringify([program, normal]);
        const a = applyPromotions(program, { lines: normal, ctx: CTX });
        const b = applyPromotions(program, { lines: normal, ctx: CTX });
        expect(json(a)).toBe(json(b));
        expect(JSON.stringify([program, normal])).toBe(before);
      }),
    );
  });

  it('the best deal is never worse for the member than any valid single combination', () => {
    const memberArb = fc
      .integer({ min: 2, max: 4 })
      .chain((n) =>
        fc.tuple(
          fc.integer({ min: 1, max: 3 }),
          fc.tuple(...Array.from({ length: n }, (_v, i) => promotionArb(`b${i}`))),
        ),
      );
    fc.assert(
      fc.property(linesArb, memberArb, (lines, [maxApplied, members]) => {
        const group = { id: 'g', mode: 'best_deal' as const, maxApplied };
        const grouped = members.map((m) => ({
          ...m,
          stacking: { ...m.stacking, group, orderLimit: undefined },
        }));
        const chosen = run(grouped, lines);
        const worth = (r: ApplyPromotionsResult) => r.totals.discount.plus(r.totals.giftValue);
        // Brute force: every subset of at most maxApplied members, applied alone (no group).
        for (let mask = 1; mask < 1 << members.length; mask++) {
          const subset = grouped
            .filter((_m, i) => (mask & (1 << i)) !== 0)
            .map((m) => ({ ...m, stacking: { ...m.stacking, group: undefined } }));
          if (subset.length > maxApplied) continue;
          const r = run(subset, lines);
          if (r.applied.length !== subset.length) continue; // not a valid combination
          expect(worth(chosen).gte(worth(r))).toBe(true);
        }
      }),
    );
  });

  it('the best deal applies its chosen members exactly as applying them alone, in order, does', () => {
    // The search reuses a member's evaluation alone when the members before it left its lines
    // untouched; the chosen cart must equal a fresh evaluation of the chosen members in turn.
    const memberArb = fc
      .integer({ min: 2, max: 5 })
      .chain((n) =>
        fc.tuple(
          fc.integer({ min: 1, max: 3 }),
          fc.tuple(...Array.from({ length: n }, (_v, i) => promotionArb(`b${i}`))),
        ),
      );
    fc.assert(
      fc.property(linesArb, memberArb, (lines, [maxApplied, members]) => {
        const group = { id: 'g', mode: 'best_deal' as const, maxApplied };
        const grouped = members.map((m) => ({
          ...m,
          stacking: { ...m.stacking, group, orderLimit: undefined },
        }));
        const best = run(grouped, lines);
        const chosen = new Set(best.applied.map((a) => a.promotionId));
        const alone = run(
          grouped
            .filter((m) => chosen.has(m.id))
            .map((m) => ({ ...m, stacking: { ...m.stacking, group: undefined } })),
          lines,
        );
        expect(JSON.stringify(best.lines)).toBe(JSON.stringify(alone.lines));
        expect(JSON.stringify(best.applied)).toBe(JSON.stringify(alone.applied));
        expect(best.totals.discount.eq(alone.totals.discount)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
