import type { Program } from '../program/schema.js';
import type { TierActivityInput } from './activity.js';
import { compileTiers } from './compileTiers.js';
import { parseTierInput } from './inputs.js';
import { iso, type TierResult, TierRun } from './result.js';
import { runReviews } from './runReviews.js';
import type { TierInstant, TierStateInput } from './state.js';
import { upgradeCheck } from './upgrade.js';

/** Input of `reviewTier`. */
export interface ReviewTierInput {
  readonly state: TierStateInput;
  readonly activity: TierActivityInput;
  readonly now: TierInstant;
}

/**
 * The scheduled review (a nightly job): processes, in order, every review
 * point since the last one processed up to `now` — regular reviews (window
 * end, anniversaries, fixed dates), grace-period ends and manual-assignment
 * ends — and is the only place a tier goes down. Then, like `evaluateTier`,
 * upgrades at once if a higher tier's entry is met as of `now`. Calling it
 * again with the returned state changes nothing. Pure; throws `InputError`
 * on malformed input.
 */
export function reviewTier(program: Program, input: ReviewTierInput): TierResult {
  const ladder = compileTiers(program);
  const { state, now } = parseTierInput(ladder, input, true);
  const run = new TierRun(ladder);
  const reviewed = runReviews(run, state, input.activity, now, ['activity']);
  if (reviewed.processed === 0) {
    run.add(
      { code: 'NO_REVIEW_DUE', tierId: state.tierId, nextReviewAt: iso(reviewed.next.at) },
      `no review due; next ${reviewed.next.kind} at ${iso(reviewed.next.at)}`,
    );
  }
  let s = reviewed.state;
  const m = s.manual;
  if (m && m.mode === 'fixed' && now < m.until) {
    run.add(
      { code: 'MANUAL_FIXED', tierId: s.tierId, until: iso(m.until) },
      `manual fixed ${s.tierId} until ${iso(m.until)}`,
    );
  } else {
    s = upgradeCheck(run, s, input.activity, now, null, ['activity']);
  }
  return run.finish(state, s);
}
