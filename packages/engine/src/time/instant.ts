import { DateTime, IANAZone } from 'luxon';
import { memo, zoneOffset } from './zoneOffset.js';

/**
 * An instant: an ISO-8601 timestamp with an explicit offset or `Z`
 * (`"2026-03-01T10:00:00+08:00"`), or a `Date`. The engine never reads the
 * clock: every function that depends on time takes `now` and the program's
 * time zone as parameters.
 */
export type InstantInput = string | Date;

/** A calendar date in some time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** Calendar units used by policies. */
export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const FAST_ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The common shape `YYYY-MM-DDTHH:MM[:SS[.mmm]](Z|+HH:MM)` without luxon:
 * the fields are checked to be a real calendar date and time (no 30
 * February, no 24:00), else null and luxon decides.
 */
function fastEpochMs(input: string): number | null {
  const m = FAST_ISO.exec(input);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (y < 100 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  if (m[8] === undefined) return local;
  const oh = Number(m[9]);
  const om = Number(m[10]);
  if (oh > 23 || om > 59) return null;
  const offset = (oh * 60 + om) * 60_000;
  return m[8] === '+' ? local - offset : local + offset;
}

/** Recent instants parsed by the fast path: a quote reads the same few (now, issue dates, tier dates). */
const epochCache = new Map<string, number>();
const EPOCH_CACHE_SIZE = 64;

/**
 * Parses an instant to epoch milliseconds. A string must carry an offset or
 * `Z`: a bare local time is ambiguous and is refused.
 */
export function toEpochMs(input: InstantInput): number {
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) throw new TypeError('Invalid Date');
    return ms;
  }
  if (typeof input === 'string') {
    const known = epochCache.get(input);
    if (known !== undefined) return known;
    const fast = fastEpochMs(input);
    if (fast !== null) {
      if (epochCache.size >= EPOCH_CACHE_SIZE) epochCache.clear();
      epochCache.set(input, fast);
      return fast;
    }
  }
  if (typeof input !== 'string' || !ISO_WITH_OFFSET.test(input)) {
    throw new TypeError(`Not an ISO-8601 instant with an offset: ${JSON.stringify(input)}`);
  }
  const dt = DateTime.fromISO(input, { setZone: true });
  if (!dt.isValid) throw new TypeError(`Invalid instant: ${input}`);
  return dt.toMillis();
}

/** True when `input` is an instant `toEpochMs` accepts. */
export function isInstant(input: unknown): input is InstantInput {
  try {
    toEpochMs(input as InstantInput);
    return true;
  } catch {
    return false;
  }
}

/** Recent `toIso` results: a quote or a review formats the same few instants again and again. */
const isoCache = new Map<number, string>();
const ISO_CACHE_SIZE = 64;

/** The instant as an ISO-8601 string in UTC (`2026-03-01T02:00:00.000Z`). */
export function toIso(epochMs: number): string {
  let s = isoCache.get(epochMs);
  if (s === undefined) {
    s = new Date(epochMs).toISOString();
    if (isoCache.size >= ISO_CACHE_SIZE) isoCache.clear();
    isoCache.set(epochMs, s);
  }
  return s;
}

/** True when `tz` is an IANA time zone name this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  return typeof tz === 'string' && tz.length > 0 && IANAZone.isValidZone(tz);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `value` is a real calendar date `YYYY-MM-DD` (proleptic Gregorian, as luxon reads it). */
export function isLocalDate(value: string): boolean {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Wall-clock fields of an instant in a zone (the instant shifted by the
 * zone's offset, read as UTC: what luxon computes), or null outside years
 * 1000-9999 (luxon formats other years differently; it decides there).
 */
function wallClock(epochMs: number, tz: string): Date | null {
  // As luxon: `ts + offset * 60 * 1000`, the same floating-point steps.
  const wall = new Date(epochMs + zoneOffset(epochMs, tz) * 60 * 1000);
  const y = wall.getUTCFullYear();
  return y >= 1000 && y <= 9999 ? wall : null;
}

function isoDate(wall: Date): LocalDate {
  return `${wall.getUTCFullYear()}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}`;
}

/** The local calendar date of an instant in a time zone. */
export function localDateOf(epochMs: number, tz: string): LocalDate {
  const wall = wallClock(epochMs, tz);
  if (wall === null) return DateTime.fromMillis(epochMs, { zone: tz }).toISODate()!;
  return isoDate(wall);
}

/** Local wall-clock parts of an instant; `weekday` is ISO (1 = Monday ... 7 = Sunday). */
export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  readonly date: LocalDate;
}

/** Local wall-clock parts of an instant in a time zone. */
export function localParts(epochMs: number, tz: string): LocalParts {
  const wall = wallClock(epochMs, tz);
  if (wall !== null) {
    const weekday = wall.getUTCDay();
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      weekday: weekday === 0 ? 7 : weekday,
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      date: isoDate(wall),
    };
  }
  const dt = DateTime.fromMillis(epochMs, { zone: tz });
  return {
    year: dt.year,
    month: dt.month,
    day: dt.day,
    weekday: dt.weekday,
    hour: dt.hour,
    minute: dt.minute,
    date: dt.toISODate()!,
  };
}

/**
 * The instant a local date starts in a time zone. Where midnight does not
 * exist (a DST jump at 00:00), the first existing instant of that date.
 */
export function startOfLocalDate(date: LocalDate, tz: string): number {
  return memo(starts, `${tz}\u0000${date}`, () => {
    const dt = DateTime.fromISO(date, { zone: tz }).startOf('day');
    if (!dt.isValid) throw new TypeError(`Invalid local date or zone: ${date} ${tz}`);
    return dt.toMillis();
  });
}

const starts = new Map<string, number>();
const added = new Map<string, number>();

/**
 * The exclusive end of the local calendar period (day, week, month, quarter or
 * year) containing the instant: the first instant of the next period. A value
 * valid "until the end of the month" is valid while `now < endOfPeriod(...)`.
 */
export function endOfPeriod(epochMs: number, unit: CalendarUnit, tz: string): number {
  const dt = DateTime.fromMillis(epochMs, { zone: tz }).startOf(unit);
  return dt
    .plus({ [`${unit}s`]: 1 })
    .startOf(unit)
    .toMillis();
}

/** The first instant of the local calendar period containing the instant. */
export function startOfPeriod(epochMs: number, unit: CalendarUnit, tz: string): number {
  return DateTime.fromMillis(epochMs, { zone: tz }).startOf(unit).toMillis();
}

/**
 * Adds calendar amounts in local time (a day is a calendar day, not 24 hours;
 * adding a month to 31 January gives the last day of February).
 */
export function addLocal(
  epochMs: number,
  amount: { days?: number; months?: number; years?: number },
  tz: string,
): number {
  const key = `${tz}\u0000${epochMs}\u0000${amount.days ?? ''}\u0000${amount.months ?? ''}\u0000${amount.years ?? ''}`;
  return memo(added, key, () => DateTime.fromMillis(epochMs, { zone: tz }).plus(amount).toMillis());
}

/** Adds calendar days/months/years to a local date. */
export function addToLocalDate(
  date: LocalDate,
  amount: { days?: number; months?: number; years?: number },
): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus(amount).toISODate()!;
}

/** Whole calendar days from local date `a` to local date `b` (negative if b is before a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const da = DateTime.fromISO(a, { zone: 'UTC' });
  const db = DateTime.fromISO(b, { zone: 'UTC' });
  return Math.round(db.diff(da, 'days').days);
}

/**
 * The date a yearly recurring date (`MM-DD`, e.g. a birthday) falls on in a
 * given year. 29 February falls on 28 February in common years.
 */
export function anniversaryInYear(monthDay: string, year: number): LocalDate {
  const [m, d] = monthDay.split('-').map(Number) as [number, number];
  const dt = DateTime.fromObject({ year, month: m, day: 1 }, { zone: 'UTC' });
  const day = Math.min(d, dt.daysInMonth!);
  return dt.set({ day }).toISODate()!;
}
