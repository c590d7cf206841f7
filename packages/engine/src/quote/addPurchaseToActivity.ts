import { shiftDate } from '../coupons/localDates.js';
import { type Decimal, toDecimal } from '../money/decimal.js';
import type { TierActivityBucket, TierActivityInput } from '../tiers/index.js';

/** What one purchase adds to the qualifying activity. */
export interface ActivityDelta {
  readonly spend: Decimal;
  readonly points: Decimal;
  readonly orders: number;
}

/**
 * The activity summary with a purchase on local date `date` added: to the
 * bucket that covers that date (a daily bucket, or a longer one), or in a
 * new daily bucket at its place in order. Pure; the input is not changed.
 */
export function addPurchaseToActivity(
  activity: TierActivityInput,
  date: string,
  delta: ActivityDelta,
): TierActivityInput {
  const buckets = [...activity.buckets];
  const covers = (b: TierActivityBucket) => b.from <= date && date < (b.to ?? shiftDate(b.from, 1));
  const i = buckets.findIndex(covers);
  if (i >= 0) {
    const b = buckets[i]!;
    buckets[i] = {
      ...b,
      spend: toDecimal(b.spend ?? 0).plus(delta.spend),
      points: toDecimal(b.points ?? 0).plus(delta.points),
      orders: (b.orders ?? 0) + delta.orders,
    };
  } else {
    const at = buckets.findIndex((b) => b.from > date);
    const added = { from: date, spend: delta.spend, points: delta.points, orders: delta.orders };
    buckets.splice(at < 0 ? buckets.length : at, 0, added);
  }
  return { buckets };
}
