import type { CouponValidity } from '../program/coupons.js';
import { addLocal, localDateOf, startOfLocalDate } from '../time/index.js';
import { shiftDate, weekdayOf } from './localDates.js';

/** When a coupon may be used: `fromMs <= now < untilMs`. */
export interface ValidityWindow {
  readonly fromMs: number;
  readonly untilMs: number;
}

/**
 * A bound of a validity window: an instant, or the start of a local date in
 * the program time zone (compared with the local date of `now`, so the hot
 * path needs no time-zone conversion).
 */
export type WindowBound = { readonly ms: number } | { readonly date: string };

/** A validity window as bounds: `from <= now < until`. */
export interface ValidityBounds {
  readonly from: WindowBound;
  readonly until: WindowBound;
}

/** The local dates `[from, until)` of the birthday period of one year, grace included. */
function birthdayDates(
  validity: Extract<CouponValidity, { kind: 'birthday' }>,
  birthday: string,
  year: number,
): { from: string; until: string } {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // As `anniversaryInYear`: 29 February falls on 28 February in common years.
  const day = `${year}-${birthday === '02-29' && !leap ? '02-28' : birthday}`;
  let from = day;
  let until = shiftDate(day, 1);
  if (validity.scope === 'week') {
    from = shiftDate(day, 1 - weekdayOf(day));
    until = shiftDate(from, 7);
  } else if (validity.scope === 'month') {
    from = `${day.slice(0, 7)}-01`;
    const month = Number(day.slice(5, 7));
    until = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  }
  return { from, until: validity.graceDays ? shiftDate(until, validity.graceDays) : until };
}

/**
 * The validity window of an issued coupon as bounds, in the program's time
 * zone. `after_issue` with `endOfDay` counts the issue day as day 1 and ends
 * at the end of local day `days`; without it, ends `days` calendar days after
 * the issue instant. A `birthday` window is the member's birthday period (day,
 * ISO week or month, plus grace) that contains or follows the issue date; null
 * when the birthday is unknown.
 */
export function couponValidityBounds(
  validity: CouponValidity,
  issuedAtMs: number,
  birthday: string | null,
  tz: string,
): ValidityBounds | null {
  // Keyed only by what the kind depends on: no number is written out as a string per lookup.
  let byIssue = memo.get(validity);
  if (byIssue === undefined) {
    byIssue = new Map();
    memo.set(validity, byIssue);
  }
  const issueKey = validity.kind === 'absolute' ? 0 : issuedAtMs;
  let byZone = byIssue.get(issueKey);
  if (byZone === undefined) {
    if (byIssue.size >= MAX_MEMO) byIssue.clear();
    byZone = new Map();
    byIssue.set(issueKey, byZone);
  }
  const zoneKey =
    validity.kind === 'absolute'
      ? ''
      : validity.kind === 'birthday'
        ? `${birthday}\u0000${tz}`
        : tz;
  let bounds = byZone.get(zoneKey);
  if (bounds === undefined) {
    bounds = computeBounds(validity, issuedAtMs, birthday, tz);
    byZone.set(zoneKey, bounds);
  }
  return bounds;
}

/**
 * Bounds by validity object (the program's), then by issue instant, then by
 * zone (and birthday, for birthday windows), each key only where the kind
 * depends on it: a pure function, memoised. At most `MAX_MEMO` issue instants
 * per validity are kept (a few zones and birthdays each).
 */
const memo = new WeakMap<CouponValidity, Map<number, Map<string, ValidityBounds | null>>>();
const MAX_MEMO = 10_000;

function computeBounds(
  validity: CouponValidity,
  issuedAtMs: number,
  birthday: string | null,
  tz: string,
): ValidityBounds | null {
  switch (validity.kind) {
    case 'absolute':
      return { from: { ms: validity.from }, until: { ms: validity.until } };
    case 'after_issue':
      return {
        from: { ms: issuedAtMs },
        until: validity.endOfDay
          ? { date: shiftDate(localDateOf(issuedAtMs, tz), validity.days) }
          : { ms: addLocal(issuedAtMs, { days: validity.days }, tz) },
      };
    case 'birthday': {
      if (birthday === null) return null;
      const issueDate = localDateOf(issuedAtMs, tz);
      const issueYear = Number(issueDate.slice(0, 4));
      // The first period (last year's, this year's or next year's) that ends after the issue date.
      let dates = birthdayDates(validity, birthday, issueYear - 1);
      if (dates.until <= issueDate) dates = birthdayDates(validity, birthday, issueYear);
      if (dates.until <= issueDate) dates = birthdayDates(validity, birthday, issueYear + 1);
      return { from: { date: dates.from }, until: { date: dates.until } };
    }
  }
}

/** The instant a bound stands for. */
export function boundMs(bound: WindowBound, tz: string): number {
  return 'ms' in bound ? bound.ms : startOfLocalDate(bound.date, tz);
}

/** The validity window of an issued coupon as instants (see `couponValidityBounds`). */
export function couponValidityWindow(
  validity: CouponValidity,
  issuedAtMs: number,
  birthday: string | null,
  tz: string,
): ValidityWindow | null {
  const b = couponValidityBounds(validity, issuedAtMs, birthday, tz);
  return b && { fromMs: boundMs(b.from, tz), untilMs: boundMs(b.until, tz) };
}
