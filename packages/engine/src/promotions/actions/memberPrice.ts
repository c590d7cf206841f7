import { type Decimal, sum, ZERO } from '../../money/decimal.js';
import { tierBenefits } from '../tierBenefits.js';
import type { ActionModule, ActionTarget } from './actionModule.js';

/**
 * `member_price`: a fixed unit price per SKU (and, with `includeTierPrices`,
 * the member's tier price; the lowest wins). Targets are the lines with a
 * price; each gets `max(0, base - price x units)`.
 */
export const memberPrice: ActionModule<'member_price'> = {
  kind: 'member_price',
  level: 'product',
  listable: true,
  evaluate({ action, targets, ctx, program }) {
    const prices = new Map<string, Decimal>();
    if (action.includeTierPrices) {
      for (const [sku, price] of tierBenefits(program, ctx.member?.tierId ?? null).memberPrices) {
        prices.set(sku, price);
      }
    }
    for (const { sku, price } of action.prices) {
      const other = prices.get(sku);
      if (other === undefined || price.lessThan(other)) prices.set(sku, price);
    }
    const priced: ActionTarget[] = [];
    const weights: Decimal[] = [];
    for (const t of targets) {
      const price = prices.get(t.line.sku);
      if (price === undefined) continue;
      priced.push(t);
      const saving = t.base.minus(price.times(t.units));
      weights.push(saving.isNegative() ? ZERO : saving);
    }
    if (priced.length === 0) return { ok: false, reason: { code: 'NO_APPLICABLE_ITEMS' } };
    return {
      ok: true,
      amount: sum(weights),
      targets: priced,
      weights,
      note: `member price on ${priced.length} line(s)`,
    };
  },
};
