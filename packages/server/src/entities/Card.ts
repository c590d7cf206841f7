import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** Card states: only `active` cards identify a member. */
export type CardStatus = 'active' | 'lost' | 'replaced';

/** A membership card (M3). At most one active card per member (partial unique index). */
@Entity({ tableName: 'card' })
@Unique({ properties: ['programId', 'number'] })
@Index({ properties: ['programId', 'memberId'] })
export class Card {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'string', length: 32 })
  number!: string;

  @Property({ type: 'string', length: 16 })
  status!: CardStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  statusChangedAt!: Date;

  /** The card that replaced this one. */
  @Property({ type: 'uuid', nullable: true })
  replacedById!: string | null;
}
