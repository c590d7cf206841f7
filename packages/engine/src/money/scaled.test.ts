import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  Decimal,
  divideBy100,
  divideToInteger,
  formatDecimal,
  formatFixed,
  fromScaled,
  isDecimalString,
  isPositive,
  MAX_SCALED,
  multiply,
  placesOf,
  subtract,
  sum,
  toDecimal,
  toScaled,
} from './decimal.js';

function reference(n: bigint, scale: number): Decimal {
  return new Decimal(`${n}e-${scale}`);
}

/** Amounts `n * 10^-s`, `n` in [min, max] and `s` in [0, maxScale] (what the fast-path properties draw). */
function scaledAmount(min: bigint, max: bigint, maxScale: number): fc.Arbitrary<Decimal> {
  return fc
    .tuple(fc.bigInt({ min, max }), fc.integer({ min: 0, max: maxScale }))
    .map(([n, s]) => reference(n, s));
}

function shape(x: Decimal) {
  return { s: x.s, e: x.e, d: [...x.d], ctor: x.constructor === Decimal };
}

describe('scaled integers', () => {
  it('converts examples both ways', () => {
    expect(fromScaled(12345, 2).toString()).toBe('123.45');
    expect(fromScaled(-5, 1).toString()).toBe('-0.5');
    expect(fromScaled(7, 15).toString()).toBe('0.000000000000007');
    expect(fromScaled(MAX_SCALED, 0).toString()).toBe(String(MAX_SCALED));
    // Three words (a product in units of 10^-14), the last one or two zero.
    for (const [n, text] of [
      [995_000_000_000_000, '9.95'],
      [1_000_000_000_000_000, '10'],
      [1_234_567_890_123_456, '12.34567890123456'],
    ] as const) {
      expect(shape(fromScaled(n, 14))).toEqual(shape(new Decimal(text)));
    }
    expect(toScaled(new Decimal('123.45'), 2)).toBe(12345);
    expect(toScaled(new Decimal('123.45'), 4)).toBe(1234500);
    expect(toScaled(new Decimal('123.45'), 1)).toBeNull();
    expect(toScaled(new Decimal('-0.001'), 3)).toBe(-1);
    expect(toScaled(new Decimal(MAX_SCALED).plus(1), 0)).toBeNull();
    expect(toScaled(new Decimal('1e20'), 0)).toBeNull();
    expect(toScaled(new Decimal(0), 2)).toBe(0);
  });

  it('fromScaled builds exactly the Decimal that parsing builds (same internal form)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -BigInt(MAX_SCALED), max: BigInt(MAX_SCALED) }),
        fc.integer({ min: 0, max: 15 }),
        (n, scale) => {
          const fast = fromScaled(Number(n), scale);
          const slow = reference(n, scale);
          expect(fast.eq(slow)).toBe(true);
          if (n !== 0n) expect(shape(fast)).toEqual(shape(slow));
          expect(fast.toString()).toBe(slow.toString());
          expect(fast.plus('0.1').toString()).toBe(slow.plus('0.1').toString());
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('toScaled is the exact scaled integer, or null off the grid or past 2^53', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 15 }),
        (n, places, scale) => {
          const x = reference(n, places);
          const got = toScaled(x, scale);
          // exact: x * 10^scale = n * 10^(scale - places)
          let expected: bigint | null;
          if (scale >= places) expected = n * 10n ** BigInt(scale - places);
          else {
            const div = 10n ** BigInt(places - scale);
            expected = n % div === 0n ? n / div : null;
          }
          if (
            expected !== null &&
            (expected > BigInt(MAX_SCALED) || -expected > BigInt(MAX_SCALED))
          )
            expected = null;
          expect(got === null ? null : BigInt(got)).toEqual(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_SCALED, max: MAX_SCALED }),
        fc.integer({ min: 0, max: 15 }),
        (n, scale) => {
          expect(toScaled(fromScaled(n, scale), scale)).toBe(n === 0 ? 0 : n);
        },
      ),
    );
  });
});

describe('sum', () => {
  it('adds in scaled integers exactly as decimal addition does (fast path == decimal path)', () => {
    const amount = fc.oneof(
      fc.tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 18 })),
      fc.tuple(fc.bigInt({ min: -1000n, max: 100000n }), fc.integer({ min: 0, max: 3 })),
      fc.tuple(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 8 })),
    );
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 12 }), (parts) => {
        const values = parts.map(([n, s]) => new Decimal(`${n}e-${s}`));
        let slow = new Decimal(0);
        for (const v of values) slow = slow.plus(v);
        const fast = sum(values);
        expect(fast.eq(slow)).toBe(true);
        expect(fast.toString()).toBe(slow.toString());
        expect(fast.isNegative()).toBe(slow.isNegative());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('add, subtract and isPositive', () => {
  it('adds and subtracts in scaled integers exactly as decimal arithmetic does (fast path == decimal path)', () => {
    // Amounts of every size, and many below 10^7 with at most 8 decimals (the 10^-7 grid and just past it).
    const amount = fc
      .oneof(
        fc.tuple(
          fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
          fc.integer({ min: 0, max: 18 }),
        ),
        fc.tuple(
          fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
          fc.integer({ min: 0, max: 8 }),
        ),
        fc.tuple(fc.bigInt({ min: -(10n ** 4n), max: 10n ** 4n }), fc.integer({ min: 0, max: 8 })),
        // Zeros of both signs: x + 0, 0 + y and x - 0 give the operand itself.
        fc.constantFrom<[bigint, number]>([0n, 0], [0n, 2]),
      )
      .map(([n, s]) => new Decimal(`${n}e-${s}`));
    const zeroes = fc.constantFrom(new Decimal(0), new Decimal('-0'));
    fc.assert(
      fc.property(
        fc.oneof(amount, zeroes),
        fc.oneof(amount, zeroes),
        fc.boolean(),
        (a, b, same) => {
          const y = same ? a : b;
          const fast = subtract(a, y);
          const slow = a.minus(y);
          expect(fast.toString()).toBe(slow.toString());
          expect(fast.isNegative()).toBe(slow.isNegative());
          expect(shape(fast)).toEqual(shape(slow));
          expect(shape(add(a, y))).toEqual(shape(a.plus(y)));
          const negated = y.negated();
          expect(add(a, negated).toString()).toBe(a.plus(negated).toString());
          expect(add(a, negated).isNegative()).toBe(a.plus(negated).isNegative());
          expect(add(a, y).toString()).toBe(a.plus(y).toString());
          expect(isPositive(a)).toBe(a.gt(0));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('toDecimal and multiply fast paths', () => {
  it('builds whole numbers exactly as decimal.js does, zero signs and fractions included (fast path == decimal path)', () => {
    const number = fc.oneof(
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: -100_000, max: 100_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 2 ** 53, -(2 ** 53), 1e21, 0.1),
    );
    fc.assert(
      fc.property(number, (n) => {
        const fast = toDecimal(n);
        const slow = new Decimal(n);
        expect({ s: fast.s, e: fast.e, d: [...fast.d] }).toEqual({
          s: slow.s,
          e: slow.e,
          d: [...slow.d],
        });
      }),
      { numRuns: 5000 },
    );
  });

  it('parses plain decimal strings exactly as decimal.js does (fast path == decimal path)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^[0-9]{0,18}$/),
        fc.constantFrom('', '.'),
        fc.stringMatching(/^[0-9]{0,18}$/),
        (sign, int, dot, frac) => {
          const text = `${sign}${int}${dot}${dot ? frac : ''}`;
          if (!isDecimalString(text)) return;
          const fast = toDecimal(text);
          const slow = new Decimal(text);
          expect(fast.toString()).toBe(slow.toString());
          expect(fast.isNegative()).toBe(slow.isNegative());
          expect({ s: fast.s, e: fast.e, d: [...fast.d] }).toEqual({
            s: slow.s,
            e: slow.e,
            d: [...slow.d],
          });
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('accepts exactly the strings that trimmed match the plain grammar, and parses them as decimal.js does', () => {
    const text = fc
      .array(fc.constantFrom('0', '1', '7', '9', '.', '+', '-', ' ', 'e', 'x'), { maxLength: 20 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => {
        if (isDecimalString(t.trim())) {
          const fast = toDecimal(t);
          const slow = new Decimal(t.trim());
          expect(fast.toString()).toBe(slow.toString());
          expect(fast.isNegative()).toBe(slow.isNegative());
        } else expect(() => toDecimal(t)).toThrow(TypeError);
      }),
      { numRuns: 5000 },
    );
  });

  it('multiplies in scaled integers exactly as decimal.js does (fast path == decimal path)', () => {
    // Any size, and amounts below 10^7 with at most 8 decimals (the 10^-7 units path and just past it).
    const amount = fc.oneof(
      scaledAmount(-(10n ** 12n), 10n ** 12n, 12),
      scaledAmount(-(10n ** 15n), 10n ** 15n, 8),
      fc.constantFrom(new Decimal(0), new Decimal('-0')),
    );
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const fast = multiply(a, b);
        const slow = a.times(b);
        expect(fast.toString()).toBe(slow.toString());
        expect(fast.isNegative()).toBe(slow.isNegative());
        expect(shape(fast)).toEqual(shape(slow));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('divideBy100 fast path', () => {
  it('divides by 100 exactly as decimal.js does, representation included (fast path == decimal path)', () => {
    const amount = fc.oneof(
      scaledAmount(-(10n ** 18n), 10n ** 18n, 16),
      fc.constantFrom(new Decimal('-0'), new Decimal(0), new Decimal(100), new Decimal('12.5')),
    );
    fc.assert(
      fc.property(amount, (a) => {
        const fast = divideBy100(a);
        const slow = a.div(100);
        expect(fast.toString()).toBe(slow.toString());
        expect(fast.isNegative()).toBe(slow.isNegative());
        expect({ s: fast.s, e: fast.e, d: [...fast.d] }).toEqual({
          s: slow.s,
          e: slow.e,
          d: [...slow.d],
        });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('divideToInteger fast path', () => {
  it('takes the integer part of a quotient exactly as decimal.js divToInt does (fast path == decimal path)', () => {
    const amount = fc.oneof(
      scaledAmount(0n, 10n ** 16n, 8),
      fc.integer({ min: 0, max: 1000 }).map((n) => new Decimal(n)),
    );
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: -2, max: 2 }), (a, b0, k) => {
        const b = b0.isZero() ? new Decimal(1) : b0;
        // Also exact multiples of b and their neighbours, where a rounded quotient goes wrong.
        const m = a
          .divToInt(b)
          .times(b)
          .plus(new Decimal(k).times(new Decimal('1e-8')));
        for (const x of [a, m.isNegative() ? a : m]) {
          const fast = divideToInteger(x, b);
          const slow = x.divToInt(b);
          expect(fast.toString()).toBe(slow.toString());
          expect({ s: fast.s, e: fast.e, d: [...fast.d] }).toEqual({
            s: slow.s,
            e: slow.e,
            d: [...slow.d],
          });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with divToInt on quotients just below an integer, dividends near 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (y, below, places) => {
          // x = q * y - 1: the quotient is 1/y below q, with x as large as the fast path takes.
          const q = Math.floor((2 ** 53 - 1) / y) - below;
          const x = BigInt(q) * BigInt(y) - 1n;
          const a = new Decimal(`${x}e-${places}`);
          const b = new Decimal(`${y}e-${places}`);
          expect(divideToInteger(a, b).toString()).toBe(a.divToInt(b).toString());
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('formatDecimal and formatFixed fast paths', () => {
  it('write amounts exactly as decimal.js toString and toFixed do (fast path == decimal path)', () => {
    const amount = fc.oneof(
      scaledAmount(-(10n ** 17n), 10n ** 17n, 18),
      fc.constantFrom(
        new Decimal('-0'),
        new Decimal(0),
        new Decimal(1).div(3),
        new Decimal('123456789012345678901234567890'),
        new Decimal('0.000001'),
      ),
    );
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 16 }), (a, places) => {
        expect(formatDecimal(a)).toBe(a.toString());
        expect(formatFixed(a, places)).toBe(a.toFixed(places));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('compare', () => {
  it('orders amounts exactly as decimal.js comparedTo does (fast path == decimal path)', () => {
    const amount = fc.oneof(
      scaledAmount(-(10n ** 30n), 10n ** 30n, 30),
      fc.constantFrom(
        new Decimal('-0'),
        new Decimal(0),
        new Decimal(1).div(3),
        new Decimal(-2).div(3),
      ),
    );
    fc.assert(
      fc.property(amount, amount, fc.boolean(), (a, b, same) => {
        const y = same ? new Decimal(a) : b;
        expect(compare(a, y)).toBe(a.comparedTo(y));
        expect(compare(y, a)).toBe(y.comparedTo(a));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('placesOf', () => {
  it('counts decimal places exactly as decimal.js decimalPlaces does (fast path == decimal path)', () => {
    // Exponents from -40 to +40 put the last word's trailing zeros on every side of the point.
    const amount = fc.oneof(
      fc
        .tuple(
          fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
          fc.integer({ min: -40, max: 40 }),
        )
        .map(([n, s]) => new Decimal(`${n}e${s}`)),
      fc
        .tuple(
          fc.bigInt({ min: -BigInt(MAX_SCALED), max: BigInt(MAX_SCALED) }),
          fc.integer({ min: 0, max: 15 }),
        )
        .map(([n, s]) => fromScaled(Number(n), s)),
      fc.constantFrom(
        new Decimal('-0'),
        new Decimal(0),
        new Decimal(1).div(3),
        new Decimal('1e-40'),
        new Decimal('1e40'),
        new Decimal(Number.NaN),
        new Decimal(Number.POSITIVE_INFINITY),
      ),
    );
    fc.assert(
      fc.property(amount, (a) => {
        expect(placesOf(a)).toBe(a.decimalPlaces());
      }),
      { numRuns: 10000 },
    );
  });
});
