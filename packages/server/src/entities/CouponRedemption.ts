import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** `redeemed`, or `rolled_back` once a return or cancellation gave the use back. */
export type CouponRedemptionStatus = 'redeemed' | 'rolled_back';

/**
 * A coupon used on an order: the engine's `CouponRedemption` (JSON) is kept
 * as the input of `rollbackCoupon` when the order is returned or cancelled.
 */
@Entity({ tableName: 'coupon_redemption' })
@Unique({ properties: ['programId', 'couponId', 'orderId'] })
@Index({ properties: ['programId', 'orderId'] })
export class CouponRedemption {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  couponId!: string;

  @Property({ type: 'string', length: 64 })
  couponCode!: string;

  @Property({ type: 'uuid', nullable: true })
  memberId!: string | null;

  /** The caller's order id. */
  @Property({ type: 'string', length: 200 })
  orderId!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4 })
  discount!: string;

  /** The engine's redemption (amounts as decimal strings). */
  @Property({ type: 'json' })
  redemption!: Record<string, unknown>;

  /** Quantity returned so far by line id (partial returns). */
  @Property({ type: 'json' })
  returned!: Record<string, string>;

  /** Coupon discount given back to budgets so far. */
  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  discountReturned!: string;

  @Property({ type: 'string', length: 16 })
  status!: CouponRedemptionStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  redeemedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  rolledBackAt!: Date | null;

  @Property({ type: 'string', length: 160 })
  actor!: string;

  /**
   * `redeemCoupon` only: hex SHA-256 of the request that made the redemption
   * (operation, code, member, order, lines, store, channel), compared when a
   * retry with another idempotency key reaches the same order and coupon.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  requestHash?: string | null;

  /** `redeemCoupon` only: the answer given, replayed for the same request. */
  @Property({ type: 'json', nullable: true })
  answer?: Record<string, unknown> | null;
}
