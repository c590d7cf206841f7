import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The engine's private decimal type: a `decimal.js` clone with 40 significant
 * digits and no exponent notation in `toString()`. Only `money/` configures it;
 * the global `Decimal.set` is never touched, so an embedding application keeps
 * its own settings.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

/** Anything the engine accepts as an exact amount: a decimal string, a finite number or a Decimal. */
export type DecimalInput = string | number | DecimalJs;

/** The exact decimal zero. */
export const ZERO: Decimal = new Decimal(0);
/** The exact decimal one. */
export const ONE: Decimal = new Decimal(1);

const DECIMAL_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Parses an exact amount. Strings must be plain decimals (`"12.50"`, `"-3"`):
 * no exponent, no thousands separators, no `NaN` or `Infinity`. Numbers must be
 * finite. Throws a `TypeError` on anything else: parse once at the edge.
 */
export function toDecimal(value: DecimalInput): Decimal {
  if (DecimalJs.isDecimal(value)) {
    if (!value.isFinite()) throw new TypeError('Amount must be finite');
    return value instanceof Decimal ? value : new Decimal(value);
  }
  if (typeof value === 'number') {
    // A whole number (not zero, whose sign decimal.js keeps) is its scaled integer.
    if (Number.isSafeInteger(value) && value !== 0) return fromScaled(value, 0);
    if (!Number.isFinite(value)) throw new TypeError('Amount must be a finite number');
    return new Decimal(value);
  }
  if (typeof value === 'string') {
    const plain = parsePlain(value, true);
    if (plain !== null) return plain;
    const trimmed = value.trim();
    if (DECIMAL_PATTERN.test(trimmed)) return parsePlain(trimmed) ?? new Decimal(trimmed);
  }
  throw new TypeError(`Not a plain decimal amount: ${JSON.stringify(value)}`);
}

/**
 * A plain decimal string of at most 15 digits, as a scaled integer built by
 * `fromScaled`; null for anything else (longer, or zero, whose sign
 * decimal.js keeps), which decimal.js parses. With `check`, the string is
 * also checked against `DECIMAL_PATTERN`'s grammar (null when it does not
 * match, spaces included: the caller then trims and tests it); without, it
 * must already match.
 */
function parsePlain(str: string, check = false): Decimal | null {
  const len = str.length;
  if (len > 17) return null;
  let i = 0;
  let negative = false;
  const first = str.charCodeAt(0);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = 1;
  }
  let n = 0;
  let digits = 0;
  let scale = -1;
  for (; i < len; i++) {
    const c = str.charCodeAt(i);
    if (c === 46) {
      if (check && scale >= 0) return null;
      scale = 0;
      continue;
    }
    if (check && (c < 48 || c > 57)) return null;
    n = n * 10 + (c - 48);
    digits += 1;
    if (scale >= 0) scale += 1;
  }
  if (digits > 15 || n === 0) return null;
  return fromScaled(negative ? -n : n, Math.max(scale, 0));
}

/**
 * `a * b`, exactly: in scaled integers when the product has at most 15
 * decimals (or both are `units7` amounts) and stays below 2^53, else in
 * decimals (the same value).
 */
export function multiply(a: Decimal, b: Decimal): Decimal {
  // Amounts below 10^7 with at most 7 decimals (most): their units of 10^-7,
  // whose product is the result in units of 10^-14, without reading places.
  const x7 = units7(a);
  if (x7 !== null && x7 !== 0) {
    const y7 = units7(b);
    if (y7 !== null && y7 !== 0) {
      const r = x7 * y7;
      if (r <= MAX_SCALED && r >= -MAX_SCALED) return fromScaled(r, 14);
    }
  }
  const pa = placesOf(a);
  const pb = placesOf(b);
  if (pa + pb <= 15) {
    const x = toScaled(a, pa);
    const y = x === null ? null : toScaled(b, pb);
    if (x !== null && y !== null) {
      const r = x * y;
      if (r <= MAX_SCALED && r >= -MAX_SCALED) {
        // decimal.js keeps the sign of a zero product; the integer path only builds non-zero ones.
        if (r !== 0) return fromScaled(r, pa + pb);
      }
    }
  }
  return a.times(b);
}

/**
 * `a / 100` (a percentage as a rate), exactly: the same digits at two more
 * decimal places, in scaled integers when the result has at most 15 decimals
 * and is not zero, else in decimals (the same value; exact either way at 40
 * significant digits).
 */
export function divideBy100(a: Decimal): Decimal {
  const p = placesOf(a);
  if (p <= 13) {
    const n = toScaled(a, p);
    if (n !== null && n !== 0) return fromScaled(n, p + 2);
  }
  return a.div(100);
}

/**
 * `a.divToInt(b)` (the integer part of `a / b`) for `a >= 0` and `b > 0`, in
 * scaled integers when both have at most 15 decimals and fit below 2^53 at
 * their common scale (the floating quotient of two integers below 2^53 has
 * the right integer part; the exact remainder checks it all the same), else
 * in decimals (the same value).
 */
export function divideToInteger(a: Decimal, b: Decimal): Decimal {
  const p = Math.max(placesOf(a), placesOf(b));
  if (p <= 15 && !a.isNegative() && b.isPositive()) {
    const x = toScaled(a, p);
    const y = x === null ? null : toScaled(b, p);
    if (x !== null && y !== null && y > 0 && x > 0) {
      let q = Math.floor(x / y);
      const product = q * y;
      if (product <= MAX_SCALED) {
        const r = x - product;
        if (r < 0) q -= 1;
        else if (r >= y) q += 1;
        if (q > 0) return fromScaled(q, 0);
      }
    }
  }
  return a.divToInt(b);
}

/** `n * 10^-places` written out (`n` a safe integer, `places` in [0, 15]). */
function formatScaled(n: number, places: number): string {
  const negative = n < 0;
  let digits = String(negative ? -n : n);
  if (places > 0) {
    if (digits.length <= places) digits = '0'.repeat(places - digits.length + 1) + digits;
    digits = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  }
  return negative ? `-${digits}` : digits;
}

/**
 * `a.toString()` (plain notation, no trailing zeros), written from scaled
 * integers when `a` is non-zero with at most 15 decimals below 2^53 units,
 * else by decimal.js (the same text).
 */
export function formatDecimal(a: Decimal): string {
  const d = a.d;
  if (d && d[0] !== 0) {
    const p = placesOf(a);
    if (p <= 15) {
      const n = toScaled(a, p);
      if (n !== null) return formatScaled(n, p);
    }
  }
  return a.toString();
}

/**
 * `a.toFixed(places)`, written from scaled integers when `a` is non-zero and
 * already on the `10^-places` grid (no rounding), else by decimal.js (the
 * same text).
 */
export function formatFixed(a: Decimal, places: number): string {
  const d = a.d;
  if (d && d[0] !== 0 && places >= 0 && places <= 15 && placesOf(a) <= places) {
    const n = toScaled(a, places);
    if (n !== null) return formatScaled(n, places);
  }
  return a.toFixed(places);
}

/** True when the string is a plain decimal the engine accepts. */
export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/**
 * Sum of amounts (zero for an empty list). Exact: in scaled integers when
 * every amount has at most 15 decimals and every partial sum stays within
 * `MAX_SCALED` units, else in decimals (the same value either way).
 */
export function sum(values: readonly Decimal[]): Decimal {
  const n = values.length;
  if (n === 0) return ZERO;
  let sevenths = 0;
  let k = 0;
  for (; k < n; k++) {
    const u = units7(values[k]!);
    if (u === null) break;
    sevenths += u;
  }
  // Each term is below 10^14: the total is exact while it stays within MAX_SCALED.
  if (k === n && sevenths <= MAX_SCALED && sevenths >= -MAX_SCALED) return fromScaled(sevenths, 7);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const dp = placesOf(values[i]!);
    if (!(dp <= p)) p = dp;
  }
  if (p <= 15) {
    let total = 0;
    let i = 0;
    for (; i < n; i++) {
      const s = toScaled(values[i]!, p);
      if (s === null) break;
      total += s;
      if (total > MAX_SCALED || total < -MAX_SCALED) break;
    }
    if (i === n) return fromScaled(total, p);
  }
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** `a > 0`, without building a Decimal for the zero. */
export function isPositive(a: Decimal): boolean {
  return a.isPositive() && !a.isZero();
}

/**
 * `a - b`, exactly: in scaled integers when both have at most 15 decimals and
 * fit below 2^53 at their common scale, else in decimals (the same value).
 */
export function subtract(a: Decimal, b: Decimal): Decimal {
  return combine(a, b, -1) ?? a.minus(b);
}

/** `a + b`, exactly, as `subtract` does it. */
export function add(a: Decimal, b: Decimal): Decimal {
  return combine(a, b, 1) ?? a.plus(b);
}

/**
 * `x * 10^7` when `x` has at most 7 decimals and `|x| < 10^7` (two aligned
 * base-1e7 words at most: the common case of amounts), else null. Exact:
 * the result is below 10^14. Zero (either sign) is 0.
 */
export function units7(x: Decimal): number | null {
  const d = x.d;
  if (!d) return null;
  const w = d[0]!;
  if (w === 0) return 0;
  const e = x.e;
  let n: number;
  if (e >= 0 && e < 7) {
    if (d.length === 1) n = w * 1e7;
    else if (d.length === 2) n = w * 1e7 + d[1]!;
    else return null;
  } else if (e < 0 && e >= -7) {
    if (d.length !== 1) return null;
    n = w;
  } else return null;
  return x.s < 0 ? -n : n;
}

function combine(a: Decimal, b: Decimal, sign: 1 | -1): Decimal | null {
  const x7 = units7(a);
  if (x7 !== null) {
    const y7 = units7(b);
    if (y7 !== null) {
      // x ± 0 and 0 + y (x, y not zero) are the operand itself, which decimal.js
      // would copy (at most 14 digits: no rounding); Decimals are immutable.
      if (y7 === 0) {
        // Two zeros: -0 only for -0 + -0 (and -0 - 0), as decimal.js rounds half even.
        if (x7 === 0) return a.s < 0 && (sign === 1 ? b.s < 0 : b.s > 0) ? a : ZERO;
        return a;
      }
      if (x7 === 0 && sign === 1) return b;
      return fromScaled(x7 + sign * y7, 7);
    }
  }
  const p = Math.max(placesOf(a), placesOf(b));
  if (!(p <= 15)) return null;
  const x = toScaled(a, p);
  if (x === null) return null;
  const y = toScaled(b, p);
  if (y === null) return null;
  const r = x + sign * y;
  return r <= MAX_SCALED && r >= -MAX_SCALED ? fromScaled(r, p) : null;
}

/**
 * `a.comparedTo(b)` (-1, 0 or 1) for finite amounts without copying `b`
 * (decimal.js copies its argument): by sign, then exponent, then base-1e7
 * words, which are aligned when the exponents are equal. Non-finite values
 * go to decimal.js.
 */
export function compare(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd) return a.comparedTo(b);
  const as = ad[0] === 0 ? 0 : a.s;
  const bs = bd[0] === 0 ? 0 : b.s;
  if (as !== bs) return as > bs ? 1 : -1;
  if (as === 0) return 0;
  if (a.e !== b.e) return a.e > b.e === as > 0 ? 1 : -1;
  const n = Math.min(ad.length, bd.length);
  for (let i = 0; i < n; i++) {
    if (ad[i] !== bd[i]) return ad[i]! > bd[i]! === as > 0 ? 1 : -1;
  }
  if (ad.length === bd.length) return 0;
  return ad.length > bd.length === as > 0 ? 1 : -1;
}

/** The smaller of two amounts. */
export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) <= 0 ? a : b;
}

/** The larger of two amounts. */
export function max(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) >= 0 ? a : b;
}

/*
 * Exact conversions between our `Decimal` and integers of `10^-scale` units
 * held in JS numbers, for the hot paths that add, compare and allocate money
 * in integer arithmetic (every integer below 2^53 is exact in a double).
 *
 * They read and build decimal.js's documented internal form (`d`, `e`, `s`:
 * base-1e7 words aligned on the decimal point, the exponent of the most
 * significant digit, the sign), so they never format or parse a string. The
 * `scaled.test.ts` properties check both directions against decimal.js on
 * random values, including the representation itself.
 */

/** The largest integer the fast paths use: sums and products of two checked against it stay exact. */
export const MAX_SCALED = 2 ** 53 - 1;

const POW10: readonly number[] = [
  1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];
const BASE = 1e7;

/**
 * `value * 10^scale` as a JS integer when it is one (value on the `10^-scale`
 * grid) and its magnitude is at most `MAX_SCALED`; null otherwise (off the
 * grid, too large, not finite, or `scale` outside [0, 15]).
 */
export function toScaled(value: Decimal, scale: number): number | null {
  const d = value.d;
  if (!d || scale < 0 || scale > 15) return null;
  if (d[0] === 0) return 0;
  // d[i] is worth 10^(7 * (k - i)): k is the word exponent of the leading word.
  const k = Math.floor(value.e / 7);
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    const w = d[i]!;
    if (w === 0) continue;
    const t = 7 * (k - i) + scale;
    if (t >= 0) {
      if (t > 15) return null;
      const part = w * POW10[t]!;
      if (part > MAX_SCALED) return null;
      n += part;
      if (n > MAX_SCALED) return null;
    } else {
      if (t <= -7) return null;
      const div = POW10[-t]!;
      if (w % div !== 0) return null;
      n += w / div;
    }
  }
  return value.s < 0 ? -n : n;
}

/**
 * Trailing zero digits of a word (0 < w < 1e7): at most 6. Integer
 * remainders by constants, where decimal.js divides the word by 10 in
 * floating point until a remainder shows.
 */
function trailingZeros(w: number): number {
  if (w % 10 !== 0) return 0;
  if (w % 100 !== 0) return 1;
  if (w % 1e3 !== 0) return 2;
  if (w % 1e4 !== 0) return 3;
  if (w % 1e5 !== 0) return 4;
  return w % 1e6 !== 0 ? 5 : 6;
}

/**
 * `x.decimalPlaces()`, the same number (NaN for a non-finite value) from the
 * same words: the last word's place, less its trailing zeros. decimal.js
 * counts those zeros by dividing by 10 in floating point, the costliest part
 * of every fast path that needs the places; here they are integer remainders.
 */
export function placesOf(x: Decimal): number {
  const d = x.d;
  if (!d) return Number.NaN;
  const last = d.length - 1;
  const w = d[last]!;
  const n = (last - Math.floor(x.e / 7)) * 7 - (w === 0 ? 0 : trailingZeros(w));
  return Math.max(n, 0);
}

/** Number of decimal digits of a word (0 < w < 1e7). */
function wordDigits(w: number): number {
  return w < 1e3 ? (w < 10 ? 1 : w < 100 ? 2 : 3) : w < 1e5 ? (w < 1e4 ? 4 : 5) : w < 1e6 ? 6 : 7;
}

/** decimal.js's prototype, shared by every clone: instances are built on it directly. */
const PROTOTYPE: object = Object.getPrototypeOf(ZERO);

/*
 * Per scale s in [0, 15], read by `fromScaled`: the exponent of the lowest
 * word, p = 7 * floor(-s / 7) <= -s, and with shift = -s - p (0..6) the
 * divisor 10^(7 - shift) splitting off that word and the factor 10^shift
 * aligning it.
 */
const LOW_EXPONENT: readonly number[] = [];
const LOW_DIVISOR: readonly number[] = [];
const LOW_FACTOR: readonly number[] = [];
for (let s = 0; s <= 15; s++) {
  const p = 7 * Math.floor(-s / 7);
  (LOW_EXPONENT as number[]).push(p);
  (LOW_DIVISOR as number[]).push(POW10[7 + s + p]!);
  (LOW_FACTOR as number[]).push(POW10[-s - p]!);
}

/**
 * The Decimal worth `n * 10^-scale` (`n` an integer of magnitude at most
 * `MAX_SCALED`, `scale` in [0, 15]), built without parsing a string. Zero is
 * the shared `ZERO`.
 *
 * The words are stored as small integers (`| 0`, exact below 1e7): computed
 * by division they would otherwise be doubles, the array would hold double
 * elements, and every later read of a word (here and in decimal.js) would
 * take floating-point remainders.
 */
export function fromScaled(n: number, scale: number): Decimal {
  if (n === 0) return ZERO;
  // Undefined for a scale outside [0, 15] or not an integer.
  const low = LOW_DIVISOR[scale];
  if (low === undefined || !Number.isSafeInteger(n))
    throw new RangeError('fromScaled: n must be a safe integer and scale in [0, 15]');
  const a = n < 0 ? -n : n;
  // The value is (a * 10^shift) * 10^p. a * 10^shift may pass 2^53: split a
  // first (a = hi * 10^(7-shift) + rest), then shift.
  let hi: number;
  let rest: number;
  if (a <= 2 ** 52) {
    // hi * low stays below 2^53, so a - hi * low is exact; it corrects the rounded quotient.
    hi = Math.floor(a / low);
    rest = a - hi * low;
    if (rest < 0) {
      hi -= 1;
      rest += low;
    } else if (rest >= low) {
      hi += 1;
      rest -= low;
    }
  } else {
    rest = a % low; // exact
    hi = (a - rest) / low; // an exact multiple: exact quotient
  }
  const last = (rest * LOW_FACTOR[scale]!) | 0;
  const p = LOW_EXPONENT[scale]!;
  let d: number[];
  let e: number;
  // e: the exponent of the most significant digit; the top word is worth 10^(p + 7 * (words - 1)).
  if (hi === 0) {
    d = [last];
    e = p + wordDigits(last) - 1;
  } else if (hi < BASE) {
    const top = hi | 0;
    d = last === 0 ? [top] : [top, last];
    e = p + 6 + wordDigits(top);
  } else if (hi < BASE * BASE) {
    // Three words (products in units of 10^-14 are often here): no loop.
    const top = Math.floor(hi / BASE) | 0; // hi < 10^14: the floored quotient is exact
    const mid = (hi - top * BASE) | 0;
    d = last !== 0 ? [top, mid, last] : mid !== 0 ? [top, mid] : [top];
    e = p + 13 + wordDigits(top);
  } else {
    const le: number[] = [last];
    while (hi > 0) {
      le.push((hi % BASE) | 0);
      hi = Math.floor(hi / BASE);
    }
    let lo = 0;
    while (le[lo] === 0) lo++; // drop trailing (least significant) zero words
    d = [];
    for (let i = le.length - 1; i >= lo; i--) d.push(le[i]!);
    e = p + 7 * (le.length - 1) + wordDigits(d[0]!) - 1;
  }
  // The same own properties, in the same order, as the constructor gives an instance.
  const x = Object.create(PROTOTYPE) as { constructor: unknown; s: number; e: number; d: number[] };
  x.constructor = Decimal;
  x.s = n < 0 ? -1 : 1;
  x.e = e;
  x.d = d;
  return x as unknown as Decimal;
}
