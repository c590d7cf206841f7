import { add, compare, ZERO } from '../../money/decimal.js';
import { miss, type PurchaseRuleKind } from './ruleKind.js';

/**
 * `combined`: fixed points once per order holding, for every group, lines of
 * that group (among the rule's lines) with at least `minQuantity` units and
 * `minSpend` spend. Reports the first incomplete group.
 */
export const combinedKind: PurchaseRuleKind<'combined'> = {
  kind: 'combined',
  family: 'purchase',
  evaluate: (rule, { lines, targeted }) => {
    for (let g = 0; g < rule.groups.length; g++) {
      const group = rule.groups[g]!;
      let quantity = ZERO;
      let spend = ZERO;
      let any = false;
      for (const l of targeted.within(lines, group.lines)) {
        any = true;
        if (group.minQuantity) quantity = add(quantity, l.line.quantity);
        if (group.minSpend) spend = add(spend, l.basis);
      }
      if (
        !any ||
        (group.minQuantity && compare(quantity, group.minQuantity) < 0) ||
        (group.minSpend && compare(spend, group.minSpend) < 0)
      ) {
        return miss({ code: 'COMBINATION_INCOMPLETE', group: g });
      }
    }
    return { type: 'order', points: rule.points };
  },
};
