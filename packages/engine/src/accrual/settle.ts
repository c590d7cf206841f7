import { invariant } from '../internal/assert.js';
import type { EvalContext } from '../model/context.js';
import {
  add,
  compare,
  Decimal,
  fromScaled,
  subtract,
  toScaled,
  units7,
  ZERO,
} from '../money/decimal.js';
import { floorDivide } from '../money/floorDivide.js';
import { round } from '../money/rounding.js';
import type { Program } from '../program/index.js';
import { applyCaps, type CapContext, type PendingAward, sameHit } from './applyCaps.js';
import type { CompiledEarning } from './compileEarning.js';
import { localDateKey } from './localDateKey.js';
import { periodKey } from './periodKey.js';
import { roundParts } from './roundParts.js';
import type {
  AccrualCounters,
  AccrualMiss,
  AccrualResult,
  Award,
  AwardKind,
  CapHit,
  CounterIncrements,
  EventCounterIncrement,
  RuleTrace,
} from './types.js';

/** A rule's outcome before caps and rounding. */
export type TraceDraft =
  | { readonly ruleId: string; readonly kind: AwardKind; readonly miss: AccrualMiss }
  | {
      readonly ruleId: string;
      readonly kind: AwardKind;
      readonly miss: null;
      readonly lineIds: readonly string[];
      /** Exact points before caps; null = the sum of the rule's awards (settle derives it). */
      readonly computed: Decimal | null;
      /** Event rules with a limit: the period counted. */
      readonly limit?: import('../program/earning.js').EventLimit;
    };

/** Everything `settle` needs. */
export interface SettleInput {
  readonly program: Program;
  readonly compiled: CompiledEarning;
  readonly counters: AccrualCounters;
  readonly ctx: EvalContext;
  readonly memberId: string;
  readonly source: AccrualResult['source'];
  readonly awards: PendingAward[];
  readonly drafts: readonly TraceDraft[];
  /** Caps that bound a multiplier in an earlier pass and were turned into its limit (by trace index). */
  readonly limitedBy?: ReadonlyMap<number, readonly CapHit[]>;
}

/** The context of the cap pass for an accrual at `ctx`. */
export function capContextOf(
  program: Program,
  compiled: CompiledEarning,
  counters: AccrualCounters,
  ctx: EvalContext,
): CapContext {
  const date = localDateKey(ctx.nowMs, ctx.timeZone);
  const needDay = program.earning.caps.perMemberPerDay !== undefined;
  const needMonth = program.earning.caps.perMemberPerMonth !== undefined;
  return {
    earning: program.earning,
    campaigns: compiled.campaigns,
    counters,
    dayUsed: needDay && counters.memberDay?.date === date ? counters.memberDay.points : ZERO,
    monthUsed:
      needMonth && counters.memberMonth?.month === date.slice(0, 7)
        ? counters.memberMonth.points
        : ZERO,
    scale: program.rounding.points.scale,
  };
}

function groupSums<T>(items: readonly T[], key: (t: T) => string, amount: (t: T) => Decimal) {
  const groups = new Map<string, { sum: Decimal; items: T[] }>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) {
      g.sum = g.sum.plus(amount(item));
      g.items.push(item);
    } else groups.set(k, { sum: amount(item), items: [item] });
  }
  return [...groups.values()];
}

/**
 * `step: 'order'`: rounds the capped total once with the program's mode, then
 * splits it back with `roundParts`, so every part is the floor or ceiling
 * of its exact value. When rules have their own caps or campaigns
 * (`hierarchical`), the split goes by campaign (or rule without one), then
 * rule, then award, so that each rule's and campaign's part is the floor or
 * ceiling of its exact capped value and caps on the grid stay respected;
 * otherwise it goes straight to the awards.
 */
function distributeOrder(
  awards: PendingAward[],
  hierarchical: boolean,
  scale: number,
  mode: Program['rounding']['points']['mode'],
): { total: Decimal; running: Running | null } {
  if (!hierarchical) {
    const running = runningRound(awards, scale, mode);
    return { total: running.total, running };
  }
  let exact = ZERO;
  for (const a of awards) exact = add(exact, a.granted);
  const total = round(exact, scale, mode);
  const groups = groupSums(
    awards,
    (a) => (a.rule?.campaign !== undefined ? `c:${a.rule.campaign}` : `r:${a.ruleId}`),
    (a) => a.granted,
  );
  const groupParts = roundParts(
    total,
    groups.map((g) => g.sum),
    scale,
  );
  groups.forEach((g, gi) => {
    const rules = groupSums(
      g.items,
      (a) => a.ruleId,
      (a) => a.granted,
    );
    const ruleParts = roundParts(
      groupParts[gi]!,
      rules.map((r) => r.sum),
      scale,
    );
    rules.forEach((r, ri) => {
      const parts = roundParts(
        ruleParts[ri]!,
        r.items.map((a) => a.granted),
        scale,
      );
      r.items.forEach((a, k) => {
        a.granted = parts[k]!;
      });
    });
  });
  return { total, running: null };
}

/**
 * Prefix sums of the running-total split, so rule totals need no further
 * additions: in units of 10^-7 (`units7`) when every award has at most 7
 * decimals and the sums stay below 2^53 (the usual case: a few subtractions
 * of integers instead of Decimals), else as Decimals.
 */
export interface Running {
  readonly total: Decimal;
  /** Exact sum of awards 0..k, in units of 10^-7, or null (then `exact`). */
  readonly exactUnits: readonly number[] | null;
  /** Rounded (floor) sum of awards 0..k, in units of 10^-7, or null (then `rounded`). */
  readonly roundedUnits: readonly number[] | null;
  /** Exact sum of awards 0..k. */
  readonly exact: readonly Decimal[];
  /** Rounded (floor) sum of awards 0..k, before the possible extra unit. */
  readonly rounded: readonly Decimal[];
  /** Index of the award that got the extra unit, or -1. */
  readonly bumped: number;
  readonly unit: Decimal;
  /** `unit` in units of 10^-7 (with `exactUnits`). */
  readonly grid: number;
}

/** Powers of ten up to 10^7: the points grid's unit in units of 10^-7 is POW10[7 - scale]. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];

/**
 * `runningRound` in units of 10^-7 when the points grid has at most 7
 * decimals, every award is non-negative with at most 7 decimals and below
 * 10^7 (`units7`), and the exact total stays below 2^53 (so every prefix sum
 * and floor is an exact integer); null otherwise. The same parts, total and
 * bump as the decimal path (each value is exactly its decimal counterpart).
 */
function runningRoundUnits(
  awards: PendingAward[],
  scale: number,
  mode: Program['rounding']['points']['mode'],
): Running | null {
  if (!(scale >= 0 && scale <= 7)) return null;
  const n = awards.length;
  const exacts: number[] = new Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const u = units7(awards[k]!.granted);
    if (u === null || u < 0) return null;
    sum += u;
    // Within floorDivide's domain; each u is below 10^14, so the sum stays exact.
    if (sum > 2 ** 52) return null;
    exacts[k] = u;
  }
  const grid = POW10[7 - scale]!;
  const exactPrefix: number[] = new Array(n);
  const roundedPrefix: number[] = new Array(n);
  const parts: number[] = new Array(n);
  let exact = 0;
  let previous = 0;
  for (let k = 0; k < n; k++) {
    exact += exacts[k]!;
    const rounded = floorDivide(exact, grid) * grid;
    exactPrefix[k] = exact;
    roundedPrefix[k] = rounded;
    parts[k] = rounded - previous;
    previous = rounded;
  }
  const exactTotal = fromScaled(exact, 7);
  const total = round(exactTotal, scale, mode);
  let bumped = -1;
  if (compare(total, fromScaled(previous, 7)) > 0) {
    let k = 0;
    while (k < n && !(parts[k]! < exacts[k]!)) k++;
    invariant(k < n && toScaled(total, 7) === previous + grid, 'runningRound: no part to round up');
    parts[k] = parts[k]! + grid;
    bumped = k;
  }
  for (let k = 0; k < n; k++) awards[k]!.granted = fromScaled(parts[k]!, 7);
  return {
    total,
    exactUnits: exactPrefix,
    roundedUnits: roundedPrefix,
    exact: [],
    rounded: [],
    bumped,
    unit: fromScaled(1, scale),
    grid,
  };
}

/**
 * Flat split of the rounded total over awards by running totals: award k
 * gets floor(S_k) - floor(S_k-1) on the grid, where S_k is the exact sum of
 * awards 1..k in evaluation order, so each part is the floor or the ceiling
 * of its exact value and the parts sum to floor(S_n). When the program's
 * mode rounds the total up instead, the first award left at its floor below
 * its exact value gets the extra unit. One pass, no sorting. `integers:
 * false` skips the integer path (for the property comparing both).
 */
export function runningRound(
  awards: PendingAward[],
  scale: number,
  mode: Program['rounding']['points']['mode'],
  integers = true,
): Running {
  const fast = integers ? runningRoundUnits(awards, scale, mode) : null;
  if (fast) return fast;
  let exact = ZERO;
  let previous = ZERO;
  const exacts: Decimal[] = new Array(awards.length);
  const exactPrefix: Decimal[] = new Array(awards.length);
  const roundedPrefix: Decimal[] = new Array(awards.length);
  for (let k = 0; k < awards.length; k++) {
    const a = awards[k]!;
    const g = a.granted;
    exact = add(exact, g);
    const rounded = round(exact, scale, 'FLOOR');
    const part = k === 0 ? rounded : subtract(rounded, previous);
    exacts[k] = g;
    exactPrefix[k] = exact;
    roundedPrefix[k] = rounded;
    a.granted = part;
    previous = rounded;
  }
  const total = round(exact, scale, mode);
  const unit = UNITS[scale] ?? new Decimal(10).pow(-scale);
  let bumped = -1;
  if (total.gt(previous)) {
    let k = 0;
    while (k < awards.length && !awards[k]!.granted.lt(exacts[k]!)) k++;
    invariant(
      k < awards.length && previous.plus(unit).eq(total),
      'runningRound: no part to round up',
    );
    awards[k]!.granted = awards[k]!.granted.plus(unit);
    bumped = k;
  }
  return {
    total,
    exactUnits: null,
    roundedUnits: null,
    exact: exactPrefix,
    rounded: roundedPrefix,
    bumped,
    unit,
    grid: 0,
  };
}

/** The exact sum of awards f..l (f <= l) from the prefix sums. */
export function runningExact(running: Running, f: number, l: number): Decimal {
  const units = running.exactUnits;
  if (units) return fromScaled(f === 0 ? units[l]! : units[l]! - units[f - 1]!, 7);
  return f === 0 ? running.exact[l]! : subtract(running.exact[l]!, running.exact[f - 1]!);
}

/** The rounded points of awards f..l (f <= l), the extra unit included when one of them got it. */
export function runningPoints(running: Running, f: number, l: number): Decimal {
  const bump = running.bumped >= f && running.bumped <= l;
  const units = running.roundedUnits;
  if (units) {
    const n = f === 0 ? units[l]! : units[l]! - units[f - 1]!;
    return fromScaled(bump ? n + running.grid : n, 7);
  }
  const points =
    f === 0 ? running.rounded[l]! : subtract(running.rounded[l]!, running.rounded[f - 1]!);
  return bump ? points.plus(running.unit) : points;
}

/** The campaign an award feeds, if any. */
function campaignOf(a: PendingAward): string | undefined {
  return a.rule?.campaign;
}

/** The award's rule when it has a per-member or total cap (the caps its counters feed). */
function countedRuleOf(a: PendingAward): string | undefined {
  const caps = a.rule?.caps;
  return caps && (caps.perMember !== undefined || caps.total !== undefined) ? a.ruleId : undefined;
}

/**
 * The capped exact points (before the order's rounding) by key (`campaignOf`,
 * `countedRuleOf`), for the keys that gave any; null when none did.
 */
function exactBy(
  awards: readonly PendingAward[],
  keyOf: (a: PendingAward) => string | undefined,
): Map<string, Decimal> | null {
  let out: Map<string, Decimal> | null = null;
  for (const a of awards) {
    const key = keyOf(a);
    if (key === undefined || a.granted.isZero()) continue;
    out ??= new Map();
    out.set(key, add(out.get(key) ?? ZERO, a.granted));
  }
  return out;
}

const UNITS = [0, 1, 2, 3, 4].map((s) => new Decimal(10).pow(-s));

/** The sum of `field` over the awards of trace entry `i` (between its first and last award). */
function sumOf(
  awards: readonly PendingAward[],
  i: number,
  first: number,
  last: number,
  field: 'granted' | 'exact',
): Decimal {
  let acc = awards[first]![field];
  for (let k = first + 1; k <= last; k++) {
    if (awards[k]!.trace === i) acc = add(acc, awards[k]![field]);
  }
  return acc;
}

/** The campaigns' increments in insertion order. */
function campaignIncrements(
  campaigns: ReadonlyMap<string, Decimal>,
): { campaignId: string; points: Decimal }[] {
  const out: { campaignId: string; points: Decimal }[] = [];
  for (const [campaignId, points] of campaigns) out.push({ campaignId, points });
  return out;
}

/**
 * Applies caps and rounding (documented in docs/engine/accrual.md), then
 * builds the result: awards, total, counter increments and the trace.
 *
 * - `step: 'line'`: each award is rounded with the program's mode, then caps
 *   apply to the rounded awards.
 * - `step: 'order'`: caps apply to the exact awards, the capped total is
 *   rounded once, and split back over the awards.
 */
export function settle(input: SettleInput): AccrualResult {
  const { program, compiled, counters, ctx, awards, drafts } = input;
  const { scale, mode, step } = program.rounding.points;
  if (step === 'line') for (const a of awards) a.granted = round(a.exact, scale, mode);
  const date = localDateKey(ctx.nowMs, ctx.timeZone);
  const hits = compiled.hasCaps
    ? applyCaps(awards, capContextOf(program, compiled, counters, ctx))
    : null;
  if (hits && input.limitedBy) {
    for (const [trace, list] of input.limitedBy) {
      const current = hits.get(trace);
      if (!current) hits.set(trace, [...list]);
      else for (const h of list) if (!current.some((c) => sameHit(c, h))) current.push(h);
    }
  }
  // A campaign's budget is charged what it fed into the order exactly (after
  // caps, before the order's rounding), rounded up to the points grid: the
  // split of the rounded total may give part of a campaign's exact points to
  // another award (a floor here, a ceiling there), and charging only the
  // rounded part would leave that part in the budget for a later order
  // (seed 872170444 of the split property). The exact grant is at most the
  // remaining budget, which is on the grid, so its ceiling is too.
  const campaignExact = step === 'order' ? exactBy(awards, campaignOf) : null;
  // The same for a rule with counted caps (per member, total): its counters
  // are charged its exact capped points rounded up, not its rounded part
  // (seed -1384412119 of the split property: a rule's 2.5 points given as 2
  // left 0.5 of its total cap to the next order, whose part rounded it up).
  const ruleExact =
    step === 'order' && compiled.hasRuleCaps ? exactBy(awards, countedRuleOf) : null;
  const split =
    step === 'order' && awards.length > 0
      ? distributeOrder(awards, compiled.hasRuleCaps, scale, mode)
      : null;
  const orderTotal = split?.total ?? null;
  // Without caps, awards enter the split exact: rule totals come from prefix sums.
  const running = split && !compiled.hasCaps ? split.running : null;

  const first: number[] = new Array(drafts.length).fill(-1);
  const last: number[] = new Array(drafts.length).fill(-1);
  const out: Award[] = [];
  let total = orderTotal ?? ZERO;
  for (let k = 0; k < awards.length; k++) {
    const a = awards[k]!;
    invariant(!a.granted.isNegative(), 'award is negative');
    if (first[a.trace] === -1) first[a.trace] = k;
    last[a.trace] = k;
    if (a.granted.isZero()) continue;
    if (!orderTotal) total = add(total, a.granted);
    out.push({ ruleId: a.ruleId, lineId: a.lineId, kind: a.kind, points: a.granted });
  }
  const trace: RuleTrace[] = [];
  const rules: { ruleId: string; points: Decimal }[] = [];
  const campaigns = new Map<string, Decimal>();
  const events: EventCounterIncrement[] = [];
  // Loops, not callbacks: no closure per accrual.
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (d.miss) {
      // A multiplier limited to nothing on every line by its own cap or
      // budget (an earlier pass, see accrueNormalizedPurchase) gives no
      // points because of that cap, not because it would give none: report
      // the cap, as for any rule capped to nothing below (and as the same
      // program without a maximum does).
      const limited = d.miss.code === 'NO_POINTS' ? input.limitedBy?.get(i) : undefined;
      const reason = limited && limited.length > 0 ? limited[limited.length - 1]! : d.miss;
      trace.push({ ruleId: d.ruleId, kind: d.kind, fired: false, reason });
      continue;
    }
    let points: Decimal;
    let computed: Decimal;
    if (first[i] === -1) {
      points = ZERO;
      computed = d.computed ?? ZERO;
    } else if (first[i] === last[i]) {
      const a = awards[first[i]!]!;
      points = a.granted;
      computed = d.computed ?? a.exact;
    } else if (running) {
      points = runningPoints(running, first[i]!, last[i]!);
      computed = d.computed ?? runningExact(running, first[i]!, last[i]!);
    } else {
      points = sumOf(awards, i, first[i]!, last[i]!, 'granted');
      computed = d.computed ?? sumOf(awards, i, first[i]!, last[i]!, 'exact');
    }
    const charged = ruleExact?.get(d.ruleId);
    const capped = hits?.get(i) ?? [];
    if (points.isZero() && capped.length > 0) {
      trace.push({
        ruleId: d.ruleId,
        kind: d.kind,
        fired: false,
        reason: capped[capped.length - 1]!,
      });
      if (charged) rules.push({ ruleId: d.ruleId, points: round(charged, scale, 'CEILING') });
      continue;
    }
    trace.push({
      ruleId: d.ruleId,
      kind: d.kind,
      fired: true,
      lineIds: d.lineIds,
      computed,
      points,
      capped,
    });
    if (d.kind === 'base' || d.kind === 'tierMultiplier') continue;
    if (charged) rules.push({ ruleId: d.ruleId, points: round(charged, scale, 'CEILING') });
    if (points.isZero()) continue;
    if (!charged) rules.push({ ruleId: d.ruleId, points });
    if (d.limit) {
      events.push({
        ruleId: d.ruleId,
        period: d.limit.period,
        periodKey: periodKey(d.limit.period, ctx.local),
        count: 1,
      });
    }
  }
  if (campaignExact) {
    for (const [c, exact] of campaignExact) campaigns.set(c, round(exact, scale, 'CEILING'));
  } else {
    for (const a of awards) {
      const c = a.rule?.campaign;
      if (c !== undefined && !a.granted.isZero())
        campaigns.set(c, add(campaigns.get(c) ?? ZERO, a.granted));
    }
  }
  const increments: CounterIncrements = {
    purchases: input.source.type === 'purchase' ? 1 : 0,
    memberDay: { date, points: total },
    memberMonth: { month: date.slice(0, 7), points: total },
    rules,
    campaigns: campaignIncrements(campaigns),
    events,
  };
  return {
    programId: program.id,
    programVersion: program.version,
    memberId: input.memberId,
    source: input.source,
    total,
    awards: out,
    increments,
    trace,
  };
}
