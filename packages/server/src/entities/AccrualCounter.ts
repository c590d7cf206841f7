import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An accrual counter the engine reads (`purchases:<member>`, `day:<member>`,
 * `month:<member>`, `rule:<rule>:<member>`, `ruleTotal:<rule>`, `campaign:<id>`).
 * Period counters keep their period key; an increment of another period
 * replaces the value. Updated with the engine's increments only.
 */
@Entity({ tableName: 'accrual_counter' })
export class AccrualCounter {
  @PrimaryKey({ type: 'string', length: 128 })
  programId!: string;

  @PrimaryKey({ type: 'string', length: 200 })
  subject!: string;

  /** `YYYY-MM-DD`, `YYYY-MM`, or `-` for lifetime counters. */
  @Property({ type: 'string', length: 16 })
  periodKey!: string;

  @Property({ type: 'decimal', precision: 24, scale: 4 })
  value!: string;
}
