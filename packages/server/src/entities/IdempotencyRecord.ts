import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** `in_progress` while the first request runs; `completed` once its answer is stored. */
export type IdempotencyStatus = 'in_progress' | 'completed';

/** An idempotency key, scoped to program + credential, with the stored answer. */
@Entity({ tableName: 'idempotency_record' })
@Unique({ properties: ['programId', 'credential', 'key'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  /** Credential scope: an API key id, or `member:<id>` for member tokens. */
  @Property({ type: 'string', length: 160 })
  credential!: string;

  @Property({ type: 'string', length: 200 })
  key!: string;

  /** The operation name. */
  @Property({ type: 'string', length: 64 })
  operation!: string;

  /** Hex SHA-256 of the operation name and canonical input. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'string', length: 16 })
  status!: IdempotencyStatus;

  /** Random token of the attempt that holds the claim. */
  @Property({ type: 'uuid' })
  leaseToken!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  leaseUntil!: Date;

  @Property({ type: 'json', nullable: true })
  response!: unknown;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
