import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One issuing call: the coupons it created share its id. */
@Entity({ tableName: 'coupon_batch' })
export class CouponBatch {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'string', length: 128 })
  templateId!: string;

  /** `{ memberId }`, `{ tag }` or `{}` (public codes). */
  @Property({ type: 'json' })
  target!: Record<string, unknown>;

  @Property({ type: 'integer' })
  count!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt!: Date;

  /** Credential that issued it. */
  @Property({ type: 'string', length: 160 })
  createdBy!: string;
}
