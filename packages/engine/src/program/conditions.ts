import { z } from 'zod';
import { zChannel, zCount, zId, zInstant, zLocalDate, zLocalTime, zWeekday } from './primitives.js';

/**
 * When a rule or promotion applies, in the program's time zone. All given
 * parts must match: `from <= now < until`, the local date in `dates` (if
 * given), the local weekday in `weekdays`, the local time inside one of
 * `hours` (`from` inclusive, `to` exclusive; `to` < `from` spans midnight).
 */
export const zTimeWindow = z
  .object({
    from: zInstant.optional(),
    until: zInstant.optional(),
    dates: z.array(zLocalDate).max(366).optional(),
    weekdays: z.array(zWeekday).min(1).max(7).optional(),
    hours: z
      .array(z.object({ from: zLocalTime, to: zLocalTime }))
      .min(1)
      .max(24)
      .optional(),
  })
  .strict()
  .refine((w) => w.from === undefined || w.until === undefined || w.from < w.until, {
    message: '`from` must be before `until`',
    path: ['until'],
  });
export type TimeWindow = z.output<typeof zTimeWindow>;

/**
 * Which lines a rule or promotion targets. A line matches when it matches the
 * inclusion lists (any SKU in `skus` or any category in `categories`; no lists
 * means every line) and none of the exclusions. `kinds` defaults to products
 * and services: gift cards, shipping, tax and deposits are excluded unless
 * named.
 */
export const zLineFilter = z
  .object({
    skus: z.array(zId).max(10_000).optional(),
    categories: z.array(zId).max(1_000).optional(),
    excludeSkus: z.array(zId).max(10_000).optional(),
    excludeCategories: z.array(zId).max(1_000).optional(),
    kinds: z
      .array(z.enum(['product', 'service', 'gift_card', 'shipping', 'tax', 'deposit']))
      .min(1)
      .optional(),
  })
  .strict();
export type LineFilter = z.output<typeof zLineFilter>;

/** Birthday matching: the local birthday itself, its ISO week (Monday to Sunday), or its month. */
export const zBirthdayScope = z.enum(['day', 'week', 'month']);
export type BirthdayScope = z.output<typeof zBirthdayScope>;

/**
 * Who and where: stores, channels, tiers (member's current tier id), segments
 * (any of the member's tags), members enrolled within N days, birthday.
 * Absent fields do not restrict.
 */
export const zAudience = z
  .object({
    stores: z.array(zId).min(1).optional(),
    channels: z.array(zChannel).min(1).optional(),
    tiers: z.array(zId).min(1).optional(),
    segments: z.array(zId).min(1).optional(),
    excludeSegments: z.array(zId).min(1).optional(),
    newMemberWithinDays: zCount.optional(),
    birthday: zBirthdayScope.optional(),
  })
  .strict();
export type Audience = z.output<typeof zAudience>;
