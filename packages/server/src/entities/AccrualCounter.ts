import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An accrual counter the engine reads (`purchases:<member>`,
 * `day:<member>:<YYYY-MM-DD>`, `month:<member>:<YYYY-MM>`,
 * `rule:<rule>:<member>`, `ruleTotal:<rule>`, `campaign:<id>`). A period
 * counter has its period in its subject (one row per member and local day or
 * month with earning), so a purchase dated in another period never touches
 * the current period's row. Updated with the engine's increments only
 * (values only grow).
 */
@Entity({ tableName: 'accrual_counter' })
export class AccrualCounter {
  @PrimaryKey({ type: 'string', length: 128 })
  programId!: string;

  @PrimaryKey({ type: 'string', length: 200 })
  subject!: string;

  /** `YYYY-MM-DD`, `YYYY-MM` (the period of the subject), or `-` for lifetime counters. */
  @Property({ type: 'string', length: 16 })
  periodKey!: string;

  @Property({ type: 'decimal', precision: 24, scale: 4 })
  value!: string;
}
