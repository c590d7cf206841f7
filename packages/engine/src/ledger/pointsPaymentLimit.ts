import {
  compare,
  type Decimal,
  type DecimalInput,
  divideBy100,
  divideToInteger,
  fromScaled,
  min,
  multiply,
  ONE,
  toDecimal,
  ZERO,
} from '../money/decimal.js';
import { type CurrencyCode, minorUnits, round } from '../money/index.js';
import type { Program } from '../program/index.js';

/** What bounds a points payment. */
export type PaymentBound = 'disabled' | 'available' | 'share' | 'minimum';

/** The most points a member may pay an order with, and their value. */
export interface PointsPaymentLimit {
  readonly enabled: boolean;
  /** Most points payable (0 when below the minimum): a multiple of `step`, <= available. */
  readonly maxPoints: Decimal;
  /** Money value of `maxPoints`. */
  readonly maxValue: Decimal;
  readonly minPoints: Decimal;
  readonly step: Decimal;
  /** Most money points may pay: `orderAmount * maxShare`, rounded down to the minor unit. */
  readonly shareCap: Decimal;
  /** Which limit decided `maxPoints`. */
  readonly boundBy: PaymentBound;
}

/**
 * Money value of `points` as payment: `points * rate.value / rate.points`,
 * rounded to the currency's minor unit with `rounding.money.mode`. For the
 * limits `pointsPaymentLimit` returns, the value is exact (never rounded up
 * past the share cap).
 */
export function pointsValue(program: Program, points: DecimalInput): Decimal {
  const { rate } = program.points.payment;
  const exact = timesOver(toDecimal(points), rate.value, rate.points);
  return round(exact, minorUnits(program.currency as CurrencyCode), program.rounding.money.mode);
}

const HUNDRED = fromScaled(100, 0);

/**
 * `x.times(times).div(by)`, the same Decimal: `multiply` is times (in scaled
 * integers when exact); dividing by 1 is left out (a product of decimal.js,
 * or `multiply`'s exact one, has at most 40 significant digits, which
 * dividing by 1 keeps as they are), and dividing by 100 (the default points
 * of a payment rate) is `divideBy100`, div(100) itself beyond its fast path.
 */
function timesOver(x: Decimal, times: Decimal, by: Decimal): Decimal {
  const product = multiply(x, times);
  if (compare(by, ONE) === 0) return product;
  return compare(by, HUNDRED) === 0 ? divideBy100(product) : product.div(by);
}

/** `amount.times(rate.points).div(rate.value)`: the points an amount of money is worth. */
function pointsWorth(amount: Decimal, rate: { points: Decimal; value: Decimal }): Decimal {
  return timesOver(amount, rate.points, rate.value);
}

/** The limit object, its keys in the documented order (a function, not a closure per call). */
function limitOf(
  enabled: boolean,
  minPoints: Decimal,
  step: Decimal,
  shareCap: Decimal,
  maxPoints: Decimal,
  maxValue: Decimal,
  boundBy: PaymentBound,
): PointsPaymentLimit {
  return { enabled, minPoints, step, shareCap, maxPoints, maxValue, boundBy };
}

/**
 * Points as payment (P7): the most points payable on an order of
 * `orderAmount` with `available` points. It is the largest multiple of `step`
 * that is <= available and whose exact value `points * rate` is <= the share
 * cap; 0 when that is below `minPoints`. The checkout quote calls this.
 */
export function pointsPaymentLimit(
  program: Program,
  input: { readonly available: DecimalInput; readonly orderAmount: DecimalInput },
): PointsPaymentLimit {
  const policy = program.points.payment;
  const available = toDecimal(input.available);
  const orderAmount = toDecimal(input.orderAmount);
  if (available.isNegative() || orderAmount.isNegative()) {
    throw new RangeError('pointsPaymentLimit: amounts must be >= 0');
  }
  // Whole numbers (the schema's integers) built as new Decimal(n) builds them.
  const step = fromScaled(policy.step, 0);
  const minPoints = fromScaled(policy.minPoints, 0);
  const shareCap = round(
    multiply(orderAmount, policy.maxShare),
    minorUnits(program.currency as CurrencyCode),
    'FLOOR',
  );
  if (!policy.enabled)
    return limitOf(policy.enabled, minPoints, step, shareCap, ZERO, ZERO, 'disabled');
  const byShare = pointsWorth(shareCap, policy.rate);
  const raw = min(available, byShare);
  const maxPoints = multiply(divideToInteger(raw, step), step);
  const boundBy: PaymentBound = compare(available, byShare) <= 0 ? 'available' : 'share';
  if (compare(maxPoints, minPoints) < 0 || maxPoints.isZero()) {
    const bound = maxPoints.isZero() && minPoints.isZero() ? boundBy : 'minimum';
    return limitOf(policy.enabled, minPoints, step, shareCap, ZERO, ZERO, bound);
  }
  const maxValue = pointsValue(program, maxPoints);
  return limitOf(policy.enabled, minPoints, step, shareCap, maxPoints, maxValue, boundBy);
}
