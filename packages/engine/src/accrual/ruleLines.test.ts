import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLine } from '../conditions/matchLine.js';
import { type CartLineInput, normalizeLines } from '../model/cart.js';
import { type LineFilter, zLineFilter } from '../program/conditions.js';
import type { EarningLine } from './kinds/ruleKind.js';
import { RuleLines } from './ruleLines.js';

const CATEGORIES = ['a', 'b', 'c', 'd'];
const KINDS = ['product', 'service', 'gift_card', 'shipping', 'tax', 'deposit'] as const;

const lineArb = fc.record({
  sku: fc.constantFrom('A', 'B', 'C'),
  // Repeats included: a line may name a category twice.
  categories: fc.array(fc.constantFrom(...CATEGORIES), { maxLength: 3 }),
  kind: fc.constantFrom(...KINDS),
});

const listOf = <T>(values: readonly T[]) =>
  fc.option(fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }), {
    nil: undefined,
  });

const filterArb: fc.Arbitrary<LineFilter> = fc.oneof(
  // Categories only (the indexed case), with repeats.
  fc
    .array(fc.constantFrom(...CATEGORIES, 'z'), { minLength: 1, maxLength: 3 })
    .map((categories) => zLineFilter.parse({ categories })),
  fc
    .record({
      skus: listOf(['A', 'B', 'Z']),
      categories: listOf([...CATEGORIES, 'z']),
      excludeSkus: listOf(['A', 'C']),
      excludeCategories: listOf(CATEGORIES),
      kinds: listOf(KINDS),
    })
    .map((f) =>
      zLineFilter.parse(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined))),
    ),
);

describe('RuleLines', () => {
  it('gives exactly the lines matchLine matches, in line order, for every rule filter of an accrual, over all its lines or a subset', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.array(filterArb, { minLength: 1, maxLength: 6 }),
        (rows, filters) => {
          const eligible: EarningLine[] = normalizeLines(
            rows.map(
              (r, i): CartLineInput => ({
                id: `l${i}`,
                sku: r.sku,
                categories: r.categories,
                kind: r.kind,
                quantity: 1,
                unitPrice: '1',
              }),
            ),
          ).map((line, index) => ({ index, line, basis: line.net, base: line.net }));
          // One instance per accrual, as accrueNormalizedPurchase uses it; each filter asked twice.
          const ruleLines = new RuleLines(eligible);
          // A subset of the lines (every other one), as a rule with its own filter has.
          const subset = eligible.filter((l) => l.index % 2 === 0);
          for (const filter of [...filters, ...filters]) {
            const expected = eligible.filter((l) => matchLine(filter, l.line));
            expect(ruleLines.of(filter).map((l) => l.index)).toEqual(expected.map((l) => l.index));
            expect(ruleLines.within(eligible, filter).map((l) => l.index)).toEqual(
              expected.map((l) => l.index),
            );
            expect(ruleLines.within(subset, filter).map((l) => l.index)).toEqual(
              subset.filter((l) => matchLine(filter, l.line)).map((l) => l.index),
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
