import { addToLocalDate, localDateOf, startOfLocalDate } from '../time/index.js';

interface Day {
  readonly start: number;
  readonly end: number;
  readonly date: string;
}
const formatters = new Map<string, Intl.DateTimeFormat>();
const lastDay = new Map<string, Day>();
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function format(epochMs: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const m = US_DATE.exec(f.format(epochMs));
  return m ? `${m[3]}-${m[1]}-${m[2]}` : localDateOf(epochMs, timeZone);
}

/**
 * The local date `YYYY-MM-DD` of an instant in a time zone (what
 * `localDateOf` returns), fast: the last local day seen per zone is kept
 * with its exact bounds `[start of day, start of next day)`, so instants of
 * the same day cost two comparisons; another day goes through a cached
 * `Intl.DateTimeFormat` (the time zone data luxon reads) and records its
 * bounds.
 */
export function localDateKey(epochMs: number, timeZone: string): string {
  const day = lastDay.get(timeZone);
  if (day && epochMs >= day.start && epochMs < day.end) return day.date;
  const date = format(epochMs, timeZone);
  const start = startOfLocalDate(date, timeZone);
  const end = startOfLocalDate(addToLocalDate(date, { days: 1 }), timeZone);
  if (epochMs >= start && epochMs < end) lastDay.set(timeZone, { start, end, date });
  return date;
}
