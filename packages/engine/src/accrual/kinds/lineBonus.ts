import type { PurchaseRuleKind } from './ruleKind.js';

/** `lineBonus`: fixed points per unit bought (quantity, may be fractional) or per line. */
export const lineBonusKind: PurchaseRuleKind<'lineBonus'> = {
  kind: 'lineBonus',
  family: 'purchase',
  evaluate: (rule, { lines }) => ({
    type: 'lines',
    points: lines.map((l) =>
      rule.per === 'unit' ? rule.points.times(l.line.quantity) : rule.points,
    ),
  }),
};
