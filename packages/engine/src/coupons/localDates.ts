const DAY_MS = 86_400_000;

/*
 * Calendar arithmetic on local dates `YYYY-MM-DD` (no time zone involved).
 * Dates in years 100-9999 are shifted in integers (day numbers of the
 * proleptic Gregorian calendar): no Date object, no ISO string to parse and
 * slice, on the quote's path (limit period keys, tier activity buckets).
 * `localDates.test.ts` checks them against shifting a UTC Date, which
 * remains the path for any other input.
 */

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The date of a day number (`civil_from_days`), when its year is 0-9999; else null. */
function dateOfDayNumber(days: number): string | null {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Digit value of a character code, or -1. */
function digit(c: number): number {
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

/**
 * The day number of `YYYY-MM-DD` with a year in 100-9999, month 1-12 and
 * day 1-31 (31 February runs on into March, as `Date.UTC` does); null for
 * anything else, which the Date-based path handles as it always did (two-digit
 * years there mean 19xx).
 */
function parseDayNumber(date: string): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const k = digit(date.charCodeAt(i));
    if (k < 0) return null;
    y = y * 10 + k;
  }
  const m1 = digit(date.charCodeAt(5));
  const m2 = digit(date.charCodeAt(6));
  const d1 = digit(date.charCodeAt(8));
  const d2 = digit(date.charCodeAt(9));
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return null;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return dayNumber(y, m, d);
}

/** The local date `days` days after `date` (before, when negative). */
export function shiftDate(date: string, days: number): string {
  const n = Number.isSafeInteger(days) ? parseDayNumber(date) : null;
  const shifted = n === null ? null : dateOfDayNumber(n + days);
  return shifted ?? shiftDateByUtc(date, days);
}

/** `shiftDate` through a UTC Date: any input the integer path does not take. */
function shiftDateByUtc(date: string, days: number): string {
  const ms = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a local date, 1 = Monday ... 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
