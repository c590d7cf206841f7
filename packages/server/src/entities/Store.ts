import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A store or outlet of a program. */
@Entity({ tableName: 'store' })
@Unique({ properties: ['programId', 'code'] })
export class Store {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  /** The caller's store code, also the store id the engine's rules target. */
  @Property({ type: 'string', length: 128 })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
