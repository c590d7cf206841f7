// Public API of the coupons module; every export listed explicitly.
export { applyCouponUsage } from './applyCouponUsage.js';
export {
  type AcceptedCoupon,
  type Applicable,
  type CouponAccepted,
  type CouponCheckContext,
  type CouponCheckMemo,
  type CouponMeasured,
  type CouponRedemption,
  type CouponRefused,
  type CouponResult,
  checkCoupon,
  measureCoupon,
  pendingUsageKey,
  type RedeemedLine,
} from './checkCoupon.js';
export {
  type CouponDiscount,
  type CouponLinePart,
  type CouponTargetLine,
  computeCouponDiscount,
  type MoneyRounding,
  spreadOverLines,
} from './computeCouponDiscount.js';
export {
  type CouponInstance,
  type CouponInstanceInput,
  type CouponStatus,
  type LimitUsage,
  type LimitUsageInput,
  MAX_COUPON_CODE_LENGTH,
  normalizeCouponInstance,
} from './couponInstance.js';
export {
  couponLimitPeriodKey,
  couponLimitWindow,
  type LimitWindow,
} from './couponLimitWindow.js';
export { couponMessage, defaultCouponMessage } from './couponMessage.js';
export {
  COUPON_REASON_PRECEDENCE,
  type CouponConflict,
  type CouponReason,
  type CouponReasonCode,
} from './couponReason.js';
export type { CouponUsageChange, CouponUsageState, LimitUsageChange } from './couponUsage.js';
export {
  boundMs,
  couponValidityBounds,
  couponValidityWindow,
  type ValidityBounds,
  type ValidityWindow,
  type WindowBound,
} from './couponValidityWindow.js';
export { findCouponTemplate } from './findCouponTemplate.js';
export { type CouponRollback, type ReturnedLine, rollbackCoupon } from './rollbackCoupon.js';
export { type ValidateCouponInput, validateCoupon } from './validateCoupon.js';
