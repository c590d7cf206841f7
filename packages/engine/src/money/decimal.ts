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
    if (!Number.isFinite(value)) throw new TypeError('Amount must be a finite number');
    return new Decimal(value);
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (DECIMAL_PATTERN.test(trimmed)) return new Decimal(trimmed);
  }
  throw new TypeError(`Not a plain decimal amount: ${JSON.stringify(value)}`);
}

/** True when the string is a plain decimal the engine accepts. */
export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/** Sum of amounts (zero for an empty list). */
export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** The smaller of two amounts. */
export function min(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

/** The larger of two amounts. */
export function max(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}
