import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Ledger entry kinds (points and stored value). */
export type LedgerKind =
  | 'earn'
  | 'vest'
  | 'redeem'
  | 'expire'
  | 'clawback'
  | 'adjust'
  | 'transfer'
  | 'merge'
  | 'topup'
  | 'payment'
  | 'refund'
  // Points kinds posted by the engine's ledger (`@tessera/engine` EntryKind).
  | 'hold'
  | 'capture'
  | 'hold_release'
  | 'transfer_out'
  | 'transfer_in';

/**
 * An append-only ledger entry. The id is deterministic (program + source +
 * caller's key), so a replay can never post twice; it is never updated.
 */
@Entity({ tableName: 'ledger_entry' })
@Index({ properties: ['programId', 'accountId', 'occurredAt', 'postingId'] })
@Index({ properties: ['programId', 'memberId', 'occurredAt', 'postingId'] })
export class LedgerEntry {
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  /** Time-ordered UUID (v7) assigned when posted: a stable order for entries of one instant. */
  @Property({ type: 'uuid' })
  postingId!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'string', length: 8 })
  unit!: string;

  @Property({ type: 'string', length: 16 })
  kind!: LedgerKind;

  /** Signed exact decimal. */
  @Property({ type: 'decimal', precision: 20, scale: 4 })
  amount!: string;

  @Property({ type: 'decimal', precision: 20, scale: 4 })
  balanceAfter!: string;

  /** Why: `{ type: 'storedValue.payment', reference, ... }`. */
  @Property({ type: 'json' })
  cause!: Record<string, unknown>;

  /** Entry this one refers to (a refund's payment, a clawback's earn). */
  @Property({ type: 'string', length: 64, nullable: true })
  relatedEntryId!: string | null;

  @Property({ type: 'integer', nullable: true })
  programVersion!: number | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt!: Date;

  /** Credential that caused it. */
  @Property({ type: 'string', length: 160 })
  actor!: string;
}
