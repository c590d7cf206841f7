import { z } from 'zod';
import { zAudience, zLineFilter, zTimeWindow } from './conditions.js';
import { zId, zNonNegativeDecimal, zPositiveDecimal } from './primitives.js';
import { checkUniqueIds, type ReferenceCheck } from './references.js';

/** Most promotions a program may define. */
export const MAX_PROMOTIONS = 1_000;
/** Most members a best-deal group may have: the search tries every subset (2^10 = 1,024 at most). */
export const MAX_BEST_DEAL_MEMBERS = 10;

const zPercent = zPositiveDecimal.refine((d) => d.lte(100), { message: 'Must be <= 100' });

/** `percent_off`: `percent` % off every targeted line. */
export const zPercentOffAction = z
  .object({ kind: z.literal('percent_off'), percent: zPercent })
  .strict();

/**
 * `amount_off`: a fixed amount off. `per: 'order'` (default) takes `amount`
 * once, spread over the targeted lines by the promotion's `allocation`;
 * `per: 'unit'` takes `amount` off every targeted unit.
 */
export const zAmountOffAction = z
  .object({
    kind: z.literal('amount_off'),
    amount: zPositiveDecimal,
    per: z.enum(['order', 'unit']).default('order'),
  })
  .strict();

/**
 * `spend_off`: spend X get Y off, measured on the targeted lines. Without
 * `repeat`, the highest step reached applies (stepped thresholds); with
 * `repeat` (exactly one step) the step applies once per full `spend`
 * ("every 100 off 10"), at most `maxRepeats` times.
 */
export const zSpendOffAction = z
  .object({
    kind: z.literal('spend_off'),
    steps: z
      .array(z.object({ spend: zPositiveDecimal, off: zPositiveDecimal }).strict())
      .min(1)
      .max(20),
    repeat: z.boolean().default(false),
    maxRepeats: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.repeat && a.steps.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: 'A repeating spend_off has exactly one step',
      });
    }
    for (let i = 1; i < a.steps.length; i++) {
      if (!a.steps[i]!.spend.greaterThan(a.steps[i - 1]!.spend)) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'spend'],
          message: 'Steps must have strictly increasing `spend`',
        });
      }
    }
  });

/**
 * `buy_x_get_y`: among the targeted whole units, every `buy + get` units give
 * `get` units `percent` % off (100 = free). `pick` chooses which units are
 * discounted: the `cheapest` (default) or the `most_expensive`.
 */
export const zBuyXGetYAction = z
  .object({
    kind: z.literal('buy_x_get_y'),
    buy: z.number().int().min(1).max(1_000),
    get: z.number().int().min(1).max(1_000),
    percent: zPercent.prefault(100),
    pick: z.enum(['cheapest', 'most_expensive']).default('cheapest'),
    maxApplications: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

/**
 * `member_price`: a fixed unit price per SKU for the promotion's audience.
 * `includeTierPrices` also uses the member's tier `memberPrices`; the lowest
 * price wins. A line whose price is already lower is left alone.
 */
export const zMemberPriceAction = z
  .object({
    kind: z.literal('member_price'),
    prices: z
      .array(z.object({ sku: zId, price: zNonNegativeDecimal }).strict())
      .max(10_000)
      .default([]),
    includeTierPrices: z.boolean().default(false),
  })
  .strict()
  .refine((a) => a.prices.length > 0 || a.includeTierPrices, {
    message: 'Give `prices` or set `includeTierPrices`',
    path: ['prices'],
  });

/** `free_gift`: adds a free gift line (`value` is its retail value, used in reports and best-deal choices). */
export const zFreeGiftAction = z
  .object({
    kind: z.literal('free_gift'),
    sku: zId,
    quantity: z.number().int().min(1).max(1_000).default(1),
    value: zNonNegativeDecimal.prefault(0),
  })
  .strict();

/** `free_shipping`: sets the free-shipping flag and discounts the cart's shipping lines (up to `maxAmount`). */
export const zFreeShippingAction = z
  .object({ kind: z.literal('free_shipping'), maxAmount: zPositiveDecimal.optional() })
  .strict();

/** `tier_discount`: the member's tier `benefits.discountRate` (a fraction, 0.05 = 5 %) off every targeted line. */
export const zTierDiscountAction = z.object({ kind: z.literal('tier_discount') }).strict();

/**
 * What a promotion (or a coupon) gives. Coupon templates reuse this schema for
 * their benefit, so a coupon and a promotion with the same action compute the
 * same discount.
 */
export const zPromotionAction = z.discriminatedUnion('kind', [
  zPercentOffAction,
  zAmountOffAction,
  zSpendOffAction,
  zBuyXGetYAction,
  zMemberPriceAction,
  zFreeGiftAction,
  zFreeShippingAction,
  zTierDiscountAction,
]);
export type PromotionAction = z.output<typeof zPromotionAction>;
export type PromotionActionKind = PromotionAction['kind'];
export type PromotionActionInput = z.input<typeof zPromotionAction>;

/**
 * A combination group. Members are evaluated together, at the position of
 * the group's first member in priority order: `stackable` applies each in
 * turn, `first_match` the first that gives something, `best_deal` the subset
 * (of at most `maxApplied` members) worth most to the member. `maxApplied`
 * defaults to 1 for `best_deal` and `first_match`, unlimited for `stackable`.
 * Every member repeats the same group definition.
 */
export const zPromotionGroup = z
  .object({
    id: zId,
    mode: z.enum(['stackable', 'first_match', 'best_deal']),
    maxApplied: z.number().int().min(1).max(MAX_BEST_DEAL_MEMBERS).optional(),
  })
  .strict();
export type PromotionGroup = z.output<typeof zPromotionGroup>;

/**
 * How a promotion combines with others.
 * - `exclusive`: applies only if nothing applied before it, and then nothing after it applies.
 * - `group`: combination group (see `zPromotionGroup`).
 * - `base`: `discounted` (cascading, default) measures and discounts the amount left after the
 *   promotions before it; `original` uses the line amounts before any promotion (still never
 *   taking more than is left).
 * - `onePerUnit`: at most one product discount per unit: it only discounts units that no other
 *   `onePerUnit` promotion has discounted, and locks the units it discounts.
 * - `orderLimit`: skipped when this many promotions have already been applied to the order
 *   (give every promotion the same value to cap promotions per order).
 */
export const zPromotionStacking = z
  .object({
    exclusive: z.boolean().default(false),
    group: zPromotionGroup.optional(),
    base: z.enum(['discounted', 'original']).default('discounted'),
    onePerUnit: z.boolean().default(false),
    orderLimit: z.number().int().min(1).max(MAX_PROMOTIONS).optional(),
  })
  .strict();
export type PromotionStacking = z.output<typeof zPromotionStacking>;

/** How an amount is spread over the targeted lines and units. */
export const zAllocationMethod = z.enum([
  'proportional',
  'even',
  'cheapest_first',
  'most_expensive_first',
]);
export type AllocationMethod = z.output<typeof zAllocationMethod>;

/**
 * One promotion. `priority`: higher first, ties by `id` (never input order).
 * `target` selects the lines it counts and discounts (default: products and
 * services); `requirements` are measured on the targeted lines at the
 * promotion's `base`. `maxDiscount` caps its discount per order.
 */
export const zPromotion = z
  .object({
    id: zId,
    name: z.string().min(1).max(200),
    description: z.string().max(2_000).optional(),
    enabled: z.boolean().default(true),
    priority: z.number().int().min(-1_000_000).max(1_000_000).default(0),
    window: zTimeWindow.optional(),
    audience: zAudience.optional(),
    target: zLineFilter.optional(),
    requirements: z
      .object({ minSpend: zPositiveDecimal.optional(), minQuantity: zPositiveDecimal.optional() })
      .strict()
      .optional(),
    action: zPromotionAction,
    stacking: zPromotionStacking.prefault({}),
    allocation: zAllocationMethod.default('proportional'),
    maxDiscount: zPositiveDecimal.optional(),
  })
  .strict();
export type Promotion = z.output<typeof zPromotion>;
export type PromotionInput = z.input<typeof zPromotion>;

/** The program's `promotions` section: a list of promotions (order does not matter). */
export const zPromotionsConfig = z.array(zPromotion).max(MAX_PROMOTIONS);
export type PromotionsConfig = z.output<typeof zPromotionsConfig>;

function groupKey(g: PromotionGroup): string {
  return `${g.mode}/${g.maxApplied ?? ''}`;
}

/**
 * Checks that the members of one group agree on its definition and that a
 * best-deal group stays within the search bound.
 */
export function checkPromotionGroups(
  promotions: readonly Promotion[],
  path: readonly (string | number)[],
  report: Parameters<ReferenceCheck>[1],
): void {
  const first = new Map<string, { key: string; index: number; count: number }>();
  promotions.forEach((p, i) => {
    const g = p.stacking.group;
    if (!g) return;
    const seen = first.get(g.id);
    if (!seen) {
      first.set(g.id, { key: groupKey(g), index: i, count: 1 });
      return;
    }
    seen.count += 1;
    if (seen.key !== groupKey(g)) {
      report({
        path: [...path, i, 'stacking', 'group'],
        code: 'group_conflict',
        message: `Group "${g.id}" is defined differently at index ${seen.index}`,
      });
    }
    if (g.mode === 'best_deal' && seen.count === MAX_BEST_DEAL_MEMBERS + 1) {
      report({
        path: [...path, i, 'stacking', 'group'],
        code: 'too_big',
        message: `A best-deal group has at most ${MAX_BEST_DEAL_MEMBERS} members`,
      });
    }
  });
}

function tierIdsOf(tiers: unknown): Set<string> | null {
  if (typeof tiers !== 'object' || tiers === null) return null;
  const ladder = (tiers as { ladder?: unknown }).ladder;
  if (!Array.isArray(ladder)) return null;
  const ids = new Set<string>();
  for (const t of ladder) {
    const id = (t as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** Cross-section checks: unique promotion ids, consistent groups, audience tiers that exist. */
export const promotionsReferenceChecks: readonly ReferenceCheck[] = Object.freeze([
  (program, report) => checkUniqueIds(program.promotions, ['promotions'], report),
  (program, report) => checkPromotionGroups(program.promotions, ['promotions'], report),
  (program, report) => {
    const tierIds = tierIdsOf(program.tiers);
    if (!tierIds) return;
    program.promotions.forEach((p, i) => {
      p.audience?.tiers?.forEach((t, j) => {
        if (!tierIds.has(t)) {
          report({
            path: ['promotions', i, 'audience', 'tiers', j],
            code: 'unknown_reference',
            message: `Unknown tier "${t}"`,
          });
        }
      });
    });
  },
]);
