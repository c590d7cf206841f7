import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftDate } from './localDates.js';

const DAY_MS = 86_400_000;

/** The Date-based shift `shiftDate` replaced on its integer domain (and still uses beyond it). */
function shiftByUtc(date: string, days: number): string {
  const ms = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** What the reference gives, or the error it throws (a date past year 275760). */
function outcome(f: () => string): string {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('shiftDate', () => {
  it('shifts exactly as a UTC Date does (integer path, its edges and the fallback)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_050 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.oneof(
          fc.integer({ min: -400, max: 400 }),
          fc.integer({ min: -4_000_000, max: 4_000_000 }),
          fc.constantFrom(-1e9, 1e9, 0.5, -2.5),
        ),
        (y, m, d, days) => {
          const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(outcome(() => shiftDate(date, days))).toBe(outcome(() => shiftByUtc(date, days)));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('crosses month, leap-day and year ends', () => {
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2023-02-28', 1)).toBe('2023-03-01');
    expect(shiftDate('2100-02-28', 1)).toBe('2100-03-01');
    expect(shiftDate('2000-02-28', 1)).toBe('2000-02-29');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-01-01', -1)).toBe('2025-12-31');
    expect(shiftDate('2026-05-20', -2)).toBe('2026-05-18');
    expect(shiftDate('0100-01-01', -1)).toBe('0099-12-31');
    expect(shiftDate('9999-12-31', 0)).toBe('9999-12-31');
  });
});
