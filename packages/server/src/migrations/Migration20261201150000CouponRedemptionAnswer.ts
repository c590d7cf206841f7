import { Migration } from '@mikro-orm/migrations';

/**
 * `redeemCoupon` is idempotent on the order and the coupon too (as
 * `recordPurchase` is on the order id): the redemption keeps the hash of the
 * request that made it and its answer, so a retry with a new idempotency key
 * replays that answer. Redemptions made before, and those made by a purchase,
 * keep null.
 */
export class Migration20261201150000CouponRedemptionAnswer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "coupon_redemption"
      add column "request_hash" varchar(64) null,
      add column "answer" jsonb null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "coupon_redemption"
      drop column "request_hash",
      drop column "answer"`);
  }
}
