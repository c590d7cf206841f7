import { Decimal } from '../../money/decimal.js';
import { miss, type PurchaseRuleKind } from './ruleKind.js';

/** `spendEvery`: `points` for every whole `every` spent on the rule's lines, at most `maxTimes`. */
export const spendEveryKind: PurchaseRuleKind<'spendEvery'> = {
  kind: 'spendEvery',
  family: 'purchase',
  evaluate: (rule, { spend }) => {
    let times = spend.divToInt(rule.every);
    if (times.isZero()) {
      return miss({ code: 'THRESHOLD_NOT_REACHED', required: rule.every, actual: spend });
    }
    if (rule.maxTimes !== undefined && times.gt(rule.maxTimes)) times = new Decimal(rule.maxTimes);
    return { type: 'order', points: rule.points.times(times) };
  },
};
