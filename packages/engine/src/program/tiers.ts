import { z } from 'zod';
import type { ReferenceCheck } from './references.js';

// Section owned by the tiers module; replaced by its full schema.
export const zTiersConfig = z.object({}).strict();
export type TiersConfig = z.output<typeof zTiersConfig>;
export const tiersReferenceChecks: readonly ReferenceCheck[] = [];
