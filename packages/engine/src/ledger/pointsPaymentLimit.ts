import { divideToInteger, multiply } from '../money/decimal.js';
import {
  type CurrencyCode,
  Decimal,
  type DecimalInput,
  min,
  minorUnits,
  round,
  toDecimal,
  ZERO,
} from '../money/index.js';
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
  const exact = toDecimal(points).times(rate.value).div(rate.points);
  return round(exact, minorUnits(program.currency as CurrencyCode), program.rounding.money.mode);
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
  const step = new Decimal(policy.step);
  const minPoints = new Decimal(policy.minPoints);
  const shareCap = round(
    multiply(orderAmount, policy.maxShare),
    minorUnits(program.currency as CurrencyCode),
    'FLOOR',
  );
  const result = (maxPoints: Decimal, maxValue: Decimal, boundBy: PaymentBound) => ({
    enabled: policy.enabled,
    minPoints,
    step,
    shareCap,
    maxPoints,
    maxValue,
    boundBy,
  });
  if (!policy.enabled) return result(ZERO, ZERO, 'disabled');
  const byShare = shareCap.times(policy.rate.points).div(policy.rate.value);
  const raw = min(available, byShare);
  const maxPoints = multiply(divideToInteger(raw, step), step);
  const boundBy: PaymentBound = available.lte(byShare) ? 'available' : 'share';
  if (maxPoints.lt(minPoints) || maxPoints.isZero()) {
    return result(ZERO, ZERO, maxPoints.isZero() && minPoints.isZero() ? boundBy : 'minimum');
  }
  return result(maxPoints, pointsValue(program, maxPoints), boundBy);
}
