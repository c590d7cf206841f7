import type { AudienceMiss } from '../conditions/matchAudience.js';
import type { WindowMiss } from '../conditions/matchTimeWindow.js';
import type { CartLineInput } from '../model/cart.js';
import type { MemberSnapshotInput } from '../model/member.js';
import type { Decimal, DecimalInput } from '../money/decimal.js';
import type { EventLimit } from '../program/earning.js';
import type { Channel } from '../program/primitives.js';
import type { InstantInput, LocalDate } from '../time/index.js';

/** A purchase as the caller records it. */
export interface PurchaseInput {
  /** The caller's order id (idempotency is the caller's: the same order accrues the same points). */
  readonly orderId: string;
  /** When the purchase happened; time windows, birthdays and day/month caps read it. */
  readonly occurredAt: InstantInput;
  readonly storeId?: string | null;
  readonly channel?: Channel | null;
  /** Must equal the program's currency (a programmer error otherwise). */
  readonly currency: string;
  readonly lines: readonly CartLineInput[];
}

/**
 * What the engine needs to know about the member's past, loaded by the
 * caller. `purchasesBefore`, `rules` and `campaigns` entries are required
 * when the program has a rule or cap that reads them (an `InputError` names
 * the missing one). Period counters (`memberDay`, `memberMonth`, `events`)
 * carry the key of their period: pass the last bucket you stored; a bucket
 * of another period (or none) counts as zero, so the caller never computes
 * local dates itself. Increments in the result use the same keys.
 */
export interface AccrualCountersInput {
  /** Purchases recorded for the member before this one (first / n-th purchase rules). */
  readonly purchasesBefore?: number;
  /** Points the member earned on a local day (program time zone). */
  readonly memberDay?: { readonly date: LocalDate; readonly points: DecimalInput };
  /** Points the member earned in a local month `YYYY-MM`. */
  readonly memberMonth?: { readonly month: string; readonly points: DecimalInput };
  /** Per rule id: points this rule gave this member (`member`) and all members (`total`). */
  readonly rules?: Readonly<
    Record<string, { readonly member?: DecimalInput; readonly total?: DecimalInput }>
  >;
  /** Per campaign id: points the campaign already gave (all members). */
  readonly campaigns?: Readonly<Record<string, DecimalInput>>;
  /** Per event rule id: awards to this member in a limit period (see `EventCounterIncrement`). */
  readonly events?: Readonly<
    Record<string, { readonly periodKey: string; readonly count: number }>
  >;
}

/** Counters, normalised. */
export interface AccrualCounters {
  readonly purchasesBefore: number;
  readonly memberDay: { readonly date: string; readonly points: Decimal } | null;
  readonly memberMonth: { readonly month: string; readonly points: Decimal } | null;
  readonly ruleMember: ReadonlyMap<string, Decimal>;
  readonly ruleTotal: ReadonlyMap<string, Decimal>;
  readonly campaigns: ReadonlyMap<string, Decimal>;
  readonly events: ReadonlyMap<string, { readonly periodKey: string; readonly count: number }>;
}

/** Input of `accruePurchase`. */
export interface AccruePurchaseInput {
  readonly purchase: PurchaseInput;
  readonly member: MemberSnapshotInput;
  readonly counters?: AccrualCountersInput;
  /** The caller's clock; purchases dated after `now` (+5 minutes of skew) are refused. */
  readonly now: InstantInput;
  /**
   * What was actually paid per line id, when it is less than the line's net
   * (promotions applied by Tessera, points used as payment). Replaces the
   * line's basis; 0 <= paid <= net. See `accruePaidPurchase`.
   */
  readonly paid?: Readonly<Record<string, DecimalInput>>;
}

/** Event types of `accrueEvent` and the rule kind that answers each. */
export type AccrualEventType =
  | 'enrolment'
  | 'profile_completed'
  | 'referral'
  | 'review'
  | 'check_in'
  | 'survey'
  | 'custom';

/** An event that may earn points. */
export interface AccrualEventInput {
  /** The caller's event id. */
  readonly id: string;
  readonly type: AccrualEventType;
  /** Custom events: the name rules match (`customEvent.event`). */
  readonly name?: string;
  readonly occurredAt: InstantInput;
  readonly storeId?: string | null;
  readonly channel?: Channel | null;
  /** Referral events: both parties and the stage; the credited side is `member.id`. */
  readonly referral?: {
    readonly referrerId: string;
    readonly refereeId: string;
    readonly stage: 'signup' | 'first_purchase';
  };
  /** Custom events: attributes checked against the rule's declared types. */
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
}

/** Input of `accrueEvent`. */
export interface AccrueEventInput {
  readonly event: AccrualEventInput;
  readonly member: MemberSnapshotInput;
  readonly counters?: AccrualCountersInput;
  readonly now: InstantInput;
}

/** Which cap clipped an award. */
export type CapScope =
  | 'transaction'
  | 'memberDay'
  | 'memberMonth'
  | 'rulePerTransaction'
  | 'rulePerMember'
  | 'ruleTotal';

/**
 * Why a rule did not fire (or gave nothing), in the precedence they are
 * checked: program minimum spend, window, audience, lines, rule minimum
 * spend, the kind's own condition, zero points, then caps and budgets.
 */
export type AccrualMiss =
  | { readonly code: 'BELOW_MINIMUM_SPEND'; readonly required: Decimal; readonly actual: Decimal }
  | { readonly code: 'OUTSIDE_WINDOW'; readonly miss: WindowMiss }
  | { readonly code: 'NOT_IN_AUDIENCE'; readonly miss: AudienceMiss }
  | { readonly code: 'NO_ELIGIBLE_LINES' }
  | { readonly code: 'THRESHOLD_NOT_REACHED'; readonly required: Decimal; readonly actual: Decimal }
  | { readonly code: 'NOT_FIRST_PURCHASE'; readonly purchasesBefore: number }
  | { readonly code: 'NOT_NTH_PURCHASE'; readonly purchaseNumber: number; readonly n: number }
  | { readonly code: 'COMBINATION_INCOMPLETE'; readonly group: number }
  | { readonly code: 'WRONG_EVENT' }
  | { readonly code: 'SELF_REFERRAL' }
  | { readonly code: 'EVENT_LIMIT_REACHED'; readonly limit: EventLimit; readonly used: number }
  | { readonly code: 'MAX_MULTIPLIER_REACHED'; readonly max: Decimal }
  | { readonly code: 'NO_POINTS' }
  | { readonly code: 'CAP_REACHED'; readonly scope: CapScope; readonly limit: Decimal }
  | {
      readonly code: 'BUDGET_EXHAUSTED';
      readonly campaignId: string;
      readonly budget: Decimal;
      readonly remaining: Decimal;
    };
export type AccrualMissCode = AccrualMiss['code'];

/** A cap or budget that reduced a rule's award without cancelling it. */
export type CapHit =
  | { readonly code: 'CAP_REACHED'; readonly scope: CapScope; readonly limit: Decimal }
  | {
      readonly code: 'BUDGET_EXHAUSTED';
      readonly campaignId: string;
      readonly budget: Decimal;
      readonly remaining: Decimal;
    };

/** Kinds in awards and traces: the rule kinds plus the base rate and tier benefits. */
export type AwardKind = 'base' | 'tierMultiplier' | import('../program/earning.js').EarningRuleKind;

/** Points given by one rule on one line (`lineId` null for order and event awards). */
export interface Award {
  readonly ruleId: string;
  readonly lineId: string | null;
  readonly kind: AwardKind;
  /** > 0, on the points grid. */
  readonly points: Decimal;
}

/** One rule's outcome in the trace. */
export type RuleTrace =
  | {
      readonly ruleId: string;
      readonly kind: AwardKind;
      readonly fired: true;
      /** Line ids the rule applied to (sorted), empty for order and event awards. */
      readonly lineIds: readonly string[];
      /** Exact points before caps and rounding. */
      readonly computed: Decimal;
      /** Points given (after caps and rounding). */
      readonly points: Decimal;
      /** Caps and budgets that reduced the award. */
      readonly capped: readonly CapHit[];
    }
  | {
      readonly ruleId: string;
      readonly kind: AwardKind;
      readonly fired: false;
      readonly reason: AccrualMiss;
    };

/** Period of an event limit counter, so the caller knows which bucket to increment. */
export interface EventCounterIncrement {
  readonly ruleId: string;
  readonly period: EventLimit['period'];
  /** `2026-03-01` (day), Monday's date (week), `2026-03` (month), `2026-Q1`, `2026`, or `lifetime`. */
  readonly periodKey: string;
  readonly count: 1;
}

/** What the caller adds to its counters after persisting the result. */
export interface CounterIncrements {
  /** 1 for a purchase (whatever it earned), 0 for an event. */
  readonly purchases: 0 | 1;
  readonly memberDay: { readonly date: LocalDate; readonly points: Decimal };
  readonly memberMonth: { readonly month: string; readonly points: Decimal };
  /** Add to both the member's and the total usage of each rule. */
  readonly rules: readonly { readonly ruleId: string; readonly points: Decimal }[];
  readonly campaigns: readonly { readonly campaignId: string; readonly points: Decimal }[];
  readonly events: readonly EventCounterIncrement[];
}

/** The result of an accrual: points, awards by rule and line, counter increments, trace. */
export interface AccrualResult {
  readonly programId: string;
  readonly programVersion: number;
  readonly memberId: string;
  readonly source:
    | { readonly type: 'purchase'; readonly orderId: string }
    | { readonly type: 'event'; readonly eventId: string; readonly eventType: AccrualEventType };
  /** Sum of `awards`, on the points grid, >= 0. */
  readonly total: Decimal;
  /** Non-zero awards in evaluation order (base, then rules by priority desc and id, lines by id). */
  readonly awards: readonly Award[];
  readonly increments: CounterIncrements;
  /** Every rule of the family (purchase or event), in evaluation order. */
  readonly trace: readonly RuleTrace[];
}
