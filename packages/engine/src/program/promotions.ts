import { z } from 'zod';
import type { ReferenceCheck } from './references.js';

// Section owned by the promotions module; replaced by its full schema.
export const zPromotionsConfig = z.array(z.object({}).strict());
export type PromotionsConfig = z.output<typeof zPromotionsConfig>;
export const promotionsReferenceChecks: readonly ReferenceCheck[] = [];
