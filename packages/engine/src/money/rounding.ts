import { Decimal as DecimalJs } from 'decimal.js';
import { type Decimal, fromScaled, placesOf, toScaled, units7 } from './decimal.js';

/**
 * Named rounding modes. Every rounding in the engine names one explicitly;
 * programs choose them in configuration.
 *
 * - `HALF_EVEN` banker's rounding (money default)
 * - `HALF_UP` / `HALF_DOWN` ties away from / towards zero
 * - `UP` / `DOWN` away from / towards zero
 * - `CEILING` / `FLOOR` towards +infinity / -infinity (points default: FLOOR)
 */
export const ROUNDING_MODES = [
  'HALF_EVEN',
  'HALF_UP',
  'HALF_DOWN',
  'UP',
  'DOWN',
  'CEILING',
  'FLOOR',
] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

const TO_DECIMAL_JS: Record<RoundingMode, DecimalJs.Rounding> = {
  HALF_EVEN: DecimalJs.ROUND_HALF_EVEN,
  HALF_UP: DecimalJs.ROUND_HALF_UP,
  HALF_DOWN: DecimalJs.ROUND_HALF_DOWN,
  UP: DecimalJs.ROUND_UP,
  DOWN: DecimalJs.ROUND_DOWN,
  CEILING: DecimalJs.ROUND_CEIL,
  FLOOR: DecimalJs.ROUND_FLOOR,
};

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `value`, worth `n` units (a non-negative integer below 2^53), rounded by
 * `mode` to a multiple of `unit` units (the grid of `scale` decimals): the
 * value itself when it is on the grid, else `q` or `q + 1` units of the grid.
 * Both integer paths of `round` decompose here.
 */
function roundUnits(
  value: Decimal,
  n: number,
  unit: number,
  scale: number,
  mode: RoundingMode,
): Decimal {
  // Exact: both below 2^53, the floor of the quotient included.
  const q = Math.floor(n / unit);
  const r = n - q * unit;
  // On the grid (zero of either sign included): the value as it is.
  if (r === 0) return value;
  const twice = 2 * r;
  let up: boolean;
  switch (mode) {
    case 'UP':
    case 'CEILING':
      up = true;
      break;
    case 'DOWN':
    case 'FLOOR':
      up = false;
      break;
    case 'HALF_UP':
      up = twice >= unit;
      break;
    case 'HALF_DOWN':
      up = twice > unit;
      break;
    case 'HALF_EVEN':
      up = twice > unit || (twice === unit && q % 2 === 1);
      break;
  }
  return fromScaled(up ? q + 1 : q, scale);
}

/**
 * Rounds `value` to `scale` decimal places with the named mode. A value
 * already on the grid is returned as it is; a non-negative one with at most
 * 15 decimals is rounded in exact integer arithmetic (the `rounding.test.ts`
 * property checks it against decimal.js); anything else by decimal.js. An
 * amount below 10^7 with at most 7 decimals (`units7`) is read as its units
 * of 10^-7, without counting its places.
 */
export function round(value: Decimal, scale: number, mode: RoundingMode): Decimal {
  if (scale >= 0 && scale <= 7) {
    const u = units7(value);
    if (u !== null) {
      const unit = POW10[7 - scale]!;
      if (u >= 0) return roundUnits(value, u, unit, scale, mode);
      if (-u % unit === 0) return value;
      return value.toDecimalPlaces(scale, TO_DECIMAL_JS[mode]) as Decimal;
    }
  }
  const places = placesOf(value);
  if (places <= scale) return value;
  if (places <= 15 && scale >= 0 && !value.isNegative()) {
    const n = toScaled(value, places);
    // Off the grid (places > scale): never the value itself.
    if (n !== null) return roundUnits(value, n, POW10[places - scale]!, scale, mode);
  }
  return value.toDecimalPlaces(scale, TO_DECIMAL_JS[mode]) as Decimal;
}
