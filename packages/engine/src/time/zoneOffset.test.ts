import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../test/zones.js';
import { addLocal, isLocalDate, localDateOf, localParts, startOfLocalDate } from './instant.js';

const luxonParts = (ms: number, tz: string) => {
  const dt = DateTime.fromMillis(ms, { zone: tz });
  return {
    year: dt.year,
    month: dt.month,
    day: dt.day,
    weekday: dt.weekday,
    hour: dt.hour,
    minute: dt.minute,
    date: dt.toISODate()!,
  };
};

// Instants from 1900 to 2100, and instants within a day of the DST changes of 2026.
const instant = fc.oneof(
  fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }),
  fc
    .constantFrom(
      Date.UTC(2026, 2, 8, 7),
      Date.UTC(2026, 10, 1, 6),
      Date.UTC(2026, 2, 29, 1),
      Date.UTC(2026, 9, 25, 1),
      Date.UTC(2026, 3, 5, 2),
      Date.UTC(2026, 8, 27, 14),
    )
    .chain((t) => fc.integer({ min: t - 86_400_000, max: t + 86_400_000 })),
);

describe('memoised local time (no luxon on the hot path)', () => {
  it.each([
    ['2026-03-08T06:59:59.999Z', 'America/New_York', '2026-03-08', 1],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08', 3],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01', 1],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01', 1],
    ['2026-12-31T11:00:00Z', 'Pacific/Kiritimati', '2027-01-01', 1],
  ])('%s in %s is %s, hour %s', (iso, tz, date, hour) => {
    const ms = Date.parse(iso);
    expect(localDateOf(ms, tz)).toBe(date);
    expect(localParts(ms, tz).hour).toBe(hour);
  });
  it('reads years outside 1000-9999 as luxon does', () => {
    const ms = Date.UTC(10_000, 0, 1);
    expect(localDateOf(ms, 'UTC')).toBe(DateTime.fromMillis(ms, { zone: 'UTC' }).toISODate());
  });
  describe('properties', () => {
    it('localParts and localDateOf equal luxon in every zone, DST days included', () => {
      fc.assert(
        fc.property(instant, fc.constantFrom(...ZONES), (ms, tz) => {
          // Twice: the second read comes from the memo.
          for (let k = 0; k < 2; k++) {
            expect(localParts(ms, tz)).toEqual(luxonParts(ms, tz));
            expect(localDateOf(ms, tz)).toBe(DateTime.fromMillis(ms, { zone: tz }).toISODate());
          }
        }),
      );
    });
    it('startOfLocalDate and addLocal equal luxon when memoised', () => {
      fc.assert(
        fc.property(
          instant,
          fc.constantFrom(...ZONES),
          fc.integer({ min: -40, max: 40 }),
          (ms, tz, days) => {
            const date = DateTime.fromMillis(ms, { zone: tz }).toISODate()!;
            for (let k = 0; k < 2; k++) {
              expect(startOfLocalDate(date, tz)).toBe(
                DateTime.fromISO(date, { zone: tz }).startOf('day').toMillis(),
              );
              expect(addLocal(ms, { days }, tz)).toBe(
                DateTime.fromMillis(ms, { zone: tz }).plus({ days }).toMillis(),
              );
            }
          },
        ),
      );
    });
    it('isLocalDate agrees with luxon on every shape YYYY-MM-DD', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          (y, m, d) => {
            const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
            expect(isLocalDate(s)).toBe(DateTime.fromISO(s, { zone: 'UTC' }).isValid);
          },
        ),
      );
    });
  });
});
