import {
  type AccrualCountersInput,
  type CounterIncrements,
  Decimal,
  type Program as EngineProgram,
  localDateKey,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { deferWrite } from './idempotency.js';

/** A counter row as read (`value` as text). */
export interface CounterRow {
  subject: string;
  period_key: string;
  value: string;
}

/**
 * The member's period counters carry their period in their subject
 * (`day:<member>:<YYYY-MM-DD>`, `month:<member>:<YYYY-MM>`): one row per
 * member and local day / month with earning, so a purchase dated in another
 * period (offline sync, `occurredAt` in the past) reads and adds to the rows
 * of its own period and leaves the current period's alone.
 */
function daySubject(memberId: string, date: string): string {
  return `day:${memberId}:${date}`;
}

/** See `daySubject`. */
function monthSubject(memberId: string, month: string): string {
  return `month:${memberId}:${month}`;
}

/** The member's local day and month at `at`, in the time zone of the program that accrues. */
function periodsAt(program: EngineProgram, at: Date): { date: string; month: string } {
  // The engine's own key of the day and month caps (`localDateKey` of the accrual instant,
  // `YYYY-MM` its first seven characters), so the rows read are the ones the engine matches.
  const date = localDateKey(at.getTime(), program.timeZone);
  return { date, month: date.slice(0, 7) };
}

/** Subjects of the counters an accrual at `at` by `memberId` may read. */
function subjects(program: EngineProgram, memberId: string, at: Date) {
  const rules = program.earning.rules.map((r) => r.id);
  const campaigns = program.earning.campaigns.map((c) => c.id);
  const period = periodsAt(program, at);
  return {
    period,
    member: [
      `purchases:${memberId}`,
      daySubject(memberId, period.date),
      monthSubject(memberId, period.month),
      ...rules.map((r) => `rule:${r}:${memberId}`),
    ],
    shared: [
      ...rules.map((r) => `ruleTotal:${r}`),
      ...campaigns.map((c) => `campaign:${c}`),
    ].sort(),
    /** The program-wide counters a decision reads: totals of rules capped in total, budgets. */
    locked: [
      ...new Set([
        ...program.earning.rules
          .filter((r) => r.caps?.total !== undefined)
          .map((r) => `ruleTotal:${r.id}`),
        ...campaigns.map((c) => `campaign:${c}`),
      ]),
    ].sort(),
    rules,
    campaigns,
  };
}

/**
 * Loads the accrual counters of a purchase accrued as of `occurredAt` (the
 * member's day and month counters of that instant's local day and month).
 * The program-wide counters a decision reads (totals of rules with a total
 * cap, campaign budgets) are created if missing and locked (a no-op upsert)
 * in subject order, after the member's account lock, in the same statement
 * that reads them, so budgets are never spent twice by concurrent purchases;
 * the member's own counters (of any period) are covered by the account lock. Totals of uncapped rules are not
 * read (nothing depends on them), so purchases of different members do not
 * queue on them; they are still counted by `applyCounterIncrements`.
 */
export async function loadPurchaseCounters(
  tx: Em,
  program: EngineProgram,
  memberId: string,
  occurredAt: Date,
): Promise<AccrualCountersInput> {
  const s = subjects(program, memberId, occurredAt);
  if (s.locked.length === 0) {
    return toCountersInput(s, memberId, await selectCounters(tx, program.id, s.member));
  }
  // One statement: the program-wide rows are created if missing and locked by a no-op upsert
  // (the rows in subject order, as `applyCounterIncrements` takes them), returning their latest
  // committed values; the member's own rows (under the account lock) are read beside them.
  const rows = await tx.execute<CounterRow[]>(
    `with locked as (
       insert into accrual_counter (program_id, subject, period_key, value)
       values ${s.locked.map(() => "(?, ?, '-', 0)").join(', ')}
       on conflict (program_id, subject) do update set value = accrual_counter.value
       returning subject, period_key, value::text as value)
     select subject, period_key, value from locked
     union all
     select subject, period_key, value::text as value from accrual_counter
     where program_id = ? and subject in (${s.member.map(() => '?').join(', ')})`,
    [...s.locked.flatMap((subject) => [program.id, subject]), program.id, ...s.member],
  );
  return toCountersInput(s, memberId, rows);
}

/**
 * The counter subjects a quote evaluated at `at` reads for a member (the day
 * and month of `at`; without locking: a purchase re-reads them under lock).
 */
export function purchaseCounterSubjects(
  program: EngineProgram,
  memberId: string,
  at: Date,
): string[] {
  const s = subjects(program, memberId, at);
  return [...s.member, ...s.shared];
}

/** The engine's counters at `at` from rows already read (`subject`, `period_key`, `value` as text). */
export function purchaseCountersOf(
  program: EngineProgram,
  memberId: string,
  at: Date,
  rows: readonly CounterRow[],
): AccrualCountersInput {
  return toCountersInput(subjects(program, memberId, at), memberId, rows);
}

function selectCounters(
  em: Em,
  programId: string,
  subjectList: readonly string[],
): Promise<CounterRow[]> {
  return em.execute<CounterRow[]>(
    `select subject, period_key, value::text as value from accrual_counter
     where program_id = ? and subject in (${subjectList.map(() => '?').join(', ')})`,
    [programId, ...subjectList],
  );
}

function toCountersInput(
  s: ReturnType<typeof subjects>,
  memberId: string,
  rows: readonly CounterRow[],
): AccrualCountersInput {
  const by = new Map(rows.map((r) => [r.subject, r]));
  const value = (subject: string) => by.get(subject)?.value ?? '0';
  const day = by.get(daySubject(memberId, s.period.date));
  const month = by.get(monthSubject(memberId, s.period.month));
  return {
    purchasesBefore: Number(value(`purchases:${memberId}`)),
    ...(day ? { memberDay: { date: s.period.date, points: day.value } } : {}),
    ...(month ? { memberMonth: { month: s.period.month, points: month.value } } : {}),
    rules: Object.fromEntries(
      s.rules.map((r) => [
        r,
        { member: value(`rule:${r}:${memberId}`), total: value(`ruleTotal:${r}`) },
      ]),
    ),
    campaigns: Object.fromEntries(s.campaigns.map((c) => [c, value(`campaign:${c}`)])),
  };
}

/**
 * Adds the engine's increments, each to the row of its subject: the day and
 * month rows of the accrual's own period (the engine's `memberDay.date` /
 * `memberMonth.month`), so no row is ever replaced and a backdated purchase
 * leaves the current period's rows alone. With `defer`, the upsert is left to
 * the statement completing the transaction's idempotency claim
 * (`deferWrite`): the shared rows are then locked only by the transaction's
 * last statement.
 */
export async function applyCounterIncrements(
  tx: Em,
  programId: string,
  memberId: string,
  inc: CounterIncrements,
  defer = false,
): Promise<void> {
  const rows: [string, string, string][] = [];
  if (inc.purchases > 0) rows.push([`purchases:${memberId}`, '-', String(inc.purchases)]);
  if (inc.memberDay.points.gt(0)) {
    const { date, points } = inc.memberDay;
    rows.push([daySubject(memberId, date), date, points.toString()]);
  }
  if (inc.memberMonth.points.gt(0)) {
    const { month, points } = inc.memberMonth;
    rows.push([monthSubject(memberId, month), month, points.toString()]);
  }
  for (const r of inc.rules) {
    rows.push([`rule:${r.ruleId}:${memberId}`, '-', r.points.toString()]);
    rows.push([`ruleTotal:${r.ruleId}`, '-', r.points.toString()]);
  }
  for (const c of inc.campaigns) rows.push([`campaign:${c.campaignId}`, '-', c.points.toString()]);
  if (rows.length === 0) return;
  const merged = new Map<string, [string, string, string]>();
  for (const r of rows) {
    const prev = merged.get(r[0]);
    merged.set(r[0], prev ? [r[0], r[1], new Decimal(prev[2]).plus(r[2]).toString()] : r);
  }
  // Subject order: concurrent purchases upsert shared rows in one order (no deadlock).
  rows.splice(0, rows.length, ...[...merged.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  const write = {
    sql: `insert into accrual_counter (program_id, subject, period_key, value)
     values ${rows.map(() => '(?, ?, ?, ?::numeric)').join(', ')}
     on conflict (program_id, subject) do update set value = accrual_counter.value + excluded.value`,
    params: rows.flatMap((r) => [programId, ...r]),
  };
  if (defer) deferWrite(tx, write);
  else await tx.execute(write.sql, [...write.params]);
}
