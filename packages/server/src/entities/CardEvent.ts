import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Kinds of card history entries. */
export type CardEventType = 'issued' | 'lost' | 'replaced';

/** One entry of a card's status history (M3), append-only. */
@Entity({ tableName: 'card_event' })
@Index({ properties: ['programId', 'cardId', 'id'] })
export class CardEvent {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  cardId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'string', length: 16 })
  type!: CardEventType;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt!: Date;

  /** Credential that made the change. */
  @Property({ type: 'string', length: 160 })
  actor!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  note!: string | null;
}
