import { IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
/** Bound on each memo table; a table that grows past it is cleared. */
const MAX_ENTRIES = 10_000;

const zones = new Map<string, { zone: IANAZone; byUtcDay: Map<number, number> }>();

/**
 * The UTC offset of a time zone at an instant, in minutes (luxon's
 * `IANAZone#offset`), memoised per zone and UTC day: when the offset is the
 * same at both ends of the instant's UTC day (no transition inside it) it is
 * reused for every instant of that day; on a day with a transition the offset
 * of the instant itself is looked up. This relies on a zone never changing
 * offset twice within one UTC day and back again, which holds for every zone
 * in the tz database (the tiers' `ZoneCalendar` relies on it too).
 */
export function zoneOffset(ms: number, tz: string): number {
  let z = zones.get(tz);
  if (z === undefined) {
    if (zones.size >= 100) zones.clear();
    z = { zone: IANAZone.create(tz), byUtcDay: new Map() };
    zones.set(tz, z);
  }
  const utcDay = Math.floor(ms / DAY_MS);
  let offset = z.byUtcDay.get(utcDay);
  if (offset === undefined) {
    const start = utcDay * DAY_MS;
    const a = z.zone.offset(start);
    const b = z.zone.offset(start + DAY_MS - 1);
    offset = a === b ? a : Number.NaN;
    if (z.byUtcDay.size >= MAX_ENTRIES) z.byUtcDay.clear();
    z.byUtcDay.set(utcDay, offset);
  }
  return Number.isNaN(offset) ? z.zone.offset(ms) : offset;
}

/** A small bounded memo for pure functions of a string key. */
export function memo<V>(table: Map<string, V>, key: string, compute: () => V): V {
  let v = table.get(key);
  if (v === undefined) {
    v = compute();
    if (table.size >= MAX_ENTRIES) table.clear();
    table.set(key, v);
  }
  return v;
}
