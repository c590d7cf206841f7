import { Migration } from '@mikro-orm/migrations';

/**
 * Purchases priced by the engine's quote: the promotions' and coupons'
 * discounts on the order and the promotions applied (for returns and
 * analysis). Purchases recorded before keep 0 and an empty list.
 */
export class Migration20261201140000PurchasePricing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "purchase"
      add column "promotion_discount" numeric(20,4) not null default 0,
      add column "coupon_discount" numeric(20,4) not null default 0,
      add column "promotions" jsonb not null default '[]'`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "purchase"
      drop column "promotion_discount",
      drop column "coupon_discount",
      drop column "promotions"`);
  }
}
