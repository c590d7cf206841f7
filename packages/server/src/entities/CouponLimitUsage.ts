import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Usage of one coupon template limit in one period (D12): the counter the
 * engine reads as `coupon.usage[limitId]`. `scopeKey` is '' for a global
 * limit, the member id for a member limit, the store code for a store limit;
 * `periodKey` is the engine's `couponLimitPeriodKey`. Changed only under
 * `FOR UPDATE`, by the engine's usage changes.
 */
@Entity({ tableName: 'coupon_limit_usage' })
export class CouponLimitUsage {
  @PrimaryKey({ type: 'string', length: 128 })
  programId!: string;

  @PrimaryKey({ type: 'string', length: 128 })
  templateId!: string;

  @PrimaryKey({ type: 'string', length: 128 })
  limitId!: string;

  @PrimaryKey({ type: 'string', length: 128 })
  scopeKey!: string;

  @PrimaryKey({ type: 'string', length: 16 })
  periodKey!: string;

  @Property({ type: 'integer', defaultRaw: '0' })
  redemptions!: number;

  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  amount!: string;
}
