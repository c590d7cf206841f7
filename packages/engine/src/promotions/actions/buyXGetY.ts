import {
  compare,
  Decimal,
  divideBy100,
  formatDecimal,
  fromScaled,
  multiply,
  ONE,
  sum,
  toScaled,
  ZERO,
} from '../../money/decimal.js';

const HUNDRED = new Decimal(100);

import type { ActionInput, ActionModule, ActionResult } from './actionModule.js';

type Input = ActionInput<Parameters<typeof buyXGetY.evaluate>[0]['action']>;

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
  evaluate(input) {
    return evaluateSmall(input) ?? evaluateDecimal(input);
  },
};

/** Base of one unit of a target: exact in integers when the division is. */
function unitBaseOf(base: Decimal, units: Decimal, unitsInt: number): Decimal {
  if (unitsInt === 1 && compare(units, ONE) === 0) return base;
  const places = base.decimalPlaces();
  if (places <= 15 && units.isInteger()) {
    const n = toScaled(base, places);
    if (n !== null && n % unitsInt === 0) return fromScaled(n / unitsInt, places);
  }
  return base.div(units);
}

/** Above this many targets, `ascendingByUnitBase` uses Array sort. */
const FEW_TARGETS = 8;

/**
 * Target indices by ascending unit base, ties in line order: a total order,
 * so any sort gives it. A promotion's few targets are placed by insertion
 * (Array sort's setup costs more than sorting a handful); many, by Array sort.
 */
function ascendingByUnitBase(unitBase: readonly Decimal[]): number[] {
  const n = unitBase.length;
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  if (n > FEW_TARGETS) return order.sort((a, b) => compare(unitBase[a]!, unitBase[b]!) || a - b);
  for (let i = 1; i < n; i++) {
    // Shift the earlier indices with a larger unit base (never an equal one: ties stay in order).
    let k = i;
    while (k > 0 && compare(unitBase[order[k - 1]!]!, unitBase[i]!) > 0) {
      order[k] = order[k - 1]!;
      k--;
    }
    order[k] = i;
  }
  return order;
}

/**
 * `evaluateDecimal` with the unit counts in JS integers (whole units below
 * 2^31 per line); null otherwise. The same result: counts are exact either
 * way and every amount is computed as in the decimal path.
 */
function evaluateSmall({ action, targets }: Input): ActionResult | null {
  const n = targets.length;
  const whole: number[] = new Array(n);
  let available = 0;
  for (let i = 0; i < n; i++) {
    const u = targets[i]!.units;
    const w = toScaled(u.isInteger() ? u : u.floor(), 0);
    if (w === null || w > 2 ** 31) return null;
    whole[i] = w;
    available += w;
  }
  const size = action.buy + action.get;
  if (available < size) {
    return {
      ok: false,
      reason: {
        code: 'MIN_QUANTITY_NOT_MET',
        required: new Decimal(size),
        actual: fromScaled(available, 0),
      },
    };
  }
  let applications = Math.floor(available / size);
  if (action.maxApplications !== undefined && applications > action.maxApplications)
    applications = action.maxApplications;
  const unitBase = targets.map((t, i) => unitBaseOf(t.base, t.units, whole[i]!));
  const ascending = ascendingByUnitBase(unitBase);
  const getOrder = action.pick === 'cheapest' ? ascending : [...ascending].reverse();
  const free: number[] = [];
  const lock: number[] = [];
  for (let i = 0; i < n; i++) {
    free.push(0);
    lock.push(0);
  }
  let toGive = applications * action.get;
  for (const i of getOrder) {
    if (toGive === 0) break;
    const take = Math.min(toGive, whole[i]!);
    free[i] = take;
    lock[i] = take;
    toGive -= take;
  }
  let toPay = applications * action.buy;
  for (let k = getOrder.length - 1; k >= 0; k--) {
    if (toPay === 0) break;
    const i = getOrder[k]!;
    const take = Math.min(toPay, whole[i]! - lock[i]!);
    lock[i] = lock[i]! + take;
    toPay -= take;
  }
  const full = compare(action.percent, HUNDRED) === 0;
  const rate = full ? ONE : divideBy100(action.percent);
  const weights: Decimal[] = new Array(n);
  // The amount sums only the non-zero weights: a cascaded unit base often has 40 digits, and each
  // term decimal.js adds (zero too) rounds that long sum once more to the same value.
  const given: Decimal[] = [];
  for (let i = 0; i < n; i++) {
    const count = free[i]!;
    if (count === 0) {
      weights[i] = ZERO;
      continue;
    }
    const value = count === 1 ? unitBase[i]! : unitBase[i]!.times(count);
    weights[i] = full ? value : multiply(value, rate);
    given.push(weights[i]!);
  }
  // Usually one line gets the free units: its weight, non-zero (a sum's zero is ZERO) and within
  // the precision (a longer one would be rounded), is its own sum.
  const only = given.length === 1 ? given[0]! : null;
  const lone = only !== null && !only.isZero() && only.sd() <= Decimal.precision;
  return {
    ok: true,
    amount: lone ? only : sum(given),
    targets,
    weights,
    lock: lock.map((l) => fromScaled(l, 0)),
    note: `buy ${action.buy} get ${action.get} at ${formatDecimal(action.percent)}% off, ${applications} times`,
  };
}

/** Buy x get y in decimal arithmetic (any unit counts). */
export function evaluateDecimal({ action, targets }: Input): ActionResult {
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
    note: `buy ${action.buy} get ${action.get} at ${formatDecimal(action.percent)}% off, ${formatDecimal(applications)} times`,
  };
}
