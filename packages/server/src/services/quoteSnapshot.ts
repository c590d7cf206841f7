import { type Program as EngineProgram, MAX_ACTIVITY_BUCKETS } from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { Account, Hold, Lot, Member, TierActivity } from '../entities/index.js';
import { type CounterRow, purchaseCounterSubjects } from './accrualCounters.js';
import type { CouponRow } from './couponState.js';
import { notFound } from './errors.js';
import { cachedVersionIds, programOfVersion, type VersionRow } from './programCache.js';

/** Everything a quote reads, from one statement. */
export interface QuoteSnapshot {
  readonly program: EngineProgram;
  readonly version: number;
  /** The live member (null for a guest, or when the id matched none). */
  readonly member: Member | null;
  /** The store's code (null when no store was asked for, or when it matched none). */
  readonly storeCode: string | null;
  /** Coupon rows of the codes, sorted by code. */
  readonly coupons: CouponRow[];
  /** The member's points account row (null: none yet). */
  readonly account: Account | null;
  /** Its lots with points left or still pending. */
  readonly lots: Lot[];
  /** Its active holds. */
  readonly holds: Hold[];
  /** Accrual counter rows of the member's subjects (the day and month rows of `at`). */
  readonly counters: CounterRow[];
  /** The newest activity buckets, oldest first. */
  readonly activity: TierActivity[];
}

/** What to read: ids already checked for shape and access by the caller. */
export interface SnapshotArgs {
  readonly programId: string;
  readonly at: Date;
  readonly memberId: string | null;
  readonly storeId: string | null;
  readonly codes: readonly string[];
}

type Json = Record<string, unknown>;

interface SnapshotRow {
  id: string;
  version: number;
  config: VersionRow['config'];
  member: Json | null;
  store_code: string | null;
  coupons: CouponRow[];
  account: Json | null;
  lots: Json[];
  holds: Json[];
  counters: CounterRow[];
  activity: Json[];
}

/*
 * One round trip instead of one per table. Rows come back as JSON
 * (`to_jsonb`), numerics re-added as text (JSON numbers would lose digits) and
 * hydrated by the ORM (`em.map`), so the services' own row mappers apply.
 * The counter subjects depend on the configuration: they are those of the
 * cached version (or none on a cold cache, read again below).
 */
const SNAPSHOT_SQL = `
with v as (
  select id, version,
    case when id::text in (select jsonb_array_elements_text(?::jsonb)) then null else config end as config
  from program_version where program_id = ? and effective_from <= ?
  order by version desc limit 1
), m as (
  select * from member where id = ?::uuid and program_id = ? and deleted_at is null
), a as (
  select * from account where program_id = ? and member_id = (select id from m) and unit = 'POINTS'
)
select v.id, v.version, v.config,
  (select to_jsonb(m) from m) as member,
  (select code from store where id = ?::uuid and program_id = ?) as store_code,
  (select coalesce(jsonb_agg(c order by c.code), '[]')
     from (select id, code, template_id, owner_member_id, issued_at, status, times_used from coupon
           where program_id = ? and code = any(array(select jsonb_array_elements_text(?::jsonb)))) c) as coupons,
  (select to_jsonb(a) || jsonb_build_object('balance', a.balance::text, 'debt', a.debt::text) from a) as account,
  (select coalesce(jsonb_agg(to_jsonb(l) || jsonb_build_object('amount', l.amount::text, 'remaining', l.remaining::text)), '[]')
     from lot l where l.account_id = (select id from a) and (l.remaining > 0 or l.vested_at is null)) as lots,
  (select coalesce(jsonb_agg(to_jsonb(h) || jsonb_build_object('amount', h.amount::text)), '[]')
     from hold h where h.account_id = (select id from a) and h.status = 'held') as holds,
  (select coalesce(jsonb_agg(jsonb_build_object('subject', subject, 'period_key', period_key, 'value', value::text)), '[]')
     from accrual_counter where program_id = ? and subject = any(array(select jsonb_array_elements_text(?::jsonb)))) as counters,
  (select coalesce(jsonb_agg(to_jsonb(t) || jsonb_build_object('spend', t.spend::text, 'points', t.points::text) order by t.day), '[]')
     from (select * from tier_activity where program_id = ? and member_id = (select id from m)
           order by day desc limit ?) t) as activity
from v`;

/**
 * Reads, in one statement, the program version in force at `at` (its
 * configuration only when this process has not parsed it), the live member,
 * the store's code, the coupons of `codes`, the member's points account with
 * its live lots and active holds, its accrual counters and its newest
 * activity buckets. Read-only: no locks.
 */
export async function readQuoteSnapshot(em: Em, args: SnapshotArgs): Promise<QuoteSnapshot> {
  const { programId, memberId } = args;
  const cached = cachedVersionIds(programId);
  const run = (subjects: readonly string[]) =>
    em.execute<SnapshotRow[]>(SNAPSHOT_SQL, [
      JSON.stringify(cached),
      programId,
      args.at,
      memberId,
      programId,
      programId,
      args.storeId,
      programId,
      programId,
      JSON.stringify(args.codes),
      programId,
      JSON.stringify(subjects),
      programId,
      MAX_ACTIVITY_BUCKETS,
    ]);
  const guess = memberId ? subjectsOfCached(programId, cached, memberId, args.at) : [];
  let [row] = await run(guess ?? []);
  if (!row) throw notFound('Program version');
  const program = await programOfVersion(em, programId, row);
  latestCached.set(programId, { id: row.id, program });
  let counters = row.counters;
  if (memberId && row.member) {
    const subjects = purchaseCounterSubjects(program, memberId, args.at);
    if (!guess || !sameSet(guess, subjects)) {
      // A cold cache or a newer version: read again with the right subjects.
      [row] = await run(subjects);
      if (!row) throw notFound('Program version');
      counters = row.counters;
    }
  }
  const account = row.account ? em.map(Account, row.account) : null;
  return {
    program,
    version: row.version,
    member: row.member ? em.map(Member, row.member) : null,
    storeCode: row.store_code,
    coupons: row.coupons,
    account,
    lots: account ? row.lots.map((l) => em.map(Lot, l)) : [],
    holds: account ? row.holds.map((h) => em.map(Hold, h)) : [],
    counters,
    activity: row.activity.map((t) => em.map(TierActivity, t)),
  };
}

/**
 * Counter subjects at `at` under the newest cached version of the program, or
 * null (none cached). Its time zone names the day and month rows; a version
 * in another zone gives other subjects and the snapshot is read again.
 */
function subjectsOfCached(
  programId: string,
  cached: readonly string[],
  memberId: string,
  at: Date,
): string[] | null {
  const program = latestCached.get(programId);
  if (!program || !cached.includes(program.id)) return null;
  return purchaseCounterSubjects(program.program, memberId, at);
}

/** The version a snapshot of each program last found in force (its counter subjects). */
const latestCached = new Map<string, { id: string; program: EngineProgram }>();

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
