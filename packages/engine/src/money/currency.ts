/**
 * ISO 4217 currencies the engine knows, with their minor units (the number of
 * decimal places of the smallest coin). Amounts of money are rounded to the
 * currency's minor unit; points have their own scale.
 */
export const CURRENCIES = {
  AED: 2,
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MOP: 2,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PLN: 2,
  QAR: 2,
  RUB: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  TWD: 2,
  UAH: 2,
  USD: 2,
  VND: 0,
  ZAR: 2,
} as const satisfies Record<string, number>;

export type CurrencyCode = keyof typeof CURRENCIES;

/** The currency codes, sorted, for schemas and docs. */
export const CURRENCY_CODES = Object.keys(CURRENCIES).sort() as CurrencyCode[];

/** True when `code` is a currency the engine knows. */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

/** Number of decimal places of the currency's minor unit (2 for CNY, 0 for JPY, 3 for KWD). */
export function minorUnits(code: CurrencyCode): number {
  return CURRENCIES[code];
}
