import { compare } from '../../money/decimal.js';
import { miss, type PurchaseRuleKind } from './ruleKind.js';

/** `spendThreshold`: the points of the highest step whose `spend` the rule's lines reach. */
export const spendThresholdKind: PurchaseRuleKind<'spendThreshold'> = {
  kind: 'spendThreshold',
  family: 'purchase',
  evaluate: (rule, { spend }) => {
    for (let i = rule.steps.length - 1; i >= 0; i--) {
      const step = rule.steps[i]!;
      if (compare(spend, step.spend) >= 0) return { type: 'order', points: step.points };
    }
    return miss({ code: 'THRESHOLD_NOT_REACHED', required: rule.steps[0]!.spend, actual: spend });
  },
};
