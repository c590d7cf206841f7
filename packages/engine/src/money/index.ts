export { allocate } from './allocate.js';
export {
  CURRENCIES,
  CURRENCY_CODES,
  type CurrencyCode,
  isCurrencyCode,
  minorUnits,
} from './currency.js';
export {
  Decimal,
  type DecimalInput,
  isDecimalString,
  max,
  min,
  ONE,
  sum,
  toDecimal,
  ZERO,
} from './decimal.js';
export { ROUNDING_MODES, type RoundingMode, round } from './rounding.js';
