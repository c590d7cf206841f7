import { describe, expect, it } from 'vitest';
import { evaluateTier } from './evaluateTier.js';
import { tierProgress } from './tierProgress.js';
import { daily, NONE, stateOf, tierProgram } from './tiersTestKit.js';

const enrolled = '2024-01-10T10:00:00-05:00';

describe('tierProgress (L7)', () => {
  const p = tierProgram();

  it('what is missing for the next tier, by the end of the calendar year', () => {
    const r = tierProgress(p, {
      state: stateOf(p, enrolled, 'silver', '2025-02-01T00:00:00-05:00'),
      activity: daily(['2025-02-01', '650.50']),
      now: '2025-05-01T12:00:00-04:00',
    });
    expect(r.toNext).toMatchObject({
      tierId: 'gold',
      threshold: 'spend >= 1000',
      window: { from: '2025-01-01', to: '2025-05-02' },
      gaps: [{ metric: 'spend', required: '1000', actual: '650.5', missing: '349.5', met: false }],
      met: false,
      by: '2026-01-01T05:00:00.000Z',
    });
  });

  it('what it takes to keep the tier at the next review, and the projected tier', () => {
    const r = tierProgress(p, {
      state: stateOf(p, enrolled, 'gold', '2025-02-01T00:00:00-05:00'),
      activity: daily(['2025-02-01', '600']),
      now: '2025-05-01T12:00:00-04:00',
    });
    expect(r.toKeep).toMatchObject({
      tierId: 'gold',
      status: 'at_risk',
      protectedBy: null,
      threshold: 'spend >= 800',
      window: { from: '2025-01-01', to: '2026-01-01' },
      gaps: [{ metric: 'spend', missing: '200' }],
      by: '2026-01-01T05:00:00.000Z',
      reviewKind: 'review',
    });
    expect(r.projectedTierId).toBe('silver');
    expect(r.projectedCode).toBe('DOWNGRADED');
    const safe = tierProgress(p, {
      state: stateOf(p, enrolled, 'gold', '2025-02-01T00:00:00-05:00'),
      activity: daily(['2025-02-01', '800']),
      now: '2025-05-01T12:00:00-04:00',
    });
    expect(safe.toKeep.status).toBe('on_track');
    expect(safe.projectedTierId).toBe('gold');
    expect(safe.projectedCode).toBe('RETAINED');
  });

  it('a rolling window counts only the activity still inside the window at the review', () => {
    const rolling = tierProgram({ window: 'rolling', review: { at: 'tier_anniversary' } });
    const s = stateOf(rolling, enrolled, 'gold', '2025-03-15T12:00:00-04:00');
    const r = tierProgress(rolling, {
      state: s,
      activity: daily(['2025-02-01', '700'], ['2025-04-01', '500']),
      now: '2025-05-01T12:00:00-04:00',
    });
    expect(r.toKeep.window).toMatchObject({ from: '2025-03-15', to: '2026-03-15' });
    expect(r.toKeep.gaps[0]).toMatchObject({ actual: '500', missing: '300' });
    expect(r.toNext?.gaps[0]).toMatchObject({ actual: '1200' });
    expect(r.toNext?.by).toBeNull();
  });

  it.each([
    ['base tier', 'member', {}, 'BASE_TIER'],
    [
      'never-downgrade',
      'gold',
      {
        ladder: [
          { id: 'member', name: 'M' },
          { id: 'gold', name: 'G', entry: { spend: '1' }, neverDowngrade: true },
        ],
      },
      'NEVER_DOWNGRADE',
    ],
    ['validity', 'gold', { validity: { years: 2 } }, 'VALIDITY'],
  ])('protected: %s', (_name, tierId, cfg, by) => {
    const prog = tierProgram(cfg);
    let state = stateOf(prog, enrolled, tierId, '2025-02-01T00:00:00-05:00');
    if (by === 'VALIDITY') {
      state = evaluateTier(prog, {
        state: stateOf(prog, enrolled),
        activity: daily(['2025-02-01', '1000']),
        now: '2025-02-01T12:00:00-05:00',
      }).state;
    }
    const r = tierProgress(prog, { state, activity: NONE, now: '2025-05-01T12:00:00-04:00' });
    expect(r.toKeep).toMatchObject({ status: 'protected', protectedBy: by });
  });

  it('top tier: nothing next', () => {
    const r = tierProgress(p, {
      state: stateOf(p, enrolled, 'platinum', '2025-02-01T00:00:00-05:00'),
      activity: NONE,
      now: '2025-05-01T12:00:00-04:00',
    });
    expect(r.toNext).toBeNull();
  });
});
