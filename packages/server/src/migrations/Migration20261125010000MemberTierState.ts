import { Migration } from '@mikro-orm/migrations';

/** The engine's tier state of each member (JSON), kept beside the current tier id. */
export class Migration20261125010000MemberTierState extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "member" add column "tier_state" jsonb null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "member" drop column "tier_state"`);
  }
}
