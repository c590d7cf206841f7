import { z } from 'zod';
import { zCount, zMonthDay, zPositiveDecimal } from './primitives.js';
import type { ReferenceCheck } from './references.js';

/** Largest duration (in its unit) a points policy accepts: 100 years of days. */
const MAX_DURATION = 36_600;

/**
 * Hold period before earned points vest (become spendable), to cover
 * returns. `hour` adds elapsed hours; `day` adds local calendar days (a day
 * across a DST change is 23 or 25 hours). `{ amount: 0 }` vests at once.
 */
export const zPendingPolicy = z
  .object({
    amount: z.number().int().min(0).max(MAX_DURATION),
    unit: z.enum(['hour', 'day']),
  })
  .strict();

/** Calendar periods an expiry may be rounded up to (exclusive end of the local period). */
export const zExpiryRounding = z.enum(['day', 'month', 'quarter', 'year']);

/**
 * When earned points expire. Every expiry is an exclusive instant in the
 * program's time zone: a lot is expired when `now >= expiresAt`.
 *
 * - `never`
 * - `rolling`: `amount` days or months after earning, optionally rounded up to
 *   the end of the local day, month, quarter or year.
 * - `fixedDate`: at the end of local date `monthDay` of the year of earning
 *   plus `yearsAfter` (`{ monthDay: '12-31', yearsAfter: 1 }` is "31 December
 *   of the year after earning"; 29 February falls on 28 February in common years).
 * - `inactivity`: every lot expires `amount` days or months after the last
 *   qualifying activity (an earn or a redemption), optionally rounded up.
 */
export const zExpiryPolicy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }).strict(),
  z
    .object({
      kind: z.literal('rolling'),
      amount: z.number().int().min(1).max(MAX_DURATION),
      unit: z.enum(['day', 'month']),
      roundUpTo: zExpiryRounding.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('fixedDate'),
      monthDay: zMonthDay,
      yearsAfter: z.number().int().min(0).max(100),
    })
    .strict(),
  z
    .object({
      kind: z.literal('inactivity'),
      amount: z.number().int().min(1).max(MAX_DURATION),
      unit: z.enum(['day', 'month']),
      roundUpTo: zExpiryRounding.optional(),
    })
    .strict(),
]);
export type ExpiryPolicy = z.output<typeof zExpiryPolicy>;

/**
 * What a return does to points already earned on the order. The amount to
 * claw back is always proportional to the returned amount and always taken
 * from the order's own pending lots first; then:
 *
 * - `pendingOnly`: nothing more; the rest is forgiven (recorded on the entry).
 * - `withinBalance`: from the order's vested lots, then any available lots;
 *   what the available balance cannot cover is forgiven.
 * - `allowDebt` (default): as `withinBalance`, then other pending lots, then
 *   the rest becomes debt that later credits settle first. Never silently
 *   floored at zero.
 */
export const zReturnPolicy = z.enum(['pendingOnly', 'withinBalance', 'allowDebt']);
export type ReturnPolicy = z.output<typeof zReturnPolicy>;

/**
 * Points as payment at checkout: `rate.points` points are worth `rate.value`
 * in the program currency (100 points = 1.00 by default). A payment must be at
 * least `minPoints`, a multiple of `step`, and pay at most `maxShare` (0..1]
 * of the order amount.
 */
export const zPaymentPolicy = z
  .object({
    enabled: z.boolean().default(false),
    rate: z
      .object({ points: zPositiveDecimal, value: zPositiveDecimal })
      .strict()
      .prefault({ points: '100', value: '1' }),
    minPoints: zCount.default(0),
    step: z.number().int().min(1).max(1_000_000_000).default(1),
    maxShare: zPositiveDecimal.refine((d) => d.lte(1), { message: 'Must be <= 1' }).prefault('1'),
  })
  .strict();

/** Member-to-member transfers: refused unless `allowed`; each between `minPoints` and `maxPoints`. */
export const zTransferPolicy = z
  .object({
    allowed: z.boolean().default(false),
    minPoints: z.number().int().min(1).max(1_000_000_000_000).default(1),
    maxPoints: z.number().int().min(1).max(1_000_000_000_000).optional(),
  })
  .strict()
  .refine((t) => t.maxPoints === undefined || t.maxPoints >= t.minPoints, {
    message: '`maxPoints` must be >= `minPoints`',
    path: ['maxPoints'],
  });

/** Holds (reservations at checkout): released automatically `timeoutMinutes` after they are placed. */
export const zHoldPolicy = z
  .object({
    timeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .default(30),
  })
  .strict();

/** The `points` section of a program: pending, expiry, returns, payment, transfers, holds. */
export const zPointsConfig = z
  .object({
    pending: zPendingPolicy.prefault({ amount: 0, unit: 'day' }),
    expiry: zExpiryPolicy.prefault({ kind: 'never' }),
    returns: zReturnPolicy.default('allowDebt'),
    payment: zPaymentPolicy.prefault({}),
    transfers: zTransferPolicy.prefault({}),
    holds: zHoldPolicy.prefault({}),
  })
  .strict()
  .prefault({});
export type PointsConfig = z.output<typeof zPointsConfig>;

/**
 * Cross-section checks of the points section: a payment step larger than the
 * minimum is allowed, but a minimum that is not a multiple of the step could
 * never be paid exactly, so it is reported.
 */
export const pointsReferenceChecks: readonly ReferenceCheck[] = [
  (program, report) => {
    const payment = program.points.payment;
    if (payment.enabled && payment.minPoints % payment.step !== 0) {
      report({
        path: ['points', 'payment', 'minPoints'],
        code: 'invalid_points_policy',
        message: `minPoints ${payment.minPoints} is not a multiple of step ${payment.step}`,
      });
    }
  },
];
