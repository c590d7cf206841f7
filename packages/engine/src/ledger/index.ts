// Public API of the ledger module; every export listed explicitly.
export { type AdjustCommand, adjustPoints } from './adjustPoints.js';
export {
  applyPointsPayment,
  type PaymentCommand,
  type PaymentResult,
  type PaymentSuccess,
} from './applyPointsPayment.js';
export {
  type BalanceOptions,
  balanceOf,
  type ExpiryScheduleItem,
  type PointsBalance,
} from './balanceOf.js';
export { type CaptureCommand, captureHold } from './captureHold.js';
export { checkAccountInvariants } from './checkAccountInvariants.js';
export { clawBackReturn, type ReturnCommand } from './clawBackReturn.js';
export { computeLotExpiry, type LotExpiry } from './computeLotExpiry.js';
export { computePendingUntil } from './computePendingUntil.js';
export { type EarnCommand, earnPoints } from './earnPoints.js';
export { MAX_ENTRIES, MAX_POINTS, MAX_TEXT } from './internal/input.js';
export { openAccount } from './openAccount.js';
export {
  type PaymentBound,
  type PointsPaymentLimit,
  pointsPaymentLimit,
  pointsValue,
} from './pointsPaymentLimit.js';
export {
  describeLedgerReason,
  type LedgerReason,
  type LedgerReasonCode,
  type LedgerRefusal,
  type LedgerResult,
  type LedgerSuccess,
} from './reasons.js';
export { type RedeemCommand, redeemPoints } from './redeemPoints.js';
export { type ReleaseCommand, releaseHold } from './releaseHold.js';
export { type ReserveCommand, reservePoints } from './reservePoints.js';
export { sweepAccount } from './sweepAccount.js';
export {
  type TransferCommand,
  type TransferResult,
  type TransferSuccess,
  transferPoints,
} from './transferPoints.js';
export type {
  EntryCause,
  EntryKind,
  Hold,
  HoldStatus,
  LedgerEntry,
  Lot,
  LotAllocation,
  LotSource,
  PointsAccount,
} from './types.js';
