import { localDateOf } from '../time/index.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * The local date `YYYY-MM-DD` of an instant in a time zone, through a cached
 * `Intl.DateTimeFormat` per zone (the same time zone data luxon reads, at a
 * fraction of the cost); falls back to `localDateOf` for anything it cannot
 * read (years outside 1000-9999).
 */
export function localDateKey(epochMs: number, timeZone: string): string {
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
