import type { Program } from '../program/schema.js';
import { compileTiers } from './compileTiers.js';
import { instantAt, type TierInstant, type TierState } from './state.js';

/** The tier state of a newly enrolled member: the base tier (first in the ladder) from enrolment. */
export function initialTierState(
  program: Program,
  input: { readonly enrolledAt: TierInstant },
): TierState {
  const ladder = compileTiers(program);
  const enrolledAt = instantAt(input.enrolledAt, ['enrolledAt']);
  const base = ladder.tiers[0];
  return {
    tierId: (base as { id: string }).id,
    since: enrolledAt,
    validUntil: null,
    enrolledAt,
    reviewedThrough: enrolledAt,
    manual: null,
    grace: null,
    lastUpgrade: null,
  };
}
