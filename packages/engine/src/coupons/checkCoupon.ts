import { matchAudience } from '../conditions/matchAudience.js';
import { matchLine } from '../conditions/matchLine.js';
import type { CartLine } from '../model/cart.js';
import type { EvalContext } from '../model/context.js';
import { allocate } from '../money/allocate.js';
import {
  add,
  compare,
  type Decimal,
  formatFixed,
  isPositive,
  max,
  subtract,
  sum,
  ZERO,
} from '../money/decimal.js';
import { round } from '../money/rounding.js';
import type { CouponStacking, CouponTemplate } from '../program/coupons.js';
import type { Program } from '../program/schema.js';
import { toIso } from '../time/index.js';
import type { CouponLinePart, MoneyRounding } from './computeCouponDiscount.js';
import type { CouponInstance, LimitUsage } from './couponInstance.js';
import { couponLimitPeriodKey } from './couponLimitWindow.js';
import { couponMessage } from './couponMessage.js';
import type { CouponConflict, CouponReason } from './couponReason.js';
import type { CouponUsageChange } from './couponUsage.js';
import {
  boundMs,
  couponValidityBounds,
  type ValidityBounds,
  type WindowBound,
} from './couponValidityWindow.js';
import { evaluateCouponBenefit, sortedById } from './evaluateCouponBenefit.js';
import { findCouponTemplate } from './findCouponTemplate.js';

/** A coupon already accepted on the same order (for stacking and in-order limits). */
export interface AcceptedCoupon {
  readonly couponCode: string;
  readonly templateId: string;
  readonly stacking: CouponStacking;
}

/** Everything a coupon is checked against, besides the coupon itself. */
export interface CouponCheckContext {
  readonly program: Program;
  readonly ctx: EvalContext;
  readonly lines: readonly CartLine[];
  /** Amount of each line after automatic promotions (min spend is measured on it). */
  readonly afterPromotions: ReadonlyMap<string, Decimal>;
  /** Amount of each line still discountable (after promotions and earlier coupons). */
  readonly remaining: ReadonlyMap<string, Decimal>;
  /** Ids of the promotions applied to the order, sorted. */
  readonly appliedPromotionIds: readonly string[];
  /** The exclusive promotion applied to the order, if any: no coupon combines with it. */
  readonly exclusivePromotionId: string | null;
  readonly acceptedCoupons: readonly AcceptedCoupon[];
  /** Usage by coupons accepted earlier in this order, keyed `templateId/limitId`. */
  readonly pendingUsage: ReadonlyMap<string, LimitUsage>;
  readonly money: MoneyRounding;
  /** Windows already computed for this order (the same for every check at one instant). */
  readonly memo?: CouponCheckMemo;
}

/** Per-order cache of validity windows (by code and template). */
export interface CouponCheckMemo {
  readonly windows: Map<string, ValidityBounds | null>;
}

/** A coupon line discount with the quantity it covered (for proportional rollback). */
export interface RedeemedLine extends CouponLinePart {
  readonly quantity: Decimal;
}

/**
 * What redeeming a valid coupon records: persist it with the order; it is
 * the input of `rollbackCoupon` when the order is returned or cancelled.
 */
export interface CouponRedemption {
  readonly couponCode: string;
  readonly templateId: string;
  readonly memberId: string | null;
  readonly storeId: string | null;
  readonly redeemedAtMs: number;
  readonly discount: Decimal;
  readonly lines: readonly RedeemedLine[];
  /** Every line of the order with its quantity: the use is restored once all are returned. */
  readonly orderLines: readonly { readonly lineId: string; readonly quantity: Decimal }[];
  readonly change: CouponUsageChange;
}

/** A coupon accepted: its discount by line, any entitlement, and the redemption to record. */
export interface CouponAccepted {
  readonly valid: true;
  readonly couponCode: string;
  readonly templateId: string;
  readonly discount: Decimal;
  readonly lines: readonly CouponLinePart[];
  readonly entitlement: { readonly service: string; readonly units: number } | null;
  /** A gift line the benefit adds (`free_gift`), with its retail value. */
  readonly gift: {
    readonly sku: string;
    readonly quantity: number;
    readonly value: Decimal;
  } | null;
  /** The benefit makes shipping free (`free_shipping`). */
  readonly freeShipping: boolean;
  /** Set when a money budget reduced the discount to what remained of it. */
  readonly budgetCapped: { readonly limitId: string; readonly uncapped: Decimal } | null;
  readonly redemption: CouponRedemption;
}

/** A coupon refused, with its reason and the message to show. */
export interface CouponRefused {
  readonly valid: false;
  readonly couponCode: string;
  /** Null when no coupon instance was found for the code. */
  readonly templateId: string | null;
  readonly reason: CouponReason;
  readonly message: string;
}

/** Result of checking one coupon. */
export type CouponResult = CouponAccepted | CouponRefused;

/** Key of in-order usage: `templateId/limitId`. */
export function pendingUsageKey(templateId: string, limitId: string): string {
  return `${templateId}\u0000${limitId}`;
}

function conflictOf(t: CouponTemplate, c: CouponCheckContext): CouponConflict | null {
  if (c.exclusivePromotionId !== null)
    return { kind: 'promotion', promotionId: c.exclusivePromotionId };
  for (const other of c.acceptedCoupons) {
    const ok =
      other.templateId === t.id
        ? t.stacking.withSameTemplate
        : t.stacking.withOtherCoupons && other.stacking.withOtherCoupons;
    if (!ok) return { kind: 'coupon', couponCode: other.couponCode, templateId: other.templateId };
  }
  const promotionId = t.stacking.withPromotions
    ? c.appliedPromotionIds.find((id) => t.stacking.excludePromotions.includes(id))
    : c.appliedPromotionIds[0];
  return promotionId === undefined ? null : { kind: 'promotion', promotionId };
}

function refusal(
  coupon: CouponInstance,
  template: CouponTemplate | undefined,
  program: Program,
  reason: CouponReason,
): CouponRefused {
  return {
    valid: false,
    couponCode: coupon.code,
    templateId: coupon.templateId || null,
    reason,
    message: couponMessage(reason, template, program.currency),
  };
}

function minSpendNotMet(
  code: string,
  money: MoneyRounding,
  required: Decimal,
  actual: Decimal,
): CouponReason {
  return {
    code: 'MIN_SPEND_NOT_MET',
    couponCode: code,
    minSpend: formatFixed(required, money.scale),
    applicableAmount: formatFixed(actual, money.scale),
    missing: formatFixed(subtract(required, actual), money.scale),
  };
}

/** Whether `now` is before a window bound. */
function before(b: WindowBound, ctx: EvalContext): boolean {
  return 'ms' in b ? ctx.nowMs < b.ms : ctx.local.date < b.date;
}

/** Usage of a limit so far: the coupon's own plus what this order already counted. */
function used(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
  limitId: string,
): LimitUsage {
  const own = coupon.usage.get(limitId);
  const pending = c.pendingUsage.get(pendingUsageKey(template.id, limitId));
  return {
    redemptions: (own?.redemptions ?? 0) + (pending?.redemptions ?? 0),
    amount: add(own?.amount ?? ZERO, pending?.amount ?? ZERO),
  };
}

/**
 * Checks one coupon against an order, in the precedence of
 * `COUPON_REASON_PRECEDENCE`, and computes its discount. Pure.
 */
export function checkCoupon(coupon: CouponInstance, c: CouponCheckContext): CouponResult {
  const { ctx, money, program } = c;
  const code = coupon.code;
  const template = findCouponTemplate(program, coupon.templateId);
  // Helpers are module functions, not closures: nothing is allocated per check for them.
  if (!template)
    return refusal(coupon, template, program, {
      code: 'UNKNOWN_COUPON',
      couponCode: code,
      templateId: coupon.templateId || null,
    });
  if (coupon.status === 'cancelled')
    return refusal(coupon, template, program, { code: 'CANCELLED', couponCode: code });
  const member = ctx.member;
  if (coupon.ownerMemberId !== null && member?.id !== coupon.ownerMemberId)
    return refusal(coupon, template, program, { code: 'NOT_OWNED_BY_MEMBER', couponCode: code });
  if (coupon.status === 'used' || coupon.timesUsed >= template.usesPerCoupon)
    return refusal(coupon, template, program, {
      code: 'ALREADY_USED',
      couponCode: code,
      timesUsed: coupon.timesUsed,
      usesPerCoupon: template.usesPerCoupon,
    });
  const windowKey = `${coupon.code}\u0000${template.id}`;
  let bounds = c.memo?.windows.get(windowKey);
  if (bounds === undefined) {
    bounds = couponValidityBounds(
      template.validity,
      coupon.issuedAtMs,
      member?.birthday ?? null,
      program.timeZone,
    );
    c.memo?.windows.set(windowKey, bounds);
  }
  if (bounds === null)
    return refusal(coupon, template, program, { code: 'BIRTHDAY_UNKNOWN', couponCode: code });
  if (before(bounds.from, ctx))
    return refusal(coupon, template, program, {
      code: 'NOT_YET_VALID',
      couponCode: code,
      validFrom: toIso(boundMs(bounds.from, program.timeZone)),
    });
  if (!before(bounds.until, ctx))
    return refusal(coupon, template, program, {
      code: 'EXPIRED',
      couponCode: code,
      expiredAt: toIso(boundMs(bounds.until, program.timeZone)),
    });
  const miss = matchAudience(template.audience, ctx);
  if (miss === 'STORE_NOT_ELIGIBLE')
    return refusal(coupon, template, program, {
      code: miss,
      couponCode: code,
      storeId: ctx.storeId,
    });
  if (miss === 'CHANNEL_NOT_ELIGIBLE')
    return refusal(coupon, template, program, {
      code: miss,
      couponCode: code,
      channel: ctx.channel,
    });
  if (miss === 'TIER_NOT_ELIGIBLE')
    return refusal(coupon, template, program, {
      code: miss,
      couponCode: code,
      tierId: member?.tierId ?? null,
    });
  if (miss !== null)
    return refusal(coupon, template, program, {
      code: 'AUDIENCE_NOT_ELIGIBLE',
      couponCode: code,
      miss,
    });
  if (member === null && template.limits.some((l) => l.scope === 'member'))
    return refusal(coupon, template, program, {
      code: 'AUDIENCE_NOT_ELIGIBLE',
      couponCode: code,
      miss: 'NO_MEMBER',
    });

  for (const scopes of [['global', 'store'], ['member']] as const) {
    for (const limit of template.limits) {
      if (limit.unit !== 'redemptions' || !(scopes as readonly string[]).includes(limit.scope))
        continue;
      if (limit.max.lte(used(coupon, template, c, limit.id).redemptions)) {
        const data = {
          couponCode: code,
          limitId: limit.id,
          max: limit.max.toNumber(),
          period: limit.period,
        };
        return limit.scope === 'member'
          ? refusal(coupon, template, program, { code: 'MEMBER_LIMIT_REACHED', ...data })
          : refusal(coupon, template, program, {
              code: 'USAGE_LIMIT_REACHED',
              ...data,
              scope: limit.scope,
            });
      }
    }
  }

  const benefit = template.benefit;
  const applicable = c.lines.filter(
    (l) => matchLine(template.items, l) && isPositive(c.afterPromotions.get(l.id)!),
  );
  const isService = benefit.kind === 'service';
  if (!isService && applicable.length === 0)
    return refusal(coupon, template, program, { code: 'NO_APPLICABLE_ITEMS', couponCode: code });
  const applicableAmount = sum(applicable.map((l) => c.afterPromotions.get(l.id)!));
  let minSpend = template.minSpend ?? ZERO;
  if (benefit.kind === 'spend_off') minSpend = max(minSpend, benefit.steps[0]!.spend);
  if (compare(applicableAmount, minSpend) < 0)
    return refusal(
      coupon,
      template,
      program,
      minSpendNotMet(code, money, minSpend, applicableAmount),
    );

  const conflict = conflictOf(template, c);
  if (conflict)
    return refusal(coupon, template, program, {
      code: 'NOT_COMBINABLE',
      couponCode: code,
      conflictsWith: conflict,
    });

  const out = evaluateCouponBenefit(
    program,
    template,
    code,
    c.lines,
    c.remaining,
    ctx,
    money,
    undefined,
  );
  if (!out.ok) {
    return out.minSpend
      ? refusal(
          coupon,
          template,
          program,
          minSpendNotMet(code, money, out.minSpend.required, out.minSpend.actual),
        )
      : refusal(coupon, template, program, { code: 'NO_APPLICABLE_ITEMS', couponCode: code });
  }
  if (!isService && out.amount.isZero() && !out.gift && !out.freeShipping)
    return refusal(coupon, template, program, { code: 'NO_APPLICABLE_ITEMS', couponCode: code });
  let amount = out.amount;
  let parts = out.parts;
  let budgetCapped: CouponAccepted['budgetCapped'] = null;
  for (const limit of template.limits) {
    if (limit.unit !== 'money') continue;
    const remaining = subtract(limit.max, used(coupon, template, c, limit.id).amount);
    if (compare(amount, remaining) <= 0) continue;
    const usable = round(remaining, money.scale, 'FLOOR');
    if (usable.lte(0) || template.onBudgetShortfall === 'nothing') {
      return refusal(coupon, template, program, {
        code: 'BUDGET_EXHAUSTED',
        couponCode: code,
        limitId: limit.id,
        remaining: formatFixed(usable.gt(0) ? usable : ZERO, money.scale),
        needed: formatFixed(amount, money.scale),
      });
    }
    budgetCapped ??= { limitId: limit.id, uncapped: amount };
    const shares = allocate(
      usable,
      parts.map((p) => p.amount),
      money.scale,
    );
    parts = parts
      .map((p, i) => ({ lineId: p.lineId, amount: shares[i]! }))
      .filter((p) => !p.amount.isZero());
    amount = usable;
  }

  const quantityById = new Map<string, Decimal>();
  for (const l of c.lines) quantityById.set(l.id, l.quantity);
  const redemption: CouponRedemption = {
    couponCode: code,
    templateId: template.id,
    memberId: member?.id ?? null,
    storeId: ctx.storeId,
    redeemedAtMs: ctx.nowMs,
    discount: amount,
    lines: parts.map((p) => ({
      lineId: p.lineId,
      amount: p.amount,
      quantity: quantityById.get(p.lineId)!,
    })),
    orderLines: sortedById(c.lines).map((l) => ({ lineId: l.id, quantity: l.quantity })),
    change: {
      couponCode: code,
      templateId: template.id,
      timesUsedDelta: 1,
      usesPerCoupon: template.usesPerCoupon,
      limits: template.limits.map((limit) => ({
        limitId: limit.id,
        scope: limit.scope,
        periodKey: couponLimitPeriodKey(limit.period, ctx.local),
        redemptions: 1,
        amount,
      })),
    },
  };
  return {
    valid: true,
    couponCode: code,
    templateId: template.id,
    discount: amount,
    lines: parts,
    entitlement: out.entitlement,
    gift: out.gift,
    freeShipping: out.freeShipping,
    budgetCapped,
    redemption,
  };
}
