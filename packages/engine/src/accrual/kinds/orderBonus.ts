import type { PurchaseRuleKind } from './ruleKind.js';

/** `orderBonus`: fixed points once per order that meets the rule's conditions. */
export const orderBonusKind: PurchaseRuleKind<'orderBonus'> = {
  kind: 'orderBonus',
  family: 'purchase',
  evaluate: (rule) => ({ type: 'order', points: rule.points }),
};
