import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** `POINTS`, or a currency code for stored value. */
export type AccountUnit = string;

/** The points unit. */
export const POINTS = 'POINTS';

/**
 * One balance per member per unit. Every change locks this row
 * (`SELECT ... FOR UPDATE`) and appends ledger entries in the same transaction.
 */
@Entity({ tableName: 'account' })
@Unique({ properties: ['programId', 'memberId', 'unit'] })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'string', length: 8 })
  unit!: AccountUnit;

  /** Exact decimal as a string; equals the sum of the account's ledger entries. */
  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  balance!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
