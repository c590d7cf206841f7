import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A postal address. */
export interface Address {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

/** A member of a program (M1). Phone and email are unique per program among live members. */
@Entity({ tableName: 'member' })
@Index({ properties: ['programId', 'id'] })
export class Member {
  /** Time-ordered UUID (v7): ordering by id is ordering by enrolment. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 16 })
  gender!: string;

  /** `YYYY-MM-DD`, or null. */
  @Property({ type: 'string', length: 10, nullable: true })
  birthday!: string | null;

  /** Normalised: `+` and digits only. */
  @Property({ type: 'string', length: 20, nullable: true })
  phone!: string | null;

  /** Lower-cased. */
  @Property({ type: 'string', length: 254, nullable: true })
  email!: string | null;

  @Property({ type: 'json', nullable: true })
  address!: Address | null;

  @Property({ type: 'uuid', nullable: true })
  enrolStoreId!: string | null;

  @Property({ type: 'string', length: 16 })
  channel!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  tags!: string[];

  @Property({ type: 'boolean' })
  marketingConsent!: boolean;

  /** Current tier id from the program's ladder, or null. */
  @Property({ type: 'string', length: 128, nullable: true })
  tierId!: string | null;

  /** The engine's `TierState` (JSON), or null when the program has no tier ladder. */
  @Property({ type: 'json', nullable: true })
  tierState!: Record<string, unknown> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  enrolledAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;

  /** Soft delete: set once; a deleted member answers like a missing one. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
