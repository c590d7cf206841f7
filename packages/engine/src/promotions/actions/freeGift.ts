import { ZERO } from '../../money/decimal.js';
import type { ActionModule } from './actionModule.js';

/** `free_gift`: adds a gift line; discounts no cart line. */
export const freeGift: ActionModule<'free_gift'> = {
  kind: 'free_gift',
  level: 'gift',
  listable: false,
  evaluate({ action }) {
    return {
      ok: true,
      amount: ZERO,
      targets: [],
      gift: { sku: action.sku, quantity: action.quantity, unitValue: action.value },
      note: `gift ${action.quantity} x ${action.sku}`,
    };
  },
};
