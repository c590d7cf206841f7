import { anniversaryDay, civilFromDays, daysFromCivil } from './civil.js';
import type { CompiledLadder } from './compileTiers.js';
import type { TierState } from './state.js';

/** What happens at a review point. */
export type ReviewPointKind = 'review' | 'grace_end' | 'manual_end';

/** A scheduled point at which a tier may go down. */
export interface ReviewPoint {
  readonly at: number;
  readonly kind: ReviewPointKind;
}

/** Smallest yearly anniversary of `originDay` strictly after `day`. */
function nextAnniversary(originDay: number, day: number): number {
  const o = civilFromDays(originDay);
  let y = Math.max(civilFromDays(day).year, o.year + 1);
  let a = anniversaryDay(o.month, o.day, y);
  while (a <= day) a = anniversaryDay(o.month, o.day, ++y);
  return a;
}

/**
 * The local day of the first regular review strictly after local day `day`,
 * for the configured schedule. Reviews happen at local midnight.
 */
export function nextRegularReviewDay(
  ladder: CompiledLadder,
  state: TierState,
  day: number,
): number {
  const cal = ladder.calendar;
  const at = ladder.review.at;
  if (at === 'dates') {
    const y = civilFromDays(day).year;
    for (let year = y; year <= y + 1; year++) {
      for (const md of ladder.reviewDates) {
        const d = anniversaryDay(md.month, md.day, year);
        if (d > day) return d;
      }
    }
    // Unreachable: a year always holds each configured date.
    return anniversaryDay(1, 1, y + 2);
  }
  if (at === 'window_end' && ladder.window === 'calendar_year') {
    return daysFromCivil(civilFromDays(day).year + 1, 1, 1);
  }
  const byTier =
    at === 'tier_anniversary' || (at === 'window_end' && ladder.window === 'tier_year');
  return nextAnniversary(cal.dayOf(byTier ? state.since : state.enrolledAt), day);
}

/**
 * The next point strictly after `after` at which the member's tier is
 * reviewed: the end of a manual assignment, the end of a grace period, or a
 * regular review (regular reviews are deferred while a grace period runs).
 * Where several fall on one instant, the manual end comes first, then the
 * grace end; the others at that instant are absorbed by it. An overdue end
 * (at or before `after`) is due at `after`.
 */
export function nextReviewPoint(
  ladder: CompiledLadder,
  state: TierState,
  after: number,
): ReviewPoint {
  let best: ReviewPoint | null = null;
  if (state.manual) best = { at: Math.max(state.manual.until, after), kind: 'manual_end' };
  if (state.grace) {
    const at = Math.max(state.grace.until, after);
    if (!best || at < best.at) best = { at, kind: 'grace_end' };
    return best;
  }
  const cal = ladder.calendar;
  const at = cal.startOf(nextRegularReviewDay(ladder, state, cal.dayOf(after)));
  if (!best || at < best.at) best = { at, kind: 'review' };
  return best;
}
