import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateDecimal } from './allocate.js';
import { Decimal, sum } from './decimal.js';

const strs = (ds: Decimal[]) => ds.map((d) => d.toString());

describe('allocate', () => {
  it.each([
    ['10.00', [1, 1, 1], 2, ['3.34', '3.33', '3.33']],
    ['100', [1, 2, 3], 0, ['17', '33', '50']],
    ['0.05', [1, 1], 2, ['0.03', '0.02']],
    ['-0.05', [3, 1], 2, ['-0.04', '-0.01']],
    ['7', [0, 0], 0, ['4', '3']],
    ['7', [0, 1], 0, ['0', '7']],
    ['1.00', ['0.333', '0.333', '0.334'], 2, ['0.33', '0.33', '0.34']],
    ['0', [5, 5], 2, ['0', '0']],
  ] as const)('splits %s over %j at scale %i', (total, weights, scale, expected) => {
    expect(strs(allocate(total, weights, scale))).toEqual(expected);
  });

  it('refuses a total that is not a multiple of the unit', () => {
    expect(() => allocate('1.005', [1, 1], 2)).toThrow(RangeError);
  });
  it('refuses negative weights and bad scales', () => {
    expect(() => allocate('1', [1, -1], 0)).toThrow(RangeError);
    expect(() => allocate('1', [1], -1)).toThrow(RangeError);
    expect(() => allocate('1', [1], 1.5)).toThrow(RangeError);
  });
  it('refuses to split a non-zero total over no parts, and splits zero into nothing', () => {
    expect(() => allocate('1', [], 0)).toThrow(RangeError);
    expect(allocate('0', [], 0)).toEqual([]);
  });

  describe('properties', () => {
    const scale = fc.integer({ min: 0, max: 4 });
    const weights = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }).map((d) => d.toFixed(3)),
      ),
      { minLength: 1, maxLength: 30 },
    );
    const units = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });

    it('allocation preserves the total', () => {
      fc.assert(
        fc.property(units, weights, scale, (u, ws, s) => {
          const total = new Decimal(u.toString()).div(new Decimal(10).pow(s));
          expect(sum(allocate(total, ws, s)).eq(total)).toBe(true);
        }),
      );
    });

    it('no part has the opposite sign of the total', () => {
      fc.assert(
        fc.property(units, weights, scale, (u, ws, s) => {
          const total = new Decimal(u.toString()).div(new Decimal(10).pow(s));
          for (const part of allocate(total, ws, s)) {
            if (total.gte(0)) expect(part.gte(0)).toBe(true);
            else expect(part.lte(0)).toBe(true);
          }
        }),
      );
    });

    it('each part is within one unit of its exact share and on the unit grid', () => {
      fc.assert(
        fc.property(units, weights, scale, (u, ws, s) => {
          const unit = new Decimal(10).pow(-s);
          const total = new Decimal(u.toString()).times(unit);
          const w = ws.map((x) => new Decimal(x));
          const wSum = sum(w);
          const parts = allocate(total, ws, s);
          parts.forEach((part, i) => {
            expect(part.div(unit).isInteger()).toBe(true);
            const exact = wSum.isZero() ? total.div(w.length) : total.times(w[i]!).div(wSum);
            expect(part.minus(exact).abs().lt(unit)).toBe(true);
          });
        }),
      );
    });

    it('allocation is deterministic', () => {
      fc.assert(
        fc.property(units, weights, scale, (u, ws, s) => {
          const total = new Decimal(u.toString()).div(new Decimal(10).pow(s));
          expect(strs(allocate(total, ws, s))).toEqual(strs(allocate(total, ws, s)));
        }),
      );
    });
  });
});

describe('allocate in integers (the fast path)', () => {
  it('equals the decimal computation on Decimal inputs, near 2^50 and past it too', () => {
    const amount = fc.oneof(
      fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }),
      fc.bigInt({ min: 0n, max: 2n ** 51n }),
      fc.bigInt({ min: 0n, max: 100_000n }),
    );
    const weight = fc.oneof(
      fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 51n }), fc.integer({ min: 0, max: 18 })),
      fc.tuple(fc.bigInt({ min: 0n, max: 100_000n }), fc.integer({ min: 0, max: 4 })),
    );
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: 0, max: 18 }),
        fc.array(weight, { minLength: 1, maxLength: 12 }),
        (units, scale, ws) => {
          const total = new Decimal(units.toString()).div(new Decimal(10).pow(scale));
          const weights = ws.map(([n, p]) => new Decimal(n.toString()).div(new Decimal(10).pow(p)));
          const expected = allocateDecimal(total, weights, scale);
          const actual = allocate(total, weights, scale);
          expect(actual.map((d) => [d.toString(), d.isNegative()])).toEqual(
            expected.map((d) => [d.toString(), d.isNegative()]),
          );
        },
      ),
    );
  });
});
