import { miss, type PurchaseRuleKind } from './ruleKind.js';

/** `nthPurchase`: fixed points on the n-th purchase, or on every n-th with `repeat`. */
export const nthPurchaseKind: PurchaseRuleKind<'nthPurchase'> = {
  kind: 'nthPurchase',
  family: 'purchase',
  evaluate: (rule, { purchasesBefore }) => {
    const purchaseNumber = purchasesBefore + 1;
    const hit = rule.repeat ? purchaseNumber % rule.n === 0 : purchaseNumber === rule.n;
    return hit
      ? { type: 'order', points: rule.points }
      : miss({ code: 'NOT_NTH_PURCHASE', purchaseNumber, n: rule.n });
  },
};
