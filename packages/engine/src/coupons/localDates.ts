import { dayOf, daysFromCivil, formatDay, isCivilDate } from '../tiers/civil.js';

const DAY_MS = 86_400_000;

/*
 * Calendar arithmetic on local dates `YYYY-MM-DD` (no time zone involved).
 * Real dates of years 100-9999 are shifted as day numbers of the proleptic
 * Gregorian calendar (`tiers/civil.ts`): no Date object, no ISO string to
 * parse and slice, on the quote's path (limit period keys, tier activity
 * buckets). `localDates.test.ts` checks them against shifting a UTC Date,
 * which remains the path for any other input (two-digit years there mean
 * 19xx, and 31 April runs on into May).
 */

/** Day numbers of 0000-01-01 and 9999-12-31: the dates `formatDay` writes as `YYYY-MM-DD`. */
const FIRST_DAY = daysFromCivil(0, 1, 1);
const LAST_DAY = daysFromCivil(9999, 12, 31);

/** The local date `days` days after `date` (before, when negative). */
export function shiftDate(date: string, days: number): string {
  if (Number.isSafeInteger(days) && isCivilDate(date) && date >= '0100') {
    const shifted = dayOf(date) + days;
    if (shifted >= FIRST_DAY && shifted <= LAST_DAY) return formatDay(shifted);
  }
  return shiftDateByUtc(date, days);
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
