import { InputError } from '../errors.js';
import {
  type LocalWindow,
  sumWindow,
  type TierActivityInput,
  type WindowTotals,
} from './activity.js';
import { dayOf } from './civil.js';
import type { CompiledTier } from './compileTiers.js';
import { iso, type TierRun } from './result.js';
import { nextReviewPoint, type ReviewPoint } from './schedule.js';
import type { TierState } from './state.js';
import { describeThreshold, gaps, meets } from './thresholds.js';
import { highestEntryMet } from './upgrade.js';
import { reviewedWindow, type TierWindowInfo, windowAsOf, windowInfo } from './windows.js';

/** Most review points one call processes (decades of monthly reviews). */
export const MAX_REVIEWS_PER_CALL = 1_000;

/** The tier a failed retention leads to, by policy (before any manual floor). */
function downgradeTarget(run: TierRun, current: CompiledTier, totals: WindowTotals): CompiledTier {
  const tiers = run.ladder.tiers;
  if (run.ladder.review.policy === 'one_down') return tiers[current.rank - 1] as CompiledTier;
  for (let r = current.rank - 1; r > 0; r--) {
    const t = tiers[r] as CompiledTier;
    if (meets(t.retention, totals)) return t;
  }
  return tiers[0] as CompiledTier;
}

function floorRank(run: TierRun, state: TierState, at: number): number {
  const m = state.manual;
  return m && m.mode === 'floor' && at < m.until ? run.tier(m.tierId).rank : -1;
}

function downgrade(
  run: TierRun,
  state: TierState,
  point: ReviewPoint,
  totals: WindowTotals,
  info: TierWindowInfo,
  via: 'review' | 'grace_end',
): TierState {
  const current = run.tier(state.tierId);
  let target = downgradeTarget(run, current, totals);
  const floor = floorRank(run, state, point.at);
  if (floor > target.rank) target = run.ladder.tiers[floor] as CompiledTier;
  if (target === current) {
    const m = state.manual as NonNullable<TierState['manual']>;
    run.add(
      {
        code: 'MANUAL_FLOOR_HELD',
        tierId: current.id,
        reviewAt: iso(point.at),
        until: iso(m.until),
      },
      `review ${iso(point.at)}: retention missed, manual floor ${m.tierId} holds ${current.id}`,
    );
    return { ...state, grace: null };
  }
  run.add(
    {
      code: 'DOWNGRADED',
      fromTierId: current.id,
      toTierId: target.id,
      reviewAt: iso(point.at),
      via,
      policy: run.ladder.review.policy,
      window: info,
      gaps: gaps(current.retention, totals),
    },
    `review ${iso(point.at)}: ${current.id} retention (${describeThreshold(current.retention)}) missed over ${info.from ?? 'lifetime'}..${info.to}; ${run.ladder.review.policy} -> ${target.id}`,
  );
  run.effectiveAt = point.at;
  return {
    ...state,
    tierId: target.id,
    since: point.at,
    validUntil: null,
    grace: null,
    lastUpgrade: null,
  };
}

function manualEnd(
  run: TierRun,
  state: TierState,
  point: ReviewPoint,
  activity: TierActivityInput,
  path: (string | number)[],
): TierState {
  const m = state.manual as NonNullable<TierState['manual']>;
  const current = run.tier(state.tierId);
  const manualTier = run.tier(m.tierId);
  const window = windowAsOf(run.ladder, state, point.at - 1);
  const info = windowInfo('manual', window);
  const base = {
    code: 'MANUAL_ENDED' as const,
    manualTierId: m.tierId,
    fromTierId: current.id,
    at: iso(point.at),
    window: info,
  };
  if (current.rank > manualTier.rank) {
    run.add(
      { ...base, toTierId: current.id, outcome: 'ALREADY_ABOVE' },
      `manual ${m.tierId} ended at ${iso(point.at)}: member already in ${current.id}`,
    );
    return { ...state, manual: null };
  }
  const totals = sumWindow(activity, window, true, run.ladder.use, path);
  if (meets(manualTier.retention, totals)) {
    run.add(
      { ...base, toTierId: manualTier.id, outcome: 'KEPT_BY_RETENTION' },
      `manual ${m.tierId} ended at ${iso(point.at)}: retention (${describeThreshold(manualTier.retention)}) met, kept`,
    );
    return { ...state, manual: null, tierId: manualTier.id };
  }
  const earned = highestEntryMet(run.ladder, totals, run.ladder.tiers.length - 1);
  const previous = run.tier(m.previous.tierId);
  if (earned.rank <= previous.rank) {
    run.add(
      { ...base, toTierId: previous.id, outcome: 'RESTORED_PREVIOUS' },
      `manual ${m.tierId} ended at ${iso(point.at)}: retention missed, previous tier ${previous.id} restored`,
    );
    if (previous !== current) run.effectiveAt = point.at;
    return {
      ...state,
      manual: null,
      tierId: previous.id,
      since: previous === current ? state.since : m.previous.since,
      validUntil: previous === current ? state.validUntil : m.previous.validUntil,
      grace: previous === current ? state.grace : null,
      lastUpgrade: previous === current ? state.lastUpgrade : null,
    };
  }
  run.add(
    { ...base, toTierId: earned.id, outcome: 'RECOMPUTED' },
    `manual ${m.tierId} ended at ${iso(point.at)}: retention missed, own activity reaches ${earned.id}`,
  );
  if (earned === current) return { ...state, manual: null };
  run.effectiveAt = point.at;
  return {
    ...state,
    manual: null,
    tierId: earned.id,
    since: point.at,
    validUntil: null,
    grace: null,
    lastUpgrade: null,
  };
}

function graceEnd(
  run: TierRun,
  state: TierState,
  point: ReviewPoint,
  activity: TierActivityInput,
  path: (string | number)[],
): TierState {
  const g = state.grace as NonNullable<TierState['grace']>;
  const current = run.tier(state.tierId);
  const window: LocalWindow = {
    start: g.windowStart === null ? null : dayOf(g.windowStart),
    end: run.ladder.calendar.dayOf(point.at),
  };
  const info = windowInfo('grace', window);
  const totals = sumWindow(activity, window, false, run.ladder.use, path);
  if (meets(current.retention, totals)) {
    run.add(
      {
        code: 'RETAINED',
        tierId: current.id,
        reviewAt: iso(point.at),
        via: 'grace_end',
        window: info,
        threshold: describeThreshold(current.retention),
      },
      `grace end ${iso(point.at)}: ${current.id} retention met over ${info.from ?? 'lifetime'}..${info.to}`,
    );
    return { ...state, grace: null };
  }
  return downgrade(run, state, point, totals, info, 'grace_end');
}

function regularReview(
  run: TierRun,
  state: TierState,
  point: ReviewPoint,
  activity: TierActivityInput,
  path: (string | number)[],
): TierState {
  const ladder = run.ladder;
  const current = run.tier(state.tierId);
  const reviewAt = iso(point.at);
  if (current.rank === 0) {
    run.add(
      { code: 'BASE_TIER', tierId: current.id, reviewAt },
      `review ${reviewAt}: ${current.id} is the base tier`,
    );
    return state;
  }
  const m = state.manual;
  if (m && m.mode === 'fixed' && point.at < m.until) {
    run.add(
      { code: 'MANUAL_FIXED', tierId: current.id, until: iso(m.until), reviewAt },
      `review ${reviewAt}: manual fixed ${current.id} until ${iso(m.until)}`,
    );
    return state;
  }
  if (current.neverDowngrade) {
    run.add(
      { code: 'NEVER_DOWNGRADE', tierId: current.id, reviewAt },
      `review ${reviewAt}: ${current.id} never downgrades`,
    );
    return state;
  }
  if (state.validUntil !== null && point.at < state.validUntil) {
    run.add(
      {
        code: 'VALIDITY_PROTECTED',
        tierId: current.id,
        reviewAt,
        validUntil: iso(state.validUntil),
      },
      `review ${reviewAt}: ${current.id} valid until ${iso(state.validUntil)}`,
    );
    return state;
  }
  const reviewDay = ladder.calendar.dayOf(point.at);
  const { window, complete } = reviewedWindow(ladder, state, reviewDay);
  const info = windowInfo(ladder.window, window);
  if (!complete) {
    run.add(
      { code: 'REVIEW_WINDOW_INCOMPLETE', tierId: current.id, reviewAt, window: info },
      `review ${reviewAt}: no full year yet, ${current.id} kept`,
    );
    return state;
  }
  const totals = sumWindow(activity, window, false, ladder.use, path);
  if (meets(current.retention, totals)) {
    run.add(
      {
        code: 'RETAINED',
        tierId: current.id,
        reviewAt,
        via: 'review',
        window: info,
        threshold: describeThreshold(current.retention),
      },
      `review ${reviewAt}: ${current.id} retention (${describeThreshold(current.retention)}) met over ${info.from ?? 'lifetime'}..${info.to}`,
    );
    return state;
  }
  const graceDays = ladder.review.graceDays;
  if (graceDays > 0 && floorRank(run, state, point.at) < current.rank) {
    const until = ladder.calendar.startOf(reviewDay + graceDays);
    run.add(
      {
        code: 'GRACE_STARTED',
        tierId: current.id,
        reviewAt,
        graceUntil: iso(until),
        window: info,
        gaps: gaps(current.retention, totals),
      },
      `review ${reviewAt}: ${current.id} retention missed; grace until ${iso(until)}`,
    );
    return { ...state, grace: { reviewAt: point.at, until, windowStart: info.from } };
  }
  return downgrade(run, state, point, totals, info, 'review');
}

/** Applies one review point to the state. */
export function applyPoint(
  run: TierRun,
  state: TierState,
  point: ReviewPoint,
  activity: TierActivityInput,
  path: (string | number)[],
): TierState {
  let next: TierState;
  if (point.kind === 'manual_end') next = manualEnd(run, state, point, activity, path);
  else if (point.kind === 'grace_end') next = graceEnd(run, state, point, activity, path);
  else next = regularReview(run, state, point, activity, path);
  return { ...next, reviewedThrough: Math.max(point.at, state.reviewedThrough) };
}

/**
 * Processes every review point after the last one processed, up to and
 * including `now`, in order. Returns the new state and the next point.
 */
export function runReviews(
  run: TierRun,
  state: TierState,
  activity: TierActivityInput,
  now: number,
  path: (string | number)[],
): { readonly state: TierState; readonly next: ReviewPoint; readonly processed: number } {
  let s = state;
  let after = Math.max(s.reviewedThrough, s.since);
  let processed = 0;
  for (;;) {
    const point = nextReviewPoint(run.ladder, s, after);
    if (point.at > now) return { state: s, next: point, processed };
    if (++processed > MAX_REVIEWS_PER_CALL) {
      throw new InputError([
        {
          path: ['now'],
          code: 'too_many_reviews',
          message: `More than ${MAX_REVIEWS_PER_CALL} review points are due: review up to an earlier instant first`,
        },
      ]);
    }
    s = applyPoint(run, s, point, activity, path);
    after = Math.max(point.at, s.since);
  }
}
