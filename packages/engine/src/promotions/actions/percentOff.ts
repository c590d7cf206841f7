import { sum } from '../../money/index.js';
import type { ActionModule } from './actionModule.js';

/** `percent_off`: `percent` % of each targeted line's base. */
export const percentOff: ActionModule<'percent_off'> = {
  kind: 'percent_off',
  level: 'product',
  listable: true,
  evaluate({ action, targets }) {
    const rate = action.percent.div(100);
    const weights = targets.map((t) => t.base.times(rate));
    return {
      ok: true,
      amount: sum(weights),
      targets,
      weights,
      note: `${action.percent.toString()}% off`,
    };
  },
};
