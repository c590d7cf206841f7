// Public API of the accrual module; every export listed explicitly.

export {
  BASE_RULE_ID,
  type Campaign,
  type EarningConfig,
  type EarningRule,
  type EarningRuleKind,
  type EventLimit,
  MAX_CAMPAIGNS,
  MAX_EARNING_RULES,
  TIER_RULE_PREFIX,
  zEarningConfig,
  zEarningRule,
} from '../program/earning.js';
export { ACCRUAL_EVENT_TYPES, accrueEvent } from './accrueEvent.js';
export { accrueNormalizedPurchase, type NormalizedPurchase } from './accrueNormalizedPurchase.js';
export { accruePurchase } from './accruePurchase.js';
export { localDateKey } from './localDateKey.js';
export { MAX_CLOCK_SKEW_MS } from './readInstants.js';
export { RULE_KINDS } from './ruleKinds.js';
export { tierMultipliers } from './tierMultipliers.js';
export type {
  AccrualCountersInput,
  AccrualEventInput,
  AccrualEventType,
  AccrualMiss,
  AccrualMissCode,
  AccrualResult,
  AccrueEventInput,
  AccruePurchaseInput,
  Award,
  AwardKind,
  CapHit,
  CapScope,
  CounterIncrements,
  EventCounterIncrement,
  PurchaseInput,
  RuleTrace,
} from './types.js';
