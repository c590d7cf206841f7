import { toIso } from '../time/index.js';
import { type BenefitChange, diffBenefits, NO_BENEFIT_CHANGE } from './benefits.js';
import type { CompiledLadder, CompiledTier } from './compileTiers.js';
import type { TierReason, TierReasonCode } from './reasons.js';
import type { TierState } from './state.js';

/**
 * The outcome of a tier evaluation, review or assignment: the new state to
 * persist, whether the tier changed and from when, the benefits gained and
 * lost, the coupons to issue, every reason and a readable trace.
 */
export interface TierResult {
  readonly programId: string;
  readonly programVersion: number;
  /** The code of the reason that decided the outcome (the last decisive one). */
  readonly code: TierReasonCode;
  /** True when the tier differs from the one in the given state. */
  readonly changed: boolean;
  readonly previousTierId: string;
  readonly tierId: string;
  /** When the new tier took effect (epoch ms), or null when unchanged. */
  readonly effectiveAt: number | null;
  /** The state to persist (also when the tier is unchanged: review bookkeeping, grace). */
  readonly state: TierState;
  readonly reasons: readonly TierReason[];
  /** Benefits of the new tier not in the old one, and the reverse. */
  readonly benefits: BenefitChange;
  /** Coupon templates to issue: the `couponsOnReach` of a tier reached by going up. */
  readonly couponsToIssue: readonly string[];
  readonly trace: readonly string[];
}

/** Collects reasons and trace lines during one call. */
export class TierRun {
  readonly reasons: TierReason[] = [];
  readonly trace: string[] = [];
  effectiveAt: number | null = null;
  private decisive: TierReason | null = null;
  constructor(readonly ladder: CompiledLadder) {}

  /**
   * Records a reason and its trace line. A reason that is only informative
   * (`decisive: false`, e.g. what the next tier still needs) does not become
   * the result's code when a decisive one was recorded.
   */
  add(reason: TierReason, line: string, decisive = true): void {
    this.reasons.push(reason);
    this.trace.push(line);
    if (decisive) this.decisive = reason;
  }

  tier(id: string): CompiledTier {
    return this.ladder.byId.get(id) as CompiledTier;
  }

  finish(before: TierState, after: TierState): TierResult {
    const from = this.tier(before.tierId);
    const to = this.tier(after.tierId);
    const changed = from !== to;
    const last = this.decisive ?? this.reasons[this.reasons.length - 1];
    return {
      programId: this.ladder.programId,
      programVersion: this.ladder.programVersion,
      code: last ? last.code : 'NO_REVIEW_DUE',
      changed,
      previousTierId: from.id,
      tierId: to.id,
      effectiveAt: changed ? this.effectiveAt : null,
      state: after,
      reasons: this.reasons,
      benefits: changed
        ? diffBenefits(from.benefits, from.benefitKeys, to.benefits, to.benefitKeys)
        : NO_BENEFIT_CHANGE,
      couponsToIssue: to.rank > from.rank ? (to.config.benefits.couponsOnReach ?? []) : [],
      trace: this.trace,
    };
  }
}

let lastIsoMs = Number.NaN;
let lastIso = '';

/** ISO string of an instant for reasons (the last one memoised: a nightly review repeats it). */
export function iso(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIso = toIso(ms);
    lastIsoMs = ms;
  }
  return lastIso;
}
