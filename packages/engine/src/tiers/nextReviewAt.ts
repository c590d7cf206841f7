import type { Program } from '../program/schema.js';
import { compileTiers } from './compileTiers.js';
import { iso } from './result.js';
import { nextReviewPoint, type ReviewPointKind } from './schedule.js';
import { instantAt, normalizeTierState, type TierInstant, type TierStateInput } from './state.js';

/** When a member's tier is next reviewed, and why. */
export interface NextReview {
  /** Epoch ms, for scheduling. */
  readonly atMs: number;
  readonly at: string;
  readonly kind: ReviewPointKind;
}

/**
 * The next review point of a member after `after` (default: the last point
 * processed, or the tier's start if later): a regular review at local
 * midnight of its date in the program time zone, the end of a grace period,
 * or the end of a manual assignment. A scheduler runs `reviewTier` at or
 * after it.
 */
export function nextReviewAt(
  program: Program,
  input: { readonly state: TierStateInput; readonly after?: TierInstant },
): NextReview {
  const ladder = compileTiers(program);
  const state = normalizeTierState(ladder, input.state);
  const after =
    input.after === undefined
      ? Math.max(state.reviewedThrough, state.since)
      : instantAt(input.after, ['after']);
  const point = nextReviewPoint(ladder, state, after);
  return { atMs: point.at, at: iso(point.at), kind: point.kind };
}
