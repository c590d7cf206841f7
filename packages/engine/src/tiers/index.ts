// Public API of the tiers module; every export listed explicitly.

export {
  type BirthdayGift,
  MAX_TIERS,
  TIER_METRICS,
  TIER_REVIEW_SCHEDULES,
  TIER_WINDOWS,
  type Tier,
  type TierBenefits,
  type TierMetric,
  type TierReview,
  type TierReviewSchedule,
  type TiersConfig,
  type TierThresholds,
  type TierValidity,
  type TierWindow,
  tiersReferenceChecks,
  zTier,
  zTierBenefits,
  zTiersConfig,
  zTierThresholds,
} from '../program/tiers.js';
export {
  MAX_ACTIVITY_BUCKETS,
  type TierActivityBucket,
  type TierActivityInput,
} from './activity.js';
export { type AssignTierInput, assignTier } from './assignTier.js';
export type { BenefitChange, BenefitItem } from './benefits.js';
export {
  type EvaluateTierInput,
  evaluateTier,
  TIER_EVENT_KINDS,
  type TierEvent,
  type TierEventKind,
} from './evaluateTier.js';
export { initialTierState } from './initialTierState.js';
export { type NextReview, nextReviewAt } from './nextReviewAt.js';
export type { TierReason, TierReasonCode } from './reasons.js';
export type { TierResult } from './result.js';
export { type ReturnedSpendInput, returnedSpend } from './returnedSpend.js';
export { type ReviewTierInput, reviewTier } from './reviewTier.js';
export { MAX_REVIEWS_PER_CALL } from './runReviews.js';
export type { ReviewPointKind } from './schedule.js';
export {
  type GraceState,
  type LastUpgrade,
  MANUAL_REASONS,
  type ManualAssignment,
  type ManualMode,
  type ManualReason,
  type TierInstant,
  type TierSnapshot,
  type TierSnapshotInput,
  type TierState,
  type TierStateInput,
} from './state.js';
export type { MetricGap } from './thresholds.js';
export {
  MAX_GIFT_SPAN_DAYS,
  type TierGift,
  type TierGiftsDueInput,
  tierGiftsDue,
} from './tierGiftsDue.js';
export { findTier, tierRank } from './tierLookup.js';
export {
  type ProgressToKeep,
  type ProgressToNext,
  type TierProgress,
  type TierProgressInput,
  tierProgress,
} from './tierProgress.js';
export type { TierWindowInfo } from './windows.js';
