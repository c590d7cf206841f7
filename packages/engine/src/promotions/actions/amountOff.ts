import { formatDecimal, sum } from '../../money/decimal.js';
import type { ActionModule } from './actionModule.js';

/** `amount_off`: a fixed amount per order (spread by the promotion's allocation) or per unit. */
export const amountOff: ActionModule<'amount_off'> = {
  kind: 'amount_off',
  level: 'product',
  listable: true,
  evaluate({ action, targets }) {
    if (action.per === 'unit') {
      const weights = targets.map((t) => t.units.times(action.amount));
      return {
        ok: true,
        amount: sum(weights),
        targets,
        weights,
        note: `${formatDecimal(action.amount)} off per unit`,
      };
    }
    return {
      ok: true,
      amount: action.amount,
      targets,
      note: `${formatDecimal(action.amount)} off`,
    };
  },
};
