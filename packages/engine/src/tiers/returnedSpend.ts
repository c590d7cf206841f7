import { type CurrencyCode, type Decimal, minorUnits, round, ZERO } from '../money/index.js';
import type { Program } from '../program/schema.js';

/** A return of part of an order, as the tier activity sees it. */
export interface ReturnedSpendInput {
  /** The order's amount, which returned amounts are measured against. */
  readonly orderAmount: Decimal;
  /** The qualifying spend the order added: the money paid (the quote's `totals.payable`). */
  readonly moneyPaid: Decimal;
  /** What earlier returns of the order returned. */
  readonly returnedBefore: Decimal;
  /** What this return returns. */
  readonly returned: Decimal;
}

/**
 * The qualifying spend a return takes back from the tier activity: the
 * money paid in proportion to the amount returned, as the difference of the
 * rounded cumulative shares (money rounding at the currency's minor units)
 * after and before this return, so the returns of a whole order take back
 * exactly what it added, whatever the partial amounts (the law
 * `clawBackReturn` applies to points). An order of no amount added nothing.
 */
export function returnedSpend(program: Program, input: ReturnedSpendInput): Decimal {
  const { orderAmount, moneyPaid, returnedBefore, returned } = input;
  if (orderAmount.lte(0)) return ZERO;
  const scale = minorUnits(program.currency as CurrencyCode);
  const mode = program.rounding.money.mode;
  const share = (r: Decimal) =>
    round(moneyPaid.times(r.gt(orderAmount) ? orderAmount : r).div(orderAmount), scale, mode);
  return share(returnedBefore.plus(returned)).minus(share(returnedBefore));
}
