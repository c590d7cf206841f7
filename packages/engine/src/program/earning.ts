import { z } from 'zod';
import { ONE } from '../money/index.js';
import { zAudience, zLineFilter, zTimeWindow } from './conditions.js';
import { zId, zNonNegativeDecimal, zPositiveDecimal } from './primitives.js';
import { checkUniqueIds, type ReferenceCheck } from './references.js';

/** Most earning rules a program may have. */
export const MAX_EARNING_RULES = 500;
/** Most campaigns (point budgets) a program may have. */
export const MAX_CAMPAIGNS = 200;
/** Rule id of the base rate in results and traces; reserved. */
export const BASE_RULE_ID = 'base';
/** Prefix of the tier-benefit multipliers (`tier:<tierId>`) in results and traces; reserved. */
export const TIER_RULE_PREFIX = 'tier:';

/**
 * Caps of one rule, in points: per transaction, per member (lifetime usage of
 * this rule by the member) and in total (over all members).
 */
export const zRuleCaps = z
  .object({
    perTransaction: zNonNegativeDecimal.optional(),
    perMember: zNonNegativeDecimal.optional(),
    total: zNonNegativeDecimal.optional(),
  })
  .strict();

/** Fields every earning rule has. */
const common = {
  /** Unique among the program's earning rules; `base` and `tier:*` are reserved. */
  id: zId,
  name: z.string().min(1).max(200).optional(),
  /** Higher runs first (multiplier attribution, caps); ties by `id`. Default 0. */
  priority: z.number().int().min(-1_000_000).max(1_000_000).default(0),
  /** When the rule applies, read at the purchase's or event's `occurredAt`. */
  when: zTimeWindow.optional(),
  /** Who and where (stores, channels, tiers, segments, new members, birthday). */
  audience: zAudience.optional(),
  caps: zRuleCaps.optional(),
  /** Campaign whose budget this rule draws from. */
  campaign: zId.optional(),
};

/** Fields of purchase rules: line targeting and a minimum spend on the targeted lines. */
const purchase = {
  ...common,
  /** Narrows the lines eligible for earning (`earning.lines`); absent = all eligible lines. */
  lines: zLineFilter.optional(),
  /** Minimum spend (earning basis) on the rule's lines. */
  minSpend: zNonNegativeDecimal.optional(),
};

/** Multiplies the base points of the rule's lines (x2 = double points). */
export const zMultiplierRule = z
  .object({ ...purchase, kind: z.literal('multiplier'), multiplier: zPositiveDecimal })
  .strict()
  .refine((r) => r.multiplier.gte(ONE), {
    message: 'A multiplier must be >= 1',
    path: ['multiplier'],
  });

/** Fixed points per unit bought (quantity) or per matching line. */
export const zLineBonusRule = z
  .object({
    ...purchase,
    kind: z.literal('lineBonus'),
    points: zNonNegativeDecimal,
    per: z.enum(['unit', 'line']).default('unit'),
  })
  .strict();

/** Fixed points once per qualifying order (birthday, store, channel, happy hour...). */
export const zOrderBonusRule = z
  .object({ ...purchase, kind: z.literal('orderBonus'), points: zNonNegativeDecimal })
  .strict();

/** Fixed points on the member's first purchase. */
export const zFirstPurchaseRule = z
  .object({ ...purchase, kind: z.literal('firstPurchase'), points: zNonNegativeDecimal })
  .strict();

/** Fixed points on the member's n-th purchase (or every n-th with `repeat`). */
export const zNthPurchaseRule = z
  .object({
    ...purchase,
    kind: z.literal('nthPurchase'),
    n: z.number().int().min(1).max(1_000_000),
    repeat: z.boolean().default(false),
    points: zNonNegativeDecimal,
  })
  .strict();

/** Stepped spend thresholds: the points of the highest step reached. */
export const zSpendThresholdRule = z
  .object({
    ...purchase,
    kind: z.literal('spendThreshold'),
    steps: z
      .array(z.object({ spend: zPositiveDecimal, points: zNonNegativeDecimal }).strict())
      .min(1)
      .max(50),
  })
  .strict()
  .refine((r) => r.steps.every((s, i) => i === 0 || s.spend.gt(r.steps[i - 1]!.spend)), {
    message: 'Steps must have strictly increasing `spend`',
    path: ['steps'],
  });

/** Repeatable threshold: `points` for every `every` spent, at most `maxTimes` times. */
export const zSpendEveryRule = z
  .object({
    ...purchase,
    kind: z.literal('spendEvery'),
    every: zPositiveDecimal,
    points: zNonNegativeDecimal,
    maxTimes: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

/** Bonus when the order holds lines of every group (e.g. shampoo and conditioner). */
export const zCombinedRule = z
  .object({
    ...purchase,
    kind: z.literal('combined'),
    groups: z
      .array(
        z
          .object({
            lines: zLineFilter,
            minQuantity: zPositiveDecimal.optional(),
            minSpend: zNonNegativeDecimal.optional(),
          })
          .strict(),
      )
      .min(2)
      .max(10),
    points: zNonNegativeDecimal,
  })
  .strict();

/** How often an event rule may award a member: `count` times per local calendar period. */
export const zEventLimit = z
  .object({
    count: z.number().int().min(1).max(1_000_000),
    period: z.enum(['day', 'week', 'month', 'quarter', 'year', 'lifetime']),
  })
  .strict();
export type EventLimit = z.output<typeof zEventLimit>;

const event = { ...common, points: zNonNegativeDecimal, limit: zEventLimit.optional() };

/** Points when the member enrols (limit: once in a lifetime unless configured). */
export const zEnrolmentRule = z.object({ ...event, kind: z.literal('enrolment') }).strict();
/** Points when the member completes their profile. */
export const zProfileCompletedRule = z
  .object({ ...event, kind: z.literal('profileCompleted') })
  .strict();
/** Points when the member writes a review. */
export const zReviewRule = z.object({ ...event, kind: z.literal('review') }).strict();
/** Points when the member checks in (store visit, daily app check-in). */
export const zCheckInRule = z.object({ ...event, kind: z.literal('checkIn') }).strict();
/** Points when the member answers a survey. */
export const zSurveyRule = z.object({ ...event, kind: z.literal('survey') }).strict();

/**
 * Referral: points for the referrer and for the referee, on the referee's
 * sign-up or first purchase. Self-referral is refused.
 */
export const zReferralRule = z
  .object({
    ...common,
    kind: z.literal('referral'),
    on: z.enum(['signup', 'first_purchase']).default('signup'),
    referrerPoints: zNonNegativeDecimal,
    refereePoints: zNonNegativeDecimal,
    limit: zEventLimit.optional(),
  })
  .strict();

/**
 * A custom event sent by the caller (`event.name`), with the attributes it
 * must carry and their types.
 */
export const zCustomEventRule = z
  .object({
    ...event,
    kind: z.literal('customEvent'),
    event: zId,
    attributes: z
      .record(zId, z.enum(['string', 'number', 'boolean']))
      .optional()
      .refine((a) => a === undefined || Object.keys(a).length <= 50, {
        message: 'At most 50 attributes',
      }),
  })
  .strict();

/** Every earning rule; `kind` selects the module that evaluates it (see `accrual/ruleKinds.ts`). */
export const zEarningRule = z.discriminatedUnion('kind', [
  zMultiplierRule,
  zLineBonusRule,
  zOrderBonusRule,
  zFirstPurchaseRule,
  zNthPurchaseRule,
  zSpendThresholdRule,
  zSpendEveryRule,
  zCombinedRule,
  zEnrolmentRule,
  zProfileCompletedRule,
  zReferralRule,
  zReviewRule,
  zCheckInRule,
  zSurveyRule,
  zCustomEventRule,
]);
export type EarningRule = z.output<typeof zEarningRule>;
export type EarningRuleKind = EarningRule['kind'];

/** A campaign groups rules and has a total points budget. */
export const zCampaign = z
  .object({
    id: zId,
    name: z.string().min(1).max(200).optional(),
    budget: zNonNegativeDecimal,
    /** When the budget cannot cover a rule's whole award: give what remains, or nothing. */
    whenExhausted: z.enum(['remainder', 'nothing']).default('remainder'),
  })
  .strict();
export type Campaign = z.output<typeof zCampaign>;

/** Program-wide caps, in points, over every purchase and event award of a member. */
export const zEarningCaps = z
  .object({
    perTransaction: zNonNegativeDecimal.optional(),
    perMemberPerDay: zNonNegativeDecimal.optional(),
    perMemberPerMonth: zNonNegativeDecimal.optional(),
  })
  .strict();

/**
 * The `earning` section: base rate, eligible lines, basis, minimum spend, how
 * multipliers combine, caps, campaigns and rules. `{}` is valid: 1 point per
 * 1.00 of net spend on products and services, no rules.
 */
export const zEarningConfig = z
  .object({
    /** `points` per `per` of money; `points / per` must be an exact decimal. */
    rate: z
      .object({ points: zNonNegativeDecimal, per: zPositiveDecimal })
      .strict()
      .refine(
        // Zod 4 runs this even when `points` or `per` did not parse (their own issues are reported).
        (r) =>
          typeof r.points !== 'object' ||
          typeof r.per !== 'object' ||
          r.points.div(r.per).times(r.per).eq(r.points),
        { message: '`points / per` must be an exact decimal (e.g. 1 per 10, not 1 per 3)' },
      )
      .prefault({ points: '1', per: '1' }),
    /** Lines that earn at all; default: products and services (gift cards, shipping, tax, deposits excluded). */
    lines: zLineFilter.optional(),
    /** Amount of a line that earns: `net` (after the line's discount) or `gross`. */
    basis: z.enum(['net', 'gross']).default('net'),
    /** Below this spend on eligible lines, a purchase earns nothing. */
    minimumSpend: zNonNegativeDecimal.prefault('0'),
    /** How several multipliers on one line combine: `add` (x2, x3 -> x4) or `multiply` (-> x6). */
    combine: z.enum(['add', 'multiply']).default('add'),
    /** Largest combined multiplier of a line (base included), >= 1. */
    maxMultiplier: zPositiveDecimal
      .refine((m) => m.gte(ONE), { message: 'maxMultiplier must be >= 1' })
      .optional(),
    caps: zEarningCaps.prefault({}),
    campaigns: z.array(zCampaign).max(MAX_CAMPAIGNS).default([]),
    rules: z.array(zEarningRule).max(MAX_EARNING_RULES).default([]),
  })
  .strict();
export type EarningConfig = z.output<typeof zEarningConfig>;

function decimalsOf(value: { decimalPlaces(): number } | undefined): number {
  return value === undefined ? 0 : value.decimalPlaces();
}

/** Reads the tier ids of the ladder if the tiers section has a non-empty one. */
function tierIds(tiers: unknown): Set<string> | null {
  const ladder = (tiers as { ladder?: unknown } | null)?.ladder;
  if (!Array.isArray(ladder) || ladder.length === 0) return null;
  const ids = new Set<string>();
  for (const t of ladder) {
    const id = (t as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/**
 * Cross-section checks of `earning`: unique rule and campaign ids, reserved
 * ids, campaigns and tiers that exist, caps on the points grid
 * (`rounding.points.scale`).
 */
export const earningReferenceChecks: readonly ReferenceCheck[] = [
  (program, report) => {
    const earning = program.earning;
    checkUniqueIds(earning.rules, ['earning', 'rules'], report);
    checkUniqueIds(earning.campaigns, ['earning', 'campaigns'], report);
    const campaigns = new Set(earning.campaigns.map((c) => c.id));
    const tiers = tierIds(program.tiers);
    const scale = program.rounding.points.scale;
    const offGrid = (value: { decimalPlaces(): number } | undefined, path: (string | number)[]) => {
      if (decimalsOf(value) > scale) {
        report({
          path,
          code: 'off_grid',
          message: `Caps and budgets must be multiples of the points unit (scale ${scale})`,
        });
      }
    };
    for (const key of ['perTransaction', 'perMemberPerDay', 'perMemberPerMonth'] as const) {
      offGrid(earning.caps[key], ['earning', 'caps', key]);
    }
    earning.campaigns.forEach((c, i) => {
      offGrid(c.budget, ['earning', 'campaigns', i, 'budget']);
    });
    earning.rules.forEach((rule, i) => {
      const path = ['earning', 'rules', i];
      if (rule.id === BASE_RULE_ID || rule.id.startsWith(TIER_RULE_PREFIX)) {
        report({
          path: [...path, 'id'],
          code: 'reserved_id',
          message: `Rule ids "${BASE_RULE_ID}" and "${TIER_RULE_PREFIX}*" are reserved`,
        });
      }
      if (rule.campaign !== undefined && !campaigns.has(rule.campaign)) {
        report({
          path: [...path, 'campaign'],
          code: 'unknown_reference',
          message: `Unknown campaign "${rule.campaign}"`,
        });
      }
      if (tiers && rule.audience?.tiers) {
        rule.audience.tiers.forEach((t, j) => {
          if (!tiers.has(t)) {
            report({
              path: [...path, 'audience', 'tiers', j],
              code: 'unknown_reference',
              message: `Unknown tier "${t}"`,
            });
          }
        });
      }
      if (rule.caps) {
        for (const key of ['perTransaction', 'perMember', 'total'] as const) {
          offGrid(rule.caps[key], [...path, 'caps', key]);
        }
      }
    });
  },
];
