import type { AudienceMiss } from '../conditions/matchAudience.js';
import type { Channel } from '../program/primitives.js';

/** What a coupon conflicts with when it is `NOT_COMBINABLE`. */
export type CouponConflict =
  | { readonly kind: 'coupon'; readonly couponCode: string; readonly templateId: string }
  | { readonly kind: 'promotion'; readonly promotionId: string };

/**
 * Why a coupon was refused: a discriminated union on `code`, each with the
 * data a storefront needs to explain it. Amounts are decimal strings in the
 * program currency's minor unit; instants are ISO-8601 UTC strings. Codes are
 * checked in the order of `COUPON_REASON_PRECEDENCE` and never change once
 * released; messages live in `couponMessage.ts`.
 */
export type CouponReason =
  | {
      readonly code: 'UNKNOWN_COUPON';
      readonly couponCode: string;
      /** The instance's template id when it names no template of the program; null when no instance was found. */
      readonly templateId: string | null;
    }
  | { readonly code: 'CANCELLED'; readonly couponCode: string }
  | { readonly code: 'NOT_OWNED_BY_MEMBER'; readonly couponCode: string }
  | {
      readonly code: 'ALREADY_USED';
      readonly couponCode: string;
      readonly timesUsed: number;
      readonly usesPerCoupon: number;
    }
  | { readonly code: 'BIRTHDAY_UNKNOWN'; readonly couponCode: string }
  | { readonly code: 'NOT_YET_VALID'; readonly couponCode: string; readonly validFrom: string }
  | { readonly code: 'EXPIRED'; readonly couponCode: string; readonly expiredAt: string }
  | {
      readonly code: 'STORE_NOT_ELIGIBLE';
      readonly couponCode: string;
      readonly storeId: string | null;
    }
  | {
      readonly code: 'CHANNEL_NOT_ELIGIBLE';
      readonly couponCode: string;
      readonly channel: Channel | null;
    }
  | {
      readonly code: 'TIER_NOT_ELIGIBLE';
      readonly couponCode: string;
      readonly tierId: string | null;
    }
  | {
      readonly code: 'AUDIENCE_NOT_ELIGIBLE';
      readonly couponCode: string;
      readonly miss: Exclude<
        AudienceMiss,
        'STORE_NOT_ELIGIBLE' | 'CHANNEL_NOT_ELIGIBLE' | 'TIER_NOT_ELIGIBLE'
      >;
    }
  | {
      readonly code: 'USAGE_LIMIT_REACHED';
      readonly couponCode: string;
      readonly limitId: string;
      readonly scope: 'global' | 'store';
      readonly max: number;
      readonly period: 'day' | 'week' | 'month' | 'campaign';
    }
  | {
      readonly code: 'MEMBER_LIMIT_REACHED';
      readonly couponCode: string;
      readonly limitId: string;
      readonly max: number;
      readonly period: 'day' | 'week' | 'month' | 'campaign';
    }
  | { readonly code: 'NO_APPLICABLE_ITEMS'; readonly couponCode: string }
  | {
      readonly code: 'MIN_SPEND_NOT_MET';
      readonly couponCode: string;
      readonly minSpend: string;
      readonly applicableAmount: string;
      readonly missing: string;
    }
  | {
      readonly code: 'NOT_COMBINABLE';
      readonly couponCode: string;
      readonly conflictsWith: CouponConflict;
    }
  | {
      readonly code: 'BUDGET_EXHAUSTED';
      readonly couponCode: string;
      readonly limitId: string;
      readonly remaining: string;
      readonly needed: string;
    };

/** A coupon reason code. */
export type CouponReasonCode = CouponReason['code'];

/**
 * The order in which a coupon's checks run; the first failing check is the
 * reason reported. Rationale: first what concerns the coupon itself and no
 * change to the cart can fix, most definitive first (a cancelled coupon is
 * reported as cancelled even when it has also expired; another member's
 * coupon reveals nothing about its dates); then when, then where and who,
 * then how often; then what the cart must contain; last what depends on the
 * other discounts of the order and on the discount amount itself.
 */
export const COUPON_REASON_PRECEDENCE: readonly CouponReasonCode[] = Object.freeze([
  'UNKNOWN_COUPON',
  'CANCELLED',
  'NOT_OWNED_BY_MEMBER',
  'ALREADY_USED',
  'BIRTHDAY_UNKNOWN',
  'NOT_YET_VALID',
  'EXPIRED',
  'STORE_NOT_ELIGIBLE',
  'CHANNEL_NOT_ELIGIBLE',
  'TIER_NOT_ELIGIBLE',
  'AUDIENCE_NOT_ELIGIBLE',
  'USAGE_LIMIT_REACHED',
  'MEMBER_LIMIT_REACHED',
  'NO_APPLICABLE_ITEMS',
  'MIN_SPEND_NOT_MET',
  'NOT_COMBINABLE',
  'BUDGET_EXHAUSTED',
] as const);
