import { type Decimal, ZERO } from '../money/index.js';
import type { Program } from '../program/index.js';
import { addToLocalDate, type InstantInput, type LocalDate, localDateOf } from '../time/index.js';
import { parseContext } from './internal/begin.js';
import { compareLots, Draft } from './internal/draft.js';
import { assertNotBefore } from './internal/input.js';
import type { PointsAccount } from './types.js';

/** Options of `balanceOf`. */
export interface BalanceOptions {
  /** Window of the `expiring` figure in local calendar days from today (default 30, max 3660). */
  readonly expiringWithinDays?: number;
}

/** Points expiring on one local date. */
export interface ExpiryScheduleItem {
  readonly date: LocalDate;
  readonly points: Decimal;
}

/** A member's points as of an instant. */
export interface PointsBalance {
  /** Spendable now: vested, unexpired, not held. */
  readonly available: Decimal;
  /** Earned but still in their pending period (not expired). */
  readonly pending: Decimal;
  /** Reserved by active holds (not timed out). */
  readonly held: Decimal;
  /** Points owed after clawbacks beyond the balance. */
  readonly debt: Decimal;
  /** `available + pending + held - debt`: equals the sum of entry deltas once a sweep ran at `now`. */
  readonly balance: Decimal;
  /** Available and pending points whose last usable local date is within the window. */
  readonly expiring: {
    readonly withinDays: number;
    readonly through: LocalDate;
    readonly points: Decimal;
  };
  /** Available and pending points by last usable local date, soonest first. */
  readonly schedule: readonly ExpiryScheduleItem[];
}

/**
 * The balance as of `now`, computed from lots: exact whether or not vest,
 * expire or hold-timeout entries were posted (a lot is pending while
 * `now < pendingUntil`, expired once `now >= expiresAt`; a timed-out hold's
 * points are back in their lots). `now` may not be before the latest posting.
 */
export function balanceOf(
  program: Program,
  account: PointsAccount,
  now: InstantInput,
  options: BalanceOptions = {},
): PointsBalance {
  const nowMs = parseContext(program, account, now);
  assertNotBefore(account, nowMs);
  const withinDays = options.expiringWithinDays ?? 30;
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3660) {
    throw new RangeError('expiringWithinDays must be an integer in [0, 3660]');
  }
  // Timed-out holds give their points back, exactly as the sweep would post it.
  const draft = new Draft(program, account, nowMs);
  let held = ZERO;
  const active = draft.holds
    .filter((h) => h.status === 'active')
    .sort((a, b) => a.expiresAt - b.expiresAt || (a.id < b.id ? -1 : 1));
  for (const hold of active) {
    if (hold.expiresAt <= nowMs) draft.restore(hold.allocations, hold.expiresAt);
    else held = held.plus(hold.amount);
  }
  const through = addToLocalDate(localDateOf(nowMs, program.timeZone), { days: withinDays });
  let available = ZERO;
  let pending = ZERO;
  let expiring = ZERO;
  const byDate = new Map<LocalDate, Decimal>();
  for (const lot of [...draft.lots].sort(compareLots)) {
    if (lot.remaining.isZero() || draft.isExpired(lot)) continue;
    if (lot.pendingUntil > nowMs) pending = pending.plus(lot.remaining);
    else available = available.plus(lot.remaining);
    if (lot.expiresOn !== null) {
      byDate.set(lot.expiresOn, (byDate.get(lot.expiresOn) ?? ZERO).plus(lot.remaining));
      if (lot.expiresOn <= through) expiring = expiring.plus(lot.remaining);
    }
  }
  const schedule = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, points]) => ({ date, points }));
  return {
    available,
    pending,
    held,
    debt: draft.debt,
    balance: available.plus(pending).plus(held).minus(draft.debt),
    expiring: { withinDays, through, points: expiring },
    schedule,
  };
}
