import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** Roles an API key can have. */
export type ApiKeyRole = 'admin' | 'store' | 'storefront';

/** An API key. Only the SHA-256 of the secret is stored. */
@Entity({ tableName: 'api_key' })
@Index({ properties: ['programId', 'createdAt'] })
export class ApiKey {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  @Property({ type: 'string', length: 16 })
  role!: ApiKeyRole;

  /** For `store` keys: the one store the key acts for. */
  @Property({ type: 'uuid', nullable: true })
  storeId!: string | null;

  @Property({ type: 'string', length: 200 })
  label!: string;

  /** First characters of the secret, to recognise a key in a list. */
  @Property({ type: 'string', length: 24 })
  prefix!: string;

  /** Hex SHA-256 of the whole secret. */
  @Property({ type: 'string', length: 64 })
  @Unique()
  secretHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
