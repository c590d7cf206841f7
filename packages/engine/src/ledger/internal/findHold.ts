import type { LedgerReason } from '../reasons.js';
import type { Hold, LedgerEntry, PointsAccount } from '../types.js';

/** The hold, or `HOLD_NOT_FOUND`. */
export function findHold(account: PointsAccount, holdId: string): Hold | LedgerReason {
  const hold = account.holds.find((h) => h.id === holdId);
  return hold ?? { code: 'HOLD_NOT_FOUND', holdId };
}

/** The entry that resolved a hold. */
export function resolvingEntry(account: PointsAccount, hold: Hold): LedgerEntry | undefined {
  return account.entries.find((e) => e.id === hold.resolvedBy);
}
