import { invariant } from '../internal/assert.js';
import { allocate } from '../money/allocate.js';
import { compare, type Decimal, fromScaled, isPositive, toScaled, ZERO } from '../money/decimal.js';
import { floorDivide } from '../money/floorDivide.js';

/**
 * Splits `total` over parts by `weights` (largest remainder, via `allocate`)
 * without giving any part more than its cap: a part that would pass its cap is
 * held at the cap and the excess is split again over the parts with room.
 *
 * `total` and every cap are multiples of `10^-scale`, and `total <= sum(caps)`,
 * so the parts always sum exactly to `total`. Ties go to the lower index:
 * callers pass parts in canonical order.
 */
export function allocateCapped(
  total: Decimal,
  weights: readonly Decimal[],
  caps: readonly Decimal[],
  scale: number,
): Decimal[] {
  invariant(weights.length === caps.length, 'allocateCapped: weights and caps differ in length');
  // One part takes the whole total, whatever its weight (most promotions target one line).
  if (caps.length === 1 && isPositive(total) && compare(total, caps[0]!) <= 0) return [total];
  return (
    allocateCappedSmall(total, weights, caps, scale) ??
    allocateCappedDecimal(total, weights, caps, scale)
  );
}

/** Integers up to 2^50: products of two of them are checked against 2^53 before use. */
const SMALL = 2 ** 50;

/**
 * The same computation as `allocateCappedDecimal`, in exact JS integers (the
 * total and caps in `10^-scale` units, the weights scaled by one common power
 * of ten, which changes no share and no remainder order). Null when an
 * amount is off the grid, a weight is negative, a product could pass 2^53,
 * or the caps cannot take the total: the decimal path then computes the same
 * parts or reports the error.
 */
function allocateCappedSmall(
  total: Decimal,
  weights: readonly Decimal[],
  caps: readonly Decimal[],
  scale: number,
): Decimal[] | null {
  const n = caps.length;
  if (scale > 15) return null;
  const left0 = toScaled(total, scale);
  if (left0 === null || left0 > SMALL) return null;
  let places = 0;
  let nonZero = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w.isNegative()) return null;
    if (!w.isZero()) nonZero += 1;
    const dp = w.decimalPlaces();
    if (!(dp <= places)) places = dp;
  }
  // One non-zero weight (a buy-x-get-y unit price, say, with 40 digits) takes
  // everything while it has room, as weight 1 would: only its being non-zero counts.
  const indicator = places > 15 && nonZero === 1;
  if (places > 15 && !indicator) return null;
  const cap: number[] = new Array(n);
  const weight: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = toScaled(caps[i]!, scale);
    const w = indicator ? (weights[i]!.isZero() ? 0 : 1) : toScaled(weights[i]!, places);
    if (c === null || w === null || c > SMALL || w > SMALL) return null;
    cap[i] = c;
    weight[i] = w;
  }
  const parts: number[] = new Array(n).fill(0);
  let active: number[] = [];
  for (let i = 0; i < n; i++) if (cap[i]! > 0) active.push(i);
  let left = left0;
  while (left > 0) {
    if (active.length === 0) return null;
    if (active.length === 1) {
      const only = active[0]!;
      parts[only] = parts[only]! + left;
      if (parts[only]! > cap[only]!) return null;
      break;
    }
    // Largest remainder over the active parts (as `allocate`): shares of `left` by weight.
    let weightSum = 0;
    let maxWeight = 0;
    for (const i of active) {
      weightSum += weight[i]!;
      if (weight[i]! > maxWeight) maxWeight = weight[i]!;
    }
    const even = weightSum === 0;
    if (even) {
      weightSum = active.length;
      maxWeight = 1;
    }
    if (weightSum > SMALL || left * maxWeight > SMALL) return null;
    const shares: number[] = new Array(active.length);
    const rems: number[] = new Array(active.length);
    let allocated = 0;
    for (let k = 0; k < active.length; k++) {
      const numerator = left * (even ? 1 : weight[active[k]!]!);
      const q = floorDivide(numerator, weightSum);
      shares[k] = q;
      rems[k] = numerator - q * weightSum;
      allocated += q;
    }
    let leftover = left - allocated;
    if (leftover > 0 && active.length <= 16) {
      // The `leftover` (< parts) largest remainders, ties to the lower index, by repeated scans.
      for (; leftover > 0; leftover--) {
        let pick = -1;
        for (let k = 0; k < rems.length; k++) {
          if (rems[k]! >= 0 && (pick < 0 || rems[k]! > rems[pick]!)) pick = k;
        }
        shares[pick] = shares[pick]! + 1;
        rems[pick] = -1;
      }
    } else if (leftover > 0) {
      const order = rems.map((_r, k) => k).sort((a, b) => rems[b]! - rems[a]! || a - b);
      for (const k of order) {
        if (leftover <= 0) break;
        shares[k] = shares[k]! + 1;
        leftover -= 1;
      }
    }
    let excess = 0;
    const stillActive: number[] = [];
    for (let k = 0; k < active.length; k++) {
      const i = active[k]!;
      const want = parts[i]! + shares[k]!;
      if (want > cap[i]!) {
        excess += want - cap[i]!;
        parts[i] = cap[i]!;
      } else {
        parts[i] = want;
        if (want < cap[i]!) stillActive.push(i);
      }
    }
    left = excess;
    active = stillActive;
  }
  return parts.map((p) => fromScaled(p, scale));
}

/** `allocateCapped` in decimal arithmetic (any size). */
export function allocateCappedDecimal(
  total: Decimal,
  weights: readonly Decimal[],
  caps: readonly Decimal[],
  scale: number,
): Decimal[] {
  const parts = caps.map(() => ZERO);
  let active = caps.map((_c, i) => i).filter((i) => caps[i]!.greaterThan(0));
  let left = total;
  while (left.greaterThan(0)) {
    invariant(active.length > 0, 'allocateCapped: total exceeds the caps');
    if (active.length === 1) {
      const only = active[0]!;
      parts[only] = parts[only]!.plus(left);
      invariant(parts[only]!.lte(caps[only]!), 'allocateCapped: total exceeds the caps');
      break;
    }
    const shares = allocate(
      left,
      active.map((i) => weights[i]!),
      scale,
    );
    let excess = ZERO;
    const stillActive: number[] = [];
    active.forEach((i, k) => {
      const want = parts[i]!.isZero() ? shares[k]! : parts[i]!.plus(shares[k]!);
      if (want.greaterThan(caps[i]!)) {
        excess = excess.plus(want.minus(caps[i]!));
        parts[i] = caps[i]!;
      } else {
        parts[i] = want;
        if (want.lessThan(caps[i]!)) stillActive.push(i);
      }
    });
    left = excess;
    active = stillActive;
  }
  return parts;
}

/**
 * Fills parts in the given order, each up to its cap, until `total` is used
 * (cheapest-first and most-expensive-first allocation).
 */
export function fillInOrder(
  total: Decimal,
  order: readonly number[],
  caps: readonly Decimal[],
): Decimal[] {
  const parts = caps.map(() => ZERO);
  let left = total;
  for (const i of order) {
    if (!left.greaterThan(0)) break;
    const take = left.lte(caps[i]!) ? left : caps[i]!;
    parts[i] = take;
    left = left.minus(take);
  }
  invariant(left.isZero(), 'fillInOrder: total exceeds the caps');
  return parts;
}
