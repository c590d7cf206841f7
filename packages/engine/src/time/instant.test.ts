import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../test/zones.js';
import {
  addLocal,
  anniversaryInYear,
  daysBetween,
  endOfPeriod,
  isValidTimeZone,
  localDateOf,
  localParts,
  startOfLocalDate,
  toEpochMs,
  toIso,
} from './instant.js';

describe('instants', () => {
  it('parses ISO-8601 with an offset or Z, and Dates', () => {
    expect(toEpochMs('2026-03-01T10:00:00+08:00')).toBe(Date.UTC(2026, 2, 1, 2));
    expect(toEpochMs('2026-03-01T02:00:00Z')).toBe(Date.UTC(2026, 2, 1, 2));
    expect(toEpochMs('2026-03-01T02:00:00.123Z')).toBe(Date.UTC(2026, 2, 1, 2, 0, 0, 123));
    expect(toEpochMs(new Date(Date.UTC(2026, 0, 1)))).toBe(Date.UTC(2026, 0, 1));
  });
  it.each(['2026-03-01T10:00:00', '2026-03-01', 'yesterday', '2026-13-01T00:00:00Z', ''])(
    'refuses %j',
    (s) => {
      expect(() => toEpochMs(s)).toThrow(TypeError);
    },
  );
  it('refuses an invalid Date', () => {
    expect(() => toEpochMs(new Date(Number.NaN))).toThrow(TypeError);
  });
  it('knows IANA zones', () => {
    for (const z of ZONES) expect(isValidTimeZone(z)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('local calendar', () => {
  it('reads the local date in the program zone, not UTC', () => {
    const ms = toEpochMs('2026-12-31T20:00:00Z');
    expect(localDateOf(ms, 'Pacific/Kiritimati')).toBe('2027-01-01');
    expect(localDateOf(ms, 'America/St_Johns')).toBe('2026-12-31');
    expect(localParts(ms, 'Asia/Kolkata')).toMatchObject({
      date: '2027-01-01',
      hour: 1,
      minute: 30,
      weekday: 5,
    });
  });
  it('ends a day at the next local midnight across DST changes', () => {
    // New York springs forward on 2026-03-08: that day lasts 23 hours.
    const start = startOfLocalDate('2026-03-08', 'America/New_York');
    expect(endOfPeriod(start, 'day', 'America/New_York') - start).toBe(23 * 3_600_000);
    // London falls back on 2026-10-25: 25 hours.
    const lon = startOfLocalDate('2026-10-25', 'Europe/London');
    expect(endOfPeriod(lon, 'day', 'Europe/London') - lon).toBe(25 * 3_600_000);
    // Lord Howe moves by 30 minutes.
    const lh = startOfLocalDate('2026-10-04', 'Australia/Lord_Howe');
    expect(endOfPeriod(lh, 'day', 'Australia/Lord_Howe') - lh).toBe(23.5 * 3_600_000);
  });
  it('ends months, quarters and years at local midnight', () => {
    const ms = toEpochMs('2026-02-10T12:00:00Z');
    expect(toIso(endOfPeriod(ms, 'month', 'America/New_York'))).toBe('2026-03-01T05:00:00.000Z');
    expect(toIso(endOfPeriod(ms, 'quarter', 'America/New_York'))).toBe('2026-04-01T04:00:00.000Z');
    expect(toIso(endOfPeriod(ms, 'year', 'Asia/Kolkata'))).toBe('2026-12-31T18:30:00.000Z');
  });
  it('adds calendar months with end-of-month clamping', () => {
    const jan31 = startOfLocalDate('2026-01-31', 'Europe/London');
    expect(localDateOf(addLocal(jan31, { months: 1 }, 'Europe/London'), 'Europe/London')).toBe(
      '2026-02-28',
    );
  });
  it('puts a 29 February anniversary on 28 February in common years', () => {
    expect(anniversaryInYear('02-29', 2027)).toBe('2027-02-28');
    expect(anniversaryInYear('02-29', 2028)).toBe('2028-02-29');
    expect(anniversaryInYear('12-31', 2026)).toBe('2026-12-31');
  });
  it('counts days between local dates', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });

  describe('properties', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) });
    const zone = fc.constantFrom(...ZONES);
    const unit = fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const);

    it('an instant lies before the end of its own local period, and the end starts a new local date', () => {
      fc.assert(
        fc.property(instant, zone, unit, (ms, tz, u) => {
          const end = endOfPeriod(ms, u, tz);
          expect(end).toBeGreaterThan(ms);
          expect(localDateOf(end, tz) > localDateOf(ms, tz)).toBe(true);
          expect(localDateOf(end - 1, tz) >= localDateOf(ms, tz)).toBe(true);
        }),
      );
    });
    it('the start of a local date maps back to that date', () => {
      fc.assert(
        fc.property(instant, zone, (ms, tz) => {
          const date = localDateOf(ms, tz);
          const start = startOfLocalDate(date, tz);
          expect(localDateOf(start, tz)).toBe(date);
          expect(start).toBeLessThanOrEqual(ms);
          expect(localDateOf(start - 1, tz) < date).toBe(true);
        }),
      );
    });
  });
});
