import { z } from 'zod';
import type { ReferenceCheck } from './references.js';

// Section owned by the earning module; replaced by its full schema.
export const zEarningConfig = z.object({}).strict();
export type EarningConfig = z.output<typeof zEarningConfig>;
export const earningReferenceChecks: readonly ReferenceCheck[] = [];
