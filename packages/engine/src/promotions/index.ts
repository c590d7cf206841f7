// Public API of the promotions module; every export listed explicitly.
export {
  type AllocationMethod,
  checkPromotionGroups,
  MAX_BEST_DEAL_MEMBERS,
  MAX_PROMOTIONS,
  type Promotion,
  type PromotionAction,
  type PromotionActionInput,
  type PromotionActionKind,
  type PromotionGroup,
  type PromotionInput,
  type PromotionStacking,
  type PromotionsConfig,
  promotionsReferenceChecks,
  zAllocationMethod,
  zPromotion,
  zPromotionAction,
  zPromotionGroup,
  zPromotionStacking,
  zPromotionsConfig,
} from '../program/promotions.js';
export type {
  ActionInput,
  ActionModule,
  ActionResult,
  ActionTarget,
} from './actions/actionModule.js';
export { ACTION_MODULES, actionModule } from './actions/index.js';
export { allocateCapped, fillInOrder } from './allocateCapped.js';
export { applyPromotions, MAX_EXTRA_CANDIDATES } from './applyPromotions.js';
export {
  type CartState,
  initialCartState,
  type LineState,
  type Pool,
  remainingOf,
} from './cartState.js';
export {
  type CandidateEvaluation,
  checkCandidate,
  evaluateCandidate,
  type MoneySettings,
  moneySettings,
} from './evaluateCandidate.js';
export {
  type MemberPrice,
  type MemberPriceItem,
  type MemberPricesInput,
  memberPrices,
} from './memberPrices.js';
export {
  type MissingRequirement,
  type PromotionQualification,
  promotionQualification,
  qualifyPromotions,
} from './qualifyPromotions.js';
export { sortCandidates } from './sortCandidates.js';
export { type TierPriceBenefits, tierBenefits } from './tierBenefits.js';
export type {
  AppliedPromotion,
  ApplyPromotionsInput,
  ApplyPromotionsResult,
  DiscountedLine,
  GiftLine,
  LineDiscountPart,
  PromotionCandidate,
  PromotionSkipCode,
  PromotionSkipReason,
  PromotionTotals,
  PromotionTraceEntry,
  SkippedPromotion,
} from './types.js';
