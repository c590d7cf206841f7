import { InputError } from '../errors.js';
import {
  type LedgerReason,
  type PaymentBound,
  pointsPaymentLimit,
  pointsValue,
} from '../ledger/index.js';
import { compare, type Decimal, type DecimalInput, toDecimal, ZERO } from '../money/decimal.js';
import type { Program } from '../program/schema.js';

/** Why the requested points cannot pay this order (the ledger's codes, in `applyPointsPayment`'s order). */
export type PointsPaymentRefusal = Extract<
  LedgerReason,
  {
    code:
      | 'PAYMENT_DISABLED'
      | 'NOT_A_MULTIPLE_OF_STEP'
      | 'BELOW_MINIMUM'
      | 'EXCEEDS_MAXIMUM_SHARE'
      | 'INSUFFICIENT_POINTS';
  }
>;

function points(value: DecimalInput, field: string): Decimal {
  let d: Decimal;
  try {
    d = toDecimal(value);
  } catch {
    throw new InputError([
      {
        path: [field],
        code: 'invalid_decimal',
        message: 'Expected a plain decimal number of points',
      },
    ]);
  }
  if (d.isNegative())
    throw new InputError([{ path: [field], code: 'too_small', message: 'Points must be >= 0' }]);
  return d;
}

/** A balance large enough that only the share of the order bounds a payment. */
const UNBOUNDED_POINTS = '1000000000000000';

/** Points as payment at checkout (P7). */
export interface PointsPaymentQuote {
  readonly enabled: boolean;
  /** Points the member may spend on this order (multiple of `step`, within balance and share). */
  readonly maxPoints: Decimal;
  /** Money value of `maxPoints`. */
  readonly maxValue: Decimal;
  readonly boundBy: PaymentBound;
  /** Points the caller asked to spend (0 when none). */
  readonly requested: Decimal;
  /** Points spent in this quote: `requested` when allowed, else 0. */
  readonly points: Decimal;
  /** Money they pay. */
  readonly value: Decimal;
  /** Why `requested` was refused, or null. */
  readonly refusal: PointsPaymentRefusal | null;
}

/**
 * The most points the member may pay `orderAmount` with (the ledger's
 * `pointsPaymentLimit`), and the effect of spending `requested` of them:
 * accepted whole, or refused with the ledger's reason (never silently
 * reduced), checked in `applyPointsPayment`'s order so the quote and the
 * later redemption agree.
 */
function paymentQuote(
  limit: ReturnType<typeof pointsPaymentLimit>,
  requested: Decimal,
  points: Decimal,
  value: Decimal,
  refusal: PointsPaymentRefusal | null,
): PointsPaymentQuote {
  return {
    enabled: limit.enabled,
    maxPoints: limit.maxPoints,
    maxValue: limit.maxValue,
    boundBy: limit.boundBy,
    requested,
    points,
    value,
    refusal,
  };
}

export function quotePointsPayment(
  program: Program,
  orderAmount: Decimal,
  available: DecimalInput,
  requested: DecimalInput | undefined,
): PointsPaymentQuote {
  const have = points(available, 'availablePoints');
  const want = points(requested ?? 0, 'pointsToSpend');
  const limit = pointsPaymentLimit(program, { available: have, orderAmount });
  const policy = program.points.payment;
  if (want.isZero()) return paymentQuote(limit, want, ZERO, ZERO, null);
  if (!policy.enabled) return paymentQuote(limit, want, ZERO, ZERO, { code: 'PAYMENT_DISABLED' });
  if (!want.mod(limit.step).isZero())
    return paymentQuote(limit, want, ZERO, ZERO, {
      code: 'NOT_A_MULTIPLE_OF_STEP',
      step: limit.step,
      requested: want,
    });
  if (want.lt(limit.minPoints))
    return paymentQuote(limit, want, ZERO, ZERO, {
      code: 'BELOW_MINIMUM',
      minimum: limit.minPoints,
      requested: want,
    });
  // The limit grows with the balance: when the member's own limit already reaches `want` (a
  // multiple of the step, above the minimum), the share allows it and the balance covers it.
  if (compare(limit.maxPoints, want) >= 0)
    return paymentQuote(limit, want, want, pointsValue(program, want), null);
  const byShare = pointsPaymentLimit(program, { available: want, orderAmount });
  if (byShare.maxPoints.lt(want)) {
    return paymentQuote(limit, want, ZERO, ZERO, {
      code: 'EXCEEDS_MAXIMUM_SHARE',
      maxPoints: pointsPaymentLimit(program, { available: UNBOUNDED_POINTS, orderAmount })
        .maxPoints,
      maxValue: limit.shareCap,
      requested: want,
    });
  }
  if (have.lt(want))
    return paymentQuote(limit, want, ZERO, ZERO, {
      code: 'INSUFFICIENT_POINTS',
      requested: want,
      available: have,
    });
  return paymentQuote(limit, want, want, pointsValue(program, want), null);
}
