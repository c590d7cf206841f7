import fc from 'fast-check';
import { type CartLine, type CartLineInput, normalizeLines } from '../model/cart.js';
import { type LineFilter, zLineFilter } from '../program/conditions.js';

/*
 * Arbitraries for the properties of line lookups (`LinesByFilter` and its
 * users): carts of a few lines over few SKUs, categories and every kind, and
 * line filters of every shape, categories-only ones (the indexed case) with
 * repeats among them.
 */

const CATEGORIES = ['a', 'b', 'c', 'd'];
const KINDS = ['product', 'service', 'gift_card', 'shipping', 'tax', 'deposit'] as const;

const lineArb = fc.record({
  sku: fc.constantFrom('A', 'B', 'C'),
  // Repeats included: a line may name a category twice.
  categories: fc.array(fc.constantFrom(...CATEGORIES), { maxLength: 3 }),
  kind: fc.constantFrom(...KINDS),
});

/** Carts of 1-8 lines `l0`, `l1`... (quantity 1, price 1), normalised. */
export const cartLinesArb: fc.Arbitrary<CartLine[]> = fc
  .array(lineArb, { minLength: 1, maxLength: 8 })
  .map((rows) =>
    normalizeLines(
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
    ),
  );

const listOf = <T>(values: readonly T[]) =>
  fc.option(fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }), {
    nil: undefined,
  });

/** Line filters of every shape (never undefined). */
export const lineFilterArb: fc.Arbitrary<LineFilter> = fc.oneof(
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
