import type { Decimal } from '../money/index.js';
import type { LocalDate } from '../time/index.js';

/**
 * Kinds of ledger entries. `delta` is each entry's effect on the member's
 * points balance (see `PointsAccount`):
 *
 * | kind | delta | what it does |
 * |---|---|---|
 * | `earn` | +amount | creates a lot (pending until `pendingUntil`) |
 * | `vest` | 0 | records that a lot's pending period ended |
 * | `redeem` | -amount | consumes available lots, soonest-expiring first |
 * | `hold` | 0 | reserves available points (moved from lots into the hold) |
 * | `capture` | -amount | turns a hold into a redemption |
 * | `hold_release` | 0 | gives a hold's points back to their lots (explicit or on timeout) |
 * | `expire` | -amount | removes what is left of a lot past `expiresAt` |
 * | `clawback` | -amount | takes back points of a returned order (may create debt) |
 * | `adjust` | ±amount | manual correction by an operator, with a reason |
 * | `transfer_out` / `transfer_in` | -/+amount | a transfer between two members |
 */
export type EntryKind =
  | 'earn'
  | 'vest'
  | 'redeem'
  | 'hold'
  | 'capture'
  | 'hold_release'
  | 'expire'
  | 'clawback'
  | 'adjust'
  | 'transfer_out'
  | 'transfer_in';

/** Why an entry was posted. Every entry records its cause. */
export type EntryCause =
  | {
      readonly type: 'purchase';
      readonly orderId: string;
      readonly orderAmount: Decimal;
      readonly ruleId: string | null;
      readonly campaignId: string | null;
    }
  | {
      readonly type: 'return';
      readonly orderId: string;
      readonly returnId: string;
      /** Money returned by this return. */
      readonly returnedAmount: Decimal;
      /** Money returned on the order by all its returns so far, this one included. */
      readonly returnedToDate: Decimal;
      readonly orderAmount: Decimal;
    }
  | {
      readonly type: 'redemption';
      readonly reference: string;
      readonly orderId: string | null;
      /** Money value of the points when redeemed as payment, else null. */
      readonly value: Decimal | null;
    }
  | { readonly type: 'hold'; readonly holdId: string; readonly reference: string }
  | { readonly type: 'hold_timeout'; readonly holdId: string; readonly timedOutAt: number }
  | { readonly type: 'adjustment'; readonly reason: string; readonly operator: string }
  | { readonly type: 'vesting'; readonly lotId: string; readonly pendingUntil: number }
  | {
      readonly type: 'expiry';
      readonly lotId: string;
      readonly expiresAt: number;
      readonly expiresOn: LocalDate;
    }
  | {
      readonly type: 'transfer';
      readonly transferId: string;
      readonly counterpartyAccountId: string;
    };

/** Points taken from, given to or restored to one lot by an entry. */
export interface LotAllocation {
  readonly lotId: string;
  readonly amount: Decimal;
}

/**
 * One append-only ledger entry. Its `id` is deterministic from the program id,
 * the kind and the caller's key (or the cause for sweeps), so the same cause
 * can never post twice.
 */
export interface LedgerEntry {
  readonly id: string;
  readonly accountId: string;
  readonly kind: EntryKind;
  /** Quantity concerned (always >= 0). */
  readonly amount: Decimal;
  /** Effect on the balance (owned points = lots + held - debt). */
  readonly delta: Decimal;
  readonly occurredAt: number;
  readonly programVersion: number;
  readonly cause: EntryCause;
  /** Lots consumed (redeem, hold, expire, clawback, ...) or credited (earn, release, ...). */
  readonly allocations: readonly LotAllocation[];
  /** Debt created (> 0) or settled (< 0) by this entry. */
  readonly debtChange: Decimal;
  /** Points a clawback did not recover because the return policy forgave them. */
  readonly forgiven: Decimal;
  /** Canonical form of the command that posted it (idempotent replay compares it). */
  readonly fingerprint: string;
}

/** Where a lot's points came from. */
export type LotSource = 'earn' | 'adjust' | 'transfer_in';

/** A quantity of points with one pending period and one expiry. */
export interface Lot {
  /** `<kind>:<key>` of the entry that created it (`earn:order-1`, `transfer_in:t9#0`). */
  readonly id: string;
  readonly source: LotSource;
  /** The purchase it was earned on (earn lots), for clawback on return. */
  readonly orderId: string | null;
  /** Points credited to the lot (after settling debt). */
  readonly amount: Decimal;
  /** Points still in the lot (not spent, held, expired or clawed back). */
  readonly remaining: Decimal;
  readonly createdAt: number;
  /** Spendable from this instant (inclusive); equals `createdAt` when nothing is pending. */
  readonly pendingUntil: number;
  /** Set when the pending period ended and a `vest` entry was posted (or at creation). */
  readonly vestedAt: number | null;
  /** Exclusive expiry instant: expired when `now >= expiresAt`; null = never. */
  readonly expiresAt: number | null;
  /** The advertised local date: the last local date on which the points can be used. */
  readonly expiresOn: LocalDate | null;
}

/** State of a hold. A hold resolves exactly once. */
export type HoldStatus = 'active' | 'captured' | 'released';

/** A reservation of available points (checkout), captured or released later. */
export interface Hold {
  /** The caller's key. */
  readonly id: string;
  readonly reference: string;
  readonly amount: Decimal;
  readonly createdAt: number;
  /** Released automatically when `now >= expiresAt`. */
  readonly expiresAt: number;
  /** Lots the reserved points were taken from (restored on release). */
  readonly allocations: readonly LotAllocation[];
  readonly status: HoldStatus;
  readonly resolvedAt: number | null;
  /** Id of the `capture` or `hold_release` entry. */
  readonly resolvedBy: string | null;
}

/**
 * A member's points account: immutable; every transition returns a new one.
 *
 * The balance is `sum(lots.remaining) + sum(active holds.amount) - debt`, and
 * always equals `sum(entries.delta)`.
 */
export interface PointsAccount {
  readonly programId: string;
  readonly accountId: string;
  readonly entries: readonly LedgerEntry[];
  readonly lots: readonly Lot[];
  readonly holds: readonly Hold[];
  /** Points owed after a clawback beyond the balance (allowDebt); >= 0. */
  readonly debt: Decimal;
  /** Last qualifying activity (earn, redeem, capture), for the inactivity expiry policy. */
  readonly lastActivityAt: number | null;
  /** Instant of the latest posting; transitions may not run before it. */
  readonly asOf: number | null;
}
