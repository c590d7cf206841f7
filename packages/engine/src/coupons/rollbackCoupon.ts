import { devAssert } from '../internal/assert.js';
import { type CurrencyCode, minorUnits } from '../money/currency.js';
import { type Decimal, type DecimalInput, sum, toDecimal, ZERO } from '../money/decimal.js';
import { round } from '../money/rounding.js';
import type { Program } from '../program/schema.js';
import type { CouponRedemption } from './checkCoupon.js';
import type { CouponUsageChange } from './couponUsage.js';

/** Quantity of one line returned (now, and optionally before, in earlier returns). */
export interface ReturnedLine {
  readonly lineId: string;
  readonly quantity: DecimalInput;
  /** Quantity of this line returned by earlier returns of the same order (default 0). */
  readonly previouslyReturned?: DecimalInput;
}

/** What a return or cancellation must undo of a coupon redemption (D8). */
export interface CouponRollback {
  readonly couponCode: string;
  /** True when this return completes the return of the whole order: the coupon's use is given back. */
  readonly restoresUse: boolean;
  /** Coupon discount attributable to the returned units (not refunded to the member). */
  readonly discountReturned: Decimal;
  /** The usage change to apply (negative), in the periods the redemption counted in. */
  readonly change: CouponUsageChange;
}

/**
 * Computes what to roll back when an order that redeemed a coupon is
 * cancelled (`'all'`) or partly returned. Budget (money) usage is given back
 * in proportion to the discounted units returned, computed cumulatively
 * (rounded share of everything returned so far minus the share of earlier
 * returns, down to the minor unit) so that returning every unit, in any
 * number of steps, gives back exactly the discount. The use (instance count
 * and redemption limits) is restored by the return that completes the return
 * of the whole order, and only by that one (a partial return keeps the use). `'all'` is a cancellation
 * of an order with no earlier return.
 */
export function rollbackCoupon(
  program: Program,
  redemption: CouponRedemption,
  returned: readonly ReturnedLine[] | 'all',
): CouponRollback {
  const scale = minorUnits(program.currency as CurrencyCode);
  const byLine = new Map<string, { now: Decimal; before: Decimal }>();
  if (returned !== 'all') {
    for (const r of returned) {
      const now = toDecimal(r.quantity);
      const before = toDecimal(r.previouslyReturned ?? 0);
      devAssert(
        !now.isNegative() && !before.isNegative(),
        'rollbackCoupon: quantities must be >= 0',
      );
      const prev = byLine.get(r.lineId);
      byLine.set(
        r.lineId,
        prev ? { now: prev.now.plus(now), before: prev.before } : { now, before },
      );
    }
  }
  const shares = redemption.lines.map((line) => {
    if (returned === 'all') return line.amount;
    const r = byLine.get(line.lineId);
    const before = r ? r.before : ZERO;
    const upTo = r ? r.before.plus(r.now) : ZERO;
    devAssert(upTo.lte(line.quantity), 'rollbackCoupon: more returned than was bought');
    const share = (q: Decimal) =>
      q.eq(line.quantity)
        ? line.amount
        : round(line.amount.times(q).div(line.quantity), scale, 'FLOOR');
    return share(upTo).minus(share(before));
  });
  const discountReturned = sum(shares);
  let completeNow = true;
  let completeBefore = true;
  for (const line of redemption.orderLines) {
    const r = byLine.get(line.lineId);
    const before = r ? r.before : ZERO;
    const upTo = r ? r.before.plus(r.now) : ZERO;
    devAssert(upTo.lte(line.quantity), 'rollbackCoupon: more returned than was bought');
    if (upTo.lt(line.quantity)) completeNow = false;
    if (before.lt(line.quantity)) completeBefore = false;
  }
  const restoresUse = returned === 'all' || (completeNow && !completeBefore);
  return {
    couponCode: redemption.couponCode,
    restoresUse,
    discountReturned,
    change: {
      couponCode: redemption.couponCode,
      templateId: redemption.templateId,
      timesUsedDelta: restoresUse ? -1 : 0,
      usesPerCoupon: redemption.change.usesPerCoupon,
      limits: redemption.change.limits.map((l) => ({
        ...l,
        redemptions: restoresUse ? -l.redemptions : 0,
        amount: discountReturned.negated(),
      })),
    },
  };
}
