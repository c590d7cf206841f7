import { z } from 'zod';
import {
  type CouponTemplatesConfig,
  couponsReferenceChecks,
  zCouponTemplatesConfig,
} from './coupons.js';
import { type EarningConfig, earningReferenceChecks, zEarningConfig } from './earning.js';
import { type PointsConfig, pointsReferenceChecks, zPointsConfig } from './points.js';
import { zCurrency, zId, zInstant, zRoundingMode, zTimeZone } from './primitives.js';
import {
  type PromotionsConfig,
  promotionsReferenceChecks,
  zPromotionsConfig,
} from './promotions.js';
import type { ReferenceCheck } from './references.js';
import { type TiersConfig, tiersReferenceChecks, zTiersConfig } from './tiers.js';

/**
 * Rounding policies. Points: `mode` and `scale` (decimal places of a point,
 * default 0) applied at `step`: `order` rounds the total of an accrual once
 * (the default: no points lost to per-line rounding), `line` rounds each line's
 * award. Money: amounts are rounded to the currency's minor unit with `mode`.
 */
export const zRounding = z
  .object({
    points: z
      .object({
        mode: zRoundingMode.default('FLOOR'),
        scale: z.number().int().min(0).max(4).default(0),
        step: z.enum(['order', 'line']).default('order'),
      })
      .strict()
      .default({ mode: 'FLOOR', scale: 0, step: 'order' }),
    money: z
      .object({ mode: zRoundingMode.default('HALF_EVEN') })
      .strict()
      .default({ mode: 'HALF_EVEN' }),
  })
  .strict()
  .default({ points: { mode: 'FLOOR', scale: 0, step: 'order' }, money: { mode: 'HALF_EVEN' } });
export type Rounding = z.output<typeof zRounding>;

/** The whole program: one JSON document, validated into a typed value. */
export const zProgramShape = z
  .object({
    /** Stable program id (tenant). */
    id: zId.describe('Stable program id (tenant).'),
    /** Configuration version, incremented on every change; results record it. */
    version: z
      .number()
      .int()
      .min(1)
      .describe('Configuration version; increment on every change. Results record it.'),
    name: z.string().min(1).max(200).optional().describe('Display name.'),
    currency: zCurrency.describe('ISO 4217 currency of every amount in the program.'),
    /** IANA time zone in which dates, days, weekdays and hours are read. */
    timeZone: zTimeZone.describe(
      'IANA time zone in which dates, days, weekdays, hours and reviews are read.',
    ),
    /** When this version takes effect (scheduled changes); absent means at once. */
    effectiveFrom: zInstant
      .optional()
      .describe('When this version takes effect; absent means at once.'),
    rounding: zRounding,
    // Sections are optional: an absent section is parsed from `{}` / `[]`, so
    // every default inside it applies (zod's `prefault`).
    earning: zEarningConfig.prefault({}),
    points: zPointsConfig.prefault({}),
    tiers: zTiersConfig.prefault({}),
    promotions: zPromotionsConfig.prefault([]),
    couponTemplates: zCouponTemplatesConfig.prefault([]),
  })
  .strict();

export interface ProgramShape {
  readonly id: string;
  readonly version: number;
  readonly name?: string | undefined;
  readonly currency: string;
  readonly timeZone: string;
  readonly effectiveFrom?: number | undefined;
  readonly rounding: Rounding;
  readonly earning: EarningConfig;
  readonly points: PointsConfig;
  readonly tiers: TiersConfig;
  readonly promotions: PromotionsConfig;
  readonly couponTemplates: CouponTemplatesConfig;
}

/** Cross-section checks, in the order their problems are reported. */
export const REFERENCE_CHECKS: readonly ReferenceCheck[] = Object.freeze([
  ...earningReferenceChecks,
  ...pointsReferenceChecks,
  ...tiersReferenceChecks,
  ...promotionsReferenceChecks,
  ...couponsReferenceChecks,
]);

/** The program schema with cross-section checks. */
export const zProgram = zProgramShape.superRefine((program, ctx) => {
  for (const check of REFERENCE_CHECKS) {
    check(program as ProgramShape, (issue) =>
      ctx.addIssue({
        code: 'custom',
        path: [...issue.path],
        message: issue.message,
        params: { code: issue.code },
      }),
    );
  }
});

/** A validated program, as every engine function takes it. */
export type Program = z.output<typeof zProgramShape> & ProgramShape;
/** A program as JSON, before validation. */
export type ProgramInput = z.input<typeof zProgramShape>;
