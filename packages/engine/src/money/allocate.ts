import { Decimal, type DecimalInput, toDecimal, ZERO } from './decimal.js';

/**
 * Splits `total` over `weights` exactly, by the largest-remainder method.
 *
 * - The parts always sum to `total`, each a multiple of `10^-scale`.
 * - `total` must itself be a multiple of `10^-scale` (round it first).
 * - Weights are non-negative; a zero weight gets zero unless every weight is
 *   zero, in which case the total is split evenly.
 * - No part has the opposite sign of `total`; a non-negative total never
 *   yields a negative part.
 * - Each part differs from its exact share `total * w / sum(w)` by less than
 *   one unit of `10^-scale`.
 * - Ties between equal remainders go to the lower index, so the result
 *   depends only on the order of `weights`. Callers that need independence
 *   from input order sort their parts canonically first.
 */
export function allocate(
  total: DecimalInput,
  weights: readonly DecimalInput[],
  scale: number,
): Decimal[] {
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) {
    throw new RangeError('allocate: scale must be an integer in [0, 18]');
  }
  const amount = toDecimal(total);
  if (weights.length === 0) {
    if (!amount.isZero())
      throw new RangeError('allocate: cannot split a non-zero total over no parts');
    return [];
  }
  const unit = new Decimal(10).pow(-scale);
  const units = amount.div(unit);
  if (!units.isInteger()) {
    throw new RangeError(
      `allocate: total ${amount.toString()} is not a multiple of ${unit.toString()}`,
    );
  }
  let ws = weights.map((w) => {
    const d = toDecimal(w);
    if (d.isNegative() && !d.isZero())
      throw new RangeError('allocate: weights must be non-negative');
    return d;
  });
  if (ws.every((w) => w.isZero())) ws = ws.map(() => new Decimal(1));

  // Scale weights to integers so that every step below is exact integer arithmetic.
  const places = ws.reduce((m, w) => Math.max(m, w.decimalPlaces()), 0);
  const factor = new Decimal(10).pow(places);
  const intWeights = ws.map((w) => w.times(factor));
  const weightSum = intWeights.reduce((a, w) => a.plus(w), ZERO);

  const negative = units.isNegative();
  const absUnits = units.abs();
  const floors: Decimal[] = [];
  const remainders: Decimal[] = [];
  let allocated = ZERO;
  for (const w of intWeights) {
    const numerator = absUnits.times(w);
    const q = numerator.divToInt(weightSum);
    floors.push(q);
    remainders.push(numerator.minus(q.times(weightSum)));
    allocated = allocated.plus(q);
  }
  let leftover = absUnits.minus(allocated).toNumber();
  const order = remainders
    .map((_r, i) => i)
    .sort((a, b) => {
      const c = remainders[b]!.comparedTo(remainders[a]!);
      return c !== 0 ? c : a - b;
    });
  for (const i of order) {
    if (leftover <= 0) break;
    floors[i] = floors[i]!.plus(1);
    leftover -= 1;
  }
  return floors.map((q) => {
    const part = q.times(unit);
    return negative && !part.isZero() ? part.negated() : part;
  });
}
