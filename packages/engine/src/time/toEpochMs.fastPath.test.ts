import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toEpochMs } from './instant.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const luxon = (s: string) => {
  const dt = DateTime.fromISO(s, { setZone: true });
  return dt.isValid ? dt.toMillis() : 'invalid';
};
const ours = (s: string) => {
  try {
    return toEpochMs(s);
  } catch {
    return 'invalid';
  }
};

describe('toEpochMs fast path (no luxon for the common shape)', () => {
  it.each([
    ['2026-03-01T10:00:00+08:00', 1772330400000],
    ['2026-03-01T02:00:00.5Z', 1772330400500],
    ['2026-02-30T00:00:00Z', 'invalid'],
    // luxon reads 24:00 as the next midnight; the fast path leaves it to luxon
    ['2026-02-28T24:00:00Z', 1772323200000],
    ['2026-03-01T10:00', 'invalid'],
  ])('%s -> %s', (s, expected) => {
    expect(ours(s)).toBe(expected);
  });
  describe('properties', () => {
    it('gives exactly what luxon gives, or refuses what luxon refuses', () => {
      fc.assert(
        fc.property(
          fc.record({
            y: fc.integer({ min: 0, max: 9999 }),
            mo: fc.integer({ min: 0, max: 13 }),
            d: fc.integer({ min: 0, max: 32 }),
            h: fc.integer({ min: 0, max: 25 }),
            mi: fc.integer({ min: 0, max: 61 }),
            s: fc.option(fc.integer({ min: 0, max: 61 })),
            ms: fc.option(fc.integer({ min: 0, max: 999 })),
            zone: fc.option(
              fc.tuple(
                fc.constantFrom('+', '-'),
                fc.integer({ min: 0, max: 24 }),
                fc.integer({ min: 0, max: 60 }),
              ),
            ),
          }),
          (f) => {
            const sec = f.s === null ? '' : `:${pad(f.s)}${f.ms === null ? '' : `.${f.ms}`}`;
            const zone = f.zone === null ? 'Z' : `${f.zone[0]}${pad(f.zone[1])}:${pad(f.zone[2])}`;
            const iso = `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}${sec}${zone}`;
            expect(ours(iso)).toBe(luxon(iso));
          },
        ),
      );
    });
  });
});
