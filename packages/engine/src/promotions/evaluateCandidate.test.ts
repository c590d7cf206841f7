import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLine } from '../conditions/matchLine.js';
import { type CartLineInput, normalizeLines } from '../model/cart.js';
import { type LineFilter, zLineFilter } from '../program/conditions.js';
import { initialCartState } from './cartState.js';
import { TargetedLines } from './evaluateCandidate.js';

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

const filterArb: fc.Arbitrary<LineFilter | undefined> = fc.oneof(
  fc.constant(undefined),
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
    .map((f) => zLineFilter.parse(JSON.parse(JSON.stringify(f)))),
);

describe('TargetedLines', () => {
  it('gives exactly the lines matchLine matches, in line order, for every filter of a run', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.array(filterArb, { minLength: 1, maxLength: 6 }),
        (rows, filters) => {
          const lines = normalizeLines(
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
          );
          const state = initialCartState(lines);
          // One instance for the whole run, as applyPromotions uses it; each filter asked twice.
          const targeted = new TargetedLines();
          for (const filter of [...filters, ...filters]) {
            const expected: number[] = [];
            state.lines.forEach((s, i) => {
              if (matchLine(filter, s.line)) expected.push(i);
            });
            expect([...targeted.of(filter, state)]).toEqual(expected);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
