import type { Decimal } from '../money/index.js';
import type { LedgerEntry, PointsAccount } from './types.js';

/**
 * Why a ledger transition was refused. Stable codes with data; checks run in
 * the precedence documented in docs/engine/ledger.md (idempotency first, then
 * policy, then amounts, then balance).
 */
export type LedgerReason =
  | { readonly code: 'IDEMPOTENCY_CONFLICT'; readonly entryId: string }
  | {
      readonly code: 'INSUFFICIENT_POINTS';
      readonly requested: Decimal;
      readonly available: Decimal;
    }
  | { readonly code: 'HOLD_NOT_FOUND'; readonly holdId: string }
  | {
      readonly code: 'HOLD_ALREADY_RESOLVED';
      readonly holdId: string;
      readonly status: 'captured' | 'released';
      readonly resolvedBy: string;
    }
  | { readonly code: 'HOLD_EXPIRED'; readonly holdId: string; readonly expiredAt: number }
  | { readonly code: 'PAYMENT_DISABLED' }
  | { readonly code: 'BELOW_MINIMUM'; readonly minimum: Decimal; readonly requested: Decimal }
  | { readonly code: 'ABOVE_MAXIMUM'; readonly maximum: Decimal; readonly requested: Decimal }
  | { readonly code: 'NOT_A_MULTIPLE_OF_STEP'; readonly step: Decimal; readonly requested: Decimal }
  | {
      readonly code: 'EXCEEDS_MAXIMUM_SHARE';
      readonly maxPoints: Decimal;
      readonly maxValue: Decimal;
      readonly requested: Decimal;
    }
  | { readonly code: 'TRANSFER_NOT_ALLOWED' }
  | { readonly code: 'SELF_TRANSFER'; readonly accountId: string }
  | { readonly code: 'NOTHING_TO_CLAW_BACK'; readonly orderId: string }
  | {
      readonly code: 'RETURN_EXCEEDS_ORDER';
      readonly orderId: string;
      readonly orderAmount: Decimal;
      readonly returnedToDate: Decimal;
      readonly requested: Decimal;
    };

/** Every reason code, in precedence order. */
export type LedgerReasonCode = LedgerReason['code'];

/** A refused transition: nothing changes. */
export interface LedgerRefusal {
  readonly ok: false;
  readonly reason: LedgerReason;
}

/**
 * An accepted transition: the new account and the entries it posted (sweep
 * entries the transition ran first included, in posting order). `replayed` is
 * true when the command's entry already existed with the same content: the
 * account is unchanged and `entries` are the original ones.
 */
export interface LedgerSuccess {
  readonly ok: true;
  readonly account: PointsAccount;
  readonly entries: readonly LedgerEntry[];
  readonly replayed: boolean;
}

/** Outcome of a single-account transition. */
export type LedgerResult = LedgerSuccess | LedgerRefusal;

/** Human-readable text for a reason, for logs and back-office screens (codes are the contract). */
export function describeLedgerReason(reason: LedgerReason): string {
  switch (reason.code) {
    case 'IDEMPOTENCY_CONFLICT':
      return `Entry ${reason.entryId} was already posted with different content`;
    case 'INSUFFICIENT_POINTS':
      return `Requested ${reason.requested} points, ${reason.available} available`;
    case 'HOLD_NOT_FOUND':
      return `No hold ${reason.holdId}`;
    case 'HOLD_ALREADY_RESOLVED':
      return `Hold ${reason.holdId} was already ${reason.status}`;
    case 'HOLD_EXPIRED':
      return `Hold ${reason.holdId} timed out`;
    case 'PAYMENT_DISABLED':
      return 'Points cannot be used as payment in this program';
    case 'BELOW_MINIMUM':
      return `At least ${reason.minimum} points are required`;
    case 'ABOVE_MAXIMUM':
      return `At most ${reason.maximum} points are allowed`;
    case 'NOT_A_MULTIPLE_OF_STEP':
      return `Points must be a multiple of ${reason.step}`;
    case 'EXCEEDS_MAXIMUM_SHARE':
      return `At most ${reason.maxPoints} points (${reason.maxValue}) may pay this order`;
    case 'TRANSFER_NOT_ALLOWED':
      return 'This program does not allow transfers between members';
    case 'SELF_TRANSFER':
      return 'A member cannot transfer points to themselves';
    case 'NOTHING_TO_CLAW_BACK':
      return `No points were earned on order ${reason.orderId}`;
    case 'RETURN_EXCEEDS_ORDER':
      return `Returns on order ${reason.orderId} would exceed its amount`;
  }
}
