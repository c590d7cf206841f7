import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../money/index.js';
import { allocateCapped, fillInOrder } from './allocateCapped.js';

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
});
