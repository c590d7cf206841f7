import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** When a member's next tier review point falls (`nextReviewAt`); sweeps claim due rows. */
@Entity({ tableName: 'tier_schedule' })
@Index({ properties: ['nextReviewAt'] })
export class TierSchedule {
  @PrimaryKey({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  nextReviewAt!: Date;
}
