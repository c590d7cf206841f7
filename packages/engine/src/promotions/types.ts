import type { AudienceMiss } from '../conditions/matchAudience.js';
import type { WindowMiss } from '../conditions/matchTimeWindow.js';
import type { CartLine } from '../model/cart.js';
import type { EvalContext } from '../model/context.js';
import type { Decimal } from '../money/decimal.js';
import type { Promotion, PromotionActionKind } from '../program/promotions.js';

/**
 * A promotion to evaluate: one of the program's, or one derived from a valid
 * coupon (same schema). `origin` says where it came from; coupon-derived
 * candidates are marked so the quote can report them under the coupon.
 */
export type PromotionCandidate = Promotion & {
  readonly origin?: { readonly kind: 'coupon'; readonly code: string } | undefined;
};

/** What `applyPromotions` takes. `lines` are normalised (`normalizeLines`). */
export interface ApplyPromotionsInput {
  readonly lines: readonly CartLine[];
  readonly ctx: EvalContext;
  /** Extra candidates (coupon benefits), evaluated with the program's promotions; at most `MAX_EXTRA_CANDIDATES`. */
  readonly extra?: readonly PromotionCandidate[];
}

/**
 * Why a promotion was not applied, in precedence order: availability
 * (`DISABLED`, the time window, the audience), the cart (`NO_APPLICABLE_ITEMS`,
 * requirements, what the action can give), then stacking.
 */
export type PromotionSkipReason =
  | { readonly code: 'DISABLED' }
  | { readonly code: WindowMiss }
  | { readonly code: AudienceMiss }
  | { readonly code: 'NO_APPLICABLE_ITEMS' }
  | {
      readonly code: 'MIN_SPEND_NOT_MET';
      readonly required: Decimal;
      readonly actual: Decimal;
    }
  | {
      readonly code: 'MIN_QUANTITY_NOT_MET';
      readonly required: Decimal;
      readonly actual: Decimal;
    }
  | { readonly code: 'NO_TIER_BENEFIT' }
  | { readonly code: 'UNITS_ALREADY_DISCOUNTED' }
  | { readonly code: 'NO_DISCOUNT' }
  | { readonly code: 'EXCLUSIVE_APPLIED'; readonly by: string }
  | { readonly code: 'NOT_COMBINABLE'; readonly with: readonly string[] }
  | { readonly code: 'ORDER_LIMIT_REACHED'; readonly limit: number }
  | { readonly code: 'GROUP_LIMIT_REACHED'; readonly group: string; readonly limit: number }
  | { readonly code: 'GROUP_FIRST_MATCH_TAKEN'; readonly group: string; readonly by: string }
  | {
      readonly code: 'GROUP_BEST_DEAL_NOT_CHOSEN';
      readonly group: string;
      readonly chosen: readonly string[];
    }
  | { readonly code: 'BEST_DEAL_SEARCH_LIMIT'; readonly group: string; readonly limit: number };

/** Every skip reason code, in precedence order (documented in docs/engine/promotions.md). */
export type PromotionSkipCode = PromotionSkipReason['code'];

/** A free gift line added by a promotion. */
export interface GiftLine {
  readonly promotionId: string;
  readonly sku: string;
  readonly quantity: number;
  /** Retail value of one unit; the member pays nothing for it. */
  readonly unitValue: Decimal;
  readonly value: Decimal;
}

/** One promotion's part of one line's discount. */
export interface LineDiscountPart {
  readonly promotionId: string;
  readonly amount: Decimal;
}

/** A cart line after promotions. */
export interface DiscountedLine {
  readonly lineId: string;
  readonly sku: string;
  /** The line's net amount before promotions (gross minus the caller's own discount). */
  readonly subtotal: Decimal;
  /** Sum of `discounts`. */
  readonly discount: Decimal;
  /** `subtotal - discount`, never negative. */
  readonly total: Decimal;
  /** By promotion, in application order. */
  readonly discounts: readonly LineDiscountPart[];
}

/** A promotion that gave something. */
export interface AppliedPromotion {
  readonly promotionId: string;
  readonly name: string;
  readonly kind: PromotionActionKind;
  readonly origin: PromotionCandidate['origin'];
  /** Money discount taken off the cart's lines (rounded, allocated exactly). */
  readonly amount: Decimal;
  /** Spend on the targeted lines at the promotion's base, as its requirements saw it. */
  readonly spend: Decimal;
  /** Per line (lines with a non-zero part), in canonical line order. */
  readonly lines: readonly { readonly lineId: string; readonly amount: Decimal }[];
  readonly gift: GiftLine | null;
  readonly freeShipping: boolean;
  /** True when the discount was reduced to what was left to discount, or to `maxDiscount`. */
  readonly capped: boolean;
}

/** A promotion that did not apply, and why. */
export interface SkippedPromotion {
  readonly promotionId: string;
  readonly name: string;
  readonly kind: PromotionActionKind;
  readonly origin: PromotionCandidate['origin'];
  readonly reason: PromotionSkipReason;
}

/** One step of the explanation. */
export interface PromotionTraceEntry {
  readonly promotionId: string | null;
  readonly event: 'APPLIED' | 'SKIPPED' | 'GROUP' | 'CAPPED';
  readonly message: string;
}

/** Order totals after promotions. */
export interface PromotionTotals {
  /** Sum of the lines' net amounts before promotions. */
  readonly subtotal: Decimal;
  /** Sum of every promotion's money discount. */
  readonly discount: Decimal;
  /** `subtotal - discount`, never negative. */
  readonly total: Decimal;
  /** Retail value of the gift lines (not part of `total`). */
  readonly giftValue: Decimal;
}

/** What `applyPromotions` returns; lines in canonical order (by id), promotions in evaluation order. */
export interface ApplyPromotionsResult {
  readonly lines: readonly DiscountedLine[];
  readonly applied: readonly AppliedPromotion[];
  readonly skipped: readonly SkippedPromotion[];
  readonly freeShipping: boolean;
  readonly gifts: readonly GiftLine[];
  readonly totals: PromotionTotals;
  readonly trace: readonly PromotionTraceEntry[];
}
