import { InputError } from '../errors.js';
import { fromScaled, toScaled } from '../money/decimal.js';
import { Decimal, type DecimalInput, ZERO } from '../money/index.js';
import { formatDay, isCivilDate } from './civil.js';

/** Most buckets one activity summary may hold (e.g. 13 years of daily buckets). */
export const MAX_ACTIVITY_BUCKETS = 5_000;

/**
 * Qualifying activity of one local period in the program time zone, net of
 * returns: `spend` (money), qualifying `points` earned (never the spendable
 * balance: points spent or expired still count; clawed-back points do not),
 * `orders` and `visits`. A bucket covers the local dates `from` (inclusive)
 * to `to` (exclusive; default the day after `from`), so a summary can mix
 * daily buckets (recent activity) with monthly or yearly ones (older
 * activity). Amounts may be negative (a day with more returned than bought).
 */
export interface TierActivityBucket {
  readonly from: string;
  readonly to?: string;
  readonly spend?: DecimalInput;
  readonly points?: DecimalInput;
  readonly orders?: number;
  readonly visits?: number;
}

/**
 * A member's qualifying-activity summary: buckets sorted by `from`, not
 * overlapping. The caller maintains it incrementally (add a purchase to its
 * local day's bucket; subtract a return from the bucket of the purchase it
 * returns) and may merge old daily buckets into monthly or yearly ones, as
 * long as no bucket straddles a window boundary the program uses.
 */
export interface TierActivityInput {
  readonly buckets: readonly TierActivityBucket[];
}

/** Totals of the qualifying metrics over one window. */
export interface WindowTotals {
  readonly spend: Decimal;
  readonly points: Decimal;
  readonly orders: number;
  readonly visits: number;
}

/** A window of local dates: `start` inclusive (null = since the beginning), `end` exclusive. */
export interface LocalWindow {
  readonly start: number | null;
  readonly end: number;
}

/** Which metrics a ladder reads (others are not summed). */
export interface MetricUse {
  readonly spend: boolean;
  readonly points: boolean;
  readonly orders: boolean;
  readonly visits: boolean;
}

function fail(path: (string | number)[], code: string, message: string): never {
  throw new InputError([{ path, code, message }]);
}

/**
 * Same grammar as `isDecimalString` (`^[-+]?(\d+(\.\d*)?|\.\d+)$`), as a
 * character loop: it runs for every bucket of every review.
 */
export function isPlainDecimal(v: string): boolean {
  const len = v.length;
  let i = 0;
  const c0 = v.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1;
  let digits = 0;
  let dot = false;
  for (; i < len; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      if (dot) return false;
      dot = true;
    } else if (c >= 48 && c <= 57) digits++;
    else return false;
  }
  return digits > 0;
}

function validAmount(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v === 'string') return isPlainDecimal(v);
  if (typeof v === 'number') return Number.isFinite(v);
  return v instanceof Decimal && v.isFinite();
}

function validCount(v: unknown): boolean {
  return v === undefined || Number.isSafeInteger(v);
}

/** The path of a bucket's field, for errors. */
function at(path: (string | number)[], i: number, field: string): (string | number)[] {
  return [...path, 'buckets', i, field];
}

/**
 * Validates an activity summary (dates, amounts, order, no overlap, limits);
 * throws `InputError` with the path of the first problem. Allocation-free
 * unless it fails: it runs on every review.
 */
export function validateActivity(input: TierActivityInput, path: (string | number)[]): void {
  if (!input || !Array.isArray(input.buckets)) {
    fail([...path, 'buckets'], 'invalid_type', 'Expected { buckets: [...] }');
  }
  const buckets = input.buckets;
  if (buckets.length > MAX_ACTIVITY_BUCKETS) {
    fail([...path, 'buckets'], 'too_big', `At most ${MAX_ACTIVITY_BUCKETS} buckets`);
  }
  let previousEnd = '';
  let previousFrom = '';
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] as TierActivityBucket;
    if (!b || typeof b.from !== 'string' || !isCivilDate(b.from)) {
      fail(at(path, i, 'from'), 'invalid_format', 'Expected a date YYYY-MM-DD');
    }
    if (b.from < previousEnd || (b.from === previousFrom && i > 0)) {
      fail(at(path, i, 'from'), 'unsorted', 'Buckets must be sorted by date and not overlap');
    }
    previousFrom = b.from;
    if (b.to !== undefined) {
      if (typeof b.to !== 'string' || !isCivilDate(b.to) || b.to <= b.from) {
        fail(at(path, i, 'to'), 'invalid_format', 'Expected a date YYYY-MM-DD after `from`');
      }
      previousEnd = b.to;
    } else previousEnd = b.from;
    if (!validAmount(b.spend))
      fail(at(path, i, 'spend'), 'invalid_format', 'Expected a decimal amount such as "12.50"');
    if (!validAmount(b.points))
      fail(at(path, i, 'points'), 'invalid_format', 'Expected a decimal amount such as "12.50"');
    if (!validCount(b.orders))
      fail(at(path, i, 'orders'), 'invalid_type', 'Expected a whole number');
    if (!validCount(b.visits))
      fail(at(path, i, 'visits'), 'invalid_type', 'Expected a whole number');
  }
}

/** First index whose `from` is >= `date` (buckets sorted by `from`). */
function lowerBound(buckets: readonly TierActivityBucket[], date: string): number {
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((buckets[mid] as TierActivityBucket).from < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function straddles(path: (string | number)[], index: number, boundary: string): never {
  return fail(
    [...path, 'buckets', index],
    'activity_too_coarse',
    `Bucket straddles the window boundary ${boundary}: use daily buckets around it`,
  );
}

const SCALE_DIGITS = 6;
const SCALE = 1_000_000;
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * An amount as an exact integer count of millionths, when it is a plain
 * decimal string, a whole number or a Decimal (the quote adds its purchase
 * as one) small enough that the count is a safe integer; null otherwise (the
 * caller then adds it as a Decimal). Integers below 2^53 are exact in a
 * double, so sums of such counts are exact: this is integer arithmetic,
 * never floating-point rounding.
 */
function millionths(v: DecimalInput): number | null {
  if (v instanceof Decimal) return toScaled(v, SCALE_DIGITS);
  if (typeof v === 'number') {
    const n = v * SCALE;
    return Number.isInteger(v) && Number.isSafeInteger(n) ? n : null;
  }
  if (typeof v !== 'string') return null;
  const len = v.length;
  let i = 0;
  let sign = 1;
  const c0 = v.charCodeAt(0);
  if (c0 === 45 /* - */ || c0 === 43 /* + */) {
    if (c0 === 45) sign = -1;
    i = 1;
  }
  let n = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < len; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 /* . */) {
      if (fraction >= 0) return null;
      fraction = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
    if (++digits > 15) return null;
    if (fraction >= 0 && ++fraction > SCALE_DIGITS) return null;
  }
  if (digits === 0) return null;
  const units = n * (POW10[SCALE_DIGITS - Math.max(0, fraction)] as number);
  return Number.isSafeInteger(units) ? sign * units : null;
}

/** Exact sum of amounts: millionths while they fit, Decimal beyond. */
class ExactSum {
  private units = 0;
  private rest: Decimal | null = null;

  add(v: DecimalInput): void {
    const u = millionths(v);
    if (u !== null) {
      const next = this.units + u;
      if (Number.isSafeInteger(next)) {
        this.units = next;
        return;
      }
    }
    this.rest = (this.rest ?? ZERO).plus(v);
  }

  value(): Decimal {
    // An exact count of millionths below 2^53: the same value as dividing by 10^6 in decimals.
    const whole = this.units === 0 ? ZERO : fromScaled(this.units, SCALE_DIGITS);
    return this.rest === null ? whole : whole.plus(this.rest);
  }
}

/**
 * Sums the metrics of the buckets inside a window. A window with `openEnd`
 * (an evaluation at an instant) counts every bucket starting before its end,
 * so a monthly bucket of the current month counts; a closed window (a review)
 * refuses a bucket that straddles its end. A bucket straddling the start is
 * refused either way (`activity_too_coarse`).
 */
export function sumWindow(
  input: TierActivityInput,
  window: LocalWindow,
  openEnd: boolean,
  use: MetricUse,
  path: (string | number)[],
): WindowTotals {
  const buckets = input.buckets;
  let i = 0;
  if (window.start !== null) {
    const start = formatDay(window.start);
    i = lowerBound(buckets, start);
    const before = buckets[i - 1];
    if (before?.to !== undefined && before.to > start) straddles(path, i - 1, start);
  }
  const end = formatDay(window.end);
  const spend = new ExactSum();
  const points = new ExactSum();
  let orders = 0;
  let visits = 0;
  for (; i < buckets.length; i++) {
    const b = buckets[i] as TierActivityBucket;
    if (b.from >= end) break;
    if (!openEnd && b.to !== undefined && b.to > end) straddles(path, i, end);
    if (use.spend && b.spend !== undefined) spend.add(b.spend);
    if (use.points && b.points !== undefined) points.add(b.points);
    if (use.orders && b.orders !== undefined) orders += b.orders;
    if (use.visits && b.visits !== undefined) visits += b.visits;
  }
  return { spend: spend.value(), points: points.value(), orders, visits };
}
