import { IANAZone } from 'luxon';
import { startOfLocalDate } from '../time/index.js';
import { formatDay } from './civil.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Bound on each memo table; a table that grows past it is cleared. */
const MAX_ENTRIES = 200_000;

/**
 * Exact conversions between instants and local day numbers in one IANA time
 * zone, memoised for the hot path of a nightly review.
 *
 * - `dayOf(ms)`: the local calendar day of an instant. The zone's offset is
 *   looked up once per UTC day; when it is the same at both ends of that UTC
 *   day (no transition inside it) it is reused for every instant of the day,
 *   otherwise the offset of the instant itself is looked up. This relies on a
 *   zone never changing offset twice within one UTC day and back again, which
 *   holds for every zone in the tz database.
 * - `startOf(day)`: the first instant of a local day (luxon, memoised): where
 *   local midnight does not exist, the first instant that does.
 */
export class ZoneCalendar {
  readonly tz: string;
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();
  private readonly starts = new Map<number, number>();

  constructor(tz: string) {
    this.tz = tz;
    this.zone = IANAZone.create(tz);
  }

  /** Local day number (days since 1970-01-01) of an instant. */
  dayOf(ms: number): number {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = this.offsets.get(utcDay);
    if (offset === undefined) {
      const start = utcDay * DAY_MS;
      const a = this.zone.offset(start);
      const b = this.zone.offset(start + DAY_MS - 1);
      offset = a === b ? a : Number.NaN;
      if (this.offsets.size >= MAX_ENTRIES) this.offsets.clear();
      this.offsets.set(utcDay, offset);
    }
    const minutes = Number.isNaN(offset) ? this.zone.offset(ms) : offset;
    return Math.floor((ms + minutes * MINUTE_MS) / DAY_MS);
  }

  /** First instant of a local day. */
  startOf(day: number): number {
    let ms = this.starts.get(day);
    if (ms === undefined) {
      ms = startOfLocalDate(formatDay(day), this.tz);
      if (this.starts.size >= MAX_ENTRIES) this.starts.clear();
      this.starts.set(day, ms);
    }
    return ms;
  }
}
