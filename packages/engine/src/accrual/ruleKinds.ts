import type { EarningRuleKind } from '../program/earning.js';
import { combinedKind } from './kinds/combined.js';
import { customEventKind } from './kinds/customEvent.js';
import { firstPurchaseKind } from './kinds/firstPurchase.js';
import { lineBonusKind } from './kinds/lineBonus.js';
import { multiplierKind } from './kinds/multiplier.js';
import { nthPurchaseKind } from './kinds/nthPurchase.js';
import { orderBonusKind } from './kinds/orderBonus.js';
import { referralKind } from './kinds/referral.js';
import type { RuleKind } from './kinds/ruleKind.js';
import {
  checkInKind,
  enrolmentKind,
  profileCompletedKind,
  reviewKind,
  surveyKind,
} from './kinds/simpleEvent.js';
import { spendEveryKind } from './kinds/spendEvery.js';
import { spendThresholdKind } from './kinds/spendThreshold.js';

/**
 * Every earning rule kind, in one frozen list: purchase kinds first (the
 * multiplier first, as it scales the base rate; then per-line, per-order,
 * purchase-count, spend and combination bonuses), then event kinds. The
 * order is the order of the schema and of the docs; rules themselves are
 * evaluated by `priority` (higher first) then `id`, never by this list or by
 * input order. Adding a kind = one module + one line here + its schema.
 */
export const RULE_KINDS: readonly RuleKind[] = Object.freeze([
  multiplierKind,
  lineBonusKind,
  orderBonusKind,
  firstPurchaseKind,
  nthPurchaseKind,
  spendThresholdKind,
  spendEveryKind,
  combinedKind,
  enrolmentKind,
  profileCompletedKind,
  referralKind,
  reviewKind,
  checkInKind,
  surveyKind,
  customEventKind,
] as RuleKind[]);

const BY_KIND = new Map<string, RuleKind>(RULE_KINDS.map((k) => [k.kind, k]));

/** The module of a rule kind (every kind of the schema has one). */
export function ruleKindOf(kind: EarningRuleKind): RuleKind {
  const module = BY_KIND.get(kind);
  if (!module) throw new Error(`Tessera invariant violated: no module for rule kind ${kind}`);
  return module;
}
