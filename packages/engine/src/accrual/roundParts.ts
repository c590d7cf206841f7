import { invariant } from '../internal/assert.js';
import { Decimal, round, ZERO } from '../money/index.js';

/**
 * Rounds exact non-negative `parts` to the points grid (`scale` decimal
 * places) so that they sum exactly to `target`, itself on the grid and
 * between the sums of the parts rounded down and rounded up. Each part
 * becomes its floor or its ceiling on the grid: the parts with the largest
 * fractional remainders are rounded up, ties to the lower index. A part is
 * therefore never more than one grid unit away from its exact value and
 * never above the smallest grid value >= it (so a cap on the grid that the
 * exact part respects is still respected).
 */
export function roundParts(target: Decimal, parts: readonly Decimal[], scale: number): Decimal[] {
  const floors = parts.map((p) => round(p, scale, 'FLOOR'));
  let floorSum = ZERO;
  for (const f of floors) floorSum = floorSum.plus(f);
  const unitsLeft = target.minus(floorSum).times(10 ** scale);
  invariant(
    unitsLeft.isInteger() && !unitsLeft.isNegative(),
    'roundParts: target below the floors',
  );
  let left = unitsLeft.toNumber();
  if (left === 0) return floors;
  const unit = new Decimal(10).pow(-scale);
  const order: number[] = [];
  for (let i = 0; i < parts.length; i++) if (!parts[i]!.eq(floors[i]!)) order.push(i);
  invariant(left <= order.length, 'roundParts: target above the ceilings');
  order.sort((a, b) => {
    const c = parts[b]!.minus(floors[b]!).comparedTo(parts[a]!.minus(floors[a]!));
    return c !== 0 ? c : a - b;
  });
  for (const i of order) {
    if (left === 0) break;
    floors[i] = floors[i]!.plus(unit);
    left -= 1;
  }
  return floors;
}
