import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { evaluateTier } from './evaluateTier.js';
import { daily, NONE, stateOf, tierProgram } from './tiersTestKit.js';

const program = tierProgram();
const enrolled = '2025-01-10T10:00:00-05:00';

describe('evaluateTier: upgrades (L1, L3)', () => {
  it('upgrades at once when the spend crosses the entry threshold, effective at the event', () => {
    const activity = daily(['2025-03-01', '600'], ['2025-06-01', '450']);
    const r = evaluateTier(program, {
      state: stateOf(program, enrolled),
      activity,
      now: '2025-06-01T18:00:00-04:00',
      event: { kind: 'purchase', id: 'o-2', at: '2025-06-01T12:00:00-04:00' },
    });
    expect(r.code).toBe('UPGRADED');
    expect(r.tierId).toBe('gold');
    expect(r.changed).toBe(true);
    expect(r.effectiveAt).toBe(Date.parse('2025-06-01T12:00:00-04:00'));
    expect(r.state.since).toBe(r.effectiveAt);
    expect(r.state.lastUpgrade).toMatchObject({ eventId: 'o-2', previous: { tierId: 'member' } });
    expect(r.reasons[0]).toMatchObject({
      code: 'UPGRADED',
      fromTierId: 'member',
      toTierId: 'gold',
      window: { kind: 'calendar_year', from: '2025-01-01', to: '2025-06-02' },
      threshold: 'spend >= 1000',
    });
    expect(r.benefits.gained.map((b) => b.kind)).toEqual([
      'discount_rate',
      'points_multiplier',
      'free_shipping',
    ]);
    expect(r.benefits.lost).toEqual([]);
    expect(r.programVersion).toBe(3);
    expect(r.trace[0]).toContain('upgraded member -> gold');
  });

  it('skips tiers: the highest tier whose entry is met is reached in one step', () => {
    const r = evaluateTier(program, {
      state: stateOf(program, enrolled),
      activity: daily(['2025-02-01', '3000']),
      now: '2025-02-01T12:00:00-05:00',
    });
    expect(r.tierId).toBe('platinum');
  });

  it('lists benefits lost and gained when the discount rate changes', () => {
    const r = evaluateTier(program, {
      state: stateOf(program, enrolled, 'silver'),
      activity: daily(['2025-02-01', '1000']),
      now: '2025-02-01T12:00:00-05:00',
    });
    expect(r.benefits.lost).toEqual([{ kind: 'discount_rate', rate: expect.anything() }]);
    expect(r.benefits.lost[0]).toMatchObject({ kind: 'discount_rate' });
    expect(String((r.benefits.lost[0] as { rate: unknown }).rate)).toBe('0.05');
    expect(r.benefits.gained.map((b) => b.kind)).toEqual([
      'discount_rate',
      'points_multiplier',
      'free_shipping',
    ]);
  });

  it('issues the reached tier’s coupons on reach, not on a tier passed on the way', () => {
    const template = (id: string) => ({
      id,
      benefit: { kind: 'amount_off', amount: '10' },
      validity: { kind: 'after_issue', days: 30 },
    });
    const p = tierProgram(
      {
        ladder: [
          { id: 'member', name: 'Member' },
          {
            id: 'silver',
            name: 'Silver',
            entry: { spend: '100' },
            benefits: { couponsOnReach: ['welcome-silver'] },
          },
          {
            id: 'gold',
            name: 'Gold',
            entry: { spend: '200' },
            benefits: { couponsOnReach: ['welcome-gold'], couponsYearly: ['gold-yearly'] },
          },
        ],
      },
      'America/New_York',
      {
        couponTemplates: [
          template('welcome-silver'),
          template('welcome-gold'),
          template('gold-yearly'),
        ],
      },
    );
    const r = evaluateTier(p, {
      state: stateOf(p, enrolled),
      activity: daily(['2025-02-01', '250']),
      now: '2025-02-01T12:00:00-05:00',
    });
    expect(r.couponsToIssue).toEqual(['welcome-gold']);
    expect(r.benefits.gained).toEqual([
      { kind: 'coupon_on_reach', templateId: 'welcome-gold' },
      { kind: 'coupon_yearly', templateId: 'gold-yearly' },
    ]);
  });

  it('does not upgrade on the spendable balance: only the activity summary counts', () => {
    const r = evaluateTier(program, {
      state: stateOf(program, enrolled),
      activity: daily(['2025-02-01', '499.99']),
      now: '2025-02-01T12:00:00-05:00',
    });
    expect(r.code).toBe('ENTRY_NOT_MET');
    expect(r.reasons[0]).toMatchObject({
      code: 'ENTRY_NOT_MET',
      nextTierId: 'silver',
      gaps: [{ metric: 'spend', required: '500', actual: '499.99', missing: '0.01', met: false }],
    });
  });
});

describe('evaluateTier: thresholds on each metric and combinations (L1)', () => {
  const ladderWith = (entry: Record<string, unknown>) =>
    tierProgram({
      ladder: [
        { id: 'base', name: 'Base' },
        { id: 'vip', name: 'VIP', entry },
      ],
    });
  const bucket = { from: '2025-02-01', spend: '100', points: '250', orders: 3, visits: 5 };
  it.each([
    ['spend met', { spend: '100' }, 'vip'],
    ['spend missed', { spend: '100.01' }, 'base'],
    ['points met', { points: '250' }, 'vip'],
    ['points missed', { points: '251' }, 'base'],
    ['orders met', { orders: 3 }, 'vip'],
    ['orders missed', { orders: 4 }, 'base'],
    ['visits met', { visits: 5 }, 'vip'],
    ['visits missed', { visits: 6 }, 'base'],
    ['all of: one missed', { spend: '100', orders: 4 }, 'base'],
    ['all of: both met', { spend: '100', orders: 3 }, 'vip'],
    ['any of: one met', { spend: '999', orders: 3, match: 'any' }, 'vip'],
    ['any of: none met', { spend: '999', orders: 9, match: 'any' }, 'base'],
    ['2 of 3: two met', { spend: '100', orders: 3, visits: 99, match: { atLeast: 2 } }, 'vip'],
    ['2 of 3: one met', { spend: '999', orders: 3, visits: 99, match: { atLeast: 2 } }, 'base'],
  ])('%s', (_name, entry, tierId) => {
    const p = ladderWith(entry);
    const r = evaluateTier(p, {
      state: stateOf(p, enrolled),
      activity: { buckets: [bucket] },
      now: '2025-02-02T00:00:00-05:00',
    });
    expect(r.tierId).toBe(tierId);
  });
});

describe('evaluateTier: qualification windows (L2)', () => {
  const buckets = daily(['2024-03-01', '600'], ['2024-12-20', '300'], ['2025-02-10', '200']);
  it.each([
    ['lifetime', { window: 'lifetime', review: { at: 'membership_anniversary' } }, 'gold'],
    ['calendar year: only 2025 counts', {}, 'member'],
    [
      'rolling 12 months: 2024-03-01 dropped out',
      { window: 'rolling', review: { at: 'tier_anniversary' } },
      'silver',
    ],
    [
      'rolling 14 months',
      { window: 'rolling', rollingMonths: 14, review: { at: 'tier_anniversary' } },
      'gold',
    ],
    [
      'membership year from 2024-12-15',
      { window: 'membership_year', review: { at: 'window_end' } },
      'silver',
    ],
  ])('%s', (_name, cfg, tierId) => {
    const p = tierProgram(cfg);
    const state = stateOf(p, '2023-12-15T10:00:00-05:00');
    const r = evaluateTier(p, { state, activity: buckets, now: '2025-03-05T10:00:00-05:00' });
    expect(r.tierId).toBe(tierId);
  });

  it('tier year: counts from the latest anniversary of reaching the current tier', () => {
    const p = tierProgram({ window: 'tier_year', review: { at: 'tier_anniversary' } });
    const state = stateOf(p, '2023-01-01T10:00:00-05:00', 'silver', '2024-04-01T12:00:00-04:00');
    const r = evaluateTier(p, {
      state,
      activity: daily(['2025-03-20', '700'], ['2025-04-02', '400']),
      now: '2025-04-02T12:00:00-04:00',
    });
    expect(r.reasons[0]).toMatchObject({
      code: 'ENTRY_NOT_MET',
      window: { from: '2025-04-01', to: '2025-04-03' },
    });
    const earlier = evaluateTier(p, {
      state,
      activity: daily(['2025-03-20', '700'], ['2025-03-25', '400']),
      now: '2025-03-25T12:00:00-04:00',
    });
    expect(earlier.tierId).toBe('gold');
  });

  it('ignores activity dated after the event (a replay)', () => {
    const r = evaluateTier(program, {
      state: stateOf(program, enrolled),
      activity: daily(['2025-02-01', '400'], ['2025-02-05', '700']),
      now: '2025-02-06T00:00:00-05:00',
      event: { kind: 'purchase', at: '2025-02-01T12:00:00-05:00' },
    });
    expect(r.tierId).toBe('member');
  });
});

describe('evaluateTier: never downgrades outside a review (L4)', () => {
  it('keeps gold with no activity at all', () => {
    const r = evaluateTier(program, {
      state: stateOf(program, enrolled, 'gold'),
      activity: NONE,
      now: '2025-09-01T00:00:00-04:00',
    });
    expect(r.tierId).toBe('gold');
    expect(r.code).toBe('ENTRY_NOT_MET');
  });

  it('a manual fixed tier blocks upgrades until its end', () => {
    const s = {
      ...stateOf(program, enrolled),
      manual: {
        tierId: 'member',
        mode: 'fixed' as const,
        until: Date.parse('2025-07-01T00:00:00-04:00'),
        reason: 'correction' as const,
        assignedAt: Date.parse(enrolled),
        note: null,
        previous: { tierId: 'member', since: Date.parse(enrolled), validUntil: null },
      },
    };
    const during = evaluateTier(program, {
      state: s,
      activity: daily(['2025-02-01', '5000']),
      now: '2025-06-01T00:00:00-04:00',
    });
    expect(during.code).toBe('MANUAL_FIXED');
    expect(during.tierId).toBe('member');
    const after = evaluateTier(program, {
      state: s,
      activity: daily(['2025-02-01', '5000']),
      now: '2025-07-02T00:00:00-04:00',
    });
    expect(after.tierId).toBe('platinum');
    expect(after.state.manual).toBeNull();
  });
});

describe('evaluateTier: a return of the order that caused an upgrade', () => {
  const p = tierProgram({ upgradeReversal: { withinDays: 14 } });
  const upgraded = evaluateTier(p, {
    state: stateOf(p, enrolled, 'silver', '2025-02-01T00:00:00-05:00'),
    activity: daily(['2025-02-01', '600'], ['2025-03-01', '500']),
    now: '2025-03-01T12:00:00-05:00',
    event: { kind: 'purchase', id: 'big-order' },
  });

  it.each([
    [
      'within the period, entry no longer met: reversed to the previous tier',
      p,
      '2025-03-10',
      'big-order',
      '0',
      'UPGRADE_REVERSED',
      'silver',
    ],
    [
      'within the period, a partial return that keeps the entry: stands',
      p,
      '2025-03-10',
      'big-order',
      '400',
      'UPGRADE_STANDS',
      'gold',
    ],
    [
      'after the period: stands until the next review',
      p,
      '2025-03-16',
      'big-order',
      '0',
      'UPGRADE_STANDS',
      'gold',
    ],
    [
      'reversal not configured: stands',
      tierProgram(),
      '2025-03-02',
      'big-order',
      '0',
      'UPGRADE_STANDS',
      'gold',
    ],
    [
      'a return of another order: no reversal',
      p,
      '2025-03-02',
      'other',
      '0',
      'ENTRY_NOT_MET',
      'gold',
    ],
  ])('%s', (_name, prog, day, returnOf, remaining, code, tierId) => {
    const r = evaluateTier(prog, {
      state: upgraded.state,
      activity: daily(['2025-02-01', '600'], ['2025-03-01', remaining]),
      now: `${day}T10:00:00-05:00`,
      event: { kind: 'return', returnOf },
    });
    expect(r.code).toBe(code);
    expect(r.tierId).toBe(tierId);
  });

  it('a reversal restores the previous tier with its dates', () => {
    const r = evaluateTier(p, {
      state: upgraded.state,
      activity: daily(['2025-02-01', '600'], ['2025-03-01', '0']),
      now: '2025-03-05T10:00:00-05:00',
      event: { kind: 'return', returnOf: 'big-order' },
    });
    expect(r.state.since).toBe(Date.parse('2025-02-01T00:00:00-05:00'));
    expect(r.state.lastUpgrade).toBeNull();
    expect(r.effectiveAt).toBe(Date.parse('2025-03-05T10:00:00-05:00'));
    expect(r.benefits.lost.map((b) => b.kind)).toContain('free_shipping');
  });
});

describe('evaluateTier: malformed input throws InputError', () => {
  const base = { state: stateOf(program, enrolled), activity: NONE, now: '2025-02-01T00:00:00Z' };
  it.each([
    [
      'unknown tier in state',
      { ...base, state: { ...base.state, tierId: 'nope' } },
      'unknown_tier',
    ],
    ['now without offset', { ...base, now: '2025-02-01T00:00:00' }, 'invalid_format'],
    [
      'event after now',
      { ...base, event: { kind: 'purchase', at: '2025-02-02T00:00:00Z' } },
      'event_in_future',
    ],
    ['unknown event kind', { ...base, event: { kind: 'refund' } }, 'invalid_value'],
    [
      'bad bucket date',
      { ...base, activity: { buckets: [{ from: '2025-02-30', spend: '1' }] } },
      'invalid_format',
    ],
    [
      'unsorted buckets',
      { ...base, activity: { buckets: [{ from: '2025-02-03' }, { from: '2025-02-01' }] } },
      'unsorted',
    ],
    [
      'overlapping buckets',
      {
        ...base,
        activity: { buckets: [{ from: '2025-02-01', to: '2025-03-01' }, { from: '2025-02-15' }] },
      },
      'unsorted',
    ],
    [
      'float-like amount',
      { ...base, activity: { buckets: [{ from: '2025-02-01', spend: '1e3' }] } },
      'invalid_format',
    ],
    [
      'fractional orders',
      { ...base, activity: { buckets: [{ from: '2025-02-01', orders: 1.5 }] } },
      'invalid_type',
    ],
  ])('%s', (_name, input, code) => {
    try {
      evaluateTier(program, input as Parameters<typeof evaluateTier>[1]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.code).toBe(code);
    }
  });

  it('refuses a program without tiers', () => {
    const p = tierProgram({ ladder: [] });
    expect(() => evaluateTier(p, base)).toThrow(InputError);
  });
});
