import { z } from 'zod';
import type { Decimal } from '../money/index.js';
import { zCount, zId, zMonthDay, zNonNegativeDecimal, zPositiveDecimal } from './primitives.js';
import { checkUniqueIds, type ReferenceCheck } from './references.js';

/** Most tiers one ladder may hold. */
export const MAX_TIERS = 20;
/** Most fixed review dates per year. */
export const MAX_REVIEW_DATES = 12;
/** Most exclusive SKUs or member prices per tier. */
export const MAX_TIER_SKUS = 10_000;
/** Most coupon templates a tier may issue on reach or yearly. */
export const MAX_TIER_COUPONS = 20;

/** The qualifying metrics a threshold can name. */
export const TIER_METRICS = ['spend', 'points', 'orders', 'visits'] as const;
export type TierMetric = (typeof TIER_METRICS)[number];

/**
 * Thresholds on the qualifying metrics of a window: net `spend` (money, returns
 * subtracted), qualifying `points` earned (never the spendable balance),
 * `orders` and `visits`. `match` combines the metrics given: `all` (default),
 * `any`, or `{ atLeast: n }` ("any n of"). A threshold that names no metric is
 * always met (the base tier's entry).
 */
export const zTierThresholds = z
  .object({
    spend: zNonNegativeDecimal.optional(),
    points: zNonNegativeDecimal.optional(),
    orders: zCount.optional(),
    visits: zCount.optional(),
    match: z
      .union([
        z.enum(['all', 'any']),
        z.object({ atLeast: z.number().int().min(1).max(TIER_METRICS.length) }).strict(),
      ])
      .default('all'),
  })
  .strict()
  .superRefine((t, ctx) => {
    const given = TIER_METRICS.filter((m) => t[m] !== undefined).length;
    if (typeof t.match === 'object' && t.match.atLeast > given) {
      ctx.addIssue({
        code: 'custom',
        path: ['match', 'atLeast'],
        message: `atLeast ${t.match.atLeast} but only ${given} metric(s) given`,
      });
    }
  });
export type TierThresholds = z.output<typeof zTierThresholds>;

/** A tier's birthday gift: a coupon template to issue and/or bonus points. */
export const zBirthdayGift = z
  .object({
    couponTemplateId: zId.optional(),
    points: zPositiveDecimal.optional(),
  })
  .strict()
  .refine((g) => g.couponTemplateId !== undefined || g.points !== undefined, {
    message: 'A birthday gift needs a couponTemplateId or points',
  });
export type BirthdayGift = z.output<typeof zBirthdayGift>;

/**
 * What a tier gives, as data the rest of the engine reads: `discountRate`
 * (0.05 = 5% off, read by promotions), `pointsMultiplier` (read by accrual),
 * `freeShipping`, `exclusiveSkus` (only members of this tier may buy them),
 * `memberPrices` (SKU -> unit price in the program currency; a null-prototype
 * record), coupon templates issued on reaching the tier (`couponsOnReach`) and
 * once a year (`couponsYearly`), and a `birthdayGift`.
 */
export const zTierBenefits = z
  .object({
    discountRate: zNonNegativeDecimal
      .refine((d) => d.lte(1), { message: 'A discount rate is between 0 and 1' })
      .optional(),
    pointsMultiplier: zPositiveDecimal.optional(),
    freeShipping: z.boolean().optional(),
    exclusiveSkus: z.array(zId).max(MAX_TIER_SKUS).optional(),
    memberPrices: z
      .record(zId, zNonNegativeDecimal)
      .refine((r) => Object.keys(r).length <= MAX_TIER_SKUS, { message: 'Too many member prices' })
      .transform(
        (r): Readonly<Record<string, Decimal>> =>
          Object.freeze(Object.assign(Object.create(null) as Record<string, Decimal>, r)),
      )
      .optional(),
    couponsOnReach: z.array(zId).max(MAX_TIER_COUPONS).optional(),
    couponsYearly: z.array(zId).max(MAX_TIER_COUPONS).optional(),
    birthdayGift: zBirthdayGift.optional(),
  })
  .strict();
export type TierBenefits = z.output<typeof zTierBenefits>;

/**
 * One tier. Rank is its position in the ladder, nothing else. `entry` is what
 * it takes to reach the tier (absent or empty for the base tier, required for
 * every other); `retention` what it takes to keep it at a review (defaults to
 * `entry`); `neverDowngrade` tiers are kept at every review.
 */
export const zTier = z
  .object({
    id: zId,
    name: z.string().min(1).max(200),
    entry: zTierThresholds.optional(),
    retention: zTierThresholds.optional(),
    neverDowngrade: z.boolean().default(false),
    benefits: zTierBenefits.prefault({}),
  })
  .strict();
export type Tier = z.output<typeof zTier>;

/** Qualification windows. */
export const TIER_WINDOWS = [
  'lifetime',
  'calendar_year',
  'rolling',
  'membership_year',
  'tier_year',
] as const;
export type TierWindow = (typeof TIER_WINDOWS)[number];

/** Review schedules. */
export const TIER_REVIEW_SCHEDULES = [
  'window_end',
  'tier_anniversary',
  'membership_anniversary',
  'dates',
] as const;
export type TierReviewSchedule = (typeof TIER_REVIEW_SCHEDULES)[number];

/**
 * When downgrades may happen: `at` a schedule (`window_end` of a calendar,
 * membership or tier year; `tier_anniversary`; `membership_anniversary`;
 * fixed calendar `dates` as `MM-DD`, 29 February falling on 28 February in
 * common years), each review at local midnight in the program time zone.
 * `policy`: `one_down` (drop one rank) or `recompute` (the highest lower tier
 * whose retention thresholds the reviewed window meets). `graceDays`: a member
 * who misses retention keeps the tier that many days to make up the shortfall.
 */
export const zTierReview = z
  .object({
    at: z.enum(TIER_REVIEW_SCHEDULES).default('tier_anniversary'),
    dates: z.array(zMonthDay).min(1).max(MAX_REVIEW_DATES).optional(),
    policy: z.enum(['one_down', 'recompute']).default('one_down'),
    graceDays: z.number().int().min(0).max(365).default(0),
  })
  .strict();
export type TierReview = z.output<typeof zTierReview>;

/**
 * Minimum validity of a tier reached by an upgrade: it is kept at least until
 * the reach instant plus `years`/`months`/`days` (local calendar), rounded up
 * to the end of the local `endOf` period. `{ years: 1, endOf: "year" }` = until
 * the end of the following year.
 */
export const zTierValidity = z
  .object({
    years: z.number().int().min(0).max(10).default(0),
    months: z.number().int().min(0).max(120).default(0),
    days: z.number().int().min(0).max(3660).default(0),
    endOf: z.enum(['day', 'month', 'quarter', 'year']).optional(),
  })
  .strict();
export type TierValidity = z.output<typeof zTierValidity>;

/**
 * The tiers section. Defaults: no ladder (the program has no tiers), a rolling
 * 12-month window, reviews at the tier anniversary, one tier down, no grace,
 * no minimum validity, upgrades not reversible by returns.
 */
export const zTiersConfig = z
  .object({
    ladder: z.array(zTier).max(MAX_TIERS).default([]),
    window: z.enum(TIER_WINDOWS).default('rolling'),
    rollingMonths: z.number().int().min(1).max(60).default(12),
    review: zTierReview.prefault({}),
    validity: zTierValidity.optional(),
    /**
     * A return of the order that caused an upgrade, within `withinDays` of the
     * upgrade, reverses it when the net activity no longer meets the entry
     * threshold. Absent: an upgrade stands until the next review.
     */
    upgradeReversal: z
      .object({ withinDays: z.number().int().min(1).max(365) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    checkUniqueIds(cfg.ladder, ['ladder'], (issue) =>
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message }),
    );
    cfg.ladder.forEach((tier, i) => {
      const given = tier.entry ? TIER_METRICS.filter((m) => tier.entry?.[m] !== undefined) : [];
      if (i === 0 && given.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['ladder', 0, 'entry'],
          message:
            'The base tier (first in the ladder) is where every member starts: no entry threshold',
        });
      }
      if (i > 0 && given.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['ladder', i, 'entry'],
          message: 'Every tier above the base needs an entry threshold on at least one metric',
        });
      }
    });
    const { at, dates } = cfg.review;
    if (at === 'dates' && !dates) {
      ctx.addIssue({
        code: 'custom',
        path: ['review', 'dates'],
        message: 'Review dates are required',
      });
    }
    if (at !== 'dates' && dates) {
      ctx.addIssue({
        code: 'custom',
        path: ['review', 'dates'],
        message: 'Review dates are only read when review.at is "dates"',
      });
    }
    if (at === 'window_end' && (cfg.window === 'rolling' || cfg.window === 'lifetime')) {
      ctx.addIssue({
        code: 'custom',
        path: ['review', 'at'],
        message: `A ${cfg.window} window has no end: review at anniversaries or dates`,
      });
    }
  })
  .prefault({});
export type TiersConfig = z.output<typeof zTiersConfig>;

function templateIds(program: { couponTemplates?: unknown }): Set<string> {
  const ids = new Set<string>();
  const list = program.couponTemplates;
  if (!Array.isArray(list)) return ids;
  for (const item of list as unknown[]) {
    if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') {
      ids.add((item as { id: string }).id);
    }
  }
  return ids;
}

/** Every coupon template a tier names exists in `couponTemplates`. */
const couponTemplatesExist: ReferenceCheck = (program, report) => {
  const ladder = program.tiers?.ladder ?? [];
  if (ladder.length === 0) return;
  const known = templateIds(program as { couponTemplates?: unknown });
  const check = (id: string, path: (string | number)[]) => {
    if (!known.has(id)) {
      report({
        path: ['tiers', ...path],
        code: 'unknown_reference',
        message: `Unknown coupon template "${id}"`,
      });
    }
  };
  ladder.forEach((tier, i) => {
    const b = tier.benefits;
    b.couponsOnReach?.forEach((id, j) => {
      check(id, ['ladder', i, 'benefits', 'couponsOnReach', j]);
    });
    b.couponsYearly?.forEach((id, j) => {
      check(id, ['ladder', i, 'benefits', 'couponsYearly', j]);
    });
    if (b.birthdayGift?.couponTemplateId !== undefined) {
      check(b.birthdayGift.couponTemplateId, [
        'ladder',
        i,
        'benefits',
        'birthdayGift',
        'couponTemplateId',
      ]);
    }
  });
};

/** Cross-section checks of the tiers section. */
export const tiersReferenceChecks: readonly ReferenceCheck[] = Object.freeze([
  couponTemplatesExist,
]);
