import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal.js';
import { ROUNDING_MODES } from '../money/rounding.js';
import type { PendingAward } from './applyCaps.js';
import { runningExact, runningPoints, runningRound } from './settle.js';

function shape(x: Decimal) {
  return { s: x.s, e: x.e, d: [...x.d] };
}

function awardsOf(values: readonly Decimal[]): PendingAward[] {
  return values.map((v, i) => ({
    trace: i,
    ruleId: `r${i}`,
    kind: 'base',
    rule: null,
    lineId: `l${i}`,
    exact: v,
    granted: v,
  }));
}

describe('runningRound', () => {
  it('splits in integers exactly as in decimals: parts, total, bump, rule ranges (fast path == decimal path)', () => {
    // Awards with 0-9 decimals up to 10^8 (past units7's reach), zeros, and grids of 0-8 decimals.
    const award = fc.oneof(
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 9 }))
        .map(([n, s]) => new Decimal(`${n}e-${s}`)),
      fc.constant(new Decimal(0)),
      fc.constant(new Decimal(1).div(3)),
    );
    fc.assert(
      fc.property(
        fc.array(award, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...ROUNDING_MODES),
        fc.nat(),
        fc.nat(),
        (values, scale, mode, i, j) => {
          const fast = awardsOf(values);
          const slow = awardsOf(values);
          const a = runningRound(fast, scale, mode);
          const b = runningRound(slow, scale, mode, false);
          expect(a.total.eq(b.total)).toBe(true);
          expect(shape(a.total)).toEqual(shape(b.total));
          expect(a.bumped).toBe(b.bumped);
          for (let k = 0; k < values.length; k++) {
            expect(shape(fast[k]!.granted)).toEqual(shape(slow[k]!.granted));
          }
          const f = Math.min(i % values.length, j % values.length);
          const l = Math.max(i % values.length, j % values.length);
          expect(shape(runningPoints(a, f, l))).toEqual(shape(runningPoints(b, f, l)));
          expect(shape(runningExact(a, f, l))).toEqual(shape(runningExact(b, f, l)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
