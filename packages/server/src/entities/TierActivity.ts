import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A member's qualifying activity of one local day, returns subtracted (the engine's bucket). */
@Entity({ tableName: 'tier_activity' })
export class TierActivity {
  @PrimaryKey({ type: 'string', length: 128 })
  programId!: string;

  @PrimaryKey({ type: 'uuid' })
  memberId!: string;

  /** Local date `YYYY-MM-DD` in the program time zone. */
  @PrimaryKey({ type: 'string', length: 10 })
  day!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  spend!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  points!: string;

  @Property({ type: 'integer', defaultRaw: '0' })
  orders!: number;

  @Property({ type: 'integer', defaultRaw: '0' })
  visits!: number;
}
