/**
 * Calendar arithmetic on local dates (`YYYY-MM-DD`) as whole day numbers,
 * without time zones: the hot path of a nightly review compares and shifts
 * local dates thousands of times, and luxon is not needed for that. Day
 * numbers count days since 1970-01-01 (proleptic Gregorian calendar).
 */

/** Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True for leap years of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n >= 1000 ? String(n) : String(n).padStart(4, '0');
}

/** `YYYY-MM-DD` of a civil date. */
export function formatCivil(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

const formatted = new Map<number, string>();

/** `YYYY-MM-DD` of a day number (memoised: the same few dates recur on every review). */
export function formatDay(days: number): string {
  let s = formatted.get(days);
  if (s === undefined) {
    const c = civilFromDays(days);
    s = formatCivil(c.year, c.month, c.day);
    if (formatted.size >= 100_000) formatted.clear();
    formatted.set(days, s);
  }
  return s;
}

function digit(value: string, i: number): number {
  const c = value.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** True when `value` is a real calendar date `YYYY-MM-DD` (allocation-free: on the hot path). */
export function isCivilDate(value: string): boolean {
  if (
    typeof value !== 'string' ||
    value.length !== 10 ||
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45
  ) {
    return false;
  }
  const y0 = digit(value, 0);
  const y1 = digit(value, 1);
  const y2 = digit(value, 2);
  const y3 = digit(value, 3);
  const m0 = digit(value, 5);
  const m1 = digit(value, 6);
  const d0 = digit(value, 8);
  const d1 = digit(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Day number of a valid `YYYY-MM-DD` (callers validate first). */
export function dayOf(value: string): number {
  return daysFromCivil(
    Number(value.slice(0, 4)),
    Number(value.slice(5, 7)),
    Number(value.slice(8, 10)),
  );
}

/**
 * Adds whole months to a civil date, clamping the day to the end of the
 * target month (31 January + 1 month = 28 or 29 February), like luxon.
 */
export function addMonthsCivil(
  year: number,
  month: number,
  day: number,
  months: number,
): { year: number; month: number; day: number } {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { year: y, month: m, day: Math.min(day, daysInMonth(y, m)) };
}

/**
 * The date a yearly recurring month-day falls on in `year`; 29 February falls
 * on 28 February in common years (same rule as `anniversaryInYear`).
 */
export function anniversaryDay(month: number, day: number, year: number): number {
  return daysFromCivil(year, month, Math.min(day, daysInMonth(year, month)));
}
