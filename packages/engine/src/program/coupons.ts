import { z } from 'zod';
import type { ReferenceCheck } from './references.js';

// Section owned by the coupons module; replaced by its full schema.
export const zCouponTemplatesConfig = z.array(z.object({}).strict());
export type CouponTemplatesConfig = z.output<typeof zCouponTemplatesConfig>;
export const couponsReferenceChecks: readonly ReferenceCheck[] = [];
