import { min, sum } from '../../money/decimal.js';
import type { ActionModule } from './actionModule.js';

/** `free_shipping`: the free-shipping flag, and the cart's shipping lines discounted (up to `maxAmount`). */
export const freeShipping: ActionModule<'free_shipping'> = {
  kind: 'free_shipping',
  level: 'shipping',
  listable: false,
  evaluate({ action, shipping }) {
    const full = sum(shipping.map((t) => t.base));
    const amount = action.maxAmount ? min(full, action.maxAmount) : full;
    return {
      ok: true,
      amount,
      targets: shipping,
      weights: shipping.map((t) => t.base),
      freeShipping: true,
      note: 'free shipping',
    };
  },
};
