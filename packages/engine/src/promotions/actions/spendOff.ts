import {
  compare,
  Decimal,
  divideToInteger,
  formatDecimal,
  multiply,
  ZERO,
} from '../../money/decimal.js';
import type { ActionModule } from './actionModule.js';

/** `spend_off`: spend X get Y off: the highest step reached, or one step repeated per full spend. */
export const spendOff: ActionModule<'spend_off'> = {
  kind: 'spend_off',
  level: 'order',
  listable: false,
  evaluate({ action, targets, spend }) {
    const first = action.steps[0]!;
    if (compare(spend, first.spend) < 0) {
      return {
        ok: false,
        reason: { code: 'MIN_SPEND_NOT_MET', required: first.spend, actual: spend },
      };
    }
    if (action.repeat) {
      let times = divideToInteger(spend, first.spend);
      if (action.maxRepeats !== undefined && times.greaterThan(action.maxRepeats)) {
        times = new Decimal(action.maxRepeats);
      }
      return {
        ok: true,
        amount: multiply(first.off, times),
        targets,
        note: `every ${formatDecimal(first.spend)} off ${formatDecimal(first.off)}, ${formatDecimal(times)} times`,
      };
    }
    let off = ZERO;
    let reached = first.spend;
    for (const step of action.steps) {
      if (spend.gte(step.spend)) {
        off = step.off;
        reached = step.spend;
      }
    }
    return {
      ok: true,
      amount: off,
      targets,
      note: `spend ${formatDecimal(reached)} off ${formatDecimal(off)}`,
    };
  },
};
