import { invariant } from '../internal/assert.js';
import { Decimal, ZERO } from '../money/decimal.js';
import { round } from '../money/rounding.js';

const UNITS = [0, 1, 2, 3, 4].map((s) => new Decimal(10).pow(-s));

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
  const floors: Decimal[] = new Array(parts.length);
  let floorSum = ZERO;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const f = p.decimalPlaces() <= scale ? p : round(p, scale, 'FLOOR');
    floors[i] = f;
    floorSum = floorSum.plus(f);
  }
  const unit = UNITS[scale] ?? new Decimal(10).pow(-scale);
  const unitsLeft = target.minus(floorSum).div(unit);
  invariant(
    unitsLeft.isInteger() && !unitsLeft.isNegative(),
    'roundParts: target below the floors',
  );
  let left = unitsLeft.toNumber();
  if (left === 0) return floors;
  const order: number[] = [];
  const remainders: Decimal[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === floors[i]) continue;
    remainders[i] = parts[i]!.minus(floors[i]!);
    if (!remainders[i]!.isZero()) order.push(i);
  }
  invariant(left <= order.length, 'roundParts: target above the ceilings');
  order.sort((a, b) => remainders[b]!.comparedTo(remainders[a]!) || a - b);
  for (const i of order) {
    if (left === 0) break;
    floors[i] = floors[i]!.plus(unit);
    left -= 1;
  }
  return floors;
}
