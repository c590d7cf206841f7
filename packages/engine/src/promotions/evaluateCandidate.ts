import { LinesByFilter } from '../conditions/linesByFilter.js';
import { matchAudience } from '../conditions/matchAudience.js';
import { matchTimeWindow } from '../conditions/matchTimeWindow.js';
import { invariant } from '../internal/assert.js';
import type { EvalContext } from '../model/context.js';
import { allocate } from '../money/allocate.js';
import { type CurrencyCode, minorUnits } from '../money/currency.js';
import { add, compare, type Decimal, isPositive, subtract, sum, ZERO } from '../money/decimal.js';
import { round } from '../money/rounding.js';
import type { LineFilter } from '../program/conditions.js';
import type { Program } from '../program/schema.js';
import type { ActionResult, ActionTarget } from './actions/actionModule.js';
import { actionModule } from './actions/index.js';
import { allocateCapped, fillInOrder } from './allocateCapped.js';
import { type CartState, type LineState, type Pool, remainingOf } from './cartState.js';
import type {
  AppliedPromotion,
  GiftLine,
  LineDiscountPart,
  PromotionCandidate,
  PromotionSkipReason,
} from './types.js';

/** Result of evaluating one candidate on a cart state, stacking aside. */
export type CandidateEvaluation =
  | { readonly ok: false; readonly reason: PromotionSkipReason }
  | {
      readonly ok: true;
      readonly applied: AppliedPromotion;
      /** The cart after this promotion (not yet counted in `applied`/`exclusiveBy`). */
      readonly lines: readonly LineState[];
      /** What it is worth to the member: money discount plus gift value. */
      readonly benefit: Decimal;
      readonly note: string;
    };

/** `value` rounded down to the grid (as it is when already on it: `round` checks). */
function floorTo(value: Decimal, scale: number): Decimal {
  return round(value, scale, 'FLOOR');
}

/** Splits a pool's amount between `k` of its units and the rest, exactly. */
function splitPool(pool: Pool, k: Decimal): Decimal {
  if (k.gte(pool.qty)) return pool.rem;
  if (k.isZero() || pool.rem.isZero()) return ZERO;
  return allocate(pool.rem, [k, pool.qty.minus(k)], pool.rem.decimalPlaces())[0]!;
}

/** Precomputed per-program money settings. */
export interface MoneySettings {
  readonly scale: number;
  readonly mode: Program['rounding']['money']['mode'];
}

/** The program's money scale (currency minor units) and rounding mode. */
export function moneySettings(program: Program): MoneySettings {
  return {
    scale: minorUnits(program.currency as CurrencyCode),
    mode: program.rounding.money.mode,
  };
}

/**
 * Which lines each target filter matches, for the cart states of one run:
 * they all hold the same cart lines in the same (canonical) order, so the
 * lines of the first state it sees are indexed once (`LinesByFilter`) and
 * answer for every state of the run.
 */
export class TargetedLines {
  private lines: LinesByFilter | null = null;

  /** Indices (ascending) of the lines of `state` that `filter` targets. */
  of(filter: LineFilter | undefined, state: CartState): readonly number[] {
    this.lines ??= new LinesByFilter(state.lines);
    return this.lines.of(filter);
  }
}

/** `parts` with `part` after them; most lines had none (no spread of an empty list). */
function appendPart(
  parts: readonly LineDiscountPart[],
  part: LineDiscountPart,
): LineDiscountPart[] {
  return parts.length === 0 ? [part] : [...parts, part];
}

type Failure = { readonly ok: false; readonly reason: PromotionSkipReason };

/**
 * A candidate that would apply: its amount rounded and capped and its benefit
 * known, its allocation over the lines not yet built (`completeEvaluation`
 * builds it). The best-deal search prices many subsets and builds one.
 */
export interface Priced {
  readonly ok: true;
  /** What it is worth to the member: money discount plus gift value. */
  readonly benefit: Decimal;
  readonly candidate: PromotionCandidate;
  readonly state: CartState;
  readonly result: Extract<ActionResult, { ok: true }>;
  readonly scale: number;
  readonly spend: Decimal;
  readonly amount: Decimal;
  readonly capped: boolean;
  /** Per target: most it may take (what is left on the units it discounts, on the grid). */
  readonly caps: readonly Decimal[];
  /** Per target, for a `onePerUnit` product promotion: the units it would lock, and the amount left on them. */
  readonly lockUnits: readonly Decimal[] | null;
  readonly lockedAmount: readonly Decimal[] | null;
  readonly gift: GiftLine | null;
  readonly freeShipping: boolean;
}

/**
 * Evaluates one promotion on a cart state: availability (enabled, window,
 * audience), the targeted lines, requirements, the action; then rounds the
 * action's amount once to the currency's minor unit with the program's money
 * mode, caps it at what is left on the targeted units, and allocates it
 * exactly over them. Stacking (exclusive, groups, limits) is the caller's.
 * `targeted` may be shared by the evaluations on the states of one run.
 */
export function evaluateCandidate(
  program: Program,
  money: MoneySettings,
  candidate: PromotionCandidate,
  state: CartState,
  ctx: EvalContext,
  targeted: TargetedLines = new TargetedLines(),
): CandidateEvaluation {
  const p = measureCandidate(program, money, candidate, state, ctx, targeted);
  return p.ok ? completeEvaluation(p) : p;
}

/**
 * Whether one promotion would give something on a cart state, and if not why:
 * the checks of `evaluateCandidate` without building the allocation (used when
 * stacking already keeps the promotion out, to report the reason that comes
 * first in precedence). Null when it would apply.
 */
export function checkCandidate(
  program: Program,
  money: MoneySettings,
  candidate: PromotionCandidate,
  state: CartState,
  ctx: EvalContext,
  targeted: TargetedLines = new TargetedLines(),
): PromotionSkipReason | null {
  const r = measureCandidate(program, money, candidate, state, ctx, targeted);
  return r.ok ? null : r.reason;
}

/**
 * What one promotion would be worth on a cart state (money discount plus gift
 * value), priced without building the allocation; or why it would not apply.
 */
export function measureCandidate(
  program: Program,
  money: MoneySettings,
  candidate: PromotionCandidate,
  state: CartState,
  ctx: EvalContext,
  targeted: TargetedLines = new TargetedLines(),
): Priced | Failure {
  if (!candidate.enabled) return { ok: false, reason: { code: 'DISABLED' } };
  const windowMiss = matchTimeWindow(candidate.window, ctx);
  if (windowMiss) return { ok: false, reason: { code: windowMiss } };
  const audienceMiss = matchAudience(candidate.audience, ctx);
  if (audienceMiss) return { ok: false, reason: { code: audienceMiss } };

  const original = candidate.stacking.base === 'original';
  const matched = targeted.of(candidate.target, state);
  if (matched.length === 0) return { ok: false, reason: { code: 'NO_APPLICABLE_ITEMS' } };
  const bases: Decimal[] = new Array(matched.length);
  for (let k = 0; k < matched.length; k++) {
    const s = state.lines[matched[k]!]!;
    bases[k] = original ? s.line.net : remainingOf(s);
  }
  const spend = sum(bases);
  const req = candidate.requirements;
  if (req?.minSpend && compare(spend, req.minSpend) < 0) {
    return {
      ok: false,
      reason: { code: 'MIN_SPEND_NOT_MET', required: req.minSpend, actual: spend },
    };
  }
  // Targeted units are only needed for a quantity requirement.
  if (req?.minQuantity) {
    const quantity = sum(matched.map((i) => state.lines[i]!.line.quantity));
    if (quantity.lessThan(req.minQuantity)) {
      return {
        ok: false,
        reason: { code: 'MIN_QUANTITY_NOT_MET', required: req.minQuantity, actual: quantity },
      };
    }
  }

  const module = actionModule(candidate.action.kind);
  const perUnit = candidate.stacking.onePerUnit && module.level === 'product';
  const targets: ActionTarget[] = [];
  for (let k = 0; k < matched.length; k++) {
    const i = matched[k]!;
    const s = state.lines[i]!;
    if (perUnit) {
      if (s.open.qty.isZero()) continue;
      const base = original ? s.line.net.times(s.open.qty).div(s.line.quantity) : s.open.rem;
      targets.push({ index: i, line: s.line, units: s.open.qty, base });
    } else {
      targets.push({ index: i, line: s.line, units: s.line.quantity, base: bases[k]! });
    }
  }
  if (targets.length === 0) return { ok: false, reason: { code: 'UNITS_ALREADY_DISCOUNTED' } };
  const shipping: ActionTarget[] = [];
  if (module.level === 'shipping')
    state.lines.forEach((s, i) => {
      if (s.line.kind === 'shipping') {
        shipping.push({
          index: i,
          line: s.line,
          units: s.line.quantity,
          base: original ? s.line.net : remainingOf(s),
        });
      }
    });

  const result: ActionResult = module.evaluate({
    action: candidate.action as never,
    promotion: candidate,
    targets,
    spend,
    shipping,
    ctx,
    program,
  });
  if (!result.ok) return result;
  return price(candidate, money, state, result, perUnit, spend);
}

/** Rounds the action's amount and caps it at what is left on its targets (and at `maxDiscount`). */
function price(
  candidate: PromotionCandidate,
  money: MoneySettings,
  state: CartState,
  result: Extract<ActionResult, { ok: true }>,
  perUnit: boolean,
  spend: Decimal,
): Priced | Failure {
  const { scale, mode } = money;
  const targets = result.targets;
  const n = targets.length;
  const caps: Decimal[] = new Array(n);
  const lockUnits: Decimal[] | null = perUnit ? new Array(n) : null;
  const lockedAmount: Decimal[] | null = perUnit ? new Array(n) : null;
  for (let k = 0; k < n; k++) {
    const t = targets[k]!;
    const s = state.lines[t.index]!;
    if (lockUnits && lockedAmount) {
      // A onePerUnit promotion may take no more than what is left on the units it locks.
      lockUnits[k] = result.lock?.[k] ?? t.units;
      lockedAmount[k] = splitPool(s.open, lockUnits[k]!);
      caps[k] = floorTo(lockedAmount[k]!, scale);
    } else if (s.locked.rem.isZero()) caps[k] = floorTo(s.open.rem, scale);
    else caps[k] = add(floorTo(s.open.rem, scale), floorTo(s.locked.rem, scale));
  }
  let amount = round(result.amount, scale, mode);
  let capped = false;
  if (candidate.maxDiscount && compare(amount, candidate.maxDiscount) > 0) {
    amount = round(candidate.maxDiscount, scale, 'FLOOR');
    capped = true;
  }
  const room = sum(caps);
  if (compare(amount, room) > 0) {
    amount = room;
    capped = true;
  }
  const gift = result.gift
    ? {
        promotionId: candidate.id,
        sku: result.gift.sku,
        quantity: result.gift.quantity,
        unitValue: result.gift.unitValue,
        value: result.gift.unitValue.times(result.gift.quantity),
      }
    : null;
  const freeShipping = result.freeShipping === true;
  if (amount.isZero() && !gift && !freeShipping)
    return { ok: false, reason: { code: 'NO_DISCOUNT' } };
  return {
    ok: true,
    benefit: gift ? add(amount, gift.value) : amount,
    candidate,
    state,
    result,
    scale,
    spend,
    amount,
    capped,
    caps,
    lockUnits,
    lockedAmount,
    gift,
    freeShipping,
  };
}

/** The evaluation a priced candidate stands for: its amount allocated over its targets, the cart after it. */
export function completeEvaluation(p: Priced): Extract<CandidateEvaluation, { ok: true }> {
  const { candidate, state, result, scale, amount, caps, lockUnits, lockedAmount } = p;
  const targets = result.targets;
  const perUnit = lockUnits !== null;
  const parts = allocateAmount(candidate, amount, targets, result.weights, caps, scale);
  const lines = state.lines.slice();
  const lineParts: { lineId: string; amount: Decimal }[] = [];
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k]!;
    const part = parts[k]!;
    const s = lines[t.index]!;
    const positive = isPositive(part);
    const lock = perUnit && (result.lock !== undefined || positive);
    if (part.isZero() && !lock) continue;
    let open = s.open;
    let locked = s.locked;
    if (lockUnits && lockedAmount) {
      const moved = lock ? lockedAmount[k]! : ZERO;
      const units = lock ? lockUnits[k]! : ZERO;
      invariant(part.lte(moved), 'completeEvaluation: part exceeds the locked units');
      open = { qty: open.qty.minus(units), rem: open.rem.minus(moved) };
      locked = { qty: locked.qty.plus(units), rem: locked.rem.plus(moved).minus(part) };
    } else if (positive && locked.rem.isZero()) {
      open = { qty: open.qty, rem: subtract(open.rem, part) };
    } else if (positive) {
      const split = allocateCapped(
        part,
        [open.rem, locked.rem],
        [floorTo(open.rem, scale), floorTo(locked.rem, scale)],
        scale,
      );
      open = { qty: open.qty, rem: subtract(open.rem, split[0]!) };
      locked = { qty: locked.qty, rem: subtract(locked.rem, split[1]!) };
    }
    invariant(
      !open.rem.isNegative() && !locked.rem.isNegative(),
      'completeEvaluation: negative line amount',
    );
    const nextParts = part.isZero()
      ? s.parts
      : appendPart(s.parts, { promotionId: candidate.id, amount: part });
    lines[t.index] = { line: s.line, open, locked, parts: nextParts };
    if (positive) lineParts.push({ lineId: s.line.id, amount: part });
  }
  // Targets come in line order, which is id order when the state is canonical: sort only otherwise.
  let sorted = true;
  for (let k = 1; k < lineParts.length && sorted; k++)
    sorted = lineParts[k - 1]!.lineId < lineParts[k]!.lineId;
  if (!sorted) lineParts.sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  const applied: AppliedPromotion = {
    promotionId: candidate.id,
    name: candidate.name,
    kind: candidate.action.kind,
    origin: candidate.origin,
    amount,
    spend: p.spend,
    lines: lineParts,
    gift: p.gift,
    freeShipping: p.freeShipping,
    capped: p.capped,
  };
  return { ok: true, applied, lines, benefit: p.benefit, note: result.note };
}

function allocateAmount(
  candidate: PromotionCandidate,
  amount: Decimal,
  targets: readonly ActionTarget[],
  weights: readonly Decimal[] | undefined,
  caps: readonly Decimal[],
  scale: number,
): Decimal[] {
  if (amount.isZero()) return targets.map(() => ZERO);
  if (weights) return allocateCapped(amount, weights, caps, scale);
  switch (candidate.allocation) {
    case 'proportional':
      return allocateCapped(
        amount,
        targets.map((t) => t.base),
        caps,
        scale,
      );
    case 'even':
      return allocateCapped(
        amount,
        targets.map((t) => t.units),
        caps,
        scale,
      );
    case 'cheapest_first':
    case 'most_expensive_first': {
      const unit = targets.map((t) => t.base.div(t.units));
      const order = targets.map((_t, k) => k).sort((a, b) => compare(unit[a]!, unit[b]!) || a - b);
      if (candidate.allocation === 'most_expensive_first') {
        order.sort((a, b) => compare(unit[b]!, unit[a]!) || a - b);
      }
      return fillInOrder(amount, order, caps);
    }
  }
}
