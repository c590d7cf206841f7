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

  /** Points only: points owed after clawbacks beyond the balance (the engine's `debt`). */
  @Property({ type: 'decimal', precision: 20, scale: 4, defaultRaw: '0' })
  debt!: string;

  /** Points only: last qualifying activity (inactivity expiry). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastActivityAt!: Date | null;

  /** Points only: instant of the latest posting (the engine refuses postings before it). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  asOf!: Date | null;

  /** Points only: earliest instant a vest, expiry or hold timeout falls due (sweeps claim by it). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  nextSweepAt!: Date | null;
}
