import { type Program as EngineProgram, sweepAccount } from '@tessera/engine';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Em } from '../db/orm.js';
import { Account, Member } from '../entities/index.js';
import { callEngine } from './errors.js';
import { type DomainEventType, recordEvent } from './outbox.js';
import { loadPoints, persistPoints } from './pointsAccount.js';
import { engineProgramAt } from './programs.js';
import { reviewMemberTier } from './tiers.js';

/** Rows one sweep transaction claims. */
export const SWEEP_BATCH_SIZE = 100;

/** What one run did. */
export interface SweepReport {
  /** Points accounts brought up to date (vest, expire, hold timeouts). */
  accounts: number;
  /** Ledger entries posted by them. */
  entries: number;
  /** Members whose tier review ran. */
  reviews: number;
  /** Tier changes made by the reviews. */
  tierChanges: number;
}

const SWEEP_EVENTS: Record<string, DomainEventType> = {
  vest: 'points.vested',
  expire: 'points.expired',
  hold_release: 'points.released',
};

async function programOf(tx: Em, cache: Map<string, EngineProgram>, programId: string, now: Date) {
  let p = cache.get(programId);
  if (!p) {
    p = (await engineProgramAt(tx, programId, now)).program;
    cache.set(programId, p);
  }
  return p;
}

/**
 * One batch of points sweeps: claims accounts whose `next_sweep_at` has
 * passed with `FOR UPDATE SKIP LOCKED` (replicas take different rows; a
 * member busy in a request is skipped and retried next run), runs the
 * engine's `sweepAccount` and stores its entries. Idempotent: the engine
 * posts nothing twice and entry ids are primary keys.
 */
async function sweepPointsBatch(em: Em, now: Date, limit: number): Promise<[number, number]> {
  return em.transactional(async (tx) => {
    const claimed = await tx.execute<{ id: string }[]>(
      `select id from account where unit = 'POINTS' and next_sweep_at <= ?
       order by next_sweep_at limit ? for update skip locked`,
      [now, limit],
    );
    if (claimed.length === 0) return [0, 0] as [number, number];
    const rows = await tx.find(Account, { id: { $in: claimed.map((c) => c.id) } });
    const cache = new Map<string, EngineProgram>();
    let entries = 0;
    for (const row of rows) {
      const program = await programOf(tx, cache, row.programId, now);
      const loaded = await loadPoints(tx, program, row, now);
      const result = callEngine(() =>
        sweepAccount(program, loaded.account, new Date(loaded.nowMs)),
      );
      persistPoints(tx, loaded, result.account, result.entries, 'system:sweep', now);
      for (const e of result.entries) {
        const type = SWEEP_EVENTS[e.kind];
        if (type) {
          recordEvent(
            tx,
            row.programId,
            type,
            row.memberId,
            { entryId: e.id, points: e.amount.toString() },
            now,
          );
        }
      }
      entries += result.entries.length;
    }
    await tx.flush();
    return [rows.length, entries] as [number, number];
  });
}

/**
 * One batch of tier reviews: claims the points accounts (the per-member lock
 * every purchase takes first) of members whose `next_review_at` has passed,
 * with `FOR UPDATE SKIP LOCKED`, runs `reviewTier` and reschedules with
 * `nextReviewAt`.
 */
async function reviewTiersBatch(em: Em, now: Date, limit: number): Promise<[number, number]> {
  return em.transactional(async (tx) => {
    const claimed = await tx.execute<{ member_id: string; program_id: string }[]>(
      `select a.member_id, a.program_id from account a
       join tier_schedule t on t.member_id = a.member_id
       where a.unit = 'POINTS' and t.next_review_at <= ?
       order by t.next_review_at limit ? for update of a skip locked`,
      [now, limit],
    );
    if (claimed.length === 0) return [0, 0] as [number, number];
    const members = await tx.find(Member, { id: { $in: claimed.map((c) => c.member_id) } });
    const cache = new Map<string, EngineProgram>();
    let changes = 0;
    for (const member of members) {
      const program = await programOf(tx, cache, member.programId, now);
      const outcome = member.deletedAt ? null : await reviewMemberTier(tx, program, member, now);
      if (outcome?.changed) changes++;
      if (!outcome) await tx.execute(`delete from tier_schedule where member_id = ?`, [member.id]);
    }
    await tx.flush();
    return [members.length, changes] as [number, number];
  });
}

/**
 * Runs every due sweep in batches until none is left: vesting, expiry and
 * hold timeouts (`sweepAccount`), then tier reviews (`reviewTier`). Safe to
 * run from any number of replicas at once and to repeat.
 */
export async function runSweeps(
  em: Em,
  clock: Clock,
  logger: Logger,
  batchSize = SWEEP_BATCH_SIZE,
): Promise<SweepReport> {
  const report: SweepReport = { accounts: 0, entries: 0, reviews: 0, tierChanges: 0 };
  const now = clock.now();
  for (;;) {
    const [n, e] = await sweepPointsBatch(em.fork(), now, batchSize);
    report.accounts += n;
    report.entries += e;
    if (n < batchSize) break;
  }
  for (;;) {
    const [n, c] = await reviewTiersBatch(em.fork(), now, batchSize);
    report.reviews += n;
    report.tierChanges += c;
    if (n < batchSize) break;
  }
  if (report.accounts + report.reviews > 0) logger.info(report, 'sweeps ran');
  return report;
}

/** Runs `runSweeps` every `intervalMs` (never overlapping itself); returns a stop function. */
export function startSweepTimer(
  em: Em,
  clock: Clock,
  logger: Logger,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await runSweeps(em, clock, logger);
      } catch (err) {
        logger.error({ err }, 'sweep failed');
      }
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
