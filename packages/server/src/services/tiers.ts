import {
  type Program as EngineProgram,
  assignTier as engineAssignTier,
  evaluateTier,
  findTier,
  MAX_ACTIVITY_BUCKETS,
  type ManualMode,
  type ManualReason,
  nextReviewAt,
  reviewTier,
  type TierActivityBucket,
  type TierEvent,
  type TierResult,
  type TierStateInput,
  tierProgress,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { type Member, TierActivity, TierChange, type TierChangeCause } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { AppError, badInput, callEngine } from './errors.js';
import { deferWrite } from './idempotency.js';
import { uuidv7 } from './ids.js';
import { loadMemberFor } from './members.js';
import { recordEvent } from './outbox.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import { lockPoints } from './pointsAccount.js';
import { requireRole } from './principal.js';
import { engineProgramAt } from './programs.js';

/** True when the program has a tier ladder and the member a tier state. */
export function hasTiers(program: EngineProgram, member: Member): boolean {
  return program.tiers.ladder.length > 0 && member.tierState !== null;
}

/** Adds (or, with negative values, subtracts) activity to a member's local-day bucket. */
export async function addActivity(
  tx: Em,
  programId: string,
  memberId: string,
  day: string,
  delta: { spend: string; points: string; orders: number; visits: number },
): Promise<void> {
  await tx.execute(
    `insert into tier_activity (program_id, member_id, day, spend, points, orders, visits)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (program_id, member_id, day) do update set
       spend = tier_activity.spend + excluded.spend,
       points = tier_activity.points + excluded.points,
       orders = tier_activity.orders + excluded.orders,
       visits = tier_activity.visits + excluded.visits`,
    [programId, memberId, day, delta.spend, delta.points, delta.orders, delta.visits],
  );
}

/**
 * `addActivity`, then the member's activity summary as `loadActivity` reads it
 * after the change, in one statement: the upserted bucket (returned) and the
 * newest other buckets.
 */
export async function addAndLoadActivity(
  tx: Em,
  programId: string,
  memberId: string,
  day: string,
  delta: { spend: string; points: string; orders: number; visits: number },
): Promise<{ buckets: TierActivityBucket[] }> {
  const rows = await tx.execute<Record<string, unknown>[]>(
    `with up as (
       insert into tier_activity (program_id, member_id, day, spend, points, orders, visits)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (program_id, member_id, day) do update set
         spend = tier_activity.spend + excluded.spend,
         points = tier_activity.points + excluded.points,
         orders = tier_activity.orders + excluded.orders,
         visits = tier_activity.visits + excluded.visits
       returning program_id, member_id, day, spend::text as spend, points::text as points, orders, visits)
     select * from (
       select * from up
       union all
       (select program_id, member_id, day, spend::text as spend, points::text as points, orders, visits
          from tier_activity where program_id = ? and member_id = ? and day <> ?
          order by day desc limit ?)
     ) b order by day desc limit ?`,
    [
      programId,
      memberId,
      day,
      delta.spend,
      delta.points,
      delta.orders,
      delta.visits,
      programId,
      memberId,
      day,
      MAX_ACTIVITY_BUCKETS,
      MAX_ACTIVITY_BUCKETS,
    ],
  );
  const buckets = rows.map((r) => tx.map(TierActivity, r));
  buckets.reverse();
  return activityOf(buckets);
}

/** The member's activity summary for the engine: daily buckets, sorted. */
export async function loadActivity(
  tx: Em,
  programId: string,
  memberId: string,
): Promise<{ buckets: TierActivityBucket[] }> {
  // The newest MAX_ACTIVITY_BUCKETS days (about 13 years of daily buckets), oldest first.
  const rows = await tx.find(
    TierActivity,
    { programId, memberId },
    { orderBy: { day: 'desc' }, limit: MAX_ACTIVITY_BUCKETS },
  );
  rows.reverse();
  return activityOf(rows);
}

/** The engine's activity summary of bucket rows, oldest first. */
export function activityOf(rows: readonly TierActivity[]): { buckets: TierActivityBucket[] } {
  return {
    buckets: rows.map((r) => ({
      from: r.day,
      spend: r.spend,
      points: r.points,
      orders: r.orders,
      visits: r.visits,
    })),
  };
}

/** Stores `nextReviewAt` of the member's tier state (the review sweep claims by it). */
export async function scheduleReview(
  tx: Em,
  program: EngineProgram,
  member: Member,
  /** Leave the upsert to the statement completing the idempotency claim (`deferWrite`). */
  defer = false,
): Promise<Date | null> {
  if (!hasTiers(program, member)) return null;
  const next = callEngine(() =>
    nextReviewAt(program, { state: member.tierState as unknown as TierStateInput }),
  );
  const at = new Date(next.atMs);
  const write = {
    sql: `insert into tier_schedule (member_id, program_id, next_review_at) values (?, ?, ?)
     on conflict (member_id) do update set next_review_at = excluded.next_review_at`,
    params: [member.id, member.programId, at],
  };
  if (defer) deferWrite(tx, write);
  else await tx.execute(write.sql, write.params);
  return at;
}

/** Options of `evaluateMemberTier`. */
export interface EvaluateTierOptions {
  /** The member's activity when the caller already read it (`addAndLoadActivity`). */
  readonly activity?: { buckets: TierActivityBucket[] };
  /** Defer the review schedule's upsert to the idempotency claim's completion (`deferWrite`). */
  readonly deferSchedule?: boolean;
}

/** The tier part of a payload. */
export interface TierOutcomeDto {
  readonly tierId: string;
  readonly previousTierId: string;
  readonly changed: boolean;
  readonly code: string;
}

/**
 * Stores a tier result on the member (state always; a history row, an outbox
 * event and the review schedule when the tier changed or the state moved).
 * The caller holds the member's points-account lock (the per-member mutex).
 */
export async function storeTierResult(
  tx: Em,
  program: EngineProgram,
  member: Member,
  result: TierResult,
  cause: TierChangeCause,
  actor: string,
  now: Date,
  deferSchedule = false,
): Promise<TierOutcomeDto> {
  member.tierState = { ...result.state } as unknown as Record<string, unknown>;
  member.tierId = result.tierId;
  if (result.changed) {
    member.updatedAt = now;
    tx.create(TierChange, {
      id: uuidv7(now),
      programId: member.programId,
      memberId: member.id,
      fromTierId: result.previousTierId,
      toTierId: result.tierId,
      code: result.code,
      cause,
      reasons: JSON.parse(JSON.stringify(result.reasons)) as unknown[],
      effectiveAt: new Date(result.effectiveAt ?? now.getTime()),
      occurredAt: now,
      actor,
    });
    recordEvent(
      tx,
      member.programId,
      'tier.changed',
      member.id,
      { from: result.previousTierId, to: result.tierId, code: result.code, cause },
      now,
    );
  }
  await scheduleReview(tx, program, member, deferSchedule);
  return {
    tierId: result.tierId,
    previousTierId: result.previousTierId,
    changed: result.changed,
    code: result.code,
  };
}

/** Evaluates the member's tier on an event (purchase, return) with their activity, and stores it. */
export async function evaluateMemberTier(
  tx: Em,
  program: EngineProgram,
  member: Member,
  event: TierEvent,
  cause: TierChangeCause,
  actor: string,
  now: Date,
  options: EvaluateTierOptions = {},
): Promise<TierOutcomeDto | null> {
  if (!hasTiers(program, member)) return null;
  const activity = options.activity ?? (await loadActivity(tx, member.programId, member.id));
  const result = callEngine(() =>
    evaluateTier(program, {
      state: member.tierState as unknown as TierStateInput,
      activity,
      now,
      event,
    }),
  );
  return storeTierResult(tx, program, member, result, cause, actor, now, options.deferSchedule);
}

/** Runs the scheduled review of one member (locked by the caller) and stores it. */
export async function reviewMemberTier(
  tx: Em,
  program: EngineProgram,
  member: Member,
  now: Date,
): Promise<TierOutcomeDto | null> {
  if (!hasTiers(program, member)) return null;
  const activity = await loadActivity(tx, member.programId, member.id);
  const result = callEngine(() =>
    reviewTier(program, { state: member.tierState as unknown as TierStateInput, activity, now }),
  );
  return storeTierResult(tx, program, member, result, 'review', 'system:sweep', now);
}

/** A member's tier (L1-L7) as the API returns it. */
export interface MemberTierDto {
  readonly memberId: string;
  readonly tierId: string;
  readonly tierName: string | null;
  readonly since: string;
  readonly validUntil: string | null;
  readonly manual: Record<string, unknown> | null;
  readonly nextReviewAt: string;
  /** The engine's `tierProgress` (toNext, toKeep, projected tier), JSON. */
  readonly progress: Record<string, unknown>;
}

function noTiers(): AppError {
  return new AppError('NOT_FOUND', 'This program has no tier ladder');
}

/** Admin, store, member (own): current tier, dates and progress (`tierProgress`). */
export async function getMemberTier(ctx: ServiceContext, memberId: string): Promise<MemberTierDto> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const member = await loadMemberFor(ctx.em, caller, memberId);
  const now = ctx.clock.now();
  const { program } = await engineProgramAt(ctx.em, caller.programId, now);
  if (!hasTiers(program, member)) throw noTiers();
  const state = member.tierState as unknown as TierStateInput & {
    since: number;
    validUntil: number | null;
    manual: Record<string, unknown> | null;
  };
  const activity = await loadActivity(ctx.em, caller.programId, member.id);
  const progress = callEngine(() => tierProgress(program, { state, activity, now }));
  return {
    memberId: member.id,
    tierId: progress.tierId,
    tierName: findTier(program, progress.tierId)?.name ?? null,
    since: new Date(state.since).toISOString(),
    validUntil: state.validUntil ? new Date(state.validUntil).toISOString() : null,
    manual: state.manual
      ? (JSON.parse(JSON.stringify(state.manual)) as Record<string, unknown>)
      : null,
    nextReviewAt: progress.nextReviewAt,
    progress: JSON.parse(JSON.stringify(progress)) as Record<string, unknown>,
  };
}

/** Input of `assignTier`. */
export interface AssignTierInput {
  readonly memberId: string;
  readonly tierId: string;
  readonly mode: ManualMode;
  readonly until: Date;
  readonly reason: ManualReason;
  readonly note?: string | null;
}

/** Admin: manual tier assignment (`assignTier`: fixed or floor, until a date), audited. */
export async function assignMemberTier(
  ctx: ServiceContext,
  input: AssignTierInput,
): Promise<{ tier: TierOutcomeDto; member: Member }> {
  const caller = requireRole(ctx.principal, ['admin']);
  const now = ctx.clock.now();
  const { program } = await engineProgramAt(ctx.em, caller.programId, now);
  return ctx.em.transactional(async (tx) => {
    const member = await loadMemberFor(tx, caller, input.memberId);
    if (!hasTiers(program, member)) throw noTiers();
    if (!findTier(program, input.tierId)) throw badInput('tierId', 'UNKNOWN_TIER', 'Unknown tier');
    await lockPoints(tx, caller.programId, member.id, now);
    await tx.refresh(member);
    const result = callEngine(() =>
      engineAssignTier(program, {
        state: member.tierState as unknown as TierStateInput,
        tierId: input.tierId,
        mode: input.mode,
        until: input.until,
        reason: input.reason,
        now,
        ...(input.note ? { note: input.note } : {}),
      }),
    );
    const tier = await storeTierResult(
      tx,
      program,
      member,
      result,
      'manual',
      caller.credential,
      now,
    );
    await tx.flush();
    return { tier, member };
  });
}

/** Admin, store, member (own): tier changes, newest first. */
export async function tierHistory(
  ctx: ServiceContext,
  memberId: string,
  args: PageArgs,
): Promise<Page<TierChange>> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const member = await loadMemberFor(ctx.em, caller, memberId);
  const limit = pageSize(args);
  const after = args.after ? decodeCursor(args.after, 1)[0] : null;
  const rows = await ctx.em.find(
    TierChange,
    { programId: caller.programId, memberId: member.id, ...(after ? { id: { $lt: after } } : {}) },
    { orderBy: { id: 'desc' }, limit: limit + 1 },
  );
  return toPage(rows, limit, (r) => [r.id]);
}
