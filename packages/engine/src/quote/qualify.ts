import type { CouponReason } from '../coupons/index.js';
import { findCouponTemplate } from '../coupons/index.js';
import { normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { normalizeMember } from '../model/member.js';
import { type CurrencyCode, minorUnits } from '../money/currency.js';
import { type Decimal, toDecimal } from '../money/decimal.js';
import type { CouponTemplate } from '../program/coupons.js';
import type { Program } from '../program/schema.js';
import {
  applyPromotions,
  type MissingRequirement,
  type PromotionSkipReason,
  promotionQualification,
} from '../promotions/index.js';
import { toEpochMs } from '../time/index.js';
import { applyCoupons } from './applyCoupons.js';
import type { QuoteInput } from './types.js';

/** Where a promotion stands, with a storefront nudge. */
export interface PromotionStanding {
  readonly promotionId: string;
  readonly name: string;
  readonly status: 'applied' | 'missing' | 'ineligible' | 'blocked';
  readonly missing: readonly MissingRequirement[];
  readonly reason: PromotionSkipReason | null;
  /** "Spend 12.00 more for 20.00 off", "Add 2 more items", or null. */
  readonly nudge: string | null;
}

/** Where a held coupon stands, with a storefront nudge. */
export interface CouponStanding {
  readonly couponCode: string;
  readonly templateId: string | null;
  /** `usable`: valid on this cart now; `missing`: the cart lacks `missing`; `blocked`: stacking; `ineligible`: anything else. */
  readonly status: 'usable' | 'missing' | 'ineligible' | 'blocked';
  readonly missing: readonly MissingRequirement[];
  /** The discount it gives now (usable coupons), else null. */
  readonly discount: Decimal | null;
  readonly reason: CouponReason | null;
  readonly nudge: string | null;
}

/** What `qualify` returns: every promotion, then every coupon code. */
export interface Qualification {
  readonly promotions: readonly PromotionStanding[];
  readonly coupons: readonly CouponStanding[];
}

function rewardText(template: CouponTemplate | undefined, scale: number): string | null {
  const b = template?.benefit;
  if (!b) return null;
  switch (b.kind) {
    case 'amount_off':
      return `${b.amount.toFixed(scale)} off`;
    case 'percent_off':
      return `${b.percent.toString()}% off`;
    case 'spend_off':
      return `${b.steps[0]!.off.toFixed(scale)} off`;
    case 'free_item':
      return b.quantity === 1 ? 'a free item' : `${b.quantity} free items`;
    case 'free_shipping':
      return 'free shipping';
    default:
      return template?.name ?? null;
  }
}

function nudgeOf(
  missing: readonly MissingRequirement[],
  reward: string | null,
  scale: number,
): string | null {
  const m = missing[0];
  if (!m) return null;
  const tail = reward ? ` for ${reward}` : '';
  switch (m.code) {
    case 'SPEND_MORE':
      return `Spend ${m.amount.toFixed(scale)} more${m.reward ? ` for ${m.reward.toFixed(scale)} off` : tail}`;
    case 'ADD_ITEMS':
      return `Add ${m.quantity.toString()} more item${m.quantity.eq(1) ? '' : 's'}${tail}`;
    case 'ADD_ELIGIBLE_ITEMS':
      return `Add an eligible item${tail}`;
  }
}

/**
 * Qualification (D10): for this member and cart at `now`, every promotion of
 * the program and every coupon code given, whether it applies, and if not,
 * what is missing ("Spend 12.00 more for 20.00 off", "Add 2 more items") or
 * why it cannot apply. Coupons are judged as in `quote` (after promotions,
 * with the other coupons). Pure; points are not considered.
 */
export function qualify(program: Program, input: QuoteInput): Qualification {
  const nowMs = toEpochMs(input.now);
  const lines = normalizeLines(input.lines);
  const member = input.member ? normalizeMember(input.member) : null;
  const ctx = new EvalContext(
    nowMs,
    program.timeZone,
    input.storeId ?? null,
    input.channel ?? null,
    member,
  );
  const scale = minorUnits(program.currency as CurrencyCode);
  const promo = applyPromotions(program, { lines, ctx });
  const promotions = promotionQualification(program, promo).map((q) => ({
    promotionId: q.promotionId,
    name: q.name,
    status: q.status,
    missing: q.missing,
    reason: q.reason,
    nudge: nudgeOf(q.missing, null, scale),
  }));
  const exclusive = promo.applied.find((a) =>
    program.promotions.some((p) => p.id === a.promotionId && p.stacking.exclusive),
  );
  const { results } = applyCoupons({
    program,
    ctx,
    lines,
    afterPromotions: new Map(promo.lines.map((l) => [l.lineId, l.total])),
    appliedPromotionIds: promo.applied.map((a) => a.promotionId).sort(),
    exclusivePromotionId: exclusive?.promotionId ?? null,
    codes: input.couponCodes ?? [],
    instances: input.coupons ?? [],
    money: { scale, mode: program.rounding.money.mode },
  });
  const coupons = results.map((r): CouponStanding => {
    const reward = rewardText(
      r.templateId ? findCouponTemplate(program, r.templateId) : undefined,
      scale,
    );
    if (r.valid) {
      return {
        couponCode: r.couponCode,
        templateId: r.templateId,
        status: 'usable',
        missing: [],
        discount: r.discount,
        reason: null,
        nudge: null,
      };
    }
    const missing: MissingRequirement[] =
      r.reason.code === 'MIN_SPEND_NOT_MET'
        ? [{ code: 'SPEND_MORE', amount: toDecimal(r.reason.missing), reward: null }]
        : r.reason.code === 'NO_APPLICABLE_ITEMS'
          ? [{ code: 'ADD_ELIGIBLE_ITEMS' }]
          : [];
    const status = missing.length
      ? 'missing'
      : r.reason.code === 'NOT_COMBINABLE'
        ? 'blocked'
        : 'ineligible';
    return {
      couponCode: r.couponCode,
      templateId: r.templateId,
      status,
      missing,
      discount: null,
      reason: r.reason,
      nudge: nudgeOf(missing, reward, scale),
    };
  });
  return { promotions, coupons };
}
