import {
  Decimal,
  type DecimalInput,
  fromScaled,
  placesOf,
  toDecimal,
  toScaled,
  ZERO,
} from './decimal.js';
import { floorDivide } from './floorDivide.js';

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
  return allocateSmall(total, weights, scale) ?? allocateDecimal(total, weights, scale);
}

/** Integers up to 2^50: products of two of them are checked against 2^53 before use. */
const SMALL = 2 ** 50;

/** `value * 10^places` as a JS integer of at most `SMALL` when that is exact, else null. */
function scaled(value: Decimal, places: number): number | null {
  const n = toScaled(value, places);
  return n !== null && Math.abs(n) <= SMALL ? n : null;
}

/**
 * The same largest-remainder allocation as `allocateDecimal`, in exact JS
 * integer arithmetic, for the common case: Decimal inputs of our clone, a
 * total on the unit grid, non-negative weights with at most 15 decimals, and
 * every product below 2^53. Null when the case does not fit (the decimal path
 * then computes it, or reports the error).
 */
function allocateSmall(
  total: DecimalInput,
  weights: readonly DecimalInput[],
  scale: number,
): Decimal[] | null {
  if (weights.length === 0 || scale > 15 || !(total instanceof Decimal) || !total.isFinite())
    return null;
  if (placesOf(total) > scale) return null;
  let places = 0;
  for (const w of weights) {
    if (!(w instanceof Decimal) || !w.isFinite() || w.isNegative()) return null;
    const dp = placesOf(w);
    if (dp > 15) return null;
    if (dp > places) places = dp;
  }
  const units = scaled(total, scale);
  if (units === null) return null;
  const ints: number[] = [];
  let weightSum = 0;
  for (const w of weights) {
    const n = scaled(w as Decimal, places);
    if (n === null) return null;
    ints.push(n);
    weightSum += n;
  }
  if (weightSum === 0) {
    for (let i = 0; i < ints.length; i++) ints[i] = 1;
    weightSum = ints.length;
  }
  if (weightSum > SMALL) return null;
  const absUnits = Math.abs(units);
  let maxWeight = 0;
  for (const w of ints) if (w > maxWeight) maxWeight = w;
  if (absUnits * maxWeight > SMALL) return null;
  const floors: number[] = [];
  const remainders: number[] = [];
  let allocated = 0;
  for (const w of ints) {
    const numerator = absUnits * w;
    const q = floorDivide(numerator, weightSum);
    floors.push(q);
    remainders.push(numerator - q * weightSum);
    allocated += q;
  }
  let leftover = absUnits - allocated;
  const order = remainders
    .map((_r, i) => i)
    .sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (const i of order) {
    if (leftover <= 0) break;
    floors[i] = floors[i]! + 1;
    leftover -= 1;
  }
  const negative = units < 0;
  return floors.map((q) => (q === 0 ? ZERO : fromScaled(negative ? -q : q, scale)));
}

/** The largest-remainder allocation in decimal arithmetic (any size). */
export function allocateDecimal(
  total: DecimalInput,
  weights: readonly DecimalInput[],
  scale: number,
): Decimal[] {
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
