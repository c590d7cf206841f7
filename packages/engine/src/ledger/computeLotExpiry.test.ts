import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../test/zones.js';
import { defineProgram, type Program } from '../program/index.js';
import { addToLocalDate, localDateOf, startOfLocalDate } from '../time/index.js';
import { balanceOf, computeLotExpiry, earnPoints, openAccount } from './index.js';

/** Local dates on which the zone's UTC offset changes, 2024-2029. */
function dstDays(zone: string): string[] {
  const days: string[] = [];
  let d = DateTime.fromISO('2024-01-01', { zone });
  while (d.year < 2030) {
    const next = d.plus({ days: 1 });
    if (next.offset !== d.offset) days.push(d.toISODate()!);
    d = next;
  }
  return days;
}

/** Instants on DST change days, 29 February (2024, 2028) and their eves, every zone. */
const CRITICAL = ZONES.flatMap((zone) =>
  [...dstDays(zone), '2024-02-28', '2024-02-29', '2028-02-29', '2027-12-31'].map((date) => ({
    zone,
    date,
  })),
);

const arbEarn = fc
  .record({
    day: fc.constantFrom(...CRITICAL),
    minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  })
  .map(({ day, minuteOfDay }) => ({
    zone: day.zone,
    earnedAt: startOfLocalDate(day.date, day.zone) + minuteOfDay * 60_000,
  }));

const arbPolicy = fc.oneof(
  fc.record({
    kind: fc.constant('rolling' as const),
    amount: fc.integer({ min: 1, max: 800 }),
    unit: fc.constantFrom('day' as const, 'month' as const),
    roundUpTo: fc.constantFrom(
      'day' as const,
      'month' as const,
      'quarter' as const,
      'year' as const,
      undefined,
    ),
  }),
  fc.record({
    kind: fc.constant('fixedDate' as const),
    monthDay: fc.constantFrom('12-31', '02-29', '03-08', '11-03', '10-06', '04-05', '01-01'),
    yearsAfter: fc.integer({ min: 0, max: 3 }),
  }),
);

function programIn(zone: string, expiry: unknown): Program {
  const clean = JSON.parse(JSON.stringify(expiry)) as unknown;
  return defineProgram({
    id: 'p',
    version: 1,
    currency: 'USD',
    timeZone: zone,
    points: { expiry: clean },
  });
}

describe('computeLotExpiry examples', () => {
  it.each([
    [
      'America/New_York',
      '2026-03-08T01:30:00-05:00',
      { kind: 'rolling', amount: 1, unit: 'day', roundUpTo: 'day' },
      '2026-03-09',
    ],
    [
      'Europe/London',
      '2026-10-25T01:30:00+00:00',
      { kind: 'rolling', amount: 12, unit: 'month' },
      '2027-10-25',
    ],
    [
      'Asia/Kolkata',
      '2028-02-29T23:59:00+05:30',
      { kind: 'rolling', amount: 12, unit: 'month', roundUpTo: 'month' },
      '2029-02-28',
    ],
    [
      'Pacific/Kiritimati',
      '2026-12-31T23:00:00+14:00',
      { kind: 'fixedDate', monthDay: '12-31', yearsAfter: 1 },
      '2027-12-31',
    ],
    [
      'America/St_Johns',
      '2027-06-30T12:00:00-02:30',
      { kind: 'fixedDate', monthDay: '02-29', yearsAfter: 1 },
      '2028-02-29',
    ],
    [
      'Australia/Lord_Howe',
      '2026-04-05T01:45:00+11:00',
      { kind: 'rolling', amount: 3, unit: 'month', roundUpTo: 'quarter' },
      '2026-09-30',
    ],
  ])('%s %s -> last usable date %s', (zone, earned, policy, expiresOn) => {
    const p = programIn(zone, policy);
    const e = computeLotExpiry(p, Date.parse(earned));
    expect(e.expiresOn).toBe(expiresOn);
  });

  it('is never for the default policy', () => {
    expect(computeLotExpiry(programIn('Asia/Kolkata', { kind: 'never' }), 0)).toEqual({
      expiresAt: null,
      expiresOn: null,
    });
  });
});

describe('properties', () => {
  it('expiry never fires before its local date in any listed zone, DST days and 29 February included', () => {
    fc.assert(
      fc.property(arbEarn, arbPolicy, ({ zone, earnedAt }, policy) => {
        const p = programIn(zone, policy);
        const { expiresAt, expiresOn } = computeLotExpiry(p, earnedAt);
        if (expiresAt === null || expiresOn === null) return false;
        const startOfDay = startOfLocalDate(expiresOn, zone);
        expect(expiresAt).toBeGreaterThanOrEqual(startOfDay);
        expect(expiresAt).toBeGreaterThan(earnedAt);
        expect(localDateOf(expiresAt - 1, zone)).toBe(expiresOn);
        const rounded = policy.kind === 'fixedDate' || policy.roundUpTo !== undefined;
        if (rounded) {
          // Usable for the whole advertised date: expires exactly when the next local date starts.
          expect(expiresAt).toBe(startOfLocalDate(addToLocalDate(expiresOn, { days: 1 }), zone));
        }
        if (policy.kind === 'rolling' && policy.unit === 'day' && policy.roundUpTo === 'day') {
          expect(expiresOn).toBe(
            addToLocalDate(localDateOf(earnedAt, zone), { days: policy.amount }),
          );
        }
        if (policy.kind === 'fixedDate') {
          expect(
            expiresOn.slice(5) === policy.monthDay ||
              (policy.monthDay === '02-29' && expiresOn.endsWith('02-28')),
          ).toBe(true);
          expect(expiresOn >= localDateOf(earnedAt, zone)).toBe(true);
        }
        return true;
      }),
    );
  });

  it('a lot is available through its advertised date and expired from the next local date (reads)', () => {
    fc.assert(
      fc.property(arbEarn, arbPolicy, ({ zone, earnedAt }, policy) => {
        const p = programIn(zone, policy);
        const r = earnPoints(
          p,
          openAccount(p, 'm'),
          { key: 'o', orderId: 'o', points: 10, orderAmount: '1' },
          new Date(earnedAt),
        );
        if (!r.ok) return false;
        const lot = r.account.lots[0]!;
        const lastUsable = lot.expiresAt! - 1;
        expect(balanceOf(p, r.account, new Date(lastUsable)).available.toString()).toBe('10');
        expect(balanceOf(p, r.account, new Date(lot.expiresAt!)).available.toString()).toBe('0');
        const rounded = policy.kind === 'fixedDate' || policy.roundUpTo !== undefined;
        if (rounded) {
          const dayStart = startOfLocalDate(lot.expiresOn!, zone);
          expect(
            balanceOf(p, r.account, new Date(Math.max(dayStart, earnedAt))).available.toString(),
          ).toBe('10');
        }
        return true;
      }),
    );
  });
});
