import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { anniversaryInYear, isLocalDate } from '../time/index.js';
import {
  addMonthsCivil,
  anniversaryDay,
  civilFromDays,
  daysFromCivil,
  formatDay,
  isCivilDate,
} from './civil.js';

const dayArb = fc.integer({ min: -200_000, max: 200_000 });

describe('civil calendar arithmetic (properties against luxon)', () => {
  it('day numbers round-trip and agree with luxon', () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        const c = civilFromDays(d);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(d);
        if (c.year >= 1000)
          expect(formatDay(d)).toBe(
            DateTime.fromMillis(d * 86_400_000, { zone: 'UTC' }).toISODate(),
          );
      }),
    );
  });

  it('adding months clamps to the end of the month like luxon', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: -120, max: 120 }),
        (d, months) => {
          const c = civilFromDays(d);
          const r = addMonthsCivil(c.year, c.month, c.day, months);
          const l = DateTime.fromObject(c, { zone: 'UTC' }).plus({ months });
          expect([r.year, r.month, r.day]).toEqual([l.year, l.month, l.day]);
        },
      ),
    );
  });

  it('anniversaries agree with anniversaryInYear (29 February on 28 February)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1900, max: 2200 }),
        (m, d, y) => {
          fc.pre(isLocalDate(`2024-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
          const md = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(formatDay(anniversaryDay(m, d, y))).toBe(anniversaryInYear(md, y));
        },
      ),
    );
  });

  it('isCivilDate agrees with isLocalDate', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/), (s) => {
        expect(isCivilDate(s)).toBe(isLocalDate(s));
      }),
    );
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2025-02-29')).toBe(false);
    expect(isCivilDate('2025-1-01')).toBe(false);
  });
});
