import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { ROUNDING_MODES, round } from './rounding.js';

describe('round', () => {
  it.each([
    ['2.5', 0, 'HALF_EVEN', '2'],
    ['3.5', 0, 'HALF_EVEN', '4'],
    ['2.5', 0, 'HALF_UP', '3'],
    ['-2.5', 0, 'HALF_UP', '-3'],
    ['2.5', 0, 'HALF_DOWN', '2'],
    ['2.01', 0, 'UP', '3'],
    ['-2.01', 0, 'UP', '-3'],
    ['2.99', 0, 'DOWN', '2'],
    ['-2.99', 0, 'DOWN', '-2'],
    ['-2.01', 0, 'CEILING', '-2'],
    ['-2.01', 0, 'FLOOR', '-3'],
    ['1.005', 2, 'HALF_EVEN', '1'],
    ['1.015', 2, 'HALF_EVEN', '1.02'],
  ] as const)('round(%s, %i, %s) = %s', (v, scale, mode, expected) => {
    expect(round(new Decimal(v), scale, mode).toString()).toBe(expected);
  });

  describe('properties', () => {
    const value = fc
      .bigInt({ min: -(10n ** 20n), max: 10n ** 20n })
      .map((b) => new Decimal(b.toString()).div(1e6));
    it('rounding moves a value by less than one unit', () => {
      fc.assert(
        fc.property(
          value,
          fc.integer({ min: 0, max: 6 }),
          fc.constantFrom(...ROUNDING_MODES),
          (v, s, mode) => {
            const r = round(v, s, mode);
            expect(r.minus(v).abs().lt(new Decimal(10).pow(-s))).toBe(true);
            expect(r.decimalPlaces()).toBeLessThanOrEqual(s);
          },
        ),
      );
    });
    it('FLOOR never rounds up and CEILING never rounds down', () => {
      fc.assert(
        fc.property(value, fc.integer({ min: 0, max: 6 }), (v, s) => {
          expect(round(v, s, 'FLOOR').lte(v)).toBe(true);
          expect(round(v, s, 'CEILING').gte(v)).toBe(true);
        }),
      );
    });
    it('the integer fast path rounds exactly as decimal.js (fast path == decimal path)', () => {
      const modes = {
        HALF_EVEN: Decimal.ROUND_HALF_EVEN,
        HALF_UP: Decimal.ROUND_HALF_UP,
        HALF_DOWN: Decimal.ROUND_HALF_DOWN,
        UP: Decimal.ROUND_UP,
        DOWN: Decimal.ROUND_DOWN,
        CEILING: Decimal.ROUND_CEIL,
        FLOOR: Decimal.ROUND_FLOOR,
      } as const;
      fc.assert(
        fc.property(
          fc.oneof(
            fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
            fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
          ),
          fc.integer({ min: 0, max: 18 }),
          fc.integer({ min: 0, max: 8 }),
          fc.constantFrom(...ROUNDING_MODES),
          (n, places, s, mode) => {
            const v = new Decimal(`${n}e-${places}`);
            const fast = round(v, s, mode);
            const slow = v.toDecimalPlaces(s, modes[mode]);
            expect(fast.toString()).toBe(slow.toString());
            expect(fast.isNegative()).toBe(slow.isNegative());
            expect({ s: fast.s, e: fast.e, d: [...fast.d] }).toEqual({
              s: slow.s,
              e: slow.e,
              d: [...slow.d],
            });
            // A negative zero stays one (decimal.js keeps the sign of a zero).
            const z = round(new Decimal(`-0e-${places}`), s, mode);
            expect(z.isNegative()).toBe(true);
          },
        ),
        { numRuns: 5000 },
      );
    });
  });
});
