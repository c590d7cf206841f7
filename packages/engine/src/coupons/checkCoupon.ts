import { matchAudience } from '../conditions/matchAudience.js';
import { matchLine } from '../conditions/matchLine.js';
import { invariant } from '../internal/assert.js';
import { type CartLine, sortedById } from '../model/cart.js';
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
import type { CouponLimit, CouponStacking, CouponTemplate } from '../program/coupons.js';
import type { Program } from '../program/schema.js';
import type { TargetedLines } from '../promotions/evaluateCandidate.js';
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
import {
  type CouponBenefitOutcome,
  type CouponBenefitRefused,
  evaluateCouponBenefit,
  measureCouponBenefit,
} from './evaluateCouponBenefit.js';
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

/**
 * Per-order cache of what every check of the order computes alike (same
 * lines, amounts after promotions and instant).
 */
export interface CouponCheckMemo {
  /** Validity windows by coupon (its template and issue instant, the member's birthday). */
  readonly windows: Map<CouponInstance, ValidityBounds | null>;
  /** The lines each template applies to, on the amounts after promotions. */
  readonly applicable?: Map<CouponTemplate, Applicable>;
  /** The lines each promotion-action benefit targets (every coupon cart state holds the same lines). */
  readonly targeted?: TargetedLines;
}

/** How many lines a template applies to (with something left after promotions), and their amount. */
export interface Applicable {
  readonly count: number;
  readonly amount: Decimal;
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
  const pending =
    c.pendingUsage.size === 0
      ? undefined
      : c.pendingUsage.get(pendingUsageKey(template.id, limitId));
  return {
    redemptions: (own?.redemptions ?? 0) + (pending?.redemptions ?? 0),
    amount: add(own?.amount ?? ZERO, pending?.amount ?? ZERO),
  };
}

/** A redemption limit of the given scopes that the coupon has reached, if any. */
function reachedLimit(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
  member: boolean,
): CouponReason | null {
  for (const limit of template.limits) {
    if (limit.unit !== 'redemptions' || (limit.scope === 'member') !== member) continue;
    if (limit.max.lte(used(coupon, template, c, limit.id).redemptions)) {
      const data = {
        couponCode: coupon.code,
        limitId: limit.id,
        max: limit.max.toNumber(),
        period: limit.period,
      };
      return limit.scope === 'member'
        ? { code: 'MEMBER_LIMIT_REACHED', ...data }
        : { code: 'USAGE_LIMIT_REACHED', ...data, scope: limit.scope };
    }
  }
  return null;
}

/** The lines a template applies to that promotions left something on, and their amount. */
function applicableOf(template: CouponTemplate, c: CouponCheckContext): Applicable {
  let found = c.memo?.applicable?.get(template);
  if (found === undefined) {
    const amounts: Decimal[] = [];
    for (const l of c.lines) {
      const amount = c.afterPromotions.get(l.id)!;
      if (matchLine(template.items, l) && isPositive(amount)) amounts.push(amount);
    }
    found = { count: amounts.length, amount: sum(amounts) };
    c.memo?.applicable?.set(template, found);
  }
  return found;
}

/**
 * The checks that come before the benefit, in the precedence of
 * `COUPON_REASON_PRECEDENCE`: the coupon's template when they pass, else the
 * refusal.
 */
function gate(coupon: CouponInstance, c: CouponCheckContext): CouponTemplate | CouponRefused {
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
  let bounds = c.memo?.windows.get(coupon);
  if (bounds === undefined) {
    bounds = couponValidityBounds(
      template.validity,
      coupon.issuedAtMs,
      member?.birthday ?? null,
      program.timeZone,
    );
    c.memo?.windows.set(coupon, bounds);
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

  // Store and global limits before the member's own.
  const reached =
    reachedLimit(coupon, template, c, false) ?? reachedLimit(coupon, template, c, true);
  if (reached) return refusal(coupon, template, program, reached);

  const benefit = template.benefit;
  const applicable = applicableOf(template, c);
  if (benefit.kind !== 'service' && applicable.count === 0)
    return refusal(coupon, template, program, { code: 'NO_APPLICABLE_ITEMS', couponCode: code });
  let minSpend = template.minSpend ?? ZERO;
  if (benefit.kind === 'spend_off') minSpend = max(minSpend, benefit.steps[0]!.spend);
  if (compare(applicable.amount, minSpend) < 0)
    return refusal(
      coupon,
      template,
      program,
      minSpendNotMet(code, money, minSpend, applicable.amount),
    );

  const conflict = conflictOf(template, c);
  if (conflict)
    return refusal(coupon, template, program, {
      code: 'NOT_COMBINABLE',
      couponCode: code,
      conflictsWith: conflict,
    });
  return template;
}

/** The refusal of a benefit that gives nothing, or whose own spend threshold is not met. */
function benefitRefusal(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
  minSpend: CouponBenefitRefused['minSpend'],
): CouponRefused {
  return refusal(
    coupon,
    template,
    c.program,
    minSpend
      ? minSpendNotMet(coupon.code, c.money, minSpend.required, minSpend.actual)
      : { code: 'NO_APPLICABLE_ITEMS', couponCode: coupon.code },
  );
}

/** Pairs each part with its line's quantity; parts and lines are both in line id order. */
function redeemedLines(
  parts: readonly CouponLinePart[],
  lines: readonly CartLine[],
): RedeemedLine[] {
  const out: RedeemedLine[] = [];
  let j = 0;
  for (const p of parts) {
    while (j < lines.length && lines[j]!.id !== p.lineId) j++;
    invariant(j < lines.length, 'checkCoupon: a part is not on a line of the order');
    out.push({ lineId: p.lineId, amount: p.amount, quantity: lines[j]!.quantity });
  }
  return out;
}

/** The result of a coupon past its gate, given what its benefit gives: money budgets, then the redemption. */
function settle(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
  out: CouponBenefitOutcome,
): CouponResult {
  const { ctx, money, program } = c;
  const code = coupon.code;
  if (!out.ok) return benefitRefusal(coupon, template, c, out.minSpend);
  if (template.benefit.kind !== 'service' && out.amount.isZero() && !out.gift && !out.freeShipping)
    return refusal(coupon, template, program, { code: 'NO_APPLICABLE_ITEMS', couponCode: code });
  let amount = out.amount;
  let parts = out.parts;
  let budgetCapped: CouponAccepted['budgetCapped'] = null;
  for (const limit of template.limits) {
    if (limit.unit !== 'money') continue;
    const remaining = budgetLeft(coupon, template, c, limit);
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

  const member = ctx.member;
  const orderLines = sortedById(c.lines);
  const redemption: CouponRedemption = {
    couponCode: code,
    templateId: template.id,
    memberId: member?.id ?? null,
    storeId: ctx.storeId,
    redeemedAtMs: ctx.nowMs,
    discount: amount,
    lines: redeemedLines(parts, orderLines),
    orderLines: orderLines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
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

/** What is left of a money budget, this order's earlier coupons counted. */
function budgetLeft(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
  limit: CouponLimit,
): Decimal {
  return subtract(limit.max, used(coupon, template, c, limit.id).amount);
}

/** What the coupon's benefit gives on what is left of the lines. */
function benefitOf(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
): CouponBenefitOutcome {
  return evaluateCouponBenefit(
    c.program,
    template,
    coupon.code,
    c.lines,
    c.remaining,
    c.ctx,
    c.money,
    c.memo?.targeted,
  );
}

/** What the coupon's benefit is worth on what is left of the lines (`benefitOf`, measured only). */
function measureOf(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
): ReturnType<typeof measureCouponBenefit> {
  return measureCouponBenefit(
    c.program,
    template,
    coupon.code,
    c.lines,
    c.remaining,
    c.ctx,
    c.money,
    c.memo?.targeted,
  );
}

/**
 * Checks one coupon against an order, in the precedence of
 * `COUPON_REASON_PRECEDENCE`, and computes its discount. Pure.
 */
export function checkCoupon(coupon: CouponInstance, c: CouponCheckContext): CouponResult {
  const template = gate(coupon, c);
  if ('valid' in template) return template;
  return settle(coupon, template, c, benefitOf(coupon, template, c));
}

/** Whether an amount is within what is left of every money budget of the template. */
function withinBudgets(
  coupon: CouponInstance,
  template: CouponTemplate,
  c: CouponCheckContext,
  amount: Decimal,
): boolean {
  for (const limit of template.limits) {
    if (limit.unit !== 'money') continue;
    const remaining = budgetLeft(coupon, template, c, limit);
    if (compare(amount, remaining) > 0) return false;
  }
  return true;
}

/** A coupon found valid and worth `worth`, its discount not yet allocated over the lines. */
export interface CouponMeasured {
  readonly valid: true;
  readonly measured: true;
  /** Money discount plus gift value, as the accepted result would have it. */
  readonly worth: Decimal;
}

/**
 * What `checkCoupon` answers, except that a valid coupon whose benefit is a
 * promotion action is only measured: its worth, without the allocation over
 * the lines and the redemption, which cost most of a check (the quote ranks
 * the coupons alone by worth, then checks most of them again on what the
 * others left). Same validity and worth as `checkCoupon`.
 */
export function measureCoupon(
  coupon: CouponInstance,
  c: CouponCheckContext,
): CouponResult | CouponMeasured {
  const template = gate(coupon, c);
  if ('valid' in template) return template;
  const measured = measureOf(coupon, template, c);
  if (measured && !measured.ok) return benefitRefusal(coupon, template, c, measured.minSpend);
  // A budget caps the money discount, which is at most the worth (a gift's value is >= 0): a
  // worth within every budget stands. Otherwise, and for a coupon-only benefit (as cheap to
  // compute as to measure), the whole check decides.
  if (measured && withinBudgets(coupon, template, c, measured.worth))
    return { valid: true, measured: true, worth: measured.worth };
  return settle(coupon, template, c, benefitOf(coupon, template, c));
}
