import { invariant } from '../internal/assert.js';
import { ZERO } from '../money/decimal.js';
import type { LimitUsage } from './couponInstance.js';
import type { CouponUsageChange, CouponUsageState } from './couponUsage.js';

/**
 * Applies a redemption's or a rollback's usage change to a coupon's stored
 * state: the use count, the status (`used` once `usesPerCoupon` is reached,
 * `active` again when a rollback frees a use; `cancelled` stays) and each
 * limit's usage. Pure: returns a new state.
 */
export function applyCouponUsage(
  state: CouponUsageState,
  change: CouponUsageChange,
): CouponUsageState {
  const timesUsed = state.timesUsed + change.timesUsedDelta;
  invariant(timesUsed >= 0, 'coupon use count below zero');
  const usage = new Map<string, LimitUsage>(state.usage);
  for (const l of change.limits) {
    const prev = usage.get(l.limitId) ?? { redemptions: 0, amount: ZERO };
    const next = {
      redemptions: prev.redemptions + l.redemptions,
      amount: prev.amount.plus(l.amount),
    };
    invariant(next.redemptions >= 0 && !next.amount.isNegative(), 'coupon limit usage below zero');
    usage.set(l.limitId, next);
  }
  const status =
    state.status === 'cancelled'
      ? 'cancelled'
      : timesUsed >= change.usesPerCoupon
        ? 'used'
        : 'active';
  return { status, timesUsed, usage };
}
