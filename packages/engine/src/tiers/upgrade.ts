import { addLocal, endOfPeriod } from '../time/index.js';
import { sumWindow, type TierActivityInput, type WindowTotals } from './activity.js';
import type { CompiledLadder, CompiledTier } from './compileTiers.js';
import type { TierRun } from './result.js';
import { iso } from './result.js';
import type { TierState } from './state.js';
import { describeThreshold, gaps, meets } from './thresholds.js';
import { windowAsOf, windowInfo } from './windows.js';

/** The instant a tier reached at `at` is kept until at least (exclusive), or null. */
export function validityFrom(ladder: CompiledLadder, at: number): number | null {
  const v = ladder.validity;
  if (!v) return null;
  const tz = ladder.calendar.tz;
  const shifted = addLocal(at, { years: v.years, months: v.months, days: v.days }, tz);
  return v.endOf ? endOfPeriod(shifted, v.endOf, tz) : shifted;
}

/** The highest tier of rank <= `maxRank` whose entry thresholds the totals meet (the base at least). */
export function highestEntryMet(
  ladder: CompiledLadder,
  totals: WindowTotals,
  maxRank: number,
): CompiledTier {
  for (let r = Math.min(maxRank, ladder.tiers.length - 1); r > 0; r--) {
    const t = ladder.tiers[r] as CompiledTier;
    if (meets(t.entry, totals)) return t;
  }
  return ladder.tiers[0] as CompiledTier;
}

/**
 * Upgrades at once when a higher tier's entry thresholds are met over the
 * window as of `at`, effective at `at`. Returns the new state (or the same).
 */
export function upgradeCheck(
  run: TierRun,
  state: TierState,
  activity: TierActivityInput,
  at: number,
  eventId: string | null,
  path: (string | number)[],
): TierState {
  const ladder = run.ladder;
  const current = run.tier(state.tierId);
  if (current.rank === ladder.tiers.length - 1) {
    run.add({ code: 'TOP_TIER', tierId: current.id }, `${current.id} is the top tier`, false);
    return state;
  }
  const window = windowAsOf(ladder, state, at);
  const totals = sumWindow(activity, window, true, ladder.use, path);
  const target = highestEntryMet(ladder, totals, ladder.tiers.length - 1);
  if (target.rank <= current.rank) {
    const next = ladder.tiers[current.rank + 1] as CompiledTier;
    const info = windowInfo(ladder.window, window);
    run.add(
      {
        code: 'ENTRY_NOT_MET',
        tierId: current.id,
        nextTierId: next.id,
        window: info,
        gaps: gaps(next.entry, totals),
      },
      `${current.id} kept: ${next.id} needs ${describeThreshold(next.entry)} over ${info.from ?? 'lifetime'}..${info.to}`,
      false,
    );
    return state;
  }
  const validUntil = validityFrom(ladder, at);
  const info = windowInfo(ladder.window, window);
  run.add(
    {
      code: 'UPGRADED',
      fromTierId: current.id,
      toTierId: target.id,
      at: iso(at),
      window: info,
      threshold: describeThreshold(target.entry),
      validUntil: validUntil === null ? null : iso(validUntil),
    },
    `upgraded ${current.id} -> ${target.id} at ${iso(at)}: ${describeThreshold(target.entry)} met over ${info.from ?? 'lifetime'}..${info.to}`,
  );
  run.effectiveAt = at;
  return {
    ...state,
    tierId: target.id,
    since: at,
    validUntil,
    grace: null,
    manual: state.manual && state.manual.until <= at ? null : state.manual,
    lastUpgrade: {
      at,
      eventId,
      previous: { tierId: state.tierId, since: state.since, validUntil: state.validUntil },
    },
  };
}
