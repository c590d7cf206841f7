import type { Program } from '../program/schema.js';
import type { Tier } from '../program/tiers.js';
import { compileTiers } from './compileTiers.js';

/**
 * The rank of a tier (its position in the ladder, 0 = base), or -1 when the
 * program has no such tier. For rules such as "Gold or higher".
 */
export function tierRank(program: Program, tierId: string): number {
  if (program.tiers.ladder.length === 0) return -1;
  return compileTiers(program).byId.get(tierId)?.rank ?? -1;
}

/** The configured tier (with its benefits) by id, or null. */
export function findTier(program: Program, tierId: string): Tier | null {
  return program.tiers.ladder.find((t) => t.id === tierId) ?? null;
}
