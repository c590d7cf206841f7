/**
 * Programs and helpers shared by the tiers tests (no test framework imports,
 * so it type-checks with the sources; not exported from the package).
 */
import { defineProgram } from '../program/parseProgram.js';
import type { Program } from '../program/schema.js';
import type { TiersConfig } from '../program/tiers.js';
import type { TierActivityBucket } from './activity.js';
import { initialTierState } from './initialTierState.js';
import type { TierState } from './state.js';

type TiersInput = Omit<Partial<Record<keyof TiersConfig, unknown>>, never>;

/** A program with the classic ladder member < silver < gold < platinum on spend, overridable. */
export function tierProgram(
  tiers: TiersInput = {},
  timeZone = 'America/New_York',
  extra: Record<string, unknown> = {},
): Program {
  return defineProgram({
    id: 'p1',
    version: 3,
    currency: 'USD',
    timeZone,
    tiers: {
      window: 'calendar_year',
      review: { at: 'window_end', policy: 'one_down' },
      ladder: [
        { id: 'member', name: 'Member' },
        {
          id: 'silver',
          name: 'Silver',
          entry: { spend: '500' },
          retention: { spend: '400' },
          benefits: { discountRate: '0.05' },
        },
        {
          id: 'gold',
          name: 'Gold',
          entry: { spend: '1000' },
          retention: { spend: '800' },
          benefits: { discountRate: '0.10', pointsMultiplier: '1.5', freeShipping: true },
        },
        {
          id: 'platinum',
          name: 'Platinum',
          entry: { spend: '3000' },
          retention: { spend: '2500' },
          benefits: {
            discountRate: '0.15',
            pointsMultiplier: '2',
            freeShipping: true,
            exclusiveSkus: ['P-1'],
          },
        },
      ],
      ...tiers,
    },
    ...extra,
  });
}

/** A member enrolled at `enrolledAt`, in `tierId` since `since` (default: enrolment). */
export function stateOf(
  program: Program,
  enrolledAt: string,
  tierId?: string,
  since?: string,
): TierState {
  const s = initialTierState(program, { enrolledAt });
  if (!tierId) return s;
  const sinceMs = since ? Date.parse(since) : s.since;
  return { ...s, tierId, since: sinceMs, reviewedThrough: sinceMs };
}

/** Daily buckets from `[date, spend]` pairs (one order each), sorted. */
export function daily(...days: readonly [string, string][]): { buckets: TierActivityBucket[] } {
  return {
    buckets: [...days]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([from, spend]) => ({ from, spend, orders: 1 })),
  };
}

/** No activity. */
export const NONE: { buckets: TierActivityBucket[] } = { buckets: [] };
