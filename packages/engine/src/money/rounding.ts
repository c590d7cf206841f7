import { Decimal as DecimalJs } from 'decimal.js';
import type { Decimal } from './decimal.js';

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

/** Rounds `value` to `scale` decimal places with the named mode. */
export function round(value: Decimal, scale: number, mode: RoundingMode): Decimal {
  return value.toDecimalPlaces(scale, TO_DECIMAL_JS[mode]) as Decimal;
}
