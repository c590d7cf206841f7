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
}
