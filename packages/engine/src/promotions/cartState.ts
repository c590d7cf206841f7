import type { CartLine } from '../model/cart.js';
import { add, type Decimal, ZERO } from '../money/decimal.js';
import type { AppliedPromotion, LineDiscountPart } from './types.js';

/** Units of a line and the amount left on them. */
export interface Pool {
  readonly qty: Decimal;
  readonly rem: Decimal;
}

/**
 * A line during evaluation: `open` units no `onePerUnit` promotion has
 * discounted yet, `locked` units that one has; `parts` by promotion.
 */
export interface LineState {
  readonly line: CartLine;
  readonly open: Pool;
  readonly locked: Pool;
  readonly parts: readonly LineDiscountPart[];
}

/** The cart between two promotions. Immutable: each application returns a new state. */
export interface CartState {
  /** Canonical order (by line id). */
  readonly lines: readonly LineState[];
  readonly applied: readonly AppliedPromotion[];
  /** Id of the exclusive promotion that applied, if any. */
  readonly exclusiveBy: string | null;
}

/** The starting state: lines sorted by id, nothing applied. */
export function initialCartState(lines: readonly CartLine[]): CartState {
  const sorted = [...lines].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    lines: sorted.map((line) => ({
      line,
      open: { qty: line.quantity, rem: line.net },
      locked: { qty: ZERO, rem: ZERO },
      parts: [],
    })),
    applied: [],
    exclusiveBy: null,
  };
}

/** Amount left on the whole line. */
export function remainingOf(s: LineState): Decimal {
  return s.locked.rem.isZero() ? s.open.rem : add(s.open.rem, s.locked.rem);
}
