import { matchAudience } from '../conditions/matchAudience.js';
import { matchLine } from '../conditions/matchLine.js';
import { matchTimeWindow } from '../conditions/matchTimeWindow.js';
import { invariant } from '../internal/assert.js';
import type { EvalContext } from '../model/context.js';
import { allocate } from '../money/allocate.js';
import { type CurrencyCode, minorUnits } from '../money/currency.js';
import { add, compare, type Decimal, isPositive, subtract, sum, ZERO } from '../money/decimal.js';
import { round } from '../money/rounding.js';
import type { Program } from '../program/schema.js';
import type { ActionResult, ActionTarget } from './actions/actionModule.js';
import { actionModule } from './actions/index.js';
import { allocateCapped, fillInOrder } from './allocateCapped.js';
import { type CartState, type LineState, type Pool, remainingOf } from './cartState.js';
import type { AppliedPromotion, PromotionCandidate, PromotionSkipReason } from './types.js';

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

function floorTo(value: Decimal, scale: number): Decimal {
  return value.decimalPlaces() <= scale ? value : round(value, scale, 'FLOOR');
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
 * Evaluates one promotion on a cart state: availability (enabled, window,
 * audience), the targeted lines, requirements, the action; then rounds the
 * action's amount once to the currency's minor unit with the program's money
 * mode, caps it at what is left on the targeted units, and allocates it
 * exactly over them. Stacking (exclusive, groups, limits) is the caller's.
 */
export function evaluateCandidate(
  program: Program,
  money: MoneySettings,
  candidate: PromotionCandidate,
  state: CartState,
  ctx: EvalContext,
): CandidateEvaluation {
  const r = evaluate(program, money, candidate, state, ctx, false);
  invariant(!('measured' in r), 'evaluateCandidate: a measure in full mode');
  return r;
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
): PromotionSkipReason | null {
  const r = measureCandidate(program, money, candidate, state, ctx);
  return r.ok ? null : r.reason;
}

/**
 * What one promotion would be worth on a cart state (money discount plus gift
 * value), without building the allocation; or why it would not apply.
 */
export function measureCandidate(
  program: Program,
  money: MoneySettings,
  candidate: PromotionCandidate,
  state: CartState,
  ctx: EvalContext,
):
  | { readonly ok: true; readonly benefit: Decimal }
  | { readonly ok: false; readonly reason: PromotionSkipReason } {
  const r = evaluate(program, money, candidate, state, ctx, true);
  if ('measured' in r) return { ok: true, benefit: r.benefit };
  invariant(!r.ok, 'measureCandidate: a full evaluation in check mode');
  return r;
}

interface Measured {
  readonly measured: true;
  readonly benefit: Decimal;
}

function evaluate(
  program: Program,
  money: MoneySettings,
  candidate: PromotionCandidate,
  state: CartState,
  ctx: EvalContext,
  checkOnly: boolean,
): CandidateEvaluation | Measured {
  if (!candidate.enabled) return { ok: false, reason: { code: 'DISABLED' } };
  const windowMiss = matchTimeWindow(candidate.window, ctx);
  if (windowMiss) return { ok: false, reason: { code: windowMiss } };
  const audienceMiss = matchAudience(candidate.audience, ctx);
  if (audienceMiss) return { ok: false, reason: { code: audienceMiss } };

  const original = candidate.stacking.base === 'original';
  const matched: number[] = [];
  for (let i = 0; i < state.lines.length; i++) {
    if (matchLine(candidate.target, state.lines[i]!.line)) matched.push(i);
  }
  if (matched.length === 0) return { ok: false, reason: { code: 'NO_APPLICABLE_ITEMS' } };
  const spend = sum(
    matched.map((i) => (original ? state.lines[i]!.line.net : remainingOf(state.lines[i]!))),
  );
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
  for (const i of matched) {
    const s = state.lines[i]!;
    if (perUnit) {
      if (s.open.qty.isZero()) continue;
      const base = original ? s.line.net.times(s.open.qty).div(s.line.quantity) : s.open.rem;
      targets.push({ index: i, line: s.line, units: s.open.qty, base });
    } else {
      targets.push({
        index: i,
        line: s.line,
        units: s.line.quantity,
        base: original ? s.line.net : remainingOf(s),
      });
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
  return settle(candidate, money, state, result, perUnit, spend, checkOnly);
}

function settle(
  candidate: PromotionCandidate,
  money: MoneySettings,
  state: CartState,
  result: Extract<ActionResult, { ok: true }>,
  perUnit: boolean,
  spend: Decimal,
  checkOnly: boolean,
): CandidateEvaluation | Measured {
  const { scale, mode } = money;
  const targets = result.targets;
  // Per target: the units a onePerUnit promotion would lock, and the amount left on them (the cap).
  const lockUnits = perUnit ? targets.map((t, k) => result.lock?.[k] ?? t.units) : null;
  const lockedAmount = lockUnits
    ? targets.map((t, k) => splitPool(state.lines[t.index]!.open, lockUnits[k]!))
    : null;
  const caps = targets.map((t, k) => {
    const s = state.lines[t.index]!;
    if (lockedAmount) return floorTo(lockedAmount[k]!, scale);
    if (s.locked.rem.isZero()) return floorTo(s.open.rem, scale);
    return floorTo(s.open.rem, scale).plus(floorTo(s.locked.rem, scale));
  });
  const exact = result.amount;
  let amount = round(exact, scale, mode);
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
  if (checkOnly) return { measured: true, benefit: gift ? add(amount, gift.value) : amount };

  const parts = allocateAmount(candidate, amount, targets, result.weights, caps, scale);
  const lines = [...state.lines];
  const lineParts: { lineId: string; amount: Decimal }[] = [];
  targets.forEach((t, k) => {
    const part = parts[k]!;
    const s = lines[t.index]!;
    const positive = isPositive(part);
    const lock = perUnit && (result.lock !== undefined || positive);
    if (part.isZero() && !lock) return;
    let open = s.open;
    let locked = s.locked;
    if (lockUnits && lockedAmount) {
      const moved = lock ? lockedAmount[k]! : ZERO;
      const units = lock ? lockUnits[k]! : ZERO;
      invariant(part.lte(moved), 'settle: part exceeds the locked units');
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
    invariant(!open.rem.isNegative() && !locked.rem.isNegative(), 'settle: negative line amount');
    const nextParts = part.isZero()
      ? s.parts
      : [...s.parts, { promotionId: candidate.id, amount: part }];
    lines[t.index] = { line: s.line, open, locked, parts: nextParts };
    if (positive) lineParts.push({ lineId: s.line.id, amount: part });
  });
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
    spend,
    lines: lineParts,
    gift,
    freeShipping,
    capped,
  };
  return {
    ok: true,
    applied,
    lines,
    benefit: gift ? add(amount, gift.value) : amount,
    note: result.note,
  };
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
