import type { PromotionActionKind } from '../../program/promotions.js';
import type { ActionModule } from './actionModule.js';
import { amountOff } from './amountOff.js';
import { buyXGetY } from './buyXGetY.js';
import { freeGift } from './freeGift.js';
import { freeShipping } from './freeShipping.js';
import { memberPrice } from './memberPrice.js';
import { percentOff } from './percentOff.js';
import { spendOff } from './spendOff.js';
import { tierDiscount } from './tierDiscount.js';

/**
 * Every action kind, in one frozen, ordered list. The order is the order of
 * `zPromotionAction` and of the docs; it does not affect results (promotions
 * are applied in priority order, whatever their kind).
 */
export const ACTION_MODULES: readonly ActionModule[] = Object.freeze([
  percentOff,
  amountOff,
  spendOff,
  buyXGetY,
  memberPrice,
  freeGift,
  freeShipping,
  tierDiscount,
] as ActionModule[]);

const BY_KIND = new Map<PromotionActionKind, ActionModule>(ACTION_MODULES.map((m) => [m.kind, m]));

/** The module of an action kind. */
export function actionModule(kind: PromotionActionKind): ActionModule {
  const module = BY_KIND.get(kind);
  if (!module) throw new Error(`Tessera invariant violated: no module for action ${kind}`);
  return module;
}
