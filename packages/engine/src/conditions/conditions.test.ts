import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../test/zones.js';
import { normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { normalizeMember } from '../model/member.js';
import { zAudience, zLineFilter, zTimeWindow } from '../program/conditions.js';
import { addToLocalDate, startOfLocalDate, toEpochMs } from '../time/index.js';
import { isBirthday, matchAudience } from './matchAudience.js';
import { matchLine } from './matchLine.js';
import { matchTimeWindow } from './matchTimeWindow.js';

const member = (over: Partial<Parameters<typeof normalizeMember>[0]> = {}) =>
  normalizeMember({
    id: 'm1',
    enrolledAt: '2026-01-01T00:00:00Z',
    tierId: 'gold',
    tags: ['vip'],
    birthday: '1992-02-29',
    ...over,
  });
const ctx = (iso: string, tz = 'Asia/Shanghai', m = member()) =>
  new EvalContext(toEpochMs(iso), tz, 's1', 'store', m);

describe('matchTimeWindow', () => {
  const window = zTimeWindow.parse({
    from: '2026-03-06T00:00:00-05:00',
    until: '2026-03-09T00:00:00-04:00',
    weekdays: [6, 7],
    hours: [{ from: '22:00', to: '02:00' }],
  });
  it.each([
    ['2026-03-05T23:00:00-05:00', 'NOT_STARTED'],
    ['2026-03-09T00:00:00-04:00', 'ENDED'],
    ['2026-03-06T23:00:00-05:00', 'WRONG_WEEKDAY'],
    ['2026-03-07T12:00:00-05:00', 'WRONG_HOUR'],
    ['2026-03-07T23:30:00-05:00', null],
    // 01:30 local on the DST day (clocks jump 02:00 -> 03:00) is inside the midnight-spanning window.
    ['2026-03-08T01:30:00-05:00', null],
    ['2026-03-08T03:30:00-04:00', 'WRONG_HOUR'],
  ])('at %s in New York -> %s', (iso, expected) => {
    expect(matchTimeWindow(window, ctx(iso, 'America/New_York'))).toBe(expected);
  });
  it('matches listed local dates in the program zone', () => {
    const w = zTimeWindow.parse({ dates: ['2027-01-01'] });
    expect(matchTimeWindow(w, ctx('2026-12-31T11:00:00Z', 'Pacific/Kiritimati'))).toBeNull();
    expect(matchTimeWindow(w, ctx('2026-12-31T11:00:00Z', 'Europe/London'))).toBe('WRONG_DATE');
  });
  it('refuses a window that ends before it starts', () => {
    expect(
      zTimeWindow.safeParse({ from: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' })
        .success,
    ).toBe(false);
  });
});

describe('matchLine', () => {
  const [shoe, gift, ship] = normalizeLines([
    { id: '1', sku: 'SHOE-1', categories: ['shoes', 'apparel'], quantity: 1, unitPrice: '100' },
    { id: '2', sku: 'GC-50', quantity: 1, unitPrice: '50', kind: 'gift_card' },
    { id: '3', sku: 'SHIP', quantity: 1, unitPrice: '10', kind: 'shipping' },
  ]);
  it('excludes gift cards, shipping, tax and deposits unless named', () => {
    expect(matchLine(undefined, shoe!)).toBe(true);
    expect(matchLine(undefined, gift!)).toBe(false);
    expect(matchLine(undefined, ship!)).toBe(false);
    expect(matchLine(zLineFilter.parse({ kinds: ['shipping'] }), ship!)).toBe(true);
  });
  it('includes by SKU or category and exclusions win', () => {
    expect(matchLine(zLineFilter.parse({ categories: ['apparel'] }), shoe!)).toBe(true);
    expect(matchLine(zLineFilter.parse({ skus: ['OTHER'] }), shoe!)).toBe(false);
    expect(
      matchLine(zLineFilter.parse({ categories: ['apparel'], excludeSkus: ['SHOE-1'] }), shoe!),
    ).toBe(false);
    expect(matchLine(zLineFilter.parse({ excludeCategories: ['shoes'] }), shoe!)).toBe(false);
  });
});

describe('matchAudience', () => {
  it.each([
    [{ stores: ['s2'] }, 'STORE_NOT_ELIGIBLE'],
    [{ channels: ['online'] }, 'CHANNEL_NOT_ELIGIBLE'],
    [{ tiers: ['silver'] }, 'TIER_NOT_ELIGIBLE'],
    [{ segments: ['staff'] }, 'SEGMENT_NOT_ELIGIBLE'],
    [{ excludeSegments: ['vip'] }, 'SEGMENT_NOT_ELIGIBLE'],
    [{ newMemberWithinDays: 30 }, 'NOT_A_NEW_MEMBER'],
    [{ birthday: 'day' }, 'NOT_BIRTHDAY'],
    [
      {
        stores: ['s1'],
        channels: ['store'],
        tiers: ['gold'],
        segments: ['vip'],
        newMemberWithinDays: 365,
      },
      null,
    ],
  ])('%j -> %s', (audience, expected) => {
    expect(matchAudience(zAudience.parse(audience), ctx('2026-06-01T12:00:00Z'))).toBe(expected);
  });
  it('needs a member for member conditions', () => {
    const anonymous = new EvalContext(0, 'UTC', null, null, null);
    expect(matchAudience(zAudience.parse({ tiers: ['gold'] }), anonymous)).toBe('NO_MEMBER');
    expect(matchAudience(zAudience.parse({ stores: ['s1'] }), anonymous)).toBe(
      'STORE_NOT_ELIGIBLE',
    );
  });
});

describe('birthdays', () => {
  it('celebrates 29 February on 28 February in common years and on 29 February in leap years', () => {
    expect(isBirthday('02-29', 'day', ctx('2027-02-28T12:00:00+08:00'))).toBe(true);
    expect(isBirthday('02-29', 'day', ctx('2027-03-01T12:00:00+08:00'))).toBe(false);
    expect(isBirthday('02-29', 'day', ctx('2028-02-29T12:00:00+08:00'))).toBe(true);
    expect(isBirthday('02-29', 'day', ctx('2028-02-28T12:00:00+08:00'))).toBe(false);
  });
  it('week means the ISO week (Monday to Sunday) containing the birthday', () => {
    // 2026-06-10 is a Wednesday: its week runs 06-08 .. 06-14.
    expect(isBirthday('06-10', 'week', ctx('2026-06-08T01:00:00+08:00'))).toBe(true);
    expect(isBirthday('06-10', 'week', ctx('2026-06-14T23:00:00+08:00'))).toBe(true);
    expect(isBirthday('06-10', 'week', ctx('2026-06-15T00:00:00+08:00'))).toBe(false);
    expect(isBirthday('06-10', 'week', ctx('2026-06-07T23:59:00+08:00'))).toBe(false);
  });
  it('reads the day in the program zone', () => {
    // 2026-06-10T20:00Z is already 11 June in Kiritimati (+14).
    expect(isBirthday('06-10', 'day', ctx('2026-06-10T20:00:00Z', 'America/New_York'))).toBe(true);
    expect(isBirthday('06-10', 'day', ctx('2026-06-10T20:00:00Z', 'Pacific/Kiritimati'))).toBe(
      false,
    );
  });

  describe('properties', () => {
    it('exactly one local day a year is the birthday, in every zone, leap years included', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 2020, max: 2040 }),
          fc.constantFrom(...ZONES),
          fc.constantFrom('02-29', '02-28', '03-01', '12-31', '01-01', '06-15'),
          (year, tz, md) => {
            let count = 0;
            const m = member({ birthday: `2000-${md}` });
            for (
              let date = `${year}-01-01`;
              date.startsWith(String(year));
              date = addToLocalDate(date, { days: 1 })
            ) {
              const c = new EvalContext(startOfLocalDate(date, tz) + 3_600_000, tz, null, null, m);
              if (isBirthday(m.birthday!, 'day', c)) count++;
            }
            expect(count).toBe(1);
          },
        ),
        { numRuns: 20 },
      );
    });
  });
});
