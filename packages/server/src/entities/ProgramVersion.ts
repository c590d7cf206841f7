import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** One immutable version of a program's configuration, validated by the engine. */
@Entity({ tableName: 'program_version' })
@Unique({ properties: ['programId', 'version'] })
@Index({ properties: ['programId', 'effectiveFrom'] })
export class ProgramVersion {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 128 })
  programId!: string;

  /** 1, 2, 3... per program. */
  @Property({ type: 'integer' })
  version!: number;

  /** The program JSON exactly as accepted by the engine's `parseProgram`. */
  @Property({ type: 'json' })
  config!: Record<string, unknown>;

  /** When this version takes effect. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  effectiveFrom!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  /** Credential that published it (audit). */
  @Property({ type: 'string', length: 160 })
  createdBy!: string;
}
