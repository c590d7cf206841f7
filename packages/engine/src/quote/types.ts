import type { AccrualCountersInput, Award } from '../accrual/index.js';
import type { CouponInstanceInput, CouponResult } from '../coupons/index.js';
import type { CartLineInput } from '../model/cart.js';
import type { MemberSnapshotInput } from '../model/member.js';
import type { Decimal, DecimalInput } from '../money/decimal.js';
import type { Channel } from '../program/primitives.js';
import type { AppliedPromotion, GiftLine, SkippedPromotion } from '../promotions/index.js';
import type {
  TierActivityInput,
  TierProgress,
  TierResult,
  TierStateInput,
} from '../tiers/index.js';
import type { InstantInput } from '../time/index.js';
import type { PointsPaymentQuote } from './quotePointsPayment.js';

/** Input of `quote`: everything the checkout question needs, loaded by the caller. */
export interface QuoteInput {
  readonly lines: readonly CartLineInput[];
  /** The member (null/absent for a guest: no member-only promotions, coupons or points). */
  readonly member?: MemberSnapshotInput | null;
  readonly storeId?: string | null;
  readonly channel?: Channel | null;
  /** The instant the quote is evaluated "as of" (any instant: test a future campaign). */
  readonly now: InstantInput;
  /** Codes the shopper entered; a code without an instance in `coupons` is `UNKNOWN_COUPON`. */
  readonly couponCodes?: readonly string[];
  /** The coupon instances the caller found for those codes, with their usage counts. */
  readonly coupons?: readonly CouponInstanceInput[];
  /** The member's available points balance (default 0). */
  readonly availablePoints?: DecimalInput;
  /** Points the member chose to pay with (default none). */
  readonly pointsToSpend?: DecimalInput;
  /** The order id the quote stands for (accrual and tier traces name it; default `quote`). */
  readonly orderId?: string;
  /** The member's accrual counters (caps, first/n-th purchase rules), as for `accruePurchase`. */
  readonly accrualCounters?: AccrualCountersInput;
  /** The member's tier state and qualifying activity, for tier progress after the purchase. */
  readonly tier?: { readonly state: TierStateInput; readonly activity: TierActivityInput };
}

/** Where a line discount comes from. */
export type DiscountSource =
  | { readonly kind: 'promotion'; readonly promotionId: string }
  | { readonly kind: 'coupon'; readonly couponCode: string };

/** One line of the quote. */
export interface QuoteLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  /** Net before Tessera's discounts (gross minus the caller's own line discount). */
  readonly subtotal: Decimal;
  /** Promotions first (in application order), then coupons (in application order). */
  readonly discounts: readonly { readonly source: DiscountSource; readonly amount: Decimal }[];
  readonly discount: Decimal;
  /** `subtotal - discount`. */
  readonly total: Decimal;
  /** This line's share of the points payment (allocated in proportion to `total`). */
  readonly paidWithPoints: Decimal;
  /** `total - paidWithPoints`: what is paid in money, the basis of points earned. */
  readonly payable: Decimal;
}

/** Order totals. Every amount >= 0; `payable = subtotal - discount - pointsPayment`. */
export interface QuoteTotals {
  readonly subtotal: Decimal;
  readonly promotionDiscount: Decimal;
  readonly couponDiscount: Decimal;
  readonly discount: Decimal;
  /** `subtotal - discount`: what points may pay a share of. */
  readonly afterDiscounts: Decimal;
  readonly pointsPayment: Decimal;
  readonly payable: Decimal;
  /** Retail value of gift lines (not charged). */
  readonly giftValue: Decimal;
}

/** One step of the quote's explanation. */
export interface QuoteTraceEntry {
  readonly step: 'promotions' | 'coupons' | 'points_payment' | 'earning' | 'tier';
  readonly subject: string | null;
  readonly message: string;
}

/**
 * Points the purchase would earn. Rule: points are earned on what is paid in
 * money, line by line: the line's total after Tessera's promotions and
 * coupons, minus its share of the points payment (`QuoteLine.payable`).
 * Discounts and the part paid with points earn nothing.
 */
export interface QuoteEarning {
  /** Points the accrual engine awards on the money-paid basis. */
  readonly points: Decimal;
  /** The basis given to the accrual engine per line (`payable`). */
  readonly basis: readonly { readonly lineId: string; readonly amount: Decimal }[];
  /** Awards by rule and line, as `accruePurchase` returns them. */
  readonly awards: readonly Award[];
}

/** The member's tier after the purchase, and the progress from there. */
export interface QuoteTier {
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
  /** What the purchase adds to the qualifying activity: money paid, points earned, one order. */
  readonly added: { readonly spend: Decimal; readonly points: Decimal; readonly orders: number };
  readonly evaluation: TierResult;
  readonly progress: TierProgress;
}

/** The answer to "what do they pay, what do they save, why, and what will they earn?" */
export interface Quote {
  readonly programId: string;
  readonly programVersion: number;
  readonly currency: string;
  /** The instant evaluated, ISO-8601 UTC. */
  readonly asOf: string;
  /** Lines sorted by id. */
  readonly lines: readonly QuoteLine[];
  readonly promotions: {
    readonly applied: readonly AppliedPromotion[];
    readonly skipped: readonly SkippedPromotion[];
  };
  /** One result per code, sorted by code. */
  readonly coupons: readonly CouponResult[];
  readonly gifts: readonly GiftLine[];
  readonly freeShipping: boolean;
  /** Service entitlements granted by valid service coupons. */
  readonly entitlements: readonly {
    readonly couponCode: string;
    readonly service: string;
    readonly units: number;
  }[];
  readonly totals: QuoteTotals;
  readonly pointsPayment: PointsPaymentQuote;
  /** Points to be earned (null for a guest). */
  readonly earning: QuoteEarning | null;
  /** Tier after the purchase and progress (null without a member or `tier` input). */
  readonly tier: QuoteTier | null;
  readonly trace: readonly QuoteTraceEntry[];
}
