import { Decimal, ONE, sum, ZERO } from '../../money/decimal.js';
import type { ActionModule } from './actionModule.js';

/**
 * `buy_x_get_y`: counts the targeted whole units; each `buy + get` of them
 * gives `get` units `percent` % off. The discounted units are the cheapest (or
 * the most expensive) by unit base, ties by line order; the units paid for
 * are taken from the other end. All of them are consumed (locked) for
 * `onePerUnit`.
 */
export const buyXGetY: ActionModule<'buy_x_get_y'> = {
  kind: 'buy_x_get_y',
  level: 'product',
  listable: false,
  evaluate({ action, targets }) {
    const whole = targets.map((t) => (t.units.isInteger() ? t.units : t.units.floor()));
    const available = sum(whole);
    const size = action.buy + action.get;
    if (available.lessThan(size)) {
      return {
        ok: false,
        reason: {
          code: 'MIN_QUANTITY_NOT_MET',
          required: new Decimal(size),
          actual: available,
        },
      };
    }
    let applications = available.divToInt(size);
    if (action.maxApplications !== undefined && applications.greaterThan(action.maxApplications)) {
      applications = new Decimal(action.maxApplications);
    }
    const unitBase = targets.map((t) => (t.units.eq(ONE) ? t.base : t.base.div(t.units)));
    const ascending = targets
      .map((_t, i) => i)
      .sort((a, b) => unitBase[a]!.comparedTo(unitBase[b]!) || a - b);
    const getOrder = action.pick === 'cheapest' ? ascending : [...ascending].reverse();
    const free = whole.map(() => ZERO);
    const lock = whole.map(() => ZERO);
    let toGive = applications.times(action.get);
    for (const i of getOrder) {
      if (toGive.isZero()) break;
      const take = toGive.lte(whole[i]!) ? toGive : whole[i]!;
      free[i] = take;
      lock[i] = take;
      toGive = toGive.minus(take);
    }
    let toPay = applications.times(action.buy);
    for (const i of [...getOrder].reverse()) {
      if (toPay.isZero()) break;
      const open = lock[i]!.isZero() ? whole[i]! : whole[i]!.minus(lock[i]!);
      const take = toPay.lte(open) ? toPay : open;
      lock[i] = lock[i]!.isZero() ? take : lock[i]!.plus(take);
      toPay = toPay.minus(take);
    }
    const full = action.percent.eq(100);
    const rate = action.percent.div(100);
    const weights = free.map((n, i) => {
      if (n.isZero()) return ZERO;
      const value = n.eq(ONE) ? unitBase[i]! : n.times(unitBase[i]!);
      return full ? value : value.times(rate);
    });
    return {
      ok: true,
      amount: sum(weights),
      targets,
      weights,
      lock,
      note: `buy ${action.buy} get ${action.get} at ${action.percent.toString()}% off, ${applications.toString()} times`,
    };
  },
};
