import type { CouponLimit } from '../program/coupons.js';
import { endOfPeriod, type LocalParts, localParts, startOfPeriod } from '../time/index.js';
import { shiftDate } from './localDates.js';

/** The period a limit counts over at an instant; null bounds mean the whole campaign. */
export interface LimitWindow {
  readonly limitId: string;
  readonly scope: CouponLimit['scope'];
  readonly unit: CouponLimit['unit'];
  /** The period's key (see `couponLimitPeriodKey`). */
  readonly periodKey: string;
  readonly fromMs: number | null;
  readonly untilMs: number | null;
}

/**
 * The key of a limit's period containing a local date: the date itself
 * (`day`), the Monday of its ISO week (`week`), `YYYY-MM` (`month`), or
 * `campaign`. Redemptions record it, so the caller knows which counter to
 * move, with no time-zone arithmetic of its own.
 */
export function couponLimitPeriodKey(period: CouponLimit['period'], local: LocalParts): string {
  switch (period) {
    case 'day':
      return local.date;
    case 'week':
      return shiftDate(local.date, 1 - local.weekday);
    case 'month':
      return local.date.slice(0, 7);
    case 'campaign':
      return 'campaign';
  }
}

/**
 * The current period of a limit at `nowMs` in the program time zone: local
 * day, ISO week from Monday, month, or the whole campaign, with its key. The
 * caller counts the redemptions or discount money of that period and passes
 * them as the coupon's `usage[limit.id]`.
 */
export function couponLimitWindow(limit: CouponLimit, nowMs: number, tz: string): LimitWindow {
  const base = {
    limitId: limit.id,
    scope: limit.scope,
    unit: limit.unit,
    periodKey: couponLimitPeriodKey(limit.period, localParts(nowMs, tz)),
  };
  if (limit.period === 'campaign') return { ...base, fromMs: null, untilMs: null };
  return {
    ...base,
    fromMs: startOfPeriod(nowMs, limit.period, tz),
    untilMs: endOfPeriod(nowMs, limit.period, tz),
  };
}
