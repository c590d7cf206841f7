import type { CouponTemplate } from '../program/coupons.js';
import type { CouponReason } from './couponReason.js';

const AUDIENCE_TEXT = {
  SEGMENT_NOT_ELIGIBLE: 'is reserved for another group of members',
  NOT_A_NEW_MEMBER: 'is reserved for new members',
  NOT_BIRTHDAY: 'can only be used in your birthday period',
  NO_MEMBER: 'requires a signed-in member',
} as const;

const PERIOD_TEXT = {
  day: 'today',
  week: 'this week',
  month: 'this month',
  campaign: 'for this campaign',
} as const;

/** The engine's default English text for a refusal (every message lives here). */
export function defaultCouponMessage(reason: CouponReason, currency: string): string {
  const c = reason.couponCode;
  switch (reason.code) {
    case 'UNKNOWN_COUPON':
      return `Coupon ${c} is not recognised.`;
    case 'CANCELLED':
      return `Coupon ${c} has been cancelled.`;
    case 'NOT_OWNED_BY_MEMBER':
      return `Coupon ${c} belongs to another member.`;
    case 'ALREADY_USED':
      return `Coupon ${c} has already been used.`;
    case 'BIRTHDAY_UNKNOWN':
      return `Coupon ${c} is a birthday coupon; add your birthday to your profile to use it.`;
    case 'NOT_YET_VALID':
      return `Coupon ${c} is valid from ${reason.validFrom}.`;
    case 'EXPIRED':
      return `Coupon ${c} expired at ${reason.expiredAt}.`;
    case 'STORE_NOT_ELIGIBLE':
      return `Coupon ${c} cannot be used in this store.`;
    case 'CHANNEL_NOT_ELIGIBLE':
      return `Coupon ${c} cannot be used on this channel.`;
    case 'TIER_NOT_ELIGIBLE':
      return `Coupon ${c} is not available for your membership tier.`;
    case 'AUDIENCE_NOT_ELIGIBLE':
      return `Coupon ${c} ${AUDIENCE_TEXT[reason.miss]}.`;
    case 'USAGE_LIMIT_REACHED':
      return `Coupon ${c} has reached its usage limit ${PERIOD_TEXT[reason.period]}.`;
    case 'MEMBER_LIMIT_REACHED':
      return `You have used coupon ${c} the maximum number of times ${PERIOD_TEXT[reason.period]}.`;
    case 'NO_APPLICABLE_ITEMS':
      return `Coupon ${c} does not apply to any item in the cart.`;
    case 'MIN_SPEND_NOT_MET':
      return `Spend ${reason.missing} ${currency} more on eligible items to use coupon ${c} (minimum ${reason.minSpend} ${currency}).`;
    case 'NOT_COMBINABLE':
      return reason.conflictsWith.kind === 'coupon'
        ? `Coupon ${c} cannot be combined with coupon ${reason.conflictsWith.couponCode}.`
        : `Coupon ${c} cannot be combined with promotion ${reason.conflictsWith.promotionId}.`;
    case 'BUDGET_EXHAUSTED':
      return `The budget of coupon ${c} is spent.`;
  }
}

/**
 * The text shown for a refusal: the template's own message for the code,
 * else its `default` message, else the engine's default text.
 */
export function couponMessage(
  reason: CouponReason,
  template: CouponTemplate | undefined,
  currency: string,
): string {
  return (
    template?.messages?.[reason.code] ??
    template?.messages?.default ??
    defaultCouponMessage(reason, currency)
  );
}
