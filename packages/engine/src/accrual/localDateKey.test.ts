import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../test/zones.js';
import { localDateOf, toEpochMs } from '../time/index.js';
import { localDateKey } from './localDateKey.js';

describe('localDateKey', () => {
  it.each([
    ['2026-03-08T04:59:59Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-29T00:30:00Z', 'Europe/London', '2026-03-29'],
    ['2026-12-31T10:00:00Z', 'Pacific/Kiritimati', '2027-01-01'],
  ])('%s in %s is %s', (iso, zone, date) => {
    expect(localDateKey(toEpochMs(iso), zone)).toBe(date);
  });
  describe('properties', () => {
    it('equals localDateOf in every listed zone, whatever the order of calls (cached day bounds)', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(
              fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
              fc.integer({ min: -3, max: 3 }),
              fc.constantFrom(...ZONES),
            ),
            { minLength: 1, maxLength: 5 },
          ),
          (calls) => {
            for (const [ms, hours, zone] of calls) {
              // nearby instants (same or adjacent days) exercise the cache
              for (const t of [ms, ms + hours * 3_600_000]) {
                expect(localDateKey(t, zone)).toBe(localDateOf(t, zone));
              }
            }
          },
        ),
      );
    });
  });
});
