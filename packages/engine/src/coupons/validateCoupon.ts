import { type CartLineInput, normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { type MemberSnapshotInput, normalizeMember } from '../model/member.js';
import { type CurrencyCode, minorUnits } from '../money/currency.js';
import type { Channel } from '../program/primitives.js';
import type { Program } from '../program/schema.js';
import { type InstantInput, toEpochMs } from '../time/index.js';
import { type AcceptedCoupon, type CouponResult, checkCoupon } from './checkCoupon.js';
import { type CouponInstanceInput, normalizeCouponInstance } from './couponInstance.js';

/** Input of `validateCoupon`: one coupon against a cart, member, store, channel and instant. */
export interface ValidateCouponInput {
  readonly coupon: CouponInstanceInput;
  readonly lines: readonly CartLineInput[];
  readonly member?: MemberSnapshotInput | null;
  readonly storeId?: string | null;
  readonly channel?: Channel | null;
  readonly now: InstantInput;
  /** Promotions already applied to the order (for `NOT_COMBINABLE`). */
  readonly appliedPromotionIds?: readonly string[];
  /** The exclusive promotion applied to the order, if any. */
  readonly exclusivePromotionId?: string | null;
  /** Coupons already accepted on the order (for `NOT_COMBINABLE`). */
  readonly acceptedCoupons?: readonly AcceptedCoupon[];
}

/**
 * Validates one coupon (D7) against a cart as it stands (line amounts net of
 * the caller's own discounts, no promotions applied) and returns either the
 * discount it gives, by line, or the first reason it is refused, in the
 * precedence of `COUPON_REASON_PRECEDENCE`, with the message to show. Use
 * `quote` for the whole checkout with promotions and several coupons.
 * Throws `InputError` only for malformed input.
 */
export function validateCoupon(program: Program, input: ValidateCouponInput): CouponResult {
  const lines = normalizeLines(input.lines);
  const member = input.member ? normalizeMember(input.member) : null;
  const ctx = new EvalContext(
    toEpochMs(input.now),
    program.timeZone,
    input.storeId ?? null,
    input.channel ?? null,
    member,
  );
  const net = new Map(lines.map((l) => [l.id, l.net]));
  return checkCoupon(normalizeCouponInstance(input.coupon), {
    program,
    ctx,
    lines,
    afterPromotions: net,
    remaining: net,
    appliedPromotionIds: [...(input.appliedPromotionIds ?? [])].sort(),
    exclusivePromotionId: input.exclusivePromotionId ?? null,
    acceptedCoupons: input.acceptedCoupons ?? [],
    pendingUsage: new Map(),
    money: {
      scale: minorUnits(program.currency as CurrencyCode),
      mode: program.rounding.money.mode,
    },
  });
}
