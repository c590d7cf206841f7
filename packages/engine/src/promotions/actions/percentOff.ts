import { divideBy100, formatDecimal, multiply, sum } from '../../money/decimal.js';
import type { ActionModule } from './actionModule.js';

/** `percent_off`: `percent` % of each targeted line's base. */
export const percentOff: ActionModule<'percent_off'> = {
  kind: 'percent_off',
  level: 'product',
  listable: true,
  evaluate({ action, targets }) {
    // Shares are proportional to the bases: the bases are the allocation weights.
    const weights = targets.map((t) => t.base);
    return {
      ok: true,
      amount: divideBy100(multiply(sum(weights), action.percent)),
      targets,
      weights,
      note: `${formatDecimal(action.percent)}% off`,
    };
  },
};
