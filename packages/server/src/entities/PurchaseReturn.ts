import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A full or partial return of a purchase (T2), idempotent on the caller's return id. */
@Entity({ tableName: 'purchase_return' })
@Unique({ properties: ['programId', 'returnId'] })
@Index({ properties: ['purchaseId'] })
export class PurchaseReturn {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  purchaseId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'string', length: 128 })
  returnId!: string;

  /** Money returned. */
  @Property({ type: 'decimal', precision: 20, scale: 4 })
  amount!: string;

  /** Returned lines `[{ lineId, quantity }]`, informational. */
  @Property({ type: 'json' })
  lines!: { lineId: string; quantity: string }[];

  @Property({ type: 'decimal', precision: 20, scale: 4 })
  pointsClawedBack!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'string', length: 160 })
  actor!: string;

  /** Hex SHA-256 of the canonical request: a replay with other content is a conflict. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /** The answer given, replayed for the same request. */
  @Property({ type: 'json', nullable: true })
  answer!: Record<string, unknown> | null;
}
