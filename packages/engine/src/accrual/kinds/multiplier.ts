import type { PurchaseRuleKind } from './ruleKind.js';

/** `multiplier`: multiplies the base points of its lines; combined per `earning.combine`. */
export const multiplierKind: PurchaseRuleKind<'multiplier'> = {
  kind: 'multiplier',
  family: 'purchase',
  evaluate: (rule) => ({ type: 'multiplier', factor: rule.multiplier }),
};
