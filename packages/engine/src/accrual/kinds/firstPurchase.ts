import { miss, type PurchaseRuleKind } from './ruleKind.js';

/** `firstPurchase`: fixed points when the member has no purchase before this one. */
export const firstPurchaseKind: PurchaseRuleKind<'firstPurchase'> = {
  kind: 'firstPurchase',
  family: 'purchase',
  evaluate: (rule, { purchasesBefore }) =>
    purchasesBefore === 0
      ? { type: 'order', points: rule.points }
      : miss({ code: 'NOT_FIRST_PURCHASE', purchasesBefore }),
};
