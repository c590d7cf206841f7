import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, round, sum } from '../money/index.js';
import { roundParts } from './roundParts.js';

const d = (xs: string[]) => xs.map((x) => new Decimal(x));
const s = (xs: Decimal[]) => xs.map((x) => x.toString());

describe('roundParts', () => {
  it.each([
    ['21', ['10.6', '10.6'], 0, ['11', '10']],
    ['20', ['10.6', '10.4'], 0, ['10', '10']],
    ['21', ['10.6', '10.4'], 0, ['11', '10']],
    ['3', ['1.5', '1.5', '0.5'], 0, ['2', '1', '0']],
    // equal remainders: the lower index is rounded up
    ['1.2', ['0.55', '0.65'], 1, ['0.6', '0.6']],
    ['0', [], 0, []],
  ])('splits %s over %j at scale %i', (target, parts, scale, expected) => {
    expect(s(roundParts(new Decimal(target), d(parts), scale))).toEqual(expected);
  });
  it('refuses a target outside [sum of floors, sum of ceilings]', () => {
    expect(() => roundParts(new Decimal(3), d(['1.5']), 0)).toThrow(/invariant/);
  });

  describe('properties', () => {
    const partsArb = fc.array(
      fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n).div(1000)),
      { maxLength: 20 },
    );
    const modes = fc.constantFrom(
      'FLOOR',
      'CEILING',
      'HALF_EVEN',
      'HALF_UP',
      'DOWN',
      'UP',
    ) as fc.Arbitrary<'FLOOR'>;
    it('parts sum to the rounded total and each is the floor or ceiling of its exact value', () => {
      fc.assert(
        fc.property(partsArb, fc.integer({ min: 0, max: 2 }), modes, (parts, scale, mode) => {
          const target = round(sum(parts), scale, mode);
          const out = roundParts(target, parts, scale);
          expect(sum(out).eq(target)).toBe(true);
          out.forEach((o, i) => {
            expect(o.gte(round(parts[i]!, scale, 'FLOOR'))).toBe(true);
            expect(o.lte(round(parts[i]!, scale, 'CEILING'))).toBe(true);
          });
        }),
      );
    });
  });
});
