import type { CouponValidity } from '../program/coupons.js';
import {
  addLocal,
  addToLocalDate,
  anniversaryInYear,
  endOfPeriod,
  localDateOf,
  localParts,
  startOfLocalDate,
  startOfPeriod,
} from '../time/index.js';

/** When a coupon may be used: `fromMs <= now < untilMs`. */
export interface ValidityWindow {
  readonly fromMs: number;
  readonly untilMs: number;
}

function birthdayWindow(
  validity: Extract<CouponValidity, { kind: 'birthday' }>,
  issuedAtMs: number,
  birthday: string,
  tz: string,
): ValidityWindow {
  const issueYear = localParts(issuedAtMs, tz).year;
  let window: ValidityWindow | undefined;
  for (const year of [issueYear - 1, issueYear, issueYear + 1]) {
    const dayStart = startOfLocalDate(anniversaryInYear(birthday, year), tz);
    const fromMs =
      validity.scope === 'day' ? dayStart : startOfPeriod(dayStart, validity.scope, tz);
    const end = endOfPeriod(dayStart, validity.scope, tz);
    const untilMs = validity.graceDays ? addLocal(end, { days: validity.graceDays }, tz) : end;
    window = { fromMs, untilMs };
    if (untilMs > issuedAtMs) return window;
  }
  return window!;
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
