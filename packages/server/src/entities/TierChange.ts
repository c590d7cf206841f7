import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Why a tier changed. */
export type TierChangeCause = 'purchase' | 'return' | 'review' | 'manual';

/** One row of a member's tier history (L6), written when the tier changes. */
@Entity({ tableName: 'tier_change' })
@Index({ properties: ['programId', 'memberId', 'id'] })
export class TierChange {
  /** Time-ordered UUID (v7). */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  fromTierId!: string | null;

  @Property({ type: 'string', length: 128 })
  toTierId!: string;

  /** The engine's decisive reason code (`UPGRADED`, `DOWNGRADED`, `MANUAL_ASSIGNED`...). */
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Property({ type: 'string', length: 16 })
  cause!: TierChangeCause;

  /** The engine's reasons (JSON). */
  @Property({ type: 'json' })
  reasons!: unknown[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  effectiveAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'string', length: 160 })
  actor!: string;
}
