import { Migration } from '@mikro-orm/migrations';

/**
 * Purchases, returns, the engine's points-account state (debt, last activity,
 * latest posting, next sweep instant), engine fields on lots and holds,
 * accrual counters, qualifying-activity buckets, tier history and review
 * schedule.
 */
export class Migration20261126090000PointsPurchasesTiers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account"
      add column "debt" numeric(20,4) not null default 0,
      add column "last_activity_at" timestamptz null,
      add column "as_of" timestamptz null,
      add column "next_sweep_at" timestamptz null`);
    this.addSql(
      `create index "account_points_next_sweep_at_index" on "account" ("next_sweep_at") where "unit" = 'POINTS' and "next_sweep_at" is not null`,
    );

    this.addSql(`alter table "lot"
      add column "engine_lot_id" varchar(160) not null,
      add column "source" varchar(16) not null,
      add column "order_id" varchar(128) null,
      add column "vested_at" timestamptz null,
      add column "expires_on" varchar(10) null`);
    this.addSql(
      `create unique index "lot_account_id_engine_lot_id_unique" on "lot" ("account_id", "engine_lot_id")`,
    );
    this.addSql(
      `create index "lot_account_id_live_index" on "lot" ("account_id") where "remaining" > 0 or "vested_at" is null`,
    );

    this.addSql(`alter table "hold"
      add column "hold_key" varchar(128) not null,
      add column "reference" varchar(500) not null,
      add column "allocations" jsonb not null,
      add column "resolved_by" varchar(300) null`);
    this.addSql(
      `create unique index "hold_account_id_hold_key_unique" on "hold" ("account_id", "hold_key")`,
    );

    this.addSql(
      `create index "ledger_entry_points_order_index" on "ledger_entry" ("account_id", ("cause"->>'orderId')) where "unit" = 'POINTS'`,
    );

    this.addSql(`create table "purchase" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "order_id" varchar(128) not null,
      "store_id" uuid null references "store" ("id") deferrable initially deferred,
      "store_code" varchar(128) null,
      "channel" varchar(16) not null,
      "occurred_at" timestamptz not null,
      "local_date" varchar(10) not null,
      "currency" varchar(8) not null,
      "lines" jsonb not null,
      "payments" jsonb not null,
      "categories" text[] not null,
      "amount" numeric(20,4) not null,
      "returned_amount" numeric(20,4) not null default 0,
      "points_earned" numeric(20,4) not null,
      "points_paid" numeric(20,4) not null default 0,
      "accrual" jsonb not null,
      "program_version" int not null,
      "created_at" timestamptz not null,
      "actor" varchar(160) not null,
      "request_hash" varchar(64) not null,
      "answer" jsonb null,
      constraint "purchase_program_id_order_id_unique" unique ("program_id", "order_id"))`);
    this.addSql(
      `create index "purchase_program_id_member_id_occurred_at_index" on "purchase" ("program_id", "member_id", "occurred_at", "id")`,
    );
    this.addSql(
      `create index "purchase_program_id_occurred_at_index" on "purchase" ("program_id", "occurred_at", "id")`,
    );

    this.addSql(`create table "purchase_return" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "purchase_id" uuid not null references "purchase" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "return_id" varchar(128) not null,
      "amount" numeric(20,4) not null,
      "lines" jsonb not null,
      "points_clawed_back" numeric(20,4) not null,
      "occurred_at" timestamptz not null,
      "created_at" timestamptz not null,
      "actor" varchar(160) not null,
      "request_hash" varchar(64) not null,
      "answer" jsonb null,
      constraint "purchase_return_program_id_return_id_unique" unique ("program_id", "return_id"))`);
    this.addSql(
      `create index "purchase_return_purchase_id_index" on "purchase_return" ("purchase_id")`,
    );

    this.addSql(`create table "accrual_counter" (
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "subject" varchar(200) not null,
      "period_key" varchar(16) not null,
      "value" numeric(24,4) not null,
      primary key ("program_id", "subject"))`);

    this.addSql(`create table "tier_activity" (
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "day" varchar(10) not null,
      "spend" numeric(20,4) not null default 0,
      "points" numeric(20,4) not null default 0,
      "orders" int not null default 0,
      "visits" int not null default 0,
      primary key ("program_id", "member_id", "day"))`);

    this.addSql(`create table "tier_change" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "from_tier_id" varchar(128) null,
      "to_tier_id" varchar(128) not null,
      "code" varchar(32) not null,
      "cause" varchar(16) not null,
      "reasons" jsonb not null,
      "effective_at" timestamptz not null,
      "occurred_at" timestamptz not null,
      "actor" varchar(160) not null)`);
    this.addSql(
      `create index "tier_change_program_id_member_id_id_index" on "tier_change" ("program_id", "member_id", "id")`,
    );

    this.addSql(`create table "tier_schedule" (
      "member_id" uuid primary key references "member" ("id") deferrable initially deferred,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "next_review_at" timestamptz not null)`);
    this.addSql(
      `create index "tier_schedule_next_review_at_index" on "tier_schedule" ("next_review_at")`,
    );
  }

  override async down(): Promise<void> {
    for (const t of [
      'tier_schedule',
      'tier_change',
      'tier_activity',
      'accrual_counter',
      'purchase_return',
      'purchase',
    ]) {
      this.addSql(`drop table if exists "${t}"`);
    }
    this.addSql(`drop index if exists "ledger_entry_points_order_index"`);
    this.addSql(`alter table "hold" drop column "hold_key", drop column "reference",
      drop column "allocations", drop column "resolved_by"`);
    this.addSql(`alter table "lot" drop column "engine_lot_id", drop column "source",
      drop column "order_id", drop column "vested_at", drop column "expires_on"`);
    this.addSql(`alter table "account" drop column "debt", drop column "last_activity_at",
      drop column "as_of", drop column "next_sweep_at"`);
  }
}
