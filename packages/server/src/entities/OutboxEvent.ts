import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A domain event written in the same transaction as the change it reports. */
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['programId', 'id'] })
@Index({ properties: ['publishedAt', 'id'] })
export class OutboxEvent {
  /** Time-ordered UUID (v7). */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  /** `member.enrolled`, `card.lost`, `storedValue.paid`... */
  @Property({ type: 'string', length: 64 })
  type!: string;

  /** Id of the member, card... the event is about. */
  @Property({ type: 'string', length: 64 })
  subjectId!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt!: Date;

  /** Set by the delivery worker. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
