/**
 * The exact floor of `numerator / divisor` for integers with
 * `|numerator| <= 2^52` and `0 < divisor <= 2^52` (the allocations' fast
 * paths stay below 2^50): the floating quotient corrected by its exact
 * integer remainder, every intermediate term an integer below 2^53.
 */
export function floorDivide(numerator: number, divisor: number): number {
  let q = Math.floor(numerator / divisor);
  let r = numerator - q * divisor;
  while (r < 0) {
    q -= 1;
    r += divisor;
  }
  while (r >= divisor) {
    q += 1;
    r -= divisor;
  }
  return q;
}
