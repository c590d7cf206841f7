import { ArrayType, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** One of Tessera's discounts on a recorded line (the engine's quote line discount). */
export interface PurchaseLineDiscount {
  /** `promotion` or `coupon`. */
  kind: string;
  /** The promotion id or the coupon code. */
  sourceId: string;
  amount: string;
}

/**
 * A purchase line as recorded: the engine's `CartLineInput` as given
 * (`discount`: discounts applied outside Tessera), then how the engine's
 * `quote` priced it. The pricing fields are absent on purchases recorded
 * before Tessera priced them (migration 20261201140000).
 */
export interface PurchaseLine {
  id: string;
  sku: string;
  categories: string[];
  quantity: string;
  unitPrice: string;
  discount: string;
  kind: string;
  /** Tessera's discounts on the line: promotions, then coupons, in application order. */
  discounts?: PurchaseLineDiscount[];
  /** Net of the caller's discount minus Tessera's discounts. */
  total?: string;
  /** The line's share of the points payment. */
  paidWithPoints?: string;
  /** `total - paidWithPoints`: paid in money (the basis of the points earned). */
  payable?: string;
}

/** A payment of a purchase (tender), as recorded. */
export interface PurchasePayment {
  method: string;
  amount: string;
  /** Points used as payment (method `points`). */
  points?: string;
  /** The stored-value payment entry (method `stored_value`), refunded on returns. */
  entryId?: string;
}

/** A recorded purchase (T1), idempotent on the caller's order id within a program. */
@Entity({ tableName: 'purchase' })
@Unique({ properties: ['programId', 'orderId'] })
@Index({ properties: ['programId', 'memberId', 'occurredAt', 'id'] })
export class Purchase {
  /** Time-ordered UUID (v7). */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  /** The caller's order id. */
  @Property({ type: 'string', length: 128 })
  orderId!: string;

  @Property({ type: 'uuid', nullable: true })
  storeId!: string | null;

  /** The store's code (the id the engine's rules target). */
  @Property({ type: 'string', length: 128, nullable: true })
  storeCode!: string | null;

  @Property({ type: 'string', length: 16 })
  channel!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt!: Date;

  /** Local date of `occurredAt` in the program time zone (the activity bucket). */
  @Property({ type: 'string', length: 10 })
  localDate!: string;

  @Property({ type: 'string', length: 8 })
  currency!: string;

  @Property({ type: 'json' })
  lines!: PurchaseLine[];

  @Property({ type: 'json' })
  payments!: PurchasePayment[];

  /** Every category of every line (history filter). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  categories!: string[];

  /**
   * Order amount after Tessera's promotions and coupons (the quote's
   * `afterDiscounts`, paid in money, stored value and points): returns are
   * proportional to it.
   */
  @Property({ type: 'decimal', precision: 20, scale: 4 })
  amount!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  returnedAmount!: string;

  /** Promotions' discount on the order (the quote's `promotionDiscount`). */
  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  promotionDiscount!: string;

  /** Coupons' discount on the order (the quote's `couponDiscount`). */
  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  couponDiscount!: string;

  /** The promotions the engine applied (its `promotions.applied`, JSON). */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  promotions!: Record<string, unknown>[];

  @Property({ type: 'decimal', precision: 20, scale: 4 })
  pointsEarned!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  pointsPaid!: string;

  /** The engine's accrual answer: awards and trace (JSON). */
  @Property({ type: 'json' })
  accrual!: Record<string, unknown>;

  @Property({ type: 'integer' })
  programVersion!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'string', length: 160 })
  actor!: string;

  /** Hex SHA-256 of the canonical request: a replay with other content is a conflict. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /** The answer given, replayed for the same request. */
  @Property({ type: 'json', nullable: true })
  answer!: Record<string, unknown> | null;
}
