import { matchAudience } from '../conditions/matchAudience.js';
import { matchLine } from '../conditions/matchLine.js';
import { matchTimeWindow } from '../conditions/matchTimeWindow.js';
import type { CartLine } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import type { MemberSnapshot } from '../model/member.js';
import { add, compare, type Decimal, multiply, ONE, ZERO } from '../money/decimal.js';
import { round } from '../money/rounding.js';
import { BASE_RULE_ID } from '../program/earning.js';
import type { Channel, Program } from '../program/index.js';
import { applyCaps, type CapContext, type PendingAward } from './applyCaps.js';
import { compileEarning } from './compileEarning.js';
import type { EarningLine } from './kinds/ruleKind.js';
import { normalizeCounters } from './normalizeCounters.js';
import { RuleLines } from './ruleLines.js';
import { capContextOf, settle, type TraceDraft } from './settle.js';
import type {
  AccrualCounters,
  AccrualCountersInput,
  AccrualMiss,
  AccrualResult,
  CapHit,
} from './types.js';

/** A purchase whose lines and member are already normalised (see `accruePurchase`). */
export interface NormalizedPurchase {
  readonly orderId: string;
  readonly occurredAtMs: number;
  readonly storeId: string | null;
  readonly channel: Channel | null;
  readonly lines: readonly CartLine[];
  readonly member: MemberSnapshot;
  readonly counters?: AccrualCountersInput;
  /**
   * What was actually paid per line id (0 <= paid <= the line's basis),
   * replacing the line's basis: promotions applied by Tessera and points used
   * as payment earn nothing. Checked by `accruePurchase`; trusted here.
   */
  readonly paid?: ReadonlyMap<string, Decimal>;
}

function byId(a: CartLine, b: CartLine): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `factor - 1` of the factors seen (program values: a few per program), to skip a subtraction. */
const extras = new WeakMap<Decimal, Decimal>();

/**
 * The cap context when multipliers can take each other's headroom (a maximum
 * multiplier and rule caps or campaigns), else null: nothing to tighten.
 */
function st0(
  program: Program,
  compiled: ReturnType<typeof compileEarning>,
  counters: AccrualCounters,
  ctx: EvalContext,
): CapContext | null {
  if (!program.earning.maxMultiplier || !compiled.hasCaps) return null;
  return capContextOf(program, compiled, counters, ctx);
}

/**
 * Runs the cap pass on a copy of `awards` and records, for every multiplier
 * award of a rule with its own caps or campaign that the pass cuts, the
 * granted points as the rule's limit on that line, for the first such rule
 * only. Returns true when a limit was added (evaluate again).
 */
function tightenLimits(
  awards: readonly PendingAward[],
  cx: CapContext,
  program: Program,
  limits: Map<string, Map<string, Decimal>>,
  limitedBy: Map<number, CapHit[]>,
): boolean {
  const { scale, mode, step } = program.rounding.points;
  const trial = awards.map((a) => ({
    ...a,
    granted: step === 'line' ? round(a.exact, scale, mode) : a.exact,
  }));
  // Only the rules' own caps and campaign budgets: a program-wide cap that
  // cuts an award leaves no room to the awards after it either.
  const hits = applyCaps(trial, { ...cx, earning: { ...cx.earning, caps: {} } });
  // The first rule (in evaluation order) cut by its own limits is limited;
  // the rules after it are evaluated again from the corrected state, so a
  // limit is never computed from a state an earlier limit has changed.
  let first: number | null = null;
  for (const a of trial) {
    if (a.kind !== 'multiplier' || a.lineId === null || !a.rule) continue;
    if (!a.rule.caps && a.rule.campaign === undefined) continue;
    if (!a.granted.lt(a.exact)) continue;
    if (first === null || a.trace < first) first = a.trace;
  }
  if (first === null) return false;
  for (const a of trial) {
    if (a.trace !== first || a.lineId === null || !a.granted.lt(a.exact)) continue;
    const perLine = limits.get(a.ruleId) ?? new Map<string, Decimal>();
    perLine.set(a.lineId, a.granted);
    limits.set(a.ruleId, perLine);
  }
  const list = hits.get(first);
  if (list) limitedBy.set(first, list);
  return true;
}

/** The running multiplier (or points) of each line and the awards being built. */
interface MultiplierState {
  /** Each line's running multiplier (base = 1), while no limited award has moved it. */
  readonly running: Decimal[];
  /**
   * The running points (base x running multiplier) of each line a limited
   * award has moved, else undefined; null until the first one. A limited
   * award moves its line by exactly its limit in points: in a multiplier it
   * would be limit / base, rarely exact at 40 digits (14 / 16.05), and every
   * later award on the line, base x (after - before), would inherit the
   * error (15.025 as 15.02500...01, an award on the grid a hair below it
   * floored a whole step down). In points nothing is divided.
   */
  points: (Decimal | undefined)[] | null;
  readonly multiply: boolean;
  readonly max: Decimal | undefined;
  readonly awards: PendingAward[];
}

/**
 * Applies one multiplier to its lines: the line's running multiplier moves
 * from `before` to `after` (add: before + factor - 1; multiply: before x
 * factor; clipped to `max`), and the rule earns base x (after - before).
 * On a line a limited award has moved, the same in points: from P to P +
 * base x (factor - 1) or P x factor, clipped to base x max, earning the
 * difference. A rule limited on a line (`limit`) earns at most its limit
 * there, and moves the line by what it earns.
 */
function applyMultiplier(
  st: MultiplierState,
  factor: Decimal,
  lines: readonly EarningLine[],
  trace: number,
  ruleId: string,
  kind: 'multiplier' | 'tierMultiplier',
  rule: PendingAward['rule'],
  limit?: ReadonlyMap<string, Decimal>,
): TraceDraft {
  let clipped = false;
  const lineIds: string[] = [];
  let extra: Decimal | null = null;
  if (!st.multiply) {
    extra = extras.get(factor) ?? null;
    if (!extra) {
      extra = factor.minus(ONE);
      extras.set(factor, extra);
    }
  }
  // With add and no maximum, the running multiplier is never read: skip it.
  const track = st.multiply || st.max !== undefined;
  for (const l of lines) {
    const cap = limit?.get(l.line.id);
    const held = st.points?.[l.index];
    let points: Decimal;
    if (held !== undefined) {
      // Only lines with a non-zero base are held (a limit needs one).
      let next = extra ? held.plus(multiply(l.base, extra)) : multiply(held, factor);
      if (st.max) {
        const top = multiply(l.base, st.max);
        if (next.gt(top)) {
          next = top.gt(held) ? top : held;
          clipped = true;
        }
      }
      points = next.minus(held);
      if (cap && points.gt(cap)) {
        points = cap;
        next = held.plus(cap);
      }
      st.points![l.index] = next;
      if (points.isZero()) continue;
    } else {
      let step = extra;
      let before: Decimal | undefined;
      let after: Decimal | undefined;
      if (track) {
        before = st.running[l.index]!;
        after = extra ? before.plus(extra) : multiply(before, factor);
        if (st.max && after.gt(st.max)) {
          after = st.max.gt(before) ? st.max : before;
          clipped = true;
          step = null;
        }
        st.running[l.index] = after;
      }
      if (l.base.isZero()) continue;
      const delta = step ?? after!.minus(before!);
      if (delta.isZero()) continue;
      points = multiply(l.base, delta);
      if (cap && track && points.gt(cap)) {
        // An earlier pass found this rule's award on the line cut to `cap` by
        // its own cap or campaign budget: it moves the line only by what it
        // is granted, leaving the maximum's headroom to later rules. From
        // here the line runs in points (base x before is exact; the running
        // multiplier of the line is no longer read).
        points = cap;
        st.points ??= new Array<Decimal | undefined>(st.running.length);
        st.points[l.index] = multiply(l.base, before!).plus(cap);
        if (points.isZero()) continue;
      }
    }
    lineIds.push(l.line.id);
    st.awards.push({
      trace,
      ruleId,
      kind,
      rule,
      lineId: l.line.id,
      exact: points,
      granted: points,
    });
  }
  if (lineIds.length > 0) return { ruleId, kind, miss: null, lineIds, computed: null };
  return {
    ruleId,
    kind,
    miss:
      clipped && st.max ? { code: 'MAX_MULTIPLIER_REACHED', max: st.max } : { code: 'NO_POINTS' },
  };
}

/**
 * Accrual of a purchase from normalised lines and member: the core of
 * `accruePurchase`, exported for the checkout quote (which holds normalised,
 * discounted lines). Pure; validates only the counters.
 */
export function accrueNormalizedPurchase(program: Program, p: NormalizedPurchase): AccrualResult {
  const compiled = compileEarning(program);
  const earning = program.earning;
  const counters = normalizeCounters(p.counters, compiled, 'purchase');
  const ctx = new EvalContext(p.occurredAtMs, program.timeZone, p.storeId, p.channel, p.member);
  const ratio = compiled.ratio;
  const ratioIsOne = compiled.ratioIsOne;
  const matched: CartLine[] = [];
  for (const line of p.lines) if (matchLine(earning.lines, line)) matched.push(line);
  // Carts usually come sorted (the quote sorts its lines): check before sorting.
  for (let i = 1; i < matched.length; i++) {
    if (byId(matched[i - 1]!, matched[i]!) > 0) {
      matched.sort(byId);
      break;
    }
  }
  const eligible: EarningLine[] = new Array(matched.length);
  let spend = ZERO;
  for (let i = 0; i < matched.length; i++) {
    const line = matched[i]!;
    const basis = p.paid?.get(line.id) ?? (earning.basis === 'net' ? line.net : line.gross);
    eligible[i] = { index: i, line, basis, base: ratioIsOne ? basis : basis.times(ratio) };
    spend = add(spend, basis);
  }
  const belowMinimum: AccrualMiss | null =
    compare(spend, earning.minimumSpend) < 0
      ? { code: 'BELOW_MINIMUM_SPEND', required: earning.minimumSpend, actual: spend }
      : null;
  const ruleLines = new RuleLines(eligible);
  const limits = new Map<string, Map<string, Decimal>>();
  const limitedBy = new Map<number, CapHit[]>();
  const capContext = st0(program, compiled, counters, ctx);
  // With a maximum multiplier and caps, a multiplier cut by its own cap or
  // campaign budget must not keep the headroom it did not use: evaluate,
  // find such cuts with a trial cap pass, limit those multipliers to what they
  // are granted and evaluate again. Limits only tighten, one rule at a time,
  // so this ends within one pass per multiplier rule.
  const x: Evaluation = {
    earning,
    compiled,
    member: p.member,
    eligible,
    belowMinimum,
    spend,
    ctx,
    counters,
    ruleLines,
    limits,
  };
  for (;;) {
    const { awards, drafts } = evaluate(x);
    if (!capContext || !tightenLimits(awards, capContext, program, limits, limitedBy)) {
      return settle({
        program,
        compiled,
        counters,
        ctx,
        memberId: p.member.id,
        source: { type: 'purchase', orderId: p.orderId },
        awards,
        drafts,
        ...(limitedBy.size > 0 ? { limitedBy } : {}),
      });
    }
  }
}

/** What one evaluation of a purchase's rules reads (module level: no closure per accrual). */
interface Evaluation {
  readonly earning: Program['earning'];
  readonly compiled: ReturnType<typeof compileEarning>;
  readonly member: MemberSnapshot;
  readonly eligible: readonly EarningLine[];
  readonly belowMinimum: AccrualMiss | null;
  readonly spend: Decimal;
  readonly ctx: EvalContext;
  readonly counters: AccrualCounters;
  readonly ruleLines: RuleLines;
  readonly limits: ReadonlyMap<string, ReadonlyMap<string, Decimal>>;
}

/** The awards and trace drafts of every rule, before caps and rounding. */
function evaluate(x: Evaluation): { awards: PendingAward[]; drafts: TraceDraft[] } {
  const { earning, compiled, member, eligible, belowMinimum, spend, ctx, counters, ruleLines } = x;
  const limits = x.limits;
  const drafts: TraceDraft[] = [];
  const awards: PendingAward[] = [];
  const allLineIds: string[] = new Array(eligible.length);
  for (let k = 0; k < eligible.length; k++) allLineIds[k] = eligible[k]!.line.id;

  // Base rate.
  if (belowMinimum) drafts.push({ ruleId: BASE_RULE_ID, kind: 'base', miss: belowMinimum });
  else if (eligible.length === 0)
    drafts.push({ ruleId: BASE_RULE_ID, kind: 'base', miss: { code: 'NO_ELIGIBLE_LINES' } });
  else {
    let any = false;
    for (const l of eligible) {
      if (l.base.isZero()) continue;
      any = true;
      awards.push({
        trace: 0,
        ruleId: BASE_RULE_ID,
        kind: 'base',
        rule: null,
        lineId: l.line.id,
        exact: l.base,
        granted: l.base,
      });
    }
    drafts.push(
      any
        ? { ruleId: BASE_RULE_ID, kind: 'base', miss: null, lineIds: allLineIds, computed: null }
        : { ruleId: BASE_RULE_ID, kind: 'base', miss: { code: 'NO_POINTS' } },
    );
  }

  // Running combined multiplier of each line (base = 1).
  const st: MultiplierState = {
    running:
      earning.combine === 'multiply' || earning.maxMultiplier
        ? new Array<Decimal>(eligible.length).fill(ONE)
        : [],
    points: null,
    multiply: earning.combine === 'multiply',
    max: earning.maxMultiplier,
    awards,
  };

  for (const entry of compiled.purchase) {
    const trace = drafts.length;
    if (entry.type === 'tier') {
      if (member.tierId !== entry.tierId) continue;
      if (belowMinimum)
        drafts.push({ ruleId: entry.id, kind: 'tierMultiplier', miss: belowMinimum });
      else if (eligible.length === 0)
        drafts.push({
          ruleId: entry.id,
          kind: 'tierMultiplier',
          miss: { code: 'NO_ELIGIBLE_LINES' },
        });
      else
        drafts.push(
          applyMultiplier(st, entry.factor, eligible, trace, entry.id, 'tierMultiplier', null),
        );
      continue;
    }
    const rule = entry.rule;
    if (belowMinimum) {
      drafts.push({ ruleId: rule.id, kind: rule.kind, miss: belowMinimum });
      continue;
    }
    const windowMiss = matchTimeWindow(rule.when, ctx);
    if (windowMiss) {
      drafts.push({
        ruleId: rule.id,
        kind: rule.kind,
        miss: { code: 'OUTSIDE_WINDOW', miss: windowMiss },
      });
      continue;
    }
    const audienceMiss = matchAudience(rule.audience, ctx);
    if (audienceMiss) {
      drafts.push({
        ruleId: rule.id,
        kind: rule.kind,
        miss: { code: 'NOT_IN_AUDIENCE', miss: audienceMiss },
      });
      continue;
    }
    const filter = entry.lines;
    let lines: readonly EarningLine[] = eligible;
    let ruleSpend = spend;
    if (filter) {
      lines = ruleLines.of(filter);
      ruleSpend = ZERO;
      for (const l of lines) ruleSpend = add(ruleSpend, l.basis);
    }
    if (lines.length === 0) {
      drafts.push({ ruleId: rule.id, kind: rule.kind, miss: { code: 'NO_ELIGIBLE_LINES' } });
      continue;
    }
    const minSpend = entry.minSpend;
    if (minSpend && compare(ruleSpend, minSpend) < 0) {
      drafts.push({
        ruleId: rule.id,
        kind: rule.kind,
        miss: { code: 'BELOW_MINIMUM_SPEND', required: minSpend, actual: ruleSpend },
      });
      continue;
    }
    const outcome = entry.module.evaluate(rule as never, {
      lines,
      targeted: ruleLines,
      spend: ruleSpend,
      ctx,
      purchasesBefore: counters.purchasesBefore,
    });
    switch (outcome.type) {
      case 'miss':
        drafts.push({ ruleId: rule.id, kind: rule.kind, miss: outcome.reason });
        break;
      case 'multiplier':
        drafts.push(
          applyMultiplier(
            st,
            outcome.factor,
            lines,
            trace,
            rule.id,
            'multiplier',
            rule,
            limits.get(rule.id),
          ),
        );
        break;
      case 'lines': {
        const lineIds: string[] = [];
        for (let k = 0; k < outcome.points.length; k++) {
          const points = outcome.points[k]!;
          if (points.isZero()) continue;
          const lineId = lines[k]!.line.id;
          lineIds.push(lineId);
          awards.push({
            trace,
            ruleId: rule.id,
            kind: rule.kind,
            rule,
            lineId,
            exact: points,
            granted: points,
          });
        }
        if (lineIds.length === 0)
          drafts.push({ ruleId: rule.id, kind: rule.kind, miss: { code: 'NO_POINTS' } });
        else drafts.push({ ruleId: rule.id, kind: rule.kind, miss: null, lineIds, computed: null });
        break;
      }
      case 'order':
        if (outcome.points.isZero())
          drafts.push({ ruleId: rule.id, kind: rule.kind, miss: { code: 'NO_POINTS' } });
        else {
          awards.push({
            trace,
            ruleId: rule.id,
            kind: rule.kind,
            rule,
            lineId: null,
            exact: outcome.points,
            granted: outcome.points,
          });
          drafts.push({
            ruleId: rule.id,
            kind: rule.kind,
            miss: null,
            lineIds: [],
            computed: outcome.points,
          });
        }
        break;
    }
  }
  return { awards, drafts };
}
