import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Hold states; a hold resolves (captured or released) at most once. */
export type HoldStatus = 'held' | 'captured' | 'released';

/** Points reserved at checkout until captured, released or timed out. */
@Entity({ tableName: 'hold' })
@Index({ properties: ['programId', 'accountId', 'status'] })
@Index({ properties: ['status', 'expiresAt'] })
export class Hold {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4 })
  amount!: string;

  @Property({ type: 'string', length: 16 })
  status!: HoldStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** The caller's hold id (the engine's), unique per account. */
  @Property({ type: 'string', length: 128 })
  holdKey!: string;

  @Property({ type: 'string', length: 500 })
  reference!: string;

  /** Lots the reserved points came from: `[{ lotId, amount }]` (engine lot ids). */
  @Property({ type: 'json' })
  allocations!: { lotId: string; amount: string }[];

  /** Engine id of the `capture` or `hold_release` entry. */
  @Property({ type: 'string', length: 300, nullable: true })
  resolvedBy!: string | null;
}
