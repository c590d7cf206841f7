import type { CartLine } from '../../model/cart.js';
import type { EvalContext } from '../../model/context.js';
import type { MemberSnapshot } from '../../model/member.js';
import type { Decimal } from '../../money/decimal.js';
import type { EarningRule, EarningRuleKind } from '../../program/earning.js';
import type { RuleLines } from '../ruleLines.js';
import type { AccrualEventInput, AccrualMiss } from '../types.js';

/** A line that earns, with its basis (amount that earns) and exact base points. */
export interface EarningLine {
  /** Position among the purchase's earning lines (sorted by line id). */
  readonly index: number;
  readonly line: CartLine;
  readonly basis: Decimal;
  readonly base: Decimal;
}

/** What a purchase rule sees: its lines (eligible and targeted, sorted by id) and their spend. */
export interface PurchaseSnapshot {
  readonly lines: readonly EarningLine[];
  /** The accrual's line lookup: `targeted.within(lines, filter)` = the lines a further filter targets. */
  readonly targeted: RuleLines;
  readonly spend: Decimal;
  readonly ctx: EvalContext;
  readonly purchasesBefore: number;
}

/** What an event rule sees. */
export interface EventSnapshot {
  readonly event: AccrualEventInput;
  readonly member: MemberSnapshot;
  readonly ctx: EvalContext;
}

/**
 * What a rule kind computes: a miss, a multiplier on its lines' base points,
 * exact points per line (aligned with the snapshot's lines), or exact points
 * for the whole order or event.
 */
export type KindOutcome =
  | { readonly type: 'miss'; readonly reason: AccrualMiss }
  | { readonly type: 'multiplier'; readonly factor: Decimal }
  | { readonly type: 'lines'; readonly points: readonly Decimal[] }
  | { readonly type: 'order'; readonly points: Decimal };

type RuleOf<K extends EarningRuleKind> = Extract<EarningRule, { kind: K }>;

/** A purchase rule kind: a pure function of the rule and a plain snapshot. */
export interface PurchaseRuleKind<K extends EarningRuleKind = EarningRuleKind> {
  readonly kind: K;
  readonly family: 'purchase';
  evaluate(rule: RuleOf<K>, snapshot: PurchaseSnapshot): KindOutcome;
}

/** An event rule kind: a pure function of the rule and the event. */
export interface EventRuleKind<K extends EarningRuleKind = EarningRuleKind> {
  readonly kind: K;
  readonly family: 'event';
  /** True when the rule answers this event (type, custom name, referral stage). */
  accepts(rule: RuleOf<K>, event: AccrualEventInput): boolean;
  evaluate(rule: RuleOf<K>, snapshot: EventSnapshot): KindOutcome;
}

/** Any rule kind module. */
export type RuleKind = PurchaseRuleKind | EventRuleKind;

/** `{ type: 'miss', reason }`, shared so kinds stay one-liners. */
export function miss(reason: AccrualMiss): KindOutcome {
  return { type: 'miss', reason };
}
