import type { EventLimit } from '../program/earning.js';
import { addToLocalDate, type LocalParts } from '../time/index.js';

/**
 * The key of the local calendar period containing a local date: the date
 * (day), the date of that ISO week's Monday (week), `YYYY-MM` (month),
 * `YYYY-Qn` (quarter), `YYYY` (year) or `lifetime`.
 */
export function periodKey(period: EventLimit['period'], local: LocalParts): string {
  switch (period) {
    case 'day':
      return local.date;
    case 'week':
      return addToLocalDate(local.date, { days: 1 - local.weekday });
    case 'month':
      return local.date.slice(0, 7);
    case 'quarter':
      return `${local.year}-Q${Math.ceil(local.month / 3)}`;
    case 'year':
      return String(local.year);
    case 'lifetime':
      return 'lifetime';
  }
}
