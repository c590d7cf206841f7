import { devAssert, invariant } from '../internal/assert.js';
import type { EvalContext } from '../model/context.js';
import {
  add,
  compare,
  type Decimal,
  formatDecimal,
  subtract,
  sum,
  ZERO,
} from '../money/decimal.js';
import { MAX_BEST_DEAL_MEMBERS, type PromotionGroup } from '../program/promotions.js';
import type { Program } from '../program/schema.js';
import { actionModule } from './actions/index.js';
import { type CartState, initialCartState, type LineState, remainingOf } from './cartState.js';
import {
  type CandidateEvaluation,
  checkCandidate,
  completeEvaluation,
  evaluateCandidate,
  type MoneySettings,
  measureCandidate,
  moneySettings,
  type Priced,
  TargetedLines,
} from './evaluateCandidate.js';
import { sortCandidates } from './sortCandidates.js';
import type {
  ApplyPromotionsInput,
  ApplyPromotionsResult,
  DiscountedLine,
  GiftLine,
  LineDiscountPart,
  PromotionCandidate,
  PromotionSkipReason,
  PromotionTraceEntry,
  SkippedPromotion,
} from './types.js';

/** Most extra (coupon-derived) candidates one call takes. */
export const MAX_EXTRA_CANDIDATES = 50;

type Ok = Extract<CandidateEvaluation, { ok: true }>;

interface Run {
  readonly program: Program;
  readonly money: MoneySettings;
  readonly ctx: EvalContext;
  /** Shared by every evaluation of the run: its cart states all hold the same lines. */
  readonly targeted: TargetedLines;
  readonly skipped: SkippedPromotion[];
  readonly trace: PromotionTraceEntry[];
}

function describe(reason: PromotionSkipReason): string {
  // The reason's fields other than `code`, in their order: `code (k=v, ...)`.
  let parts = '';
  for (const k of Object.keys(reason)) {
    if (k === 'code') continue;
    const v: unknown = reason[k as keyof PromotionSkipReason];
    parts += `${parts ? ', ' : ''}${k}=${Array.isArray(v) ? v.join(',') : String(v)}`;
  }
  return parts ? `${reason.code} (${parts})` : reason.code;
}

function skip(run: Run, c: PromotionCandidate, reason: PromotionSkipReason): void {
  run.skipped.push({
    promotionId: c.id,
    name: c.name,
    kind: c.action.kind,
    origin: c.origin,
    reason,
  });
  run.trace.push({ promotionId: c.id, event: 'SKIPPED', message: describe(reason) });
}

/** Why stacking forbids `c` on `state`, or null. */
function blockedBy(c: PromotionCandidate, state: CartState): PromotionSkipReason | null {
  if (state.exclusiveBy !== null) return { code: 'EXCLUSIVE_APPLIED', by: state.exclusiveBy };
  if (c.stacking.exclusive && state.applied.length > 0) {
    return { code: 'NOT_COMBINABLE', with: state.applied.map((a) => a.promotionId) };
  }
  const limit = c.stacking.orderLimit;
  if (limit !== undefined && state.applied.length >= limit) {
    return { code: 'ORDER_LIMIT_REACHED', limit };
  }
  return null;
}

function commit(state: CartState, c: PromotionCandidate, ev: Ok): CartState {
  return {
    lines: ev.lines,
    applied: [...state.applied, ev.applied],
    exclusiveBy: c.stacking.exclusive ? c.id : state.exclusiveBy,
  };
}

function traceApplied(run: Run, c: PromotionCandidate, ev: Ok): void {
  const a = ev.applied;
  run.trace.push({
    promotionId: c.id,
    event: 'APPLIED',
    message: `${c.action.kind}: ${ev.note}; discount ${formatDecimal(a.amount)} over ${a.lines.length} line(s)`,
  });
  if (a.capped) {
    run.trace.push({
      promotionId: c.id,
      event: 'CAPPED',
      message: 'discount reduced to what was left on the targeted units or to maxDiscount',
    });
  }
}

type Applied = { readonly state: CartState; readonly ev: Ok };

/** `c` priced on `state` with stacking (no allocation built), or null when it would not apply. */
function measure(run: Run, c: PromotionCandidate, state: CartState): Priced | null {
  if (blockedBy(c, state)) return null;
  const m = measureCandidate(run.program, run.money, c, state, run.ctx, run.targeted);
  return m.ok ? m : null;
}

/** Evaluates `c` on `state` with stacking; returns the next state, or the reason it does not apply. */
function tryApply(
  run: Run,
  c: PromotionCandidate,
  state: CartState,
): Applied | { readonly reason: PromotionSkipReason } {
  const blocked = blockedBy(c, state);
  if (blocked) {
    // The cart's reason comes first in precedence; no need to build the allocation.
    return {
      reason: checkCandidate(run.program, run.money, c, state, run.ctx, run.targeted) ?? blocked,
    };
  }
  const ev = evaluateCandidate(run.program, run.money, c, state, run.ctx, run.targeted);
  if (!ev.ok) return { reason: ev.reason };
  return { state: commit(state, c, ev), ev };
}

function applySingle(run: Run, c: PromotionCandidate, state: CartState): CartState {
  const r = tryApply(run, c, state);
  if ('reason' in r) {
    skip(run, c, r.reason);
    return state;
  }
  traceApplied(run, c, r.ev);
  return r.state;
}

function applyStackable(
  run: Run,
  group: PromotionGroup,
  members: readonly PromotionCandidate[],
  state: CartState,
): CartState {
  let current = state;
  let count = 0;
  for (const c of members) {
    const r = tryApply(run, c, current);
    if ('reason' in r) skip(run, c, r.reason);
    else if (group.maxApplied !== undefined && count >= group.maxApplied) {
      skip(run, c, { code: 'GROUP_LIMIT_REACHED', group: group.id, limit: group.maxApplied });
    } else {
      traceApplied(run, c, r.ev);
      current = r.state;
      count += 1;
    }
  }
  return current;
}

function applyFirstMatch(
  run: Run,
  group: PromotionGroup,
  members: readonly PromotionCandidate[],
  state: CartState,
): CartState {
  let winner: { c: PromotionCandidate; state: CartState } | null = null;
  for (const c of members) {
    const r = tryApply(run, c, state);
    if ('reason' in r) skip(run, c, r.reason);
    else if (winner)
      skip(run, c, { code: 'GROUP_FIRST_MATCH_TAKEN', group: group.id, by: winner.c.id });
    else {
      traceApplied(run, c, r.ev);
      winner = { c, state: r.state };
    }
  }
  return winner ? winner.state : state;
}

/**
 * Indices of the lines an evaluation of `c` reads: the lines it targets, and
 * for a shipping action the shipping lines too. `evaluateCandidate` reads a
 * cart state only through these lines (amounts, units, locks, parts) and
 * writes only target lines (a subset), so on two states whose lines at these
 * indices are the same objects it gives the same result.
 */
function linesRead(run: Run, c: PromotionCandidate, state: CartState): readonly number[] {
  const targeted = run.targeted.of(c.target, state);
  if (actionModule(c.action.kind).level !== 'shipping') return targeted;
  const read = [...targeted];
  for (let i = 0; i < state.lines.length; i++) {
    if (state.lines[i]!.line.kind === 'shipping' && !targeted.includes(i)) read.push(i);
  }
  return read;
}

function sameLines(read: readonly number[], a: CartState, b: CartState): boolean {
  for (const i of read) if (a.lines[i] !== b.lines[i]) return false;
  return true;
}

/**
 * `ev` (an evaluation on `from`) moved onto `to`, which has the same lines
 * that `ev` read: `to`'s lines, with those `ev` changed on `from` replaced by
 * their new state. The same result as evaluating again on `to`.
 */
function rebase(ev: Ok, from: CartState, to: CartState): Ok {
  const lines: LineState[] = [...to.lines];
  for (let i = 0; i < lines.length; i++) {
    if (ev.lines[i] !== from.lines[i]) lines[i] = ev.lines[i]!;
  }
  return { ...ev, lines };
}

/**
 * How a leaf's last member applies on the leaf's prefix, built only if the
 * leaf wins: its pricing there, or its pricing `alone` on the search's cart,
 * which holds on the prefix because the prefix left its lines untouched (its
 * evaluation alone is then moved onto the prefix's cart).
 */
type LastApplication = { readonly priced: Priced } | { readonly alone: Priced };

/**
 * A valid subset in the best-deal search. Leaves (subsets that cannot be
 * extended) are only priced: their cart is not built (`state` is null) and
 * `last` tells how to build the application of their last member on `prefix`.
 */
interface Combination {
  readonly members: readonly number[];
  readonly benefit: Decimal;
  readonly prefix: CartState;
  readonly evs: readonly Ok[];
  readonly state: CartState | null;
  readonly last: LastApplication | null;
}

/**
 * The depth-first search of one best-deal group (see `applyBestDeal`) over
 * `pool`, the members that may take part, from `state`; `alone` is each
 * member's pricing alone (null when it gives nothing alone). A member whose
 * lines the members before it in a subset left untouched gives the same
 * result on the subset's cart as alone, so its pricing alone is reused (see
 * `linesRead`). Evaluations alone are built only for the members a subset
 * extends, and for a reused winner.
 */
class BestDealSearch {
  /** Valid subsets recorded. */
  tried = 0;
  best: Combination | null = null;
  /** Pool indices of the members of some valid subset. */
  readonly inSomeValid = new Set<number>();
  private readonly reads: (readonly number[] | undefined)[] = [];
  private readonly aloneEvs: (Ok | undefined)[] = [];

  constructor(
    private readonly run: Run,
    private readonly state: CartState,
    private readonly pool: readonly PromotionCandidate[],
    private readonly alone: readonly (Priced | null)[],
    private readonly maxSize: number,
  ) {}

  /** Records every valid subset: each member that applies alone, extended depth-first. */
  search(): void {
    const { pool, state } = this;
    for (let i = 0; i < pool.length; i++) {
      const p = this.alone[i];
      if (!p) continue;
      if (this.maxSize === 1 || i === pool.length - 1) {
        this.record({
          members: [i],
          benefit: p.benefit,
          prefix: state,
          evs: [],
          state: null,
          last: { priced: p },
        });
        continue;
      }
      const ev = this.aloneEv(i);
      this.visit({
        members: [i],
        benefit: p.benefit,
        prefix: state,
        evs: [ev],
        state: commit(state, pool[i]!, ev),
        last: null,
      });
    }
  }

  /** The winner's last member applied on its prefix. */
  build(winner: Combination): Ok {
    invariant(winner.last !== null, 'applyBestDeal: a leaf without its last application');
    if ('priced' in winner.last) return completeEvaluation(winner.last.priced);
    const ev = this.aloneEv(winner.members[winner.members.length - 1]!);
    return rebase(ev, this.state, winner.prefix);
  }

  private record(combo: Combination): void {
    this.tried += 1;
    for (const i of combo.members) this.inSomeValid.add(i);
    if (this.best === null || better(combo, this.best)) this.best = combo;
  }

  /** Records a built subset, then every valid subset that extends it. */
  private visit(combo: Combination & { state: CartState }): void {
    this.record(combo);
    if (combo.members.length >= this.maxSize) return;
    const leaf = combo.members.length + 1 >= this.maxSize;
    const pool = this.pool;
    const prefix = combo.state;
    for (let j = combo.members[combo.members.length - 1]! + 1; j < pool.length; j++) {
      const members = [...combo.members, j];
      if (leaf || j === pool.length - 1) {
        const last = this.lastOn(j, prefix);
        if (last !== null) {
          const benefit = 'priced' in last ? last.priced.benefit : last.alone.benefit;
          this.record({
            members,
            benefit: add(combo.benefit, benefit),
            prefix,
            evs: combo.evs,
            state: null,
            last,
          });
        }
        continue;
      }
      const r = tryApply(this.run, pool[j]!, prefix);
      if ('reason' in r) continue;
      this.visit({
        members,
        benefit: add(combo.benefit, r.ev.benefit),
        prefix,
        evs: [...combo.evs, r.ev],
        state: r.state,
        last: null,
      });
    }
  }

  /** How member `j` applies on `prefix` (not built), or null when it does not. */
  private lastOn(j: number, prefix: CartState): LastApplication | null {
    const c = this.pool[j]!;
    const alone = this.alone[j];
    if (alone) {
      this.reads[j] ??= linesRead(this.run, c, this.state);
      if (sameLines(this.reads[j]!, prefix, this.state))
        return blockedBy(c, prefix) ? null : { alone };
    }
    const priced = measure(this.run, c, prefix);
    return priced ? { priced } : null;
  }

  /** Member `i`'s evaluation alone, built once, when first needed. */
  private aloneEv(i: number): Ok {
    let ev = this.aloneEvs[i];
    if (ev === undefined) {
      const p = this.alone[i];
      invariant(p, 'applyBestDeal: a member without a pricing alone is built alone');
      ev = completeEvaluation(p);
      this.aloneEvs[i] = ev;
    }
    return ev;
  }
}

/**
 * Best deal: every valid subset of the group's members, of at most
 * `maxApplied` members, applied in priority order; a subset is valid when each
 * member applies at its turn (its first member therefore applies alone). The
 * valid subset with the largest benefit (discount + gift value) wins; ties go
 * to fewer members, then to the subset that comes first in priority order.
 *
 * The search pool is the members that apply alone, plus those whose only
 * problem alone is `NO_DISCOUNT` (a member taken before may lock the units
 * that made it worthless), at most `MAX_BEST_DEAL_MEMBERS` of them
 * (<= 1,023 subsets). The search is depth-first: a subset extends the cart
 * state of its prefix, so each valid subset costs one pricing, plus building
 * its cart when a larger subset extends it (see `BestDealSearch`).
 */
function applyBestDeal(
  run: Run,
  group: PromotionGroup,
  members: readonly PromotionCandidate[],
  state: CartState,
): CartState {
  const pool: PromotionCandidate[] = [];
  const alone: (Priced | null)[] = [];
  const maxSize = group.maxApplied ?? 1;
  const reasons = new Map<string, PromotionSkipReason>();
  for (const c of members) {
    const blocked = blockedBy(c, state);
    const m = measureCandidate(run.program, run.money, c, state, run.ctx, run.targeted);
    const reason = m.ok ? blocked : m.reason;
    if (reason) reasons.set(c.id, reason);
    if (blocked || (!m.ok && m.reason.code !== 'NO_DISCOUNT')) continue;
    if (pool.length >= MAX_BEST_DEAL_MEMBERS) {
      if (m.ok) {
        reasons.set(c.id, {
          code: 'BEST_DEAL_SEARCH_LIMIT',
          group: group.id,
          limit: MAX_BEST_DEAL_MEMBERS,
        });
      }
      continue;
    }
    pool.push(c);
    alone.push(m.ok ? m : null);
  }
  const search = new BestDealSearch(run, state, pool, alone, maxSize);
  search.search();
  const winner = search.best;
  let chosenCombo: {
    members: readonly number[];
    evs: readonly Ok[];
    state: CartState;
    benefit: Decimal;
  } | null = null;
  if (winner?.state) chosenCombo = { ...winner, state: winner.state };
  else if (winner) {
    const ev = search.build(winner);
    const last = winner.members[winner.members.length - 1]!;
    chosenCombo = {
      members: winner.members,
      evs: [...winner.evs, ev],
      state: commit(winner.prefix, pool[last]!, ev),
      benefit: winner.benefit,
    };
  }
  const chosen = chosenCombo ? chosenCombo.members.map((i) => pool[i]!.id) : [];
  if (chosenCombo) {
    const combo = chosenCombo;
    run.trace.push({
      promotionId: null,
      event: 'GROUP',
      message: `best_deal group ${group.id}: ${search.tried} valid combination(s) of ${pool.length} searched, chose [${chosen.join(', ')}] worth ${formatDecimal(combo.benefit)}`,
    });
    combo.members.forEach((i, k) => {
      traceApplied(run, pool[i]!, combo.evs[k]!);
    });
  }
  for (const c of members) {
    if (chosen.includes(c.id)) continue;
    const i = pool.indexOf(c);
    if (i >= 0 && search.inSomeValid.has(i)) {
      skip(run, c, { code: 'GROUP_BEST_DEAL_NOT_CHOSEN', group: group.id, chosen });
    } else {
      const reason = reasons.get(c.id);
      invariant(reason !== undefined, 'applyBestDeal: a member neither chosen nor skipped');
      skip(run, c, reason);
    }
  }
  return chosenCombo ? chosenCombo.state : state;
}

function better(a: Combination, b: Combination): boolean {
  const c = compare(a.benefit, b.benefit);
  if (c !== 0) return c > 0;
  if (a.members.length !== b.members.length) return a.members.length < b.members.length;
  for (let k = 0; k < a.members.length; k++) {
    if (a.members[k] !== b.members[k]) return a.members[k]! < b.members[k]!;
  }
  return false;
}

interface Canonical {
  readonly candidates: readonly PromotionCandidate[];
  /** Members of each combination group, in canonical order. */
  readonly groups: ReadonlyMap<string, readonly PromotionCandidate[]>;
}

/** The program's own candidates in canonical order, computed once per program object. */
const canonicalByProgram = new WeakMap<object, Canonical>();

function canonical(program: Program, extra: readonly PromotionCandidate[]): Canonical {
  if (extra.length === 0) {
    const cached = canonicalByProgram.get(program.promotions);
    if (cached) return cached;
  }
  const candidates = sortCandidates([...program.promotions, ...extra]);
  for (let i = 1; i < candidates.length; i++) {
    devAssert(
      candidates[i]!.id !== candidates[i - 1]!.id,
      `applyPromotions: duplicate promotion id ${candidates[i]!.id}`,
    );
  }
  const groups = new Map<string, PromotionCandidate[]>();
  for (const c of candidates) {
    const id = c.stacking.group?.id;
    if (id === undefined) continue;
    const members = groups.get(id);
    if (members) members.push(c);
    else groups.set(id, [c]);
  }
  const result = { candidates, groups };
  if (extra.length === 0) canonicalByProgram.set(program.promotions, result);
  return result;
}

/**
 * Applies the program's promotions, plus `extra` candidates (coupon benefits,
 * same schema), to a cart: in canonical order (priority high to low, then id;
 * lines by id), with exclusivity, combination groups, order and group limits,
 * cascading or original-amount bases and at-most-one-discount-per-unit. Every
 * discount is rounded once to the currency's minor unit with the program's
 * money rounding mode and allocated exactly over the lines it targets.
 *
 * Pure: the same input gives the same output, whatever the order of the
 * promotions or the lines. Returns per-line discounts by promotion, applied
 * and skipped promotions (with reasons), gifts, the free-shipping flag, totals
 * and a trace.
 */
export function applyPromotions(
  program: Program,
  input: ApplyPromotionsInput,
): ApplyPromotionsResult {
  const extra = input.extra ?? [];
  devAssert(
    extra.length <= MAX_EXTRA_CANDIDATES,
    `applyPromotions: at most ${MAX_EXTRA_CANDIDATES} extra candidates`,
  );
  const { candidates, groups } = canonical(program, extra);
  const run: Run = {
    program,
    money: moneySettings(program),
    ctx: input.ctx,
    targeted: new TargetedLines(),
    skipped: [],
    trace: [],
  };
  let state = initialCartState(input.lines);
  // Lines are in id order now: a duplicate id sits next to its twin.
  for (let i = 1; i < state.lines.length; i++) {
    const id = state.lines[i]!.line.id;
    if (id === state.lines[i - 1]!.line.id)
      devAssert(false, `applyPromotions: duplicate line id ${id}`);
  }
  const doneGroups = new Set<string>();
  for (const c of candidates) {
    const group = c.stacking.group;
    if (!group) {
      state = applySingle(run, c, state);
      continue;
    }
    if (doneGroups.has(group.id)) continue;
    doneGroups.add(group.id);
    const members = groups.get(group.id)!;
    if (group.mode === 'stackable') state = applyStackable(run, group, members, state);
    else if (group.mode === 'first_match') state = applyFirstMatch(run, group, members, state);
    else state = applyBestDeal(run, group, members, state);
  }
  return summarize(state, run);
}

/** The sum of a line's parts: a lone part is its own sum (most lines have none or one). */
function partsSum(parts: readonly LineDiscountPart[]): Decimal {
  if (parts.length === 0) return ZERO;
  if (parts.length === 1) return parts[0]!.amount;
  const amounts: Decimal[] = new Array(parts.length);
  for (let k = 0; k < parts.length; k++) amounts[k] = parts[k]!.amount;
  return sum(amounts);
}

function summarize(state: CartState, run: Run): ApplyPromotionsResult {
  const n = state.lines.length;
  const lines: DiscountedLine[] = new Array(n);
  const subtotals: Decimal[] = new Array(n);
  const lineDiscounts: Decimal[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = state.lines[i]!;
    const discount = partsSum(s.parts);
    const total = remainingOf(s);
    invariant(
      compare(discount.isZero() ? s.line.net : subtract(s.line.net, discount), total) === 0,
      'summarize: line parts do not add up',
    );
    lines[i] = {
      lineId: s.line.id,
      sku: s.line.sku,
      subtotal: s.line.net,
      discount,
      total,
      discounts: s.parts,
    };
    subtotals[i] = s.line.net;
    lineDiscounts[i] = discount;
  }
  const gifts: GiftLine[] = [];
  const amounts: Decimal[] = new Array(state.applied.length);
  let freeShipping = false;
  for (let k = 0; k < state.applied.length; k++) {
    const a = state.applied[k]!;
    if (a.gift) gifts.push(a.gift);
    amounts[k] = a.amount;
    freeShipping ||= a.freeShipping;
  }
  const subtotal = sum(subtotals);
  const discount = sum(amounts);
  invariant(compare(discount, sum(lineDiscounts)) === 0, 'summarize: discounts do not add up');
  const total = subtract(subtotal, discount);
  invariant(!total.isNegative() || total.isZero(), 'summarize: negative total');
  return {
    lines,
    applied: state.applied,
    skipped: run.skipped,
    freeShipping,
    gifts,
    totals: {
      subtotal,
      discount,
      total,
      giftValue: gifts.length ? sum(gifts.map((g) => g.value)) : ZERO,
    },
    trace: run.trace,
  };
}
