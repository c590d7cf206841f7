import { Account } from './Account.js';
import { AccrualCounter } from './AccrualCounter.js';
import { ApiKey } from './ApiKey.js';
import { Card } from './Card.js';
import { CardEvent } from './CardEvent.js';
import { Coupon } from './Coupon.js';
import { CouponBatch } from './CouponBatch.js';
import { CouponLimitUsage } from './CouponLimitUsage.js';
import { CouponRedemption } from './CouponRedemption.js';
import { Hold } from './Hold.js';
import { IdempotencyRecord } from './IdempotencyRecord.js';
import { LedgerEntry } from './LedgerEntry.js';
import { Lot } from './Lot.js';
import { Member } from './Member.js';
import { OutboxEvent } from './OutboxEvent.js';
import { Program } from './Program.js';
import { ProgramVersion } from './ProgramVersion.js';
import { Purchase } from './Purchase.js';
import { PurchaseReturn } from './PurchaseReturn.js';
import { Store } from './Store.js';
import { TierActivity } from './TierActivity.js';
import { TierChange } from './TierChange.js';
import { TierSchedule } from './TierSchedule.js';

export { Account, type AccountUnit, POINTS } from './Account.js';
export { AccrualCounter } from './AccrualCounter.js';
export { ApiKey, type ApiKeyRole } from './ApiKey.js';
export { Card, type CardStatus } from './Card.js';
export { CardEvent, type CardEventType } from './CardEvent.js';
export { Coupon, type CouponStatusValue } from './Coupon.js';
export { CouponBatch } from './CouponBatch.js';
export { CouponLimitUsage } from './CouponLimitUsage.js';
export { CouponRedemption, type CouponRedemptionStatus } from './CouponRedemption.js';
export { Hold, type HoldStatus } from './Hold.js';
export { IdempotencyRecord, type IdempotencyStatus } from './IdempotencyRecord.js';
export { LedgerEntry, type LedgerKind } from './LedgerEntry.js';
export { Lot } from './Lot.js';
export { type Address, Member } from './Member.js';
export { OutboxEvent } from './OutboxEvent.js';
export { Program } from './Program.js';
export { ProgramVersion } from './ProgramVersion.js';
export {
  Purchase,
  type PurchaseLine,
  type PurchaseLineDiscount,
  type PurchasePayment,
} from './Purchase.js';
export { PurchaseReturn } from './PurchaseReturn.js';
export { Store } from './Store.js';
export { TierActivity } from './TierActivity.js';
export { TierChange, type TierChangeCause } from './TierChange.js';
export { TierSchedule } from './TierSchedule.js';

/** Every entity, registered explicitly with the ORM (no folder discovery). */
export const ENTITIES = [
  Program,
  ProgramVersion,
  Store,
  ApiKey,
  Member,
  Card,
  CardEvent,
  Account,
  LedgerEntry,
  Lot,
  Hold,
  IdempotencyRecord,
  OutboxEvent,
  CouponBatch,
  Coupon,
  CouponRedemption,
  CouponLimitUsage,
  Purchase,
  PurchaseReturn,
  AccrualCounter,
  TierActivity,
  TierChange,
  TierSchedule,
];
