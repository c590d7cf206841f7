import type { Decimal } from '../money/decimal.js';
import type { CouponLimit } from '../program/coupons.js';
import type { CouponStatus, LimitUsage } from './couponInstance.js';

/** A change to one limit's usage in one period (positive on redemption, negative on rollback). */
export interface LimitUsageChange {
  readonly limitId: string;
  readonly scope: CouponLimit['scope'];
  /** The limit's period the redemption counted in (`couponLimitPeriodKey`: a date, a week's Monday, `YYYY-MM`, or `campaign`). */
  readonly periodKey: string;
  readonly redemptions: number;
  readonly amount: Decimal;
}

/** A change to a coupon's usage: the instance's use count and every limit of its template. */
export interface CouponUsageChange {
  readonly couponCode: string;
  readonly templateId: string;
  /** +1 on redemption, -1 on a rollback that restores the use, 0 otherwise. */
  readonly timesUsedDelta: number;
  readonly usesPerCoupon: number;
  readonly limits: readonly LimitUsageChange[];
}

/** What the caller stores for one coupon: its status, use count and usage per limit. */
export interface CouponUsageState {
  readonly status: CouponStatus;
  readonly timesUsed: number;
  readonly usage: ReadonlyMap<string, LimitUsage>;
}
