import { matchLine } from '../conditions/matchLine.js';
import { type CartLine, sortedById } from '../model/cart.js';
import type { EvalContext } from '../model/context.js';
import { type Decimal, ZERO } from '../money/decimal.js';
import type { CouponTemplate } from '../program/coupons.js';
import type { Program } from '../program/schema.js';
// measureCandidate and TargetedLines are not in the promotions index (only the quote's coupon
// ranking needs them).
import { measureCandidate, type TargetedLines } from '../promotions/evaluateCandidate.js';
import type { CartState, PromotionCandidate, PromotionSkipReason } from '../promotions/index.js';
import { evaluateCandidate } from '../promotions/index.js';
import {
  type CouponLinePart,
  computeCouponDiscount,
  type MoneyRounding,
} from './computeCouponDiscount.js';

/** Why a benefit gives nothing: its action's own spend threshold not reached (amounts exact), or null. */
export interface CouponBenefitRefused {
  readonly ok: false;
  readonly minSpend: { readonly required: Decimal; readonly actual: Decimal } | null;
}

/** What a coupon's benefit gives on the cart as it stands. */
export type CouponBenefitOutcome =
  | {
      readonly ok: true;
      readonly amount: Decimal;
      /** Non-zero parts, sorted by line id, summing exactly to `amount`. */
      readonly parts: readonly CouponLinePart[];
      readonly entitlement: { readonly service: string; readonly units: number } | null;
      readonly gift: {
        readonly sku: string;
        readonly quantity: number;
        readonly value: Decimal;
      } | null;
      readonly freeShipping: boolean;
      /** The benefit was reduced to `maxDiscount` or to what was left on the lines. */
      readonly capped: boolean;
    }
  | CouponBenefitRefused;

/** The promotion a promotion-action benefit is evaluated as. */
function couponCandidate(
  template: CouponTemplate,
  action: PromotionCandidate['action'],
  couponCode: string,
): PromotionCandidate {
  return {
    id: `coupon:${couponCode}`,
    name: template.name ?? template.id,
    enabled: true,
    priority: 0,
    target: template.items,
    action,
    stacking: { exclusive: false, base: 'discounted', onePerUnit: false },
    allocation: template.allocation,
    maxDiscount: template.maxDiscount,
    origin: { kind: 'coupon', code: couponCode },
  };
}

/** Nothing locked and no parts: shared by every line of a coupon's cart state, which is never mutated. */
const NOTHING_LOCKED = { qty: ZERO, rem: ZERO };
const NO_PARTS: readonly never[] = [];

/** The cart as a coupon sees it: each line with what is left of it, nothing locked. */
function couponCartState(
  lines: readonly CartLine[],
  remaining: ReadonlyMap<string, Decimal>,
): CartState {
  return {
    lines: sortedById(lines).map((line) => ({
      line,
      open: { qty: line.quantity, rem: remaining.get(line.id)! },
      locked: NOTHING_LOCKED,
      parts: NO_PARTS,
    })),
    applied: [],
    exclusiveBy: null,
  };
}

/**
 * Promotions adapter (owned by coupons): a promotion-action benefit is
 * evaluated by the promotions engine's `evaluateCandidate`, as a candidate
 * with the template's items, allocation and cap, no window, audience or
 * requirements (the coupon checks those itself), cascading on what is left
 * of each line, so a coupon and a promotion with the same action compute the
 * same discount. Coupon-only kinds are computed by `computeCouponDiscount`.
 * `targeted` may be shared by the evaluations of one order (the same lines).
 */
export function evaluateCouponBenefit(
  program: Program,
  template: CouponTemplate,
  couponCode: string,
  lines: readonly CartLine[],
  remaining: ReadonlyMap<string, Decimal>,
  ctx: EvalContext,
  money: MoneyRounding,
  targeted?: TargetedLines,
): CouponBenefitOutcome {
  const benefit = template.benefit;
  if (benefit.kind === 'free_item' || benefit.kind === 'service') {
    const own = lines.filter((l) =>
      benefit.kind === 'service' ? l.sku === benefit.service : matchLine(template.items, l),
    );
    const targets = own.map((l) => ({
      lineId: l.id,
      sku: l.sku,
      quantity: l.quantity,
      base: remaining.get(l.id)!,
    }));
    const d = computeCouponDiscount(benefit, targets, money);
    return { ok: true, ...d, gift: null, freeShipping: false, capped: false };
  }
  const ev = evaluateCandidate(
    program,
    money,
    couponCandidate(template, benefit, couponCode),
    couponCartState(lines, remaining),
    ctx,
    targeted,
  );
  if (!ev.ok) return { ok: false, minSpend: minSpendOf(ev.reason) };
  const a = ev.applied;
  return {
    ok: true,
    amount: a.amount,
    parts: a.lines,
    entitlement: null,
    gift: a.gift ? { sku: a.gift.sku, quantity: a.gift.quantity, value: a.gift.value } : null,
    freeShipping: a.freeShipping,
    capped: a.capped,
  };
}

function minSpendOf(r: PromotionSkipReason): CouponBenefitRefused['minSpend'] {
  return r.code === 'MIN_SPEND_NOT_MET' ? { required: r.required, actual: r.actual } : null;
}

/**
 * What a promotion-action benefit is worth (money discount plus gift value,
 * as `evaluateCouponBenefit` would give them), measured by the promotions
 * engine without allocating it over the lines; or why it gives nothing. Null
 * for a coupon-only benefit: computing it costs no more than measuring it.
 */
export function measureCouponBenefit(
  program: Program,
  template: CouponTemplate,
  couponCode: string,
  lines: readonly CartLine[],
  remaining: ReadonlyMap<string, Decimal>,
  ctx: EvalContext,
  money: MoneyRounding,
  targeted?: TargetedLines,
): { readonly ok: true; readonly worth: Decimal } | CouponBenefitRefused | null {
  const benefit = template.benefit;
  if (benefit.kind === 'free_item' || benefit.kind === 'service') return null;
  const m = measureCandidate(
    program,
    money,
    couponCandidate(template, benefit, couponCode),
    couponCartState(lines, remaining),
    ctx,
    targeted,
  );
  return m.ok ? { ok: true, worth: m.benefit } : { ok: false, minSpend: minSpendOf(m.reason) };
}
