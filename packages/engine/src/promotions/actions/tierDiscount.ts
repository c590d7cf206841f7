import { sum } from '../../money/decimal.js';
import { tierBenefits } from '../tierBenefits.js';
import type { ActionModule } from './actionModule.js';

/** `tier_discount`: the member's tier `discountRate` off each targeted line. */
export const tierDiscount: ActionModule<'tier_discount'> = {
  kind: 'tier_discount',
  level: 'product',
  listable: true,
  evaluate({ targets, ctx, program }) {
    const rate = tierBenefits(program, ctx.member?.tierId ?? null).discountRate;
    if (rate === null) return { ok: false, reason: { code: 'NO_TIER_BENEFIT' } };
    // Shares are proportional to the bases: the bases are the allocation weights.
    const weights = targets.map((t) => t.base);
    return {
      ok: true,
      amount: sum(weights).times(rate),
      targets,
      weights,
      note: `tier ${ctx.member?.tierId ?? ''} ${rate.times(100).toString()}% off`,
    };
  },
};
