import type { Program } from '../program/schema.js';
import { type LocalWindow, sumWindow, type TierActivityInput } from './activity.js';
import { anniversaryDay, civilFromDays, dayOf, daysFromCivil } from './civil.js';
import { type CompiledLadder, type CompiledTier, compileTiers } from './compileTiers.js';
import { parseTierInput } from './inputs.js';
import type { TierReasonCode } from './reasons.js';
import { iso, TierRun } from './result.js';
import { runReviews } from './runReviews.js';
import type { ReviewPointKind } from './schedule.js';
import type { TierInstant, TierState, TierStateInput } from './state.js';
import { describeThreshold, gaps, type MetricGap, meets } from './thresholds.js';
import { reviewedWindow, type TierWindowInfo, windowAsOf, windowInfo } from './windows.js';

/** What it takes to reach the next tier. */
export interface ProgressToNext {
  readonly tierId: string;
  readonly threshold: string;
  readonly window: TierWindowInfo;
  readonly gaps: readonly MetricGap[];
  readonly met: boolean;
  /** When the current window resets and its activity stops counting (null for lifetime and rolling windows). */
  readonly by: string | null;
}

/** What it takes to keep the current tier at the next review point. */
export interface ProgressToKeep {
  readonly tierId: string;
  /**
   * `protected` (base tier, never-downgrade, minimum validity or a manual
   * assignment covers the next review), `on_track` (retention already met over
   * the window the next review judges), `at_risk` (not yet met).
   */
  readonly status: 'protected' | 'on_track' | 'at_risk';
  readonly protectedBy: 'BASE_TIER' | 'NEVER_DOWNGRADE' | 'VALIDITY' | 'MANUAL' | null;
  readonly threshold: string;
  readonly window: TierWindowInfo | null;
  readonly gaps: readonly MetricGap[];
  /** The review point by which the activity must be there. */
  readonly by: string;
  readonly reviewKind: ReviewPointKind;
}

/** A member's progress (FEATURES L7). */
export interface TierProgress {
  readonly tierId: string;
  readonly toNext: ProgressToNext | null;
  readonly toKeep: ProgressToKeep;
  readonly nextReviewAt: string;
  /** The tier after the next review point if no more activity comes in. */
  readonly projectedTierId: string;
  readonly projectedCode: TierReasonCode;
}

/** Input of `tierProgress`. */
export interface TierProgressInput {
  readonly state: TierStateInput;
  readonly activity: TierActivityInput;
  readonly now: TierInstant;
}

function windowResetsAt(
  ladder: CompiledLadder,
  state: TierState,
  window: LocalWindow,
): number | null {
  if (ladder.window === 'lifetime' || ladder.window === 'rolling' || window.start === null)
    return null;
  const s = civilFromDays(window.start);
  if (ladder.window === 'calendar_year')
    return ladder.calendar.startOf(daysFromCivil(s.year + 1, 1, 1));
  const origin = civilFromDays(
    ladder.calendar.dayOf(ladder.window === 'tier_year' ? state.since : state.enrolledAt),
  );
  let y = s.year + 1;
  let end = anniversaryDay(origin.month, origin.day, y);
  while (end <= window.start) end = anniversaryDay(origin.month, origin.day, ++y);
  return ladder.calendar.startOf(end);
}

function keepWindow(
  ladder: CompiledLadder,
  state: TierState,
  kind: ReviewPointKind,
  at: number,
): { window: LocalWindow; open: boolean } {
  if (kind === 'grace_end' && state.grace) {
    const g = state.grace;
    return {
      window: {
        start: g.windowStart === null ? null : dayOf(g.windowStart),
        end: ladder.calendar.dayOf(at),
      },
      open: false,
    };
  }
  if (kind === 'manual_end') return { window: windowAsOf(ladder, state, at - 1), open: true };
  return { window: reviewedWindow(ladder, state, ladder.calendar.dayOf(at)).window, open: false };
}

/**
 * Progress towards the next tier and towards keeping the current one: per
 * metric, what is required, what the member has and what is missing, over
 * which window and by when; the next review point and the tier the member
 * would hold after it with no further activity. Assumes the state has been
 * reviewed up to `now` (reviews due are projected, not applied).
 */
export function tierProgress(program: Program, input: TierProgressInput): TierProgress {
  const ladder = compileTiers(program);
  const { state, now } = parseTierInput(ladder, input, true);
  return progressOfParsed(ladder, state, input.activity, now);
}

/**
 * `tierProgress` on inputs already parsed by `parseTierInput` (or a state
 * the engine returned, with an activity already validated).
 */
export function progressOfParsed(
  ladder: CompiledLadder,
  state: TierState,
  activity: TierActivityInput,
  now: number,
): TierProgress {
  const current = ladder.byId.get(state.tierId) as CompiledTier;
  const next = ladder.tiers[current.rank + 1];
  let toNext: ProgressToNext | null = null;
  if (next) {
    const window = windowAsOf(ladder, state, now);
    const totals = sumWindow(activity, window, true, ladder.use, ['activity']);
    const resets = windowResetsAt(ladder, state, window);
    toNext = {
      tierId: next.id,
      threshold: describeThreshold(next.entry),
      window: windowInfo(ladder.window, window),
      gaps: gaps(next.entry, totals),
      met: meets(next.entry, totals),
      by: resets === null ? null : iso(resets),
    };
  }
  // The next point after now, and the review projected at it.
  const pending = runReviews(new TierRun(ladder), state, activity, now, ['activity']);
  const point = pending.next;
  const projection = new TierRun(ladder);
  const projected = runReviews(projection, pending.state, activity, point.at, ['activity']);
  const last = projection.reasons[projection.reasons.length - 1];
  const s = pending.state;
  const keepTier = ladder.byId.get(s.tierId) as CompiledTier;
  const m = s.manual;
  const protectedBy =
    keepTier.rank === 0
      ? 'BASE_TIER'
      : keepTier.neverDowngrade
        ? 'NEVER_DOWNGRADE'
        : m && point.at < m.until && (m.mode === 'fixed' || ladder.byId.get(m.tierId) === keepTier)
          ? 'MANUAL'
          : s.validUntil !== null && point.at < s.validUntil && point.kind === 'review'
            ? 'VALIDITY'
            : null;
  const threshold =
    point.kind === 'manual_end' && m
      ? (ladder.byId.get(m.tierId) as CompiledTier).retention
      : keepTier.retention;
  let window: TierWindowInfo | null = null;
  let keepGaps: MetricGap[] = [];
  let met = true;
  if (protectedBy === null) {
    const kw = keepWindow(ladder, s, point.kind, point.at);
    const totals = sumWindow(activity, kw.window, kw.open, ladder.use, ['activity']);
    window = windowInfo(
      point.kind === 'review' ? ladder.window : point.kind === 'grace_end' ? 'grace' : 'manual',
      kw.window,
    );
    keepGaps = gaps(threshold, totals);
    met = meets(threshold, totals);
  }
  return {
    tierId: state.tierId,
    toNext,
    toKeep: {
      tierId: keepTier.id,
      status: protectedBy !== null ? 'protected' : met ? 'on_track' : 'at_risk',
      protectedBy,
      threshold: describeThreshold(threshold),
      window,
      gaps: keepGaps,
      by: iso(point.at),
      reviewKind: point.kind,
    },
    nextReviewAt: iso(point.at),
    projectedTierId: projected.state.tierId,
    projectedCode: last ? last.code : 'NO_REVIEW_DUE',
  };
}
