import {
  type AcceptedCoupon,
  type CouponCheckContext,
  type CouponCheckMemo,
  type CouponInstance,
  type CouponInstanceInput,
  type CouponMeasured,
  type CouponResult,
  checkCoupon,
  findCouponTemplate,
  type LimitUsage,
  MAX_COUPON_CODE_LENGTH,
  type MoneyRounding,
  measureCoupon,
  normalizeCouponInstance,
  pendingUsageKey,
} from '../coupons/index.js';
import { InputError } from '../errors.js';
import { invariant } from '../internal/assert.js';
import type { CartLine } from '../model/cart.js';
import type { EvalContext } from '../model/context.js';
import { add, compare, type Decimal, subtract, ZERO } from '../money/decimal.js';
import type { Program } from '../program/schema.js';
// Not in the promotions index: only the coupons' evaluations share it.
import { TargetedLines } from '../promotions/evaluateCandidate.js';

/** Most coupon codes one quote takes. */
export const MAX_COUPONS_PER_ORDER = 20;

/** The coupons of an order after promotions: each result, and what is left of each line. */
export interface CouponsOutcome {
  /** One result per code, sorted by code. */
  readonly results: readonly CouponResult[];
  /** Accepted coupons, in the order they were applied. */
  readonly appliedOrder: readonly string[];
  /** Amount left on each line after promotions and coupons. */
  readonly remaining: ReadonlyMap<string, Decimal>;
}

interface Args {
  readonly program: Program;
  readonly ctx: EvalContext;
  readonly lines: readonly CartLine[];
  readonly afterPromotions: ReadonlyMap<string, Decimal>;
  readonly appliedPromotionIds: readonly string[];
  readonly exclusivePromotionId: string | null;
  readonly codes: readonly string[];
  readonly instances: readonly CouponInstanceInput[];
  readonly money: MoneyRounding;
}

function worth(r: CouponResult | CouponMeasured): Decimal {
  if (!r.valid) return ZERO;
  if ('measured' in r) return r.worth;
  return r.gift ? r.discount.plus(r.gift.value) : r.discount;
}

const NO_USAGE: LimitUsage = { redemptions: 0, amount: ZERO };

/** A coupon checked alone, with its template's priority (for ranking). */
interface Alone {
  readonly coupon: CouponInstance;
  readonly result: CouponResult | CouponMeasured;
  readonly priority: number;
}

/** Valid first, then most valuable alone, then template priority, then code. */
function byRank(x: Alone, y: Alone): number {
  if (x.result.valid !== y.result.valid) return x.result.valid ? -1 : 1;
  const c = compare(worth(y.result), worth(x.result));
  if (c !== 0) return c;
  if (x.priority !== y.priority) return y.priority - x.priority;
  return x.coupon.code < y.coupon.code ? -1 : 1;
}

/** A code with no instance: checked as such, it is refused `UNKNOWN_COUPON`. */
function unknownCoupon(code: string): CouponInstance {
  return {
    code,
    templateId: '',
    ownerMemberId: null,
    issuedAtMs: 0,
    status: 'active',
    timesUsed: 0,
    usage: new Map(),
  };
}

function checkContext(
  a: Args,
  memo: CouponCheckMemo,
  remaining: ReadonlyMap<string, Decimal>,
  acceptedCoupons: readonly AcceptedCoupon[],
  pendingUsage: ReadonlyMap<string, LimitUsage>,
): CouponCheckContext {
  return {
    program: a.program,
    ctx: a.ctx,
    lines: a.lines,
    afterPromotions: a.afterPromotions,
    appliedPromotionIds: a.appliedPromotionIds,
    exclusivePromotionId: a.exclusivePromotionId,
    money: a.money,
    memo,
    remaining,
    acceptedCoupons,
    pendingUsage,
  };
}

/** The order's coupon instances by code, normalised; throws `InputError` on a malformed or repeated one. */
function instancesByCode(inputs: readonly CouponInstanceInput[]): Map<string, CouponInstance> {
  const byCode = new Map<string, CouponInstance>();
  for (let i = 0; i < inputs.length; i++) {
    const instance = normalizeCouponInstance(inputs[i]!, ['coupons', i]);
    if (byCode.has(instance.code)) {
      throw new InputError([
        {
          path: ['coupons', i, 'code'],
          code: 'duplicate',
          message: `Duplicate coupon ${instance.code}`,
        },
      ]);
    }
    byCode.set(instance.code, instance);
  }
  return byCode;
}

/**
 * Applies the order's coupons after its promotions. Each coupon is first
 * checked alone on the promoted cart; then they are applied one by one,
 * most valuable alone first (ties: template priority, then code), each on
 * what the previous ones left, and each checked against the coupons already
 * accepted (stacking, limits counted within the order). The result depends
 * only on the set of codes, never on their order.
 */
export function applyCoupons(a: Args): CouponsOutcome {
  const distinct = new Set<string>();
  for (let i = 0; i < a.codes.length; i++) {
    const code = a.codes[i];
    if (typeof code !== 'string' || code.length === 0 || code.length > MAX_COUPON_CODE_LENGTH) {
      throw new InputError([
        {
          path: ['couponCodes', i],
          code: 'invalid_type',
          message: `A coupon code is a non-empty string of at most ${MAX_COUPON_CODE_LENGTH} characters`,
        },
      ]);
    }
    distinct.add(code);
  }
  for (const input of a.instances) distinct.add(input.code);
  const codes = [...distinct].sort();
  if (codes.length > MAX_COUPONS_PER_ORDER) {
    throw new InputError([
      {
        path: ['coupons'],
        code: 'too_big',
        message: `At most ${MAX_COUPONS_PER_ORDER} coupons per order`,
      },
    ]);
  }
  const byCode = instancesByCode(a.instances);
  const memo: CouponCheckMemo = {
    windows: new Map(),
    applicable: new Map(),
    targeted: new TargetedLines(),
  };
  // Alone, a coupon is only measured: most are checked again on what the others left. A lone
  // coupon's check alone is its result.
  const aloneContext = checkContext(a, memo, a.afterPromotions, [], new Map());
  const check = codes.length === 1 ? checkCoupon : measureCoupon;
  const alone: Alone[] = [];
  for (const code of codes) {
    const coupon = byCode.get(code) ?? unknownCoupon(code);
    alone.push({
      coupon,
      result: check(coupon, aloneContext),
      priority: findCouponTemplate(a.program, coupon.templateId)?.priority ?? 0,
    });
  }
  alone.sort(byRank);

  const remaining = new Map<string, Decimal>();
  for (const [lineId, amount] of a.afterPromotions) remaining.set(lineId, amount);
  const accepted: AcceptedCoupon[] = [];
  const pending = new Map<string, LimitUsage>();
  const results = new Map<string, CouponResult>();
  for (const { coupon, result: first } of alone) {
    if (!first.valid) {
      results.set(coupon.code, first);
      continue;
    }
    // The first coupon applied sees the order exactly as it was checked alone.
    const r =
      accepted.length > 0
        ? checkCoupon(coupon, checkContext(a, memo, remaining, accepted, pending))
        : 'measured' in first
          ? checkCoupon(coupon, aloneContext)
          : first;
    results.set(coupon.code, r);
    if (!r.valid) continue;
    for (const part of r.lines) {
      const left = subtract(remaining.get(part.lineId)!, part.amount);
      invariant(!left.isNegative(), 'applyCoupons: a coupon took more than was left on a line');
      remaining.set(part.lineId, left);
    }
    const template = findCouponTemplate(a.program, r.templateId)!;
    accepted.push({
      couponCode: r.couponCode,
      templateId: r.templateId,
      stacking: template.stacking,
    });
    for (const l of r.redemption.change.limits) {
      const key = pendingUsageKey(r.templateId, l.limitId);
      const prev = pending.get(key) ?? NO_USAGE;
      pending.set(key, {
        redemptions: prev.redemptions + l.redemptions,
        amount: add(prev.amount, l.amount),
      });
    }
  }
  return {
    results: codes.map((c) => results.get(c)!),
    appliedOrder: accepted.map((c) => c.couponCode),
    remaining,
  };
}
