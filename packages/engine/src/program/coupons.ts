import { z } from 'zod';
import { COUPON_REASON_PRECEDENCE } from '../coupons/couponReason.js';
import { zAudience, zLineFilter } from './conditions.js';
import { zId, zInstant, zNonNegativeDecimal, zPositiveDecimal } from './primitives.js';
import { zPromotionAction } from './promotions.js';
import { checkUniqueIds, type ReferenceCheck } from './references.js';

/** Most coupon templates one program may define. */
export const MAX_COUPON_TEMPLATES = 1_000;
/** Most limits (per member, global, per store) one template may carry. */
export const MAX_COUPON_LIMITS = 10;

/**
 * `free_item` (coupon only): `quantity` whole units of the applicable items
 * free, the `cheapest` (default) or `most_expensive` first.
 */
export const zFreeItemBenefit = z
  .object({
    kind: z.literal('free_item'),
    quantity: z.number().int().min(1).max(100).default(1),
    pick: z.enum(['cheapest', 'most_expensive']).default('cheapest'),
  })
  .strict();

/**
 * `service` (coupon only): an entitlement to `units` of a service (parking
 * hours, a treatment), reported as such; if the cart holds lines of that
 * service (SKU `service`), up to `units` of them are free.
 */
export const zServiceBenefit = z
  .object({ kind: z.literal('service'), service: zId, units: z.number().int().min(1).max(1_000) })
  .strict();

/**
 * What a coupon gives: any promotion action (`zPromotionAction`: percent_off,
 * amount_off, spend_off, buy_x_get_y, member_price, free_gift, free_shipping,
 * tier_discount), computed by the promotions engine exactly as for a
 * promotion, or one of the coupon-only kinds `free_item` and `service`.
 * Every benefit applies to the template's applicable items (`items`), on
 * their amount after automatic promotions and earlier coupons.
 */
export const zCouponBenefit = z.discriminatedUnion('kind', [
  ...zPromotionAction.options,
  zFreeItemBenefit,
  zServiceBenefit,
]);
export type CouponBenefit = z.output<typeof zCouponBenefit>;

/**
 * When an issued coupon may be used, in the program's time zone:
 * - `absolute`: from `from` (inclusive) to `until` (exclusive).
 * - `after_issue`: from issue for `days` local calendar days; with
 *   `endOfDay` (default true) until the end of the last local day.
 * - `birthday`: during the member's birthday `scope` (day, ISO week or month)
 *   that contains or follows the issue date, plus `graceDays` after it.
 */
export const zCouponValidity = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('absolute'), from: zInstant, until: zInstant })
    .strict()
    .refine((v) => v.from < v.until, { message: '`from` must be before `until`', path: ['until'] }),
  z
    .object({
      kind: z.literal('after_issue'),
      days: z.number().int().min(1).max(3_660),
      endOfDay: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      kind: z.literal('birthday'),
      scope: z.enum(['day', 'week', 'month']).default('month'),
      graceDays: z.number().int().min(0).max(366).default(0),
    })
    .strict(),
]);
export type CouponValidity = z.output<typeof zCouponValidity>;

/**
 * A usage limit or budget over a period (D12). `scope`: counted over every
 * member (`global`), per member (`member`) or per store (`store`). `period`:
 * the local day, ISO week, month, or the whole `campaign`. `unit`:
 * `redemptions` (a count) or `money` (discount given, a budget). The caller
 * passes what was used in the current period under the limit's `id`
 * (`couponLimitWindows` says which period that is).
 */
export const zCouponLimit = z
  .object({
    id: zId,
    scope: z.enum(['global', 'member', 'store']),
    period: z.enum(['day', 'week', 'month', 'campaign']).default('campaign'),
    unit: z.enum(['redemptions', 'money']).default('redemptions'),
    max: zPositiveDecimal,
  })
  .strict()
  .refine((l) => l.unit === 'money' || l.max.isInteger(), {
    message: 'A redemption limit must be a whole number',
    path: ['max'],
  });
export type CouponLimit = z.output<typeof zCouponLimit>;

/** How a coupon combines with other coupons and with automatic promotions. */
export const zCouponStacking = z
  .object({
    /** May be used with coupons of other templates (both sides must allow it). */
    withOtherCoupons: z.boolean().default(false),
    /** May be used with another coupon of the same template in one order. */
    withSameTemplate: z.boolean().default(false),
    /** May be used on an order where automatic promotions applied. */
    withPromotions: z.boolean().default(true),
    /** Promotions this coupon never combines with, even when `withPromotions`. */
    excludePromotions: z.array(zId).max(1_000).default([]),
  })
  .strict();
export type CouponStacking = z.output<typeof zCouponStacking>;

const stackingDefault = () => ({
  withOtherCoupons: false,
  withSameTemplate: false,
  withPromotions: true,
  excludePromotions: [] as string[],
});

/** Reason codes a template may give its own message for (see `docs/reference/reason-codes.md`). */
export const COUPON_MESSAGE_KEYS = ['default', ...COUPON_REASON_PRECEDENCE] as const;

/** One coupon template (D5): the benefit, when, where, for whom, how often. */
export const zCouponTemplate = z
  .object({
    id: zId,
    name: z.string().min(1).max(200).optional(),
    benefit: zCouponBenefit,
    validity: zCouponValidity,
    /** Caps the coupon's discount per order. */
    maxDiscount: zPositiveDecimal.optional(),
    /** How the discount is spread over the applicable lines (as for promotions). */
    allocation: z
      .enum(['proportional', 'even', 'cheapest_first', 'most_expensive_first'])
      .default('proportional'),
    /** Minimum amount of applicable items (after promotions, before coupons). */
    minSpend: zNonNegativeDecimal.optional(),
    /** Which lines the coupon applies to; default every product and service line. */
    items: zLineFilter.optional(),
    /** Stores, channels and tiers (other audience fields also apply). */
    audience: zAudience.optional(),
    /** Times one coupon instance may be used (default 1). */
    usesPerCoupon: z.number().int().min(1).max(1_000).default(1),
    limits: z.array(zCouponLimit).max(MAX_COUPON_LIMITS).default([]),
    /** When a money budget cannot cover the whole discount: give what remains, or refuse. */
    onBudgetShortfall: z.enum(['remainder', 'nothing']).default('remainder'),
    stacking: zCouponStacking.default(stackingDefault),
    /** Order among coupons whose discounts tie (higher first); default 0. */
    priority: z.number().int().min(-1_000_000).max(1_000_000).default(0),
    /** The template's own text, per reason code or `default` for every refusal. */
    messages: z.partialRecord(z.enum(COUPON_MESSAGE_KEYS), z.string().min(1).max(500)).optional(),
  })
  .strict();
export type CouponTemplate = z.output<typeof zCouponTemplate>;

/** The `couponTemplates` section of a program. */
export const zCouponTemplatesConfig = z.array(zCouponTemplate).max(MAX_COUPON_TEMPLATES);
export type CouponTemplatesConfig = z.output<typeof zCouponTemplatesConfig>;

function idsOf(section: unknown): Set<string> | null {
  if (!Array.isArray(section)) return null;
  const ids = new Set<string>();
  for (const item of section) {
    if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string')
      ids.add((item as { id: string }).id);
  }
  return ids;
}

function tierIdsOf(tiers: unknown): Set<string> | null {
  if (!tiers || typeof tiers !== 'object') return null;
  const ladder =
    (tiers as { ladder?: unknown; tiers?: unknown }).ladder ?? (tiers as { tiers?: unknown }).tiers;
  return idsOf(ladder);
}

/** Cross-section checks: unique template ids and limit ids, known promotions and tiers. */
export const couponsReferenceChecks: readonly ReferenceCheck[] = [
  (program, report) => {
    checkUniqueIds(program.couponTemplates, ['couponTemplates'], report);
    for (const [i, t] of program.couponTemplates.entries())
      checkUniqueIds(t.limits, ['couponTemplates', i, 'limits'], report);
  },
  (program, report) => {
    const promotionIds = idsOf(program.promotions);
    if (!promotionIds) return;
    for (const [i, t] of program.couponTemplates.entries()) {
      for (const [j, id] of t.stacking.excludePromotions.entries()) {
        if (promotionIds.has(id)) continue;
        report({
          path: ['couponTemplates', i, 'stacking', 'excludePromotions', j],
          code: 'unknown_reference',
          message: `Unknown promotion "${id}"`,
        });
      }
    }
  },
  (program, report) => {
    const tierIds = tierIdsOf(program.tiers);
    if (!tierIds || tierIds.size === 0) return;
    for (const [i, t] of program.couponTemplates.entries()) {
      for (const [j, id] of (t.audience?.tiers ?? []).entries()) {
        if (tierIds.has(id)) continue;
        report({
          path: ['couponTemplates', i, 'audience', 'tiers', j],
          code: 'unknown_reference',
          message: `Unknown tier "${id}"`,
        });
      }
    }
  },
];
