import { invariant } from '../internal/assert.js';
import { allocate } from '../money/allocate.js';
import { type Decimal, ZERO } from '../money/decimal.js';

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
