import type { CouponValidity } from '../program/coupons.js';
import { addLocal, addToLocalDate, localDateOf, startOfLocalDate } from '../time/index.js';

/** When a coupon may be used: `fromMs <= now < untilMs`. */
export interface ValidityWindow {
  readonly fromMs: number;
  readonly untilMs: number;
}

const DAY_MS = 86_400_000;

/** Calendar arithmetic on local dates `YYYY-MM-DD` (no time zone involved). */
function shift(date: string, days: number): string {
  const ms = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a local date, 1 = Monday ... 7 = Sunday. */
function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
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
  let until = shift(day, 1);
  if (validity.scope === 'week') {
    from = shift(day, 1 - weekday(day));
    until = shift(from, 7);
  } else if (validity.scope === 'month') {
    from = `${day.slice(0, 7)}-01`;
    const month = Number(day.slice(5, 7));
    until = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  }
  return { from, until: validity.graceDays ? shift(until, validity.graceDays) : until };
}

function birthdayWindow(
  validity: Extract<CouponValidity, { kind: 'birthday' }>,
  issuedAtMs: number,
  birthday: string,
  tz: string,
): ValidityWindow {
  const issueDate = localDateOf(issuedAtMs, tz);
  const issueYear = Number(issueDate.slice(0, 4));
  // The first period (last year's, this year's or next year's) that ends after the issue date.
  let dates = birthdayDates(validity, birthday, issueYear - 1);
  if (dates.until <= issueDate) dates = birthdayDates(validity, birthday, issueYear);
  if (dates.until <= issueDate) dates = birthdayDates(validity, birthday, issueYear + 1);
  return { fromMs: startOfLocalDate(dates.from, tz), untilMs: startOfLocalDate(dates.until, tz) };
}

/**
 * The validity window of an issued coupon, in the program's time zone.
 * `after_issue` with `endOfDay` counts the issue day as day 1 and ends at the
 * end of local day `days`; without it, ends `days` calendar days after the
 * issue instant. A `birthday` window is the member's birthday period that
 * contains or follows the issue instant (null when the birthday is unknown).
 */
export function couponValidityWindow(
  validity: CouponValidity,
  issuedAtMs: number,
  birthday: string | null,
  tz: string,
): ValidityWindow | null {
  switch (validity.kind) {
    case 'absolute':
      return { fromMs: validity.from, untilMs: validity.until };
    case 'after_issue': {
      const untilMs = validity.endOfDay
        ? startOfLocalDate(addToLocalDate(localDateOf(issuedAtMs, tz), { days: validity.days }), tz)
        : addLocal(issuedAtMs, { days: validity.days }, tz);
      return { fromMs: issuedAtMs, untilMs };
    }
    case 'birthday':
      return birthday === null ? null : birthdayWindow(validity, issuedAtMs, birthday, tz);
  }
}
