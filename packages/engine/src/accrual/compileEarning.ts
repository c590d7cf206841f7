import type { Decimal } from '../money/decimal.js';
import { ONE } from '../money/decimal.js';
import type { LineFilter } from '../program/conditions.js';
import type { Campaign, EarningRule } from '../program/earning.js';
import { TIER_RULE_PREFIX } from '../program/earning.js';
import type { Program } from '../program/index.js';
import type { EventRuleKind, PurchaseRuleKind } from './kinds/ruleKind.js';
import { ruleKindOf } from './ruleKinds.js';
import { tierMultipliers } from './tierMultipliers.js';

/** A purchase rule ready to evaluate, or the tier-benefit multiplier of one tier. */
export type CompiledPurchaseRule =
  | {
      readonly type: 'rule';
      readonly id: string;
      readonly rule: EarningRule;
      readonly module: PurchaseRuleKind;
      /** The rule's line filter and minimum spend, read once. */
      readonly lines: LineFilter | undefined;
      readonly minSpend: Decimal | undefined;
    }
  | {
      readonly type: 'tier';
      readonly id: string;
      readonly tierId: string;
      readonly factor: Decimal;
    };

/** An event rule ready to evaluate. */
export interface CompiledEventRule {
  readonly id: string;
  readonly rule: EarningRule;
  readonly module: EventRuleKind;
}

/** Counters one family of rules (purchase or event) reads. */
export interface CounterNeeds {
  purchaseCount: boolean;
  readonly ruleMember: Set<string>;
  readonly ruleTotal: Set<string>;
  readonly campaign: Set<string>;
}

const noNeeds = (): CounterNeeds => ({
  purchaseCount: false,
  ruleMember: new Set(),
  ruleTotal: new Set(),
  campaign: new Set(),
});

/** A program's earning section, precompiled once per program object. */
export interface CompiledEarning {
  /** Purchase rules and tier multipliers (priority 0) by priority desc, then id. */
  readonly purchase: readonly CompiledPurchaseRule[];
  /** Event rules by priority desc, then id. */
  readonly events: readonly CompiledEventRule[];
  /** Points per 1 of money (`rate.points / rate.per`, exact). */
  readonly ratio: Decimal;
  readonly campaigns: ReadonlyMap<string, Campaign>;
  /** Counters the caller must pass (see `normalizeCounters`). */
  readonly needs: Readonly<Record<'purchase' | 'event', CounterNeeds>>;
  /** True when any cap or budget is configured (skips the cap pass otherwise). */
  readonly hasCaps: boolean;
  /**
   * True when a rule has its own caps or a campaign: rounding at `order` step
   * then splits the total by campaign and rule first (see `settle`).
   */
  readonly hasRuleCaps: boolean;
  /** True when `ratio` is 1 (base points = basis, no multiplication). */
  readonly ratioIsOne: boolean;
}

const cache = new WeakMap<Program, CompiledEarning>();

/** Code-unit order, independent of locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Precompiles the earning section (sorted rules, kind modules, tier
 * multipliers, needed counters). Cached by program object: a parsed program
 * is frozen, and a new version is a new object.
 */
export function compileEarning(program: Program): CompiledEarning {
  const hit = cache.get(program);
  if (hit) return hit;
  const earning = program.earning;
  const order = (a: { p: number; id: string }, b: { p: number; id: string }) =>
    b.p - a.p || compareIds(a.id, b.id);
  const purchase: (CompiledPurchaseRule & { p: number })[] = [];
  const events: (CompiledEventRule & { p: number })[] = [];
  const needs = { purchase: noNeeds(), event: noNeeds() };
  let hasRuleCaps = false;
  let hasCaps =
    earning.caps.perTransaction !== undefined ||
    earning.caps.perMemberPerDay !== undefined ||
    earning.caps.perMemberPerMonth !== undefined;
  for (const rule of earning.rules) {
    const module = ruleKindOf(rule.kind);
    if (module.family === 'purchase') {
      const lines = 'lines' in rule ? rule.lines : undefined;
      const minSpend = 'minSpend' in rule ? rule.minSpend : undefined;
      purchase.push({ type: 'rule', id: rule.id, rule, module, lines, minSpend, p: rule.priority });
    } else events.push({ id: rule.id, rule, module, p: rule.priority });
    const need = needs[module.family];
    if (rule.kind === 'firstPurchase' || rule.kind === 'nthPurchase') need.purchaseCount = true;
    if (rule.caps?.perMember !== undefined) need.ruleMember.add(rule.id);
    if (rule.caps?.total !== undefined) need.ruleTotal.add(rule.id);
    if (rule.caps || rule.campaign !== undefined) {
      hasCaps = true;
      hasRuleCaps = true;
    }
    if (rule.campaign !== undefined) need.campaign.add(rule.campaign);
  }
  for (const [tierId, factor] of tierMultipliers(program)) {
    purchase.push({ type: 'tier', id: `${TIER_RULE_PREFIX}${tierId}`, tierId, factor, p: 0 });
  }
  purchase.sort(order);
  events.sort(order);
  const ratio = earning.rate.points.div(earning.rate.per);
  const compiled: CompiledEarning = {
    purchase,
    events,
    ratio,
    ratioIsOne: ratio.eq(ONE),
    campaigns: new Map(earning.campaigns.map((c) => [c.id, c])),
    needs,
    hasCaps,
    hasRuleCaps,
  };
  cache.set(program, compiled);
  return compiled;
}
