import type { ManualMode, ManualReason } from './state.js';
import type { MetricGap } from './thresholds.js';
import type { TierWindowInfo } from './windows.js';

/**
 * Why a tier is what it is: one reason per decision, with its data. Codes are
 * stable; instants are ISO-8601 strings in UTC, windows local dates (`to`
 * exclusive). Listed in the order `evaluateTier` and `reviewTier` check them.
 */
export type TierReason =
  /** A manual `fixed` assignment pins the tier: nothing evaluated. */
  | {
      readonly code: 'MANUAL_FIXED';
      readonly tierId: string;
      readonly until: string;
      readonly reviewAt?: string;
    }
  /** A return of the order that caused the last upgrade, within the reversal period, reversed it. */
  | {
      readonly code: 'UPGRADE_REVERSED';
      readonly fromTierId: string;
      readonly toTierId: string;
      readonly returnOf: string;
      readonly upgradedAt: string;
      readonly window: TierWindowInfo;
      readonly gaps: readonly MetricGap[];
    }
  /** A return of the order that caused the last upgrade did not reverse it. */
  | {
      readonly code: 'UPGRADE_STANDS';
      readonly tierId: string;
      readonly returnOf: string;
      readonly why: 'REVERSAL_DISABLED' | 'REVERSAL_PERIOD_OVER' | 'ENTRY_STILL_MET';
    }
  /** Activity during a grace period made up the shortfall: the grace period ends, the tier is kept. */
  | {
      readonly code: 'GRACE_CLEARED';
      readonly tierId: string;
      readonly at: string;
      readonly window: TierWindowInfo;
    }
  /** The entry thresholds of a higher tier are met: upgraded, effective at `at`. */
  | {
      readonly code: 'UPGRADED';
      readonly fromTierId: string;
      readonly toTierId: string;
      readonly at: string;
      readonly window: TierWindowInfo;
      readonly threshold: string;
      readonly validUntil: string | null;
    }
  /** The next tier's entry thresholds are not met (what is missing in `gaps`). */
  | {
      readonly code: 'ENTRY_NOT_MET';
      readonly tierId: string;
      readonly nextTierId: string;
      readonly window: TierWindowInfo;
      readonly gaps: readonly MetricGap[];
    }
  /** Already in the top tier. */
  | { readonly code: 'TOP_TIER'; readonly tierId: string }
  /** No review point has passed since the last one processed. */
  | { readonly code: 'NO_REVIEW_DUE'; readonly tierId: string; readonly nextReviewAt: string }
  /** The base tier has nothing to lose at a review. */
  | { readonly code: 'BASE_TIER'; readonly tierId: string; readonly reviewAt: string }
  /** A never-downgrade tier is kept at every review. */
  | { readonly code: 'NEVER_DOWNGRADE'; readonly tierId: string; readonly reviewAt: string }
  /** The tier's minimum validity runs past the review: kept. */
  | {
      readonly code: 'VALIDITY_PROTECTED';
      readonly tierId: string;
      readonly reviewAt: string;
      readonly validUntil: string;
    }
  /** No full membership or tier year has passed by the review: kept. */
  | {
      readonly code: 'REVIEW_WINDOW_INCOMPLETE';
      readonly tierId: string;
      readonly reviewAt: string;
      readonly window: TierWindowInfo;
    }
  /** The retention thresholds are met over the reviewed window (or the window extended by grace). */
  | {
      readonly code: 'RETAINED';
      readonly tierId: string;
      readonly reviewAt: string;
      readonly via: 'review' | 'grace_end';
      readonly window: TierWindowInfo;
      readonly threshold: string;
    }
  /** Retention missed; the tier is kept until `graceUntil` to make up the shortfall. */
  | {
      readonly code: 'GRACE_STARTED';
      readonly tierId: string;
      readonly reviewAt: string;
      readonly graceUntil: string;
      readonly window: TierWindowInfo;
      readonly gaps: readonly MetricGap[];
    }
  /** Retention missed: down by the policy (never below a manual floor). */
  | {
      readonly code: 'DOWNGRADED';
      readonly fromTierId: string;
      readonly toTierId: string;
      readonly reviewAt: string;
      readonly via: 'review' | 'grace_end';
      readonly policy: 'one_down' | 'recompute';
      readonly window: TierWindowInfo;
      readonly gaps: readonly MetricGap[];
    }
  /** Retention missed, but a manual floor holds the member at this tier. */
  | {
      readonly code: 'MANUAL_FLOOR_HELD';
      readonly tierId: string;
      readonly reviewAt: string;
      readonly until: string;
    }
  /** A tier assigned by hand. */
  | {
      readonly code: 'MANUAL_ASSIGNED';
      readonly fromTierId: string;
      readonly toTierId: string;
      readonly mode: ManualMode;
      readonly reason: ManualReason;
      readonly until: string;
    }
  /**
   * A manual assignment ended (a review point): kept when its tier's retention
   * is met over the window as of the end, else the higher of the tier held
   * before it and the tier the member's own activity reaches.
   */
  | {
      readonly code: 'MANUAL_ENDED';
      readonly manualTierId: string;
      readonly fromTierId: string;
      readonly toTierId: string;
      readonly at: string;
      readonly outcome: 'KEPT_BY_RETENTION' | 'RESTORED_PREVIOUS' | 'RECOMPUTED' | 'ALREADY_ABOVE';
      readonly window: TierWindowInfo;
    };

/** Every reason code, in precedence order. */
export type TierReasonCode = TierReason['code'];
