import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A loyalty program (tenant). Every other row carries its `programId`. */
@Entity({ tableName: 'program' })
export class Program {
  /** The engine's program id (`zId`), chosen at creation, globally unique. */
  @PrimaryKey({ type: 'string', length: 128 })
  id!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** HMAC-SHA256 key for member tokens of this program (never leaves the server). */
  @Property({ type: 'string', length: 64, hidden: true })
  tokenSecret!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
