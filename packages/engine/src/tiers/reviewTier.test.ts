import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { localDateOf, localParts } from '../time/index.js';
import { evaluateTier } from './evaluateTier.js';
import { nextReviewAt } from './nextReviewAt.js';
import { reviewTier } from './reviewTier.js';
import type { TierState } from './state.js';
import { daily, NONE, stateOf, tierProgram } from './tiersTestKit.js';

const NY = '-05:00';
const enrolled = `2024-01-10T10:00:00${NY}`;
const review2026 = `2026-01-01T00:00:00${NY}`;

function reviewed(
  cfg: Record<string, unknown>,
  tierId: string,
  activity: { buckets: { from: string }[] },
  now = review2026,
  since = `2025-06-01T00:00:00-04:00`,
) {
  const p = tierProgram(cfg);
  return reviewTier(p, { state: stateOf(p, enrolled, tierId, since), activity, now });
}

describe('reviewTier: downgrade only at a review, against retention (L4)', () => {
  it('retains gold when the reviewed year meets the retention threshold (lower than entry)', () => {
    const r = reviewed({}, 'gold', daily(['2025-05-01', '850']));
    expect(r.code).toBe('RETAINED');
    expect(r.tierId).toBe('gold');
    expect(r.reasons[0]).toMatchObject({
      code: 'RETAINED',
      reviewAt: '2026-01-01T05:00:00.000Z',
      via: 'review',
      window: { kind: 'calendar_year', from: '2025-01-01', to: '2026-01-01' },
      threshold: 'spend >= 800',
    });
    expect(r.state.reviewedThrough).toBe(Date.parse(review2026));
  });

  it('one tier down: platinum with almost nothing drops to gold, not lower', () => {
    const r = reviewed({}, 'platinum', daily(['2025-05-01', '100']));
    expect(r.code).toBe('DOWNGRADED');
    expect(r.tierId).toBe('gold');
    expect(r.effectiveAt).toBe(Date.parse(review2026));
    expect(r.state.since).toBe(Date.parse(review2026));
    expect(r.reasons[0]).toMatchObject({
      code: 'DOWNGRADED',
      fromTierId: 'platinum',
      toTierId: 'gold',
      policy: 'one_down',
      via: 'review',
    });
    expect(r.benefits.lost).toEqual([
      expect.objectContaining({ kind: 'discount_rate' }),
      expect.objectContaining({ kind: 'points_multiplier' }),
      { kind: 'exclusive_sku', sku: 'P-1' },
    ]);
  });

  it.each([
    ['2500 keeps platinum', '2500', 'platinum', 'RETAINED'],
    ['800 lands on gold (gold retention met)', '800', 'gold', 'DOWNGRADED'],
    ['450 lands on silver', '450', 'silver', 'DOWNGRADED'],
    ['100 lands on the base tier', '100', 'member', 'DOWNGRADED'],
  ])('recompute from the metric: %s', (_name, spend, tierId, code) => {
    const r = reviewed(
      { review: { at: 'window_end', policy: 'recompute' } },
      'platinum',
      daily(['2025-05-01', spend]),
    );
    expect(r.tierId).toBe(tierId);
    expect(r.code).toBe(code);
  });

  it('no review due: nothing goes down however little the activity', () => {
    const r = reviewed(
      {},
      'platinum',
      NONE,
      `2025-12-31T23:59:59.999${NY}`,
      `2025-06-01T00:00:00-04:00`,
    );
    expect(r.code).toBe('NO_REVIEW_DUE');
    expect(r.tierId).toBe('platinum');
    expect(r.reasons[0]).toMatchObject({ nextReviewAt: '2026-01-01T05:00:00.000Z' });
  });

  it('reviews missed for two years are processed in order (one down each)', () => {
    const r = reviewed({}, 'platinum', NONE, `2027-01-02T00:00:00${NY}`);
    expect(r.tierId).toBe('silver');
    expect(r.reasons.filter((x) => x.code === 'DOWNGRADED').map((x) => x.reviewAt)).toEqual([
      '2026-01-01T05:00:00.000Z',
      '2027-01-01T05:00:00.000Z',
    ]);
  });

  it('a review at or before the tier started is superseded by it', () => {
    const p = tierProgram();
    const s = stateOf(p, enrolled, 'silver', `2025-06-01T00:00:00-04:00`);
    const up = evaluateTier(p, {
      state: { ...s, reviewedThrough: Date.parse(enrolled) },
      activity: daily(['2026-01-03', '1000']),
      now: `2026-01-03T10:00:00${NY}`,
    });
    expect(up.tierId).toBe('gold');
    const r = reviewTier(p, {
      state: up.state,
      activity: daily(['2026-01-03', '1000']),
      now: `2026-01-04T00:00:00${NY}`,
    });
    expect(r.tierId).toBe('gold');
    expect(r.code).toBe('NO_REVIEW_DUE');
  });

  it('reviewing twice changes nothing', () => {
    const first = reviewed({}, 'platinum', daily(['2025-05-01', '100']));
    const p = tierProgram();
    const second = reviewTier(p, {
      state: first.state,
      activity: daily(['2025-05-01', '100']),
      now: review2026,
    });
    expect(second.changed).toBe(false);
    expect(second.state).toEqual(first.state);
  });
});

describe('reviewTier: protections', () => {
  it.each([
    ['the base tier', {}, 'member', 'BASE_TIER'],
    [
      'a never-downgrade tier',
      {
        ladder: [
          { id: 'member', name: 'Member' },
          { id: 'silver', name: 'Silver', entry: { spend: '500' } },
          { id: 'gold', name: 'Gold', entry: { spend: '1000' }, neverDowngrade: true },
        ],
      },
      'gold',
      'NEVER_DOWNGRADE',
    ],
  ])('%s is kept', (_name, cfg, tierId, code) => {
    const r = reviewed(cfg, tierId, NONE);
    expect(r.tierId).toBe(tierId);
    expect(r.code).toBe(code);
  });

  it('minimum validity: a tier reached in 2025 is kept to the end of 2026, then judged on 2026 (L4, validity)', () => {
    const p = tierProgram({ validity: { years: 1, endOf: 'year' } });
    const up = evaluateTier(p, {
      state: stateOf(p, enrolled),
      activity: daily(['2025-03-10', '1200']),
      now: `2025-03-10T12:00:00-04:00`,
    });
    expect(up.state.validUntil).toBe(Date.parse(`2027-01-01T00:00:00${NY}`));
    const activity = daily(['2025-03-10', '1200']);
    const r1 = reviewTier(p, { state: up.state, activity: NONE, now: review2026 });
    expect(r1.code).toBe('VALIDITY_PROTECTED');
    const r2 = reviewTier(p, { state: r1.state, activity, now: `2027-01-01T00:00:00${NY}` });
    expect(r2.code).toBe('DOWNGRADED');
    expect(r2.tierId).toBe('silver');
    const kept = reviewTier(p, {
      state: r1.state,
      activity: daily(['2025-03-10', '1200'], ['2026-05-01', '800']),
      now: `2027-01-01T00:00:00${NY}`,
    });
    expect(kept.code).toBe('RETAINED');
  });

  it('membership-year window with fixed review dates: no full year yet keeps the tier', () => {
    const p = tierProgram({ window: 'membership_year', review: { at: 'dates', dates: ['07-01'] } });
    const s = stateOf(p, `2025-02-01T10:00:00${NY}`, 'gold', `2025-03-01T10:00:00${NY}`);
    const r = reviewTier(p, { state: s, activity: NONE, now: `2025-07-01T00:00:00-04:00` });
    expect(r.code).toBe('REVIEW_WINDOW_INCOMPLETE');
    const next = reviewTier(p, {
      state: r.state,
      activity: NONE,
      now: `2026-07-01T00:00:00-04:00`,
    });
    expect(next.reasons[0]).toMatchObject({
      code: 'DOWNGRADED',
      window: { kind: 'membership_year', from: '2025-02-01', to: '2026-02-01' },
    });
  });
});

describe('reviewTier: grace period', () => {
  const cfg = { review: { at: 'window_end', policy: 'one_down', graceDays: 90 } };
  const p = tierProgram(cfg);
  const start = reviewTier(p, {
    state: stateOf(p, enrolled, 'gold', `2025-06-01T00:00:00-04:00`),
    activity: daily(['2025-05-01', '500']),
    now: review2026,
  });

  it('a missed retention starts a grace period instead of a downgrade', () => {
    expect(start.code).toBe('GRACE_STARTED');
    expect(start.tierId).toBe('gold');
    expect(start.state.grace).toEqual({
      reviewAt: Date.parse(review2026),
      until: Date.parse('2026-04-01T00:00:00-04:00'),
      windowStart: '2025-01-01',
    });
    expect(start.reasons[0]).toMatchObject({
      graceUntil: '2026-04-01T04:00:00.000Z',
      gaps: [{ metric: 'spend', missing: '300' }],
    });
  });

  it('activity in the grace period that makes up the shortfall clears it at once', () => {
    const activity = daily(['2025-05-01', '500'], ['2026-02-10', '300']);
    const r = evaluateTier(p, { state: start.state, activity, now: '2026-02-10T12:00:00-05:00' });
    expect(r.reasons[0]).toMatchObject({
      code: 'GRACE_CLEARED',
      window: { kind: 'grace', from: '2025-01-01', to: '2026-02-11' },
    });
    expect(r.state.grace).toBeNull();
    expect(r.tierId).toBe('gold');
  });

  it('at the grace end: retained when made up, else down by the policy', () => {
    const kept = reviewTier(p, {
      state: start.state,
      activity: daily(['2025-05-01', '500'], ['2026-03-31', '300']),
      now: '2026-04-01T00:00:00-04:00',
    });
    expect(kept.reasons[0]).toMatchObject({ code: 'RETAINED', via: 'grace_end' });
    const dropped = reviewTier(p, {
      state: start.state,
      activity: daily(['2025-05-01', '500'], ['2026-04-01', '300']),
      now: '2026-04-01T00:00:00-04:00',
    });
    expect(dropped.reasons[0]).toMatchObject({
      code: 'DOWNGRADED',
      via: 'grace_end',
      toTierId: 'silver',
    });
    expect(dropped.state.grace).toBeNull();
  });

  it('no downgrade during the grace period', () => {
    const r = reviewTier(p, {
      state: start.state,
      activity: daily(['2025-05-01', '500']),
      now: '2026-03-31T23:59:59-04:00',
    });
    expect(r.tierId).toBe('gold');
    expect(r.code).toBe('NO_REVIEW_DUE');
  });
});

describe('reviewTier: schedules', () => {
  it('tier anniversary: reviewed one year after reaching the tier, over the rolling window', () => {
    const p = tierProgram({ window: 'rolling', review: { at: 'tier_anniversary' } });
    const s = stateOf(p, enrolled, 'gold', '2025-03-15T14:00:00-04:00');
    expect(nextReviewAt(p, { state: s }).at).toBe('2026-03-15T04:00:00.000Z');
    const r = reviewTier(p, {
      state: s,
      activity: daily(['2025-03-14', '900'], ['2025-03-16', '900']),
      now: '2026-03-15T00:00:00-04:00',
    });
    expect(r.reasons[0]).toMatchObject({
      code: 'RETAINED',
      window: { kind: 'rolling', from: '2025-03-15', to: '2026-03-15' },
    });
  });

  it('fixed dates: the next configured date in calendar order', () => {
    const p = tierProgram({ review: { at: 'dates', dates: ['07-01', '01-01'] } });
    const s = stateOf(p, enrolled, 'gold', '2025-03-15T14:00:00-04:00');
    expect(nextReviewAt(p, { state: s }).at).toBe('2025-07-01T04:00:00.000Z');
    expect(nextReviewAt(p, { state: s, after: '2025-07-01T04:00:00.000Z' }).at).toBe(
      '2026-01-01T05:00:00.000Z',
    );
  });

  it('refuses a monthly bucket straddling the reviewed window (activity_too_coarse)', () => {
    const p = tierProgram({ window: 'membership_year', review: { at: 'membership_anniversary' } });
    const s = stateOf(p, enrolled, 'gold');
    const activity = { buckets: [{ from: '2025-01-01', to: '2025-02-01', spend: '900' }] };
    expect(() => reviewTier(p, { state: s, activity, now: '2025-01-10T00:00:00-05:00' })).toThrow(
      InputError,
    );
    const fine = { buckets: [{ from: '2024-02-01', to: '2025-01-01', spend: '900' }] };
    expect(reviewTier(p, { state: s, activity: fine, now: '2025-01-10T00:00:00-05:00' }).code).toBe(
      'RETAINED',
    );
  });
});

describe('review dates in odd time zones: DST change days and 29 February (RELIABILITY 14)', () => {
  const zones: [string, string[]][] = [
    ['America/New_York', ['03-09', '11-02']],
    ['Europe/London', ['03-30', '10-26']],
    ['Australia/Lord_Howe', ['04-06', '10-05']],
    ['Asia/Kolkata', ['03-09', '10-26']],
    ['America/St_Johns', ['03-09', '11-02']],
    ['Pacific/Kiritimati', ['03-09', '12-31']],
  ];
  const rows = zones.flatMap(([zone, dates]) => dates.map((md) => [zone, md] as const));

  it.each(rows)(
    '%s: a review on 2025-%s happens at local midnight, not an instant before',
    (zone, md) => {
      const p = tierProgram({ review: { at: 'dates', dates: [md] } }, zone);
      const s = stateOf(p, '2024-06-01T00:00:00Z', 'gold', '2024-06-01T00:00:00Z');
      const state: TierState = { ...s, reviewedThrough: Date.parse('2025-01-01T00:00:00Z') };
      const expected = DateTime.fromISO(`2025-${md}`, { zone }).startOf('day').toMillis();
      const next = nextReviewAt(p, { state });
      expect(next.atMs).toBe(expected);
      expect(localParts(next.atMs, zone)).toMatchObject({ date: `2025-${md}`, hour: 0, minute: 0 });
      expect(reviewTier(p, { state, activity: NONE, now: expected - 1 }).code).toBe(
        'NO_REVIEW_DUE',
      );
      expect(reviewTier(p, { state, activity: NONE, now: expected }).code).toBe('DOWNGRADED');
    },
  );

  it.each(zones.map(([zone]) => zone))(
    '%s: a membership enrolled on 29 February is reviewed on 28 February in common years',
    (zone) => {
      const p = tierProgram(
        { window: 'membership_year', review: { at: 'membership_anniversary' } },
        zone,
      );
      const enrolledAt = DateTime.fromISO('2024-02-29T09:30', { zone }).toMillis();
      const s = { ...stateOf(p, new Date(enrolledAt).toISOString(), 'gold'), since: enrolledAt };
      const dates: string[] = [];
      let after = enrolledAt;
      for (let i = 0; i < 5; i++) {
        const next = nextReviewAt(p, { state: s, after });
        expect(localParts(next.atMs, zone)).toMatchObject({ hour: 0, minute: 0 });
        dates.push(localDateOf(next.atMs, zone));
        after = next.atMs;
      }
      expect(dates).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29', '2029-02-28']);
      const r = reviewTier(p, {
        state: s,
        activity: daily(['2024-03-01', '900']),
        now: DateTime.fromISO('2025-02-28', { zone }).toMillis(),
      });
      expect(r.reasons[0]).toMatchObject({
        code: 'RETAINED',
        window: { from: '2024-02-29', to: '2025-02-28' },
      });
    },
  );

  it.each(zones.map(([zone]) => zone))(
    '%s: a calendar-year review falls on local 1 January',
    (zone) => {
      const p = tierProgram({}, zone);
      const s = stateOf(p, '2025-03-01T12:00:00Z', 'gold');
      const next = nextReviewAt(p, { state: s });
      expect(next.atMs).toBe(DateTime.fromISO('2026-01-01', { zone }).toMillis());
    },
  );
});
