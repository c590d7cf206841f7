import { Migration } from '@mikro-orm/migrations';

/**
 * Initial schema. Every table is keyed or indexed by `program_id` first, so
 * ledger and member tables can be partitioned or distributed by program.
 * Written by hand: partial unique indexes (live members, active cards) and
 * check constraints (non-negative stored value) are part of the contract.
 * Foreign keys are checked at commit (`deferrable initially deferred`): the
 * entities hold plain id columns, so the unit of work does not order inserts.
 */
export class Migration20261125000000Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "program" (
      "id" varchar(128) primary key,
      "name" varchar(200) not null,
      "token_secret" varchar(64) not null,
      "created_at" timestamptz not null)`);

    this.addSql(`create table "program_version" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "version" int not null,
      "config" jsonb not null,
      "effective_from" timestamptz not null,
      "created_at" timestamptz not null,
      "created_by" varchar(160) not null,
      constraint "program_version_program_id_version_unique" unique ("program_id", "version"))`);
    this.addSql(
      `create index "program_version_program_id_effective_from_index" on "program_version" ("program_id", "effective_from")`,
    );

    this.addSql(`create table "store" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "code" varchar(128) not null,
      "name" varchar(200) not null,
      "created_at" timestamptz not null,
      constraint "store_program_id_code_unique" unique ("program_id", "code"))`);

    this.addSql(`create table "api_key" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "role" varchar(16) not null check ("role" in ('admin', 'store', 'storefront')),
      "store_id" uuid null references "store" ("id") deferrable initially deferred,
      "label" varchar(200) not null,
      "prefix" varchar(24) not null,
      "secret_hash" varchar(64) not null,
      "created_at" timestamptz not null,
      "revoked_at" timestamptz null,
      constraint "api_key_secret_hash_unique" unique ("secret_hash"),
      constraint "api_key_store_role_check" check (("role" = 'store') = ("store_id" is not null)))`);
    this.addSql(
      `create index "api_key_program_id_created_at_index" on "api_key" ("program_id", "created_at")`,
    );

    this.addSql(`create table "member" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "name" varchar(200) not null,
      "gender" varchar(16) not null,
      "birthday" varchar(10) null,
      "phone" varchar(20) null,
      "email" varchar(254) null,
      "address" jsonb null,
      "enrol_store_id" uuid null references "store" ("id") deferrable initially deferred,
      "channel" varchar(16) not null,
      "tags" text[] not null default '{}',
      "marketing_consent" boolean not null,
      "tier_id" varchar(128) null,
      "enrolled_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "deleted_at" timestamptz null)`);
    this.addSql(`create index "member_program_id_id_index" on "member" ("program_id", "id")`);
    this.addSql(
      `create unique index "member_program_id_phone_live_unique" on "member" ("program_id", "phone") where "deleted_at" is null and "phone" is not null`,
    );
    this.addSql(
      `create unique index "member_program_id_email_live_unique" on "member" ("program_id", "email") where "deleted_at" is null and "email" is not null`,
    );
    this.addSql(
      `create index "member_program_id_tier_id_index" on "member" ("program_id", "tier_id")`,
    );
    this.addSql(`create index "member_tags_index" on "member" using gin ("tags")`);

    this.addSql(`create table "card" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "number" varchar(32) not null,
      "status" varchar(16) not null check ("status" in ('active', 'lost', 'replaced')),
      "issued_at" timestamptz not null,
      "status_changed_at" timestamptz not null,
      "replaced_by_id" uuid null references "card" ("id") deferrable initially deferred,
      constraint "card_program_id_number_unique" unique ("program_id", "number"))`);
    this.addSql(
      `create index "card_program_id_member_id_index" on "card" ("program_id", "member_id")`,
    );
    this.addSql(
      `create unique index "card_one_active_per_member" on "card" ("program_id", "member_id") where "status" = 'active'`,
    );

    this.addSql(`create table "card_event" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "card_id" uuid not null references "card" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "type" varchar(16) not null,
      "occurred_at" timestamptz not null,
      "actor" varchar(160) not null,
      "note" varchar(500) null)`);
    this.addSql(
      `create index "card_event_program_id_card_id_id_index" on "card_event" ("program_id", "card_id", "id")`,
    );

    this.addSql(`create table "account" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "unit" varchar(8) not null,
      "balance" numeric(20,4) not null default 0,
      "updated_at" timestamptz not null,
      constraint "account_program_id_member_id_unit_unique" unique ("program_id", "member_id", "unit"),
      constraint "account_stored_value_non_negative" check ("unit" = 'POINTS' or "balance" >= 0))`);

    this.addSql(`create table "ledger_entry" (
      "id" varchar(64) primary key,
      "posting_id" uuid not null,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "account_id" uuid not null references "account" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "unit" varchar(8) not null,
      "kind" varchar(16) not null,
      "amount" numeric(20,4) not null,
      "balance_after" numeric(20,4) not null,
      "cause" jsonb not null,
      "related_entry_id" varchar(64) null references "ledger_entry" ("id") deferrable initially deferred,
      "program_version" int null,
      "occurred_at" timestamptz not null,
      "actor" varchar(160) not null)`);
    this.addSql(
      `create index "ledger_entry_program_id_account_id_occurred_at_index" on "ledger_entry" ("program_id", "account_id", "occurred_at", "posting_id")`,
    );
    this.addSql(
      `create index "ledger_entry_program_id_member_id_occurred_at_index" on "ledger_entry" ("program_id", "member_id", "occurred_at", "posting_id")`,
    );
    this.addSql(
      `create index "ledger_entry_related_entry_id_index" on "ledger_entry" ("related_entry_id")`,
    );

    this.addSql(`create table "lot" (
      "id" varchar(64) primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "account_id" uuid not null references "account" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "amount" numeric(20,4) not null,
      "remaining" numeric(20,4) not null,
      "pending_until" timestamptz null,
      "expires_at" timestamptz null,
      "source_entry_id" varchar(64) not null references "ledger_entry" ("id") deferrable initially deferred,
      "created_at" timestamptz not null)`);
    this.addSql(
      `create index "lot_program_id_account_id_expires_at_index" on "lot" ("program_id", "account_id", "expires_at")`,
    );

    this.addSql(`create table "hold" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "account_id" uuid not null references "account" ("id") deferrable initially deferred,
      "member_id" uuid not null references "member" ("id") deferrable initially deferred,
      "amount" numeric(20,4) not null check ("amount" > 0),
      "status" varchar(16) not null check ("status" in ('held', 'captured', 'released')),
      "expires_at" timestamptz not null,
      "created_at" timestamptz not null,
      "resolved_at" timestamptz null)`);
    this.addSql(
      `create index "hold_program_id_account_id_status_index" on "hold" ("program_id", "account_id", "status")`,
    );
    this.addSql(`create index "hold_status_expires_at_index" on "hold" ("status", "expires_at")`);

    this.addSql(`create table "idempotency_record" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "credential" varchar(160) not null,
      "key" varchar(200) not null,
      "operation" varchar(64) not null,
      "request_hash" varchar(64) not null,
      "status" varchar(16) not null check ("status" in ('in_progress', 'completed')),
      "lease_token" uuid not null,
      "lease_until" timestamptz not null,
      "response" jsonb null,
      "created_at" timestamptz not null,
      "completed_at" timestamptz null,
      constraint "idempotency_record_program_id_credential_key_unique" unique ("program_id", "credential", "key"))`);

    this.addSql(`create table "outbox_event" (
      "id" uuid primary key,
      "program_id" varchar(128) not null references "program" ("id") deferrable initially deferred,
      "type" varchar(64) not null,
      "subject_id" varchar(64) not null,
      "payload" jsonb not null,
      "occurred_at" timestamptz not null,
      "published_at" timestamptz null)`);
    this.addSql(
      `create index "outbox_event_program_id_id_index" on "outbox_event" ("program_id", "id")`,
    );
    this.addSql(
      `create index "outbox_event_unpublished_index" on "outbox_event" ("id") where "published_at" is null`,
    );
  }

  override async down(): Promise<void> {
    for (const table of [
      'outbox_event',
      'idempotency_record',
      'hold',
      'lot',
      'ledger_entry',
      'account',
      'card_event',
      'card',
      'member',
      'api_key',
      'store',
      'program_version',
      'program',
    ]) {
      this.addSql(`drop table if exists "${table}"`);
    }
  }
}
