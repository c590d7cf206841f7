import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLines } from '../../model/cart.js';
import { Decimal } from '../../money/decimal.js';
import { zBuyXGetYAction } from '../../program/promotions.js';
import type { ActionTarget } from './actionModule.js';
import { buyXGetY, evaluateDecimal } from './buyXGetY.js';

type Args = Parameters<typeof buyXGetY.evaluate>[0];

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (v instanceof Decimal ? `D${v}` : v)));
}

describe('buy_x_get_y', () => {
  it('counts units in integers exactly as in decimals (fast path == decimal path)', () => {
    const target = fc.record({
      quantity: fc.oneof(
        fc.integer({ min: 1, max: 12 }).map(String),
        fc.integer({ min: 1, max: 5000 }).map((n) => (n / 1000).toString()),
      ),
      price: fc.integer({ min: 0, max: 100_000 }).map((c) => (c / 100).toFixed(2)),
      // What is left of the line, as a share of it (a cascading base).
      left: fc.constantFrom('1', '0.7', '0.333', '0'),
    });
    fc.assert(
      fc.property(
        // Up to 12 targets: unit bases ordered by insertion (a few) and by Array sort (more).
        fc.array(target, { minLength: 1, maxLength: 12 }),
        fc.record({
          buy: fc.integer({ min: 1, max: 4 }),
          get: fc.integer({ min: 1, max: 3 }),
          percent: fc.constantFrom('100', '50', '33.3'),
          pick: fc.constantFrom('cheapest' as const, 'most_expensive' as const),
          maxApplications: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        }),
        (rows, a) => {
          const lines = normalizeLines(
            rows.map((r, i) => ({
              id: `l${i}`,
              sku: `S${i}`,
              quantity: r.quantity,
              unitPrice: r.price,
            })),
          );
          const targets: ActionTarget[] = lines.map((line, i) => ({
            index: i,
            line,
            units: line.quantity,
            base: line.net.times(rows[i]!.left).toDecimalPlaces(2),
          }));
          const action = zBuyXGetYAction.parse({ kind: 'buy_x_get_y', ...a });
          const args = { action, targets } as unknown as Args;
          expect(plain(buyXGetY.evaluate(args))).toEqual(plain(evaluateDecimal(args)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
