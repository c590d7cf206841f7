import { Migration } from '@mikro-orm/migrations';

/** A member's day and month counters (`day:…` / `month:…` with a period key). */
const PERIOD_ROW = `(c.subject like 'day:%' or c.subject like 'month:%') and c.period_key <> '-'`;

/**
 * A member's day and month earning counters get their period in their
 * subject (`day:<member>:<YYYY-MM-DD>`, `month:<member>:<YYYY-MM>`): one row
 * per period, so a purchase dated in another period (offline sync) no longer
 * replaces the current period's row. Each existing row keeps its value under
 * the identity of its period. A row whose subject already ends with its period
 * is left alone, so a second run changes nothing.
 */
export class Migration20261201170000PeriodCounters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update "accrual_counter" c set "subject" = c.subject || ':' || c.period_key
      where ${PERIOD_ROW} and right(c.subject, length(c.period_key) + 1) <> ':' || c.period_key`);
  }

  /** Back to one row per member and counter: each keeps its latest period, older ones go. */
  override async down(): Promise<void> {
    this.addSql(`delete from "accrual_counter" c where ${PERIOD_ROW}
      and exists (select 1 from "accrual_counter" n
        where n.program_id = c.program_id and n.period_key > c.period_key
          and left(n.subject, length(n.subject) - length(n.period_key))
            = left(c.subject, length(c.subject) - length(c.period_key)))`);
    this.addSql(`update "accrual_counter" c
      set "subject" = left(c.subject, length(c.subject) - length(c.period_key) - 1)
      where ${PERIOD_ROW}`);
  }
}
