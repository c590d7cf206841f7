import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorDivide } from './floorDivide.js';

describe('floorDivide', () => {
  it('rounds toward negative infinity', () => {
    expect(floorDivide(7, 2)).toBe(3);
    expect(floorDivide(-7, 2)).toBe(-4);
    expect(floorDivide(6, 3)).toBe(2);
    expect(floorDivide(0, 5)).toBe(0);
  });

  it('properties: equals the exact bigint floor on its whole domain (|n|, d <= 2^52)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
        fc.integer({ min: 1, max: 2 ** 52 }),
        (n, d) => {
          const a = BigInt(n);
          const b = BigInt(d);
          const q = a / b - (a % b < 0n ? 1n : 0n);
          expect(floorDivide(n, d)).toBe(Number(q));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
