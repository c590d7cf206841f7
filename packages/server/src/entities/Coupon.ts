import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** Lifecycle of an issued coupon (the engine's `CouponStatus`). */
export type CouponStatusValue = 'active' | 'used' | 'cancelled';

/**
 * An issued coupon (D6): a random code of a template of the program
 * configuration, owned by a member or public. Its use count and status move
 * only under a row lock, through the engine's `applyCouponUsage`.
 */
@Entity({ tableName: 'coupon' })
@Unique({ properties: ['programId', 'code'] })
@Index({ properties: ['programId', 'ownerMemberId', 'id'] })
@Index({ properties: ['programId', 'batchId', 'id'] })
export class Coupon {
  /** Time-ordered UUID (v7). */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  /** Crockford base32, upper case, unique per program. */
  @Property({ type: 'string', length: 64 })
  code!: string;

  /** Id of a template in the program's `couponTemplates`. */
  @Property({ type: 'string', length: 128 })
  templateId!: string;

  /** Null for a public code anyone may use. */
  @Property({ type: 'uuid', nullable: true })
  ownerMemberId!: string | null;

  @Property({ type: 'uuid' })
  batchId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt!: Date;

  @Property({ type: 'string', length: 16 })
  status!: CouponStatusValue;

  @Property({ type: 'integer', defaultRaw: '0' })
  timesUsed!: number;
}
