import type { CartLine } from '../../model/cart.js';
import type { EvalContext } from '../../model/context.js';
import type { Decimal } from '../../money/decimal.js';
import type { PromotionAction, PromotionActionKind } from '../../program/promotions.js';
import type { Program } from '../../program/schema.js';
import type { PromotionCandidate, PromotionSkipReason } from '../types.js';

/** Units of one line an action may discount, with their base amount. */
export interface ActionTarget {
  /** Index of the line in canonical order. */
  readonly index: number;
  readonly line: CartLine;
  /** Units the action may discount (all units, or the not-yet-discounted ones for `onePerUnit`). */
  readonly units: Decimal;
  /** Base amount of those units (`stacking.base`: what is left, or the amount before promotions). */
  readonly base: Decimal;
}

/** What an action module is given. */
export interface ActionInput<A extends PromotionAction = PromotionAction> {
  readonly action: A;
  readonly promotion: PromotionCandidate;
  /** Targeted lines, canonical order. */
  readonly targets: readonly ActionTarget[];
  /** Spend on the targeted lines at the promotion's base (whole lines). */
  readonly spend: Decimal;
  /** The cart's shipping lines (whole); filled only for `shipping`-level actions. */
  readonly shipping: readonly ActionTarget[];
  readonly ctx: EvalContext;
  readonly program: Program;
}

/**
 * What an action gives, before rounding and allocation: an exact `amount`
 * spread over `targets`, by `weights` when given (proportional to each target's share) or
 * else by the promotion's `allocation`; `lock` lists, per target, the units a
 * `onePerUnit` promotion consumes (default: all units of targets that get a
 * part).
 */
export type ActionResult =
  | { readonly ok: false; readonly reason: PromotionSkipReason }
  | {
      readonly ok: true;
      readonly amount: Decimal;
      readonly targets: readonly ActionTarget[];
      readonly weights?: readonly Decimal[] | undefined;
      readonly lock?: readonly Decimal[] | undefined;
      readonly gift?: {
        readonly sku: string;
        readonly quantity: number;
        readonly unitValue: Decimal;
      };
      readonly freeShipping?: boolean;
      readonly note: string;
    };

/**
 * One promotion action kind. `level` says what it discounts: `product`
 * discounts (subject to `onePerUnit`), `order` discounts, `shipping`, or a
 * `gift`. `listable` kinds give a per-item price without a cart (`memberPrices`).
 */
export interface ActionModule<K extends PromotionActionKind = PromotionActionKind> {
  readonly kind: K;
  readonly level: 'product' | 'order' | 'shipping' | 'gift';
  readonly listable: boolean;
  evaluate(input: ActionInput<Extract<PromotionAction, { kind: K }>>): ActionResult;
}
