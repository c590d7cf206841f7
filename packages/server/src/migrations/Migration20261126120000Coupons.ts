import { Migration } from '@mikro-orm/migrations';

/**
 * Coupons (D5-D8): issued codes, issuing batches, redemptions by order and
 * limit usage counters. Codes are unique per program (the issuer retries on
 * a collision); counters never go negative.
 */
export class Migration20261126120000Coupons extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "coupon_batch" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "template_id" varchar(128) not null,
      "target" jsonb not null,
      "count" int not null,
      "issued_at" timestamptz not null,
      "created_by" varchar(160) not null)`);

    this.addSql(`create table "coupon" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "code" varchar(64) not null,
      "template_id" varchar(128) not null,
      "owner_member_id" uuid null references "member" ("id") deferrable initially deferred,
      "batch_id" uuid not null references "coupon_batch" ("id") deferrable initially deferred,
      "issued_at" timestamptz not null,
      "status" varchar(16) not null check ("status" in ('active', 'used', 'cancelled')),
      "times_used" int not null default 0 check ("times_used" >= 0),
      constraint "coupon_program_id_code_unique" unique ("program_id", "code"))`);
    this.addSql(
      `create index "coupon_program_id_owner_member_id_id_index" on "coupon" ("program_id", "owner_member_id", "id")`,
    );
    this.addSql(
      `create index "coupon_program_id_batch_id_id_index" on "coupon" ("program_id", "batch_id", "id")`,
    );

    this.addSql(`create table "coupon_redemption" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "coupon_id" uuid not null references "coupon" ("id") deferrable initially deferred,
      "coupon_code" varchar(64) not null,
      "member_id" uuid null,
      "order_id" varchar(200) not null,
      "discount" numeric(20,4) not null,
      "redemption" jsonb not null,
      "returned" jsonb not null,
      "discount_returned" numeric(20,4) not null default 0,
      "status" varchar(16) not null check ("status" in ('redeemed', 'rolled_back')),
      "redeemed_at" timestamptz not null,
      "rolled_back_at" timestamptz null,
      "actor" varchar(160) not null,
      constraint "coupon_redemption_program_id_coupon_id_order_id_unique" unique ("program_id", "coupon_id", "order_id"))`);
    this.addSql(
      `create index "coupon_redemption_program_id_order_id_index" on "coupon_redemption" ("program_id", "order_id")`,
    );

    this.addSql(`create table "coupon_limit_usage" (
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "template_id" varchar(128) not null,
      "limit_id" varchar(128) not null,
      "scope_key" varchar(128) not null,
      "period_key" varchar(16) not null,
      "redemptions" int not null default 0 check ("redemptions" >= 0),
      "amount" numeric(20,4) not null default 0 check ("amount" >= 0),
      primary key ("program_id", "template_id", "limit_id", "scope_key", "period_key"))`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "coupon_limit_usage"`);
    this.addSql(`drop table if exists "coupon_redemption"`);
    this.addSql(`drop table if exists "coupon"`);
    this.addSql(`drop table if exists "coupon_batch"`);
  }
}
