import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A lot of earned points: pending until `pendingUntil`, spendable until `expiresAt`. */
@Entity({ tableName: 'lot' })
@Index({ properties: ['programId', 'accountId', 'expiresAt'] })
export class Lot {
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4 })
  amount!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4 })
  remaining!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  pendingUntil!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** The ledger entry that created the lot. */
  @Property({ type: 'string', length: 64 })
  sourceEntryId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  /** The engine's lot id (`earn:order-1`, `transfer_in:t9#0`), unique per account. */
  @Property({ type: 'string', length: 160 })
  engineLotId!: string;

  /** `earn`, `adjust` or `transfer_in`. */
  @Property({ type: 'string', length: 16 })
  source!: string;

  /** The purchase it was earned on (clawback on return). */
  @Property({ type: 'string', length: 128, nullable: true })
  orderId!: string | null;

  /** When the pending period ended and `vest` was posted (or creation, when nothing was pending). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  vestedAt!: Date | null;

  /** The advertised last local date on which the points can be used. */
  @Property({ type: 'string', length: 10, nullable: true })
  expiresOn!: string | null;
}
