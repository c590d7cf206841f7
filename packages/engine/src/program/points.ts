import { z } from 'zod';
import type { ReferenceCheck } from './references.js';

// Section owned by the points module; replaced by its full schema.
export const zPointsConfig = z.object({}).strict();
export type PointsConfig = z.output<typeof zPointsConfig>;
export const pointsReferenceChecks: readonly ReferenceCheck[] = [];
