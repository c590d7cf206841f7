import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum, ZERO } from '../money/index.js';
import { allocateCapped, allocateCappedDecimal, fillInOrder } from './allocateCapped.js';

const d = (xs: (string | number)[]) => xs.map((x) => new Decimal(x));
const s = (xs: Decimal[]) => xs.map((x) => x.toString());

describe('allocateCapped', () => {
  it('splits by weight like allocate when no cap binds', () => {
    expect(s(allocateCapped(new Decimal(10), d([1, 1, 1]), d([10, 10, 10]), 2))).toEqual([
      '3.34',
      '3.33',
      '3.33',
    ]);
  });

  it('holds a part at its cap and gives the excess to the others', () => {
    expect(s(allocateCapped(new Decimal(10), d([8, 1, 1]), d([2, 10, 10]), 2))).toEqual([
      '2',
      '4',
      '4',
    ]);
  });

  it('splits evenly over zero weights when only they have room', () => {
    expect(s(allocateCapped(new Decimal(3), d([5, 0, 0]), d([1, 5, 5]), 0))).toEqual([
      '1',
      '1',
      '1',
    ]);
  });

  it('refuses a total above the caps (a bug in the caller)', () => {
    expect(() => allocateCapped(new Decimal(5), d([1]), d([4]), 0)).toThrow(/exceeds the caps/);
  });
});

describe('fillInOrder', () => {
  it('fills parts in order up to their caps', () => {
    expect(s(fillInOrder(new Decimal(7), [2, 0, 1], d([5, 5, 4])))).toEqual(['3', '0', '4']);
  });
});

describe('allocateCapped properties', () => {
  const caseArb = fc
    .array(
      fc.record({
        w: fc.integer({ min: 0, max: 1_000 }),
        cap: fc.integer({ min: 0, max: 10_000 }),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .chain((parts) =>
      fc.tuple(
        fc.constant(parts),
        fc.integer({ min: 0, max: parts.reduce((a, p) => a + p.cap, 0) }),
      ),
    );

  it('parts sum exactly to the total and never pass their caps', () => {
    fc.assert(
      fc.property(caseArb, ([parts, cents]) => {
        const total = new Decimal(cents).div(100);
        const caps = parts.map((p) => new Decimal(p.cap).div(100));
        const out = allocateCapped(
          total,
          parts.map((p) => new Decimal(p.w)),
          caps,
          2,
        );
        expect(sum(out).eq(total)).toBe(true);
        out.forEach((x, i) => {
          expect(x.isNegative()).toBe(false);
          expect(x.lte(caps[i]!)).toBe(true);
          expect(x.decimalPlaces()).toBeLessThanOrEqual(2);
        });
      }),
    );
  });

  it('the integer fast path gives exactly the decimal parts (fast path == decimal path)', () => {
    // Weights with up to 18 decimals and amounts up to 10^16 units, so both
    // the integer path and its fallbacks (products past 2^50) are exercised.
    const amount = fc.tuple(
      fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 16n })),
      fc.integer({ min: 0, max: 18 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ w: amount, cap: fc.bigInt({ min: -5n, max: 10n ** 16n }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (parts, scale, share, lone) => {
          const weights = parts.map(({ w: [n, p] }, i) =>
            // Sometimes a single 40-digit weight (a unit price divided by 3), the others zero.
            lone && i === 0
              ? new Decimal(`${n}e-${p}`).plus(1).div(3)
              : lone
                ? ZERO
                : new Decimal(`${n}e-${p}`),
          );
          const caps = parts.map((p) => new Decimal(`${p.cap}e-${scale}`));
          const room = parts.reduce((a, p) => a + (p.cap > 0n ? p.cap : 0n), 0n);
          const units = BigInt(Math.floor(Number(room) * share));
          const total = new Decimal(`${units > room ? room : units}e-${scale}`);
          const fast = allocateCapped(total, weights, caps, scale);
          const slow = allocateCappedDecimal(total, weights, caps, scale);
          expect(fast.map((x) => x.toString())).toEqual(slow.map((x) => x.toString()));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
