import { describe, expect, it } from 'vitest';
import { assignTier } from './assignTier.js';
import { evaluateTier } from './evaluateTier.js';
import type { TierReasonCode } from './reasons.js';
import type { TierResult } from './result.js';
import { reviewTier } from './reviewTier.js';
import { daily, NONE, stateOf, tierProgram } from './tiersTestKit.js';

const enrolled = '2024-01-10T10:00:00-05:00';
const since2025 = '2025-06-01T00:00:00-04:00';
const review = '2026-01-01T00:00:00-05:00';
const p = tierProgram();
const graceP = tierProgram({ review: { at: 'window_end', graceDays: 30 } });
const reversalP = tierProgram({ upgradeReversal: { withinDays: 14 } });
const fixed = (tierId: string) =>
  assignTier(p, {
    state: stateOf(p, enrolled, 'silver', since2025),
    tierId,
    mode: 'fixed',
    reason: 'status_match',
    until: '2026-06-01T00:00:00-04:00',
    now: '2025-07-01T00:00:00-04:00',
  }).state;
const upgraded = (prog = reversalP) =>
  evaluateTier(prog, {
    state: stateOf(prog, enrolled, 'silver', since2025),
    activity: daily(['2025-07-01', '1000']),
    now: '2025-07-01T12:00:00-04:00',
    event: { kind: 'purchase', id: 'o1' },
  }).state;
const graceState = reviewTier(graceP, {
  state: stateOf(graceP, enrolled, 'gold', since2025),
  activity: NONE,
  now: review,
}).state;

/** One scenario per reason code; the Record makes the table exhaustive at compile time. */
const scenarios: Record<TierReasonCode, () => TierResult> = {
  MANUAL_FIXED: () => reviewTier(p, { state: fixed('gold'), activity: NONE, now: review }),
  UPGRADE_REVERSED: () =>
    evaluateTier(reversalP, {
      state: upgraded(),
      activity: daily(['2025-07-01', '0']),
      now: '2025-07-05T00:00:00-04:00',
      event: { kind: 'return', returnOf: 'o1' },
    }),
  UPGRADE_STANDS: () =>
    evaluateTier(p, {
      state: upgraded(p),
      activity: daily(['2025-07-01', '0']),
      now: '2025-07-05T00:00:00-04:00',
      event: { kind: 'return', returnOf: 'o1' },
    }),
  GRACE_CLEARED: () =>
    evaluateTier(graceP, {
      state: graceState,
      activity: daily(['2025-07-01', '800']),
      now: '2026-01-10T00:00:00-05:00',
    }),
  UPGRADED: () =>
    evaluateTier(p, {
      state: stateOf(p, enrolled),
      activity: daily(['2025-07-01', '500']),
      now: '2025-07-01T12:00:00-04:00',
    }),
  ENTRY_NOT_MET: () =>
    evaluateTier(p, {
      state: stateOf(p, enrolled),
      activity: NONE,
      now: '2025-07-01T12:00:00-04:00',
    }),
  TOP_TIER: () =>
    evaluateTier(p, {
      state: stateOf(p, enrolled, 'platinum'),
      activity: NONE,
      now: '2025-07-01T12:00:00-04:00',
    }),
  NO_REVIEW_DUE: () =>
    reviewTier(p, {
      state: stateOf(p, enrolled, 'gold', since2025),
      activity: NONE,
      now: '2025-12-31T00:00:00-05:00',
    }),
  BASE_TIER: () =>
    reviewTier(p, {
      state: stateOf(p, enrolled, 'member', since2025),
      activity: NONE,
      now: review,
    }),
  NEVER_DOWNGRADE: () => {
    const prog = tierProgram({
      ladder: [
        { id: 'member', name: 'M' },
        { id: 'vip', name: 'V', entry: { orders: 1 }, neverDowngrade: true },
      ],
    });
    return reviewTier(prog, {
      state: stateOf(prog, enrolled, 'vip', since2025),
      activity: NONE,
      now: review,
    });
  },
  VALIDITY_PROTECTED: () => {
    const prog = tierProgram({ validity: { years: 1, endOf: 'year' } });
    return reviewTier(prog, {
      state: {
        ...stateOf(prog, enrolled, 'gold', since2025),
        validUntil: Date.parse('2027-01-01T00:00:00-05:00'),
      },
      activity: NONE,
      now: review,
    });
  },
  REVIEW_WINDOW_INCOMPLETE: () => {
    const prog = tierProgram({ window: 'tier_year', review: { at: 'dates', dates: ['01-01'] } });
    return reviewTier(prog, {
      state: stateOf(prog, enrolled, 'gold', since2025),
      activity: NONE,
      now: review,
    });
  },
  RETAINED: () =>
    reviewTier(p, {
      state: stateOf(p, enrolled, 'gold', since2025),
      activity: daily(['2025-07-01', '800']),
      now: review,
    }),
  GRACE_STARTED: () =>
    reviewTier(graceP, {
      state: stateOf(graceP, enrolled, 'gold', since2025),
      activity: NONE,
      now: review,
    }),
  DOWNGRADED: () =>
    reviewTier(p, { state: stateOf(p, enrolled, 'gold', since2025), activity: NONE, now: review }),
  MANUAL_FLOOR_HELD: () => {
    const s = assignTier(p, {
      state: stateOf(p, enrolled, 'gold', since2025),
      tierId: 'gold',
      mode: 'floor',
      reason: 'invitation',
      until: '2026-06-01T00:00:00-04:00',
      now: '2025-07-01T00:00:00-04:00',
    }).state;
    return reviewTier(p, { state: s, activity: NONE, now: review });
  },
  MANUAL_ASSIGNED: () =>
    assignTier(p, {
      state: stateOf(p, enrolled),
      tierId: 'gold',
      mode: 'floor',
      reason: 'invitation',
      until: review,
      now: '2025-07-01T00:00:00-04:00',
    }),
  MANUAL_ENDED: () =>
    reviewTier(p, { state: fixed('gold'), activity: NONE, now: '2026-06-01T00:00:00-04:00' }),
};

describe('every reason code (table)', () => {
  it.each(Object.entries(scenarios))('%s', (code, run) => {
    const result = run();
    expect(result.reasons.map((r) => r.code)).toContain(code);
    expect(result.trace.length).toBe(result.reasons.length);
  });
});
