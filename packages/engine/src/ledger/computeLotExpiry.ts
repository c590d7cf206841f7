import type { Program } from '../program/index.js';
import {
  addLocal,
  addToLocalDate,
  anniversaryInYear,
  endOfPeriod,
  type LocalDate,
  localDateOf,
  localParts,
  startOfLocalDate,
} from '../time/index.js';

/** When a lot expires: the exclusive instant and the advertised local date. */
export interface LotExpiry {
  /** Expired when `now >= expiresAt`; null = never. */
  readonly expiresAt: number | null;
  /**
   * The last local date (program time zone) on which the points can still be
   * used: the local date of the last millisecond before `expiresAt`. A lot
   * never expires before the start of this date; when the policy rounds to
   * a day or longer, it is usable for the whole of this date.
   */
  readonly expiresOn: LocalDate | null;
}

const NEVER: LotExpiry = { expiresAt: null, expiresOn: null };

function rollingFrom(
  fromMs: number,
  amount: number,
  unit: 'day' | 'month',
  roundUpTo: 'day' | 'month' | 'quarter' | 'year' | undefined,
  tz: string,
): LotExpiry {
  const shifted = addLocal(fromMs, unit === 'day' ? { days: amount } : { months: amount }, tz);
  const expiresAt = roundUpTo === undefined ? shifted : endOfPeriod(shifted, roundUpTo, tz);
  return { expiresAt, expiresOn: localDateOf(expiresAt - 1, tz) };
}

/**
 * The expiry of points credited at `fromMs` under the program's expiry policy
 * (for `inactivity`, `fromMs` is the last qualifying activity).
 *
 * - `rolling`/`inactivity`: `fromMs` plus `amount` local calendar days or
 *   months (31 January + 1 month = 28/29 February), then, if `roundUpTo` is
 *   set, the exclusive end of that local day, month, quarter or year.
 * - `fixedDate`: the end of local date `monthDay` in the year of `fromMs` plus
 *   `yearsAfter` (29 February -> 28 February in common years); when that date
 *   is before the local date of `fromMs` (only possible with `yearsAfter: 0`),
 *   the same date a year later.
 */
export function computeLotExpiry(program: Program, fromMs: number): LotExpiry {
  const policy = program.points.expiry;
  const tz = program.timeZone;
  switch (policy.kind) {
    case 'never':
      return NEVER;
    case 'rolling':
    case 'inactivity':
      return rollingFrom(fromMs, policy.amount, policy.unit, policy.roundUpTo, tz);
    case 'fixedDate': {
      const local = localParts(fromMs, tz);
      let date = anniversaryInYear(policy.monthDay, local.year + policy.yearsAfter);
      if (date < local.date) date = anniversaryInYear(policy.monthDay, local.year + 1);
      return {
        expiresAt: startOfLocalDate(addToLocalDate(date, { days: 1 }), tz),
        expiresOn: date,
      };
    }
  }
}
