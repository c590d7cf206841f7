import type { CouponLimit } from '../program/coupons.js';
import { endOfPeriod, startOfPeriod } from '../time/index.js';

/** The period a limit counts over at an instant; null bounds mean the whole campaign. */
export interface LimitWindow {
  readonly limitId: string;
  readonly scope: CouponLimit['scope'];
  readonly unit: CouponLimit['unit'];
  readonly fromMs: number | null;
  readonly untilMs: number | null;
}

/**
 * The current period of a limit at `nowMs` in the program's time zone (local
 * day, ISO week from Monday, month, or the whole campaign). The caller counts
 * the redemptions or discount money of that period and passes them as the
 * coupon's `usage[limit.id]`.
 */
export function couponLimitWindow(limit: CouponLimit, nowMs: number, tz: string): LimitWindow {
  const base = { limitId: limit.id, scope: limit.scope, unit: limit.unit };
  if (limit.period === 'campaign') return { ...base, fromMs: null, untilMs: null };
  return {
    ...base,
    fromMs: startOfPeriod(nowMs, limit.period, tz),
    untilMs: endOfPeriod(nowMs, limit.period, tz),
  };
}
