import type { z } from 'zod';
import { allocate } from '../money/allocate.js';
import { type Decimal, sum, ZERO } from '../money/decimal.js';
import { type RoundingMode, round } from '../money/rounding.js';
import type { zFreeItemBenefit, zServiceBenefit } from '../program/coupons.js';

/** The coupon-only `free_item` benefit. */
export type FreeItemBenefit = z.output<typeof zFreeItemBenefit>;
/** The coupon-only `service` benefit. */
export type ServiceBenefit = z.output<typeof zServiceBenefit>;

/** A line the coupon may discount, with what is left of it to discount. */
export interface CouponTargetLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: Decimal;
  /** The line's amount after automatic promotions and earlier coupons, >= 0. */
  readonly base: Decimal;
}

/** A coupon's discount on one line. */
export interface CouponLinePart {
  readonly lineId: string;
  readonly amount: Decimal;
}

/** What a coupon's benefit gives on its target lines. */
export interface CouponDiscount {
  readonly amount: Decimal;
  /** Non-zero parts only, sorted by line id; they sum exactly to `amount`. */
  readonly parts: readonly CouponLinePart[];
  /** For a `service` coupon: the entitlement it grants, whether or not a line was discounted. */
  readonly entitlement: { readonly service: string; readonly units: number } | null;
}

/** Money settings: the currency's minor unit and the program's rounding mode. */
export interface MoneyRounding {
  readonly scale: number;
  readonly mode: RoundingMode;
}

function byId(a: CouponTargetLine, b: CouponTargetLine): number {
  return a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;
}

/** Spreads `amount` over lines in proportion to their base (exact; ties to the lower line id). */
export function spreadOverLines(
  amount: Decimal,
  lines: readonly CouponTargetLine[],
  scale: number,
): CouponLinePart[] {
  if (amount.isZero() || lines.length === 0) return [];
  const sorted = [...lines].sort(byId);
  const parts = allocate(
    amount,
    sorted.map((l) => l.base),
    scale,
  );
  return sorted
    .map((l, i) => ({ lineId: l.lineId, amount: parts[i]! }))
    .filter((p) => !p.amount.isZero());
}

/** Whole units free, cheapest (or dearest) first; a line given away whole is free to the last cent. */
function freeUnits(
  lines: readonly CouponTargetLine[],
  count: number,
  pick: 'cheapest' | 'most_expensive',
  money: MoneyRounding,
): CouponLinePart[] {
  const units = lines
    .map((l) => ({
      line: l,
      whole: l.quantity.floor(),
      value: round(l.base.div(l.quantity), money.scale, 'FLOOR'),
    }))
    .filter((u) => u.whole.gt(0) && u.value.gt(0))
    .sort((a, b) => {
      const c = a.value.comparedTo(b.value);
      return c !== 0 ? (pick === 'cheapest' ? c : -c) : byId(a.line, b.line);
    });
  const parts: CouponLinePart[] = [];
  let left = count;
  for (const u of units) {
    if (left <= 0) break;
    const take = Math.min(left, u.whole.toNumber());
    left -= take;
    const wholeLine = u.line.quantity.eq(take);
    parts.push({
      lineId: u.line.lineId,
      amount: wholeLine ? round(u.line.base, money.scale, 'FLOOR') : u.value.times(take),
    });
  }
  return parts.filter((p) => !p.amount.isZero()).sort((a, b) => (a.lineId < b.lineId ? -1 : 1));
}

/**
 * The discount of a coupon-only benefit (`free_item`, `service`) on its
 * target lines: whole units free, valued at the amount left on them (rounded
 * down to the minor unit, so a discount never exceeds what it targets); parts
 * sum exactly. Promotion-action benefits are computed by the promotions
 * engine (`evaluateCouponBenefit`).
 */
export function computeCouponDiscount(
  benefit: FreeItemBenefit | ServiceBenefit,
  lines: readonly CouponTargetLine[],
  money: MoneyRounding,
): CouponDiscount {
  if (benefit.kind === 'free_item') {
    const parts = freeUnits(lines, benefit.quantity, benefit.pick, money);
    return { amount: sum(parts.map((p) => p.amount)), parts, entitlement: null };
  }
  const own = lines.filter((l) => l.sku === benefit.service);
  const parts = freeUnits(own, benefit.units, 'cheapest', money);
  return {
    amount: parts.length ? sum(parts.map((p) => p.amount)) : ZERO,
    parts,
    entitlement: { service: benefit.service, units: benefit.units },
  };
}
