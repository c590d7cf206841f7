import { LockMode } from '@mikro-orm/core';
import {
  balanceOf,
  type Decimal,
  type Program as EngineProgram,
  adjustPoints as engineAdjust,
  captureHold as engineCapture,
  redeemPoints as engineRedeem,
  releaseHold as engineRelease,
  reservePoints as engineReserve,
  transferPoints as engineTransfer,
  type LedgerResult,
  openAccount,
  toDecimal,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { Account, Hold, LedgerEntry, POINTS } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { badInput, callEngine } from './errors.js';
import { idempotent } from './idempotency.js';
import { uuidv7 } from './ids.js';
import { loadMemberFor } from './members.js';
import { type DomainEventType, recordEvent } from './outbox.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import {
  checkPoints,
  engineKey,
  type LoadedPoints,
  loadPoints,
  lockPoints,
  type PointsBalanceDto,
  type PointsEntryDto,
  persistPoints,
  pointsEntryRowId,
  type RefusalDto,
  refusalOf,
  toBalanceDto,
  toPointsEntryDto,
} from './pointsAccount.js';
import { type Authenticated, requireRole } from './principal.js';
import { engineProgramAt } from './programs.js';

/**
 * Admin, store, member (own): the balance as of now (`balanceOf` over the
 * stored lots and holds), exact whether or not a sweep ran (X5).
 */
export async function pointsBalance(
  ctx: ServiceContext,
  memberId: string,
  expiringWithinDays = 30,
): Promise<PointsBalanceDto & { memberId: string }> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  if (
    !Number.isInteger(expiringWithinDays) ||
    expiringWithinDays < 0 ||
    expiringWithinDays > 3660
  ) {
    throw badInput('expiringWithinDays', 'INVALID_RANGE', 'expiringWithinDays: 0 to 3660');
  }
  const member = await loadMemberFor(ctx.em, caller, memberId);
  const now = ctx.clock.now();
  const { program } = await engineProgramAt(ctx.em, caller.programId, now);
  const row = await ctx.em.findOne(Account, {
    programId: caller.programId,
    memberId: member.id,
    unit: POINTS,
  });
  const scale = program.rounding.points.scale;
  if (!row) {
    const empty = callEngine(() =>
      balanceOf(program, openAccount(program, member.id), now, { expiringWithinDays }),
    );
    return { memberId: member.id, ...toBalanceDto(empty, scale) };
  }
  const loaded = await loadPoints(ctx.em, program, row, now);
  const b = callEngine(() =>
    balanceOf(program, loaded.account, new Date(loaded.nowMs), { expiringWithinDays }),
  );
  return { memberId: member.id, ...toBalanceDto(b, scale) };
}

/** Answer of the value-moving points operations (stored for replay). */
export interface PointsResult {
  readonly outcome: 'APPLIED' | 'REFUSED';
  readonly refusal: RefusalDto | null;
  readonly memberId: string;
  readonly entries: PointsEntryDto[];
  readonly balance: PointsBalanceDto;
  /** Hold operations: the hold. */
  readonly hold: HoldDto | null;
}

/** A hold as the API returns it. */
export interface HoldDto {
  readonly holdId: string;
  readonly points: string;
  readonly status: string;
  readonly reference: string;
  readonly expiresAt: string;
}

interface Transition {
  readonly ctx: ServiceContext;
  readonly caller: Authenticated;
  readonly operation: string;
  readonly memberId: string;
  readonly idempotencyKey: string;
  readonly input: Record<string, unknown>;
  readonly load?: (program: EngineProgram) => Parameters<typeof loadPoints>[4];
  readonly run: (program: EngineProgram, loaded: LoadedPoints, now: Date) => LedgerResult;
  readonly event: DomainEventType;
  readonly holdKey?: string;
}

async function holdDto(tx: Em, accountId: string, holdKey: string | undefined, scale: number) {
  if (!holdKey) return null;
  const h = await tx.findOne(Hold, { accountId, holdKey });
  return h
    ? {
        holdId: h.holdKey,
        points: toDecimal(h.amount).toFixed(scale),
        status: h.status,
        reference: h.reference,
        expiresAt: h.expiresAt.toISOString(),
      }
    : null;
}

/** One single-account ledger transition: idempotent, locked, engine, persist, outbox. */
async function transition(t: Transition): Promise<PointsResult> {
  const { ctx, caller } = t;
  return idempotent(
    ctx,
    caller,
    { operation: t.operation, key: t.idempotencyKey, input: { memberId: t.memberId, ...t.input } },
    async (tx) => {
      const now = ctx.clock.now();
      const { program } = await engineProgramAt(tx, caller.programId, now);
      const scale = program.rounding.points.scale;
      const member = await loadMemberFor(tx, caller, t.memberId);
      const row = await lockPoints(tx, caller.programId, member.id, now);
      const loaded = await loadPoints(tx, program, row, now, t.load?.(program) ?? {});
      const result = callEngine(() => t.run(program, loaded, new Date(loaded.nowMs)));
      if (!result.ok) {
        const b = balanceOf(program, loaded.account, new Date(loaded.nowMs));
        return {
          outcome: 'REFUSED',
          refusal: refusalOf(result.reason),
          memberId: member.id,
          entries: [],
          balance: toBalanceDto(b, scale),
          hold: await holdDto(tx, row.id, t.holdKey, scale),
        } satisfies PointsResult;
      }
      const posted = result.replayed ? [] : result.entries;
      const rows = persistPoints(tx, loaded, result.account, posted, caller.credential, now);
      if (posted.length > 0) {
        recordEvent(
          tx,
          caller.programId,
          t.event,
          member.id,
          { entries: posted.map((e) => ({ id: e.id, kind: e.kind, amount: e.amount.toString() })) },
          now,
        );
      }
      await tx.flush();
      const shown = result.replayed
        ? await tx.find(LedgerEntry, {
            accountId: row.id,
            id: { $in: result.entries.map((e) => pointsRowId(program, e.id)) },
          })
        : rows;
      return {
        outcome: 'APPLIED',
        refusal: null,
        memberId: member.id,
        entries: shown.map((e) => toPointsEntryDto(e, scale)),
        balance: toBalanceDto(balanceOf(program, result.account, new Date(loaded.nowMs)), scale),
        hold: await holdDto(tx, row.id, t.holdKey, scale),
      } satisfies PointsResult;
    },
  );
}

function pointsRowId(program: EngineProgram, engineId: string): string {
  return pointsEntryRowId(program.id, engineId);
}

/** Input of `redeemPoints`. */
export interface RedeemPointsInput {
  readonly memberId: string;
  readonly points: Decimal;
  readonly reference: string;
  readonly idempotencyKey: string;
}

/** Admin, store, member (own): redeems points; INSUFFICIENT_POINTS is a result, nothing changes. */
export async function redeemPoints(
  ctx: ServiceContext,
  input: RedeemPointsInput,
): Promise<PointsResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  // The engine owns the reference's format (an id): it answers BAD_USER_INPUT on `reference`.
  const reference = input.reference;
  const key = engineKey('rd', caller.credential, input.idempotencyKey);
  return transition({
    ctx,
    caller,
    operation: 'redeemPoints',
    memberId: input.memberId,
    idempotencyKey: input.idempotencyKey,
    input: { points: input.points.toString(), reference },
    load: (program) => ({ entryIds: [`${program.id}:redeem:${key}`] }),
    run: (program, loaded, now) =>
      engineRedeem(
        program,
        loaded.account,
        { key, points: checkPoints(program, input.points, 'points'), reference },
        now,
      ),
    event: 'points.redeemed',
  });
}

/** Input of `reservePoints`. */
export interface ReservePointsInput {
  readonly memberId: string;
  /** The caller's hold id (a cart or checkout id). */
  readonly holdId: string;
  readonly points: Decimal;
  readonly reference: string;
  readonly idempotencyKey: string;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.:\-/#]{0,127}$/;

function checkHoldId(holdId: string): string {
  if (!KEY.test(holdId))
    throw badInput('holdId', 'INVALID_ID', 'holdId: 1-128 letters, digits or _ . : - / #');
  return holdId;
}

/** Admin, store, member (own): reserves points at checkout until captured, released or timed out. */
export async function reservePoints(
  ctx: ServiceContext,
  input: ReservePointsInput,
): Promise<PointsResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const holdId = checkHoldId(input.holdId);
  // The engine owns the reference's format (an id): it answers BAD_USER_INPUT on `reference`.
  const reference = input.reference;
  return transition({
    ctx,
    caller,
    operation: 'reservePoints',
    memberId: input.memberId,
    idempotencyKey: input.idempotencyKey,
    input: { holdId, points: input.points.toString(), reference },
    load: (program) => ({ entryIds: [`${program.id}:hold:${holdId}`], holdKeys: [holdId] }),
    run: (program, loaded, now) =>
      engineReserve(
        program,
        loaded.account,
        { holdId, points: checkPoints(program, input.points, 'points'), reference },
        now,
      ),
    event: 'points.held',
    holdKey: holdId,
  });
}

/** Input of `captureHold` and `releaseHold`. */
export interface HoldInput {
  readonly memberId: string;
  readonly holdId: string;
  readonly idempotencyKey: string;
}

/** Admin, store, member (own): captures a hold (its points are redeemed). */
export async function captureHold(ctx: ServiceContext, input: HoldInput): Promise<PointsResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const holdId = checkHoldId(input.holdId);
  return transition({
    ctx,
    caller,
    operation: 'captureHold',
    memberId: input.memberId,
    idempotencyKey: input.idempotencyKey,
    input: { holdId },
    load: (program) => ({ entryIds: [`${program.id}:capture:${holdId}`], holdKeys: [holdId] }),
    run: (program, loaded, now) => engineCapture(program, loaded.account, { holdId }, now),
    event: 'points.captured',
    holdKey: holdId,
  });
}

/** Admin, store, member (own): releases a hold (its points are available again). */
export async function releaseHold(ctx: ServiceContext, input: HoldInput): Promise<PointsResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const holdId = checkHoldId(input.holdId);
  return transition({
    ctx,
    caller,
    operation: 'releaseHold',
    memberId: input.memberId,
    idempotencyKey: input.idempotencyKey,
    input: { holdId },
    load: (program) => ({ entryIds: [`${program.id}:hold_release:${holdId}`], holdKeys: [holdId] }),
    run: (program, loaded, now) => engineRelease(program, loaded.account, { holdId }, now),
    event: 'points.released',
    holdKey: holdId,
  });
}

/** Input of `adjustPoints`. */
export interface AdjustPointsInput {
  readonly memberId: string;
  /** Signed: a credit (> 0) or a debit (< 0). */
  readonly points: Decimal;
  readonly reason: string;
  /** Who asked for it (a person in the back office); the API key is recorded as actor too. */
  readonly operator: string;
  readonly idempotencyKey: string;
}

/** Admin: manual adjustment with reason and operator, audited (ledger actor + outbox event). */
export async function adjustPoints(
  ctx: ServiceContext,
  input: AdjustPointsInput,
): Promise<PointsResult> {
  const caller = requireRole(ctx.principal, ['admin']);
  const key = engineKey('adj', caller.credential, input.idempotencyKey);
  const operator = `${input.operator} (${caller.credential})`;
  return transition({
    ctx,
    caller,
    operation: 'adjustPoints',
    memberId: input.memberId,
    idempotencyKey: input.idempotencyKey,
    input: { points: input.points.toString(), reason: input.reason, operator: input.operator },
    load: (program) => ({ entryIds: [`${program.id}:adjust:${key}`] }),
    run: (program, loaded, now) =>
      engineAdjust(
        program,
        loaded.account,
        {
          key,
          points: checkPoints(program, input.points, 'points', true),
          reason: input.reason,
          operator,
        },
        now,
      ),
    event: 'points.adjusted',
  });
}

/** Input of `transferPoints`. */
export interface TransferPointsInput {
  readonly fromMemberId: string;
  readonly toMemberId: string;
  readonly points: Decimal;
  readonly idempotencyKey: string;
}

/** Answer of `transferPoints`. */
export interface TransferResultDto {
  readonly outcome: 'APPLIED' | 'REFUSED';
  readonly refusal: RefusalDto | null;
  readonly entries: PointsEntryDto[];
  readonly fromBalance: PointsBalanceDto;
  /** Null for a member token: the recipient's balance is not the sender's to see. */
  readonly toBalance: PointsBalanceDto | null;
}

/**
 * Admin, store, member (own account as sender): member-to-member transfer if
 * the program allows it. Both accounts are locked in id order, so A->B and
 * B->A never deadlock. Self transfers are refused by the engine
 * (SELF_TRANSFER); a member of another program answers NOT_FOUND. A member
 * token (the sender) sees only its own side: its entries and balance, never
 * the recipient's.
 */
export async function transferPoints(
  ctx: ServiceContext,
  input: TransferPointsInput,
): Promise<TransferResultDto> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const transferId = engineKey('tr', caller.credential, input.idempotencyKey);
  return idempotent(
    ctx,
    caller,
    {
      operation: 'transferPoints',
      key: input.idempotencyKey,
      input: { from: input.fromMemberId, to: input.toMemberId, points: input.points.toString() },
    },
    async (tx) => {
      const now = ctx.clock.now();
      const { program } = await engineProgramAt(tx, caller.programId, now);
      const scale = program.rounding.points.scale;
      const from = await loadMemberFor(tx, caller, input.fromMemberId);
      const to = await loadMemberFor(
        tx,
        caller.kind === 'member'
          ? { ...caller, kind: 'admin', apiKeyId: '', storeId: null }
          : caller,
        input.toMemberId,
      );
      const rows = await lockInOrder(tx, caller.programId, [from.id, to.id], now);
      const fromRow = rows.get(from.id)!;
      const toRow = rows.get(to.id)!;
      const ids = {
        entryIds: [
          `${program.id}:transfer_out:${transferId}`,
          `${program.id}:transfer_in:${transferId}`,
        ],
      };
      const a = await loadPoints(tx, program, fromRow, now, ids);
      const b = from.id === to.id ? a : await loadPoints(tx, program, toRow, now, ids);
      const at = new Date(Math.max(a.nowMs, b.nowMs));
      const points = checkPoints(program, input.points, 'points');
      // A member token sees its own side only (no other member's entries or balance).
      const shown = (balance: PointsBalanceDto) => (caller.kind === 'member' ? null : balance);
      const result = callEngine(() =>
        engineTransfer(program, a.account, b.account, { transferId, points }, at),
      );
      if (!result.ok) {
        return {
          outcome: 'REFUSED',
          refusal: refusalOf(result.reason),
          entries: [],
          fromBalance: toBalanceDto(balanceOf(program, a.account, at), scale),
          toBalance: shown(toBalanceDto(balanceOf(program, b.account, at), scale)),
        } satisfies TransferResultDto;
      }
      const posted = result.replayed ? [] : result.entries;
      const outRows = persistPoints(
        tx,
        a,
        result.from,
        posted.filter((e) => e.accountId === from.id),
        caller.credential,
        now,
      );
      const inRows = persistPoints(
        tx,
        b,
        result.to,
        posted.filter((e) => e.accountId === to.id),
        caller.credential,
        now,
      );
      if (posted.length > 0) {
        recordEvent(
          tx,
          caller.programId,
          'points.transferred',
          from.id,
          { from: from.id, to: to.id, points: points.toString(), transferId },
          now,
        );
      }
      await tx.flush();
      return {
        outcome: 'APPLIED',
        refusal: null,
        entries: (caller.kind === 'member' ? outRows : [...outRows, ...inRows]).map((e) =>
          toPointsEntryDto(e, scale),
        ),
        fromBalance: toBalanceDto(balanceOf(program, result.from, at), scale),
        toBalance: shown(toBalanceDto(balanceOf(program, result.to, at), scale)),
      } satisfies TransferResultDto;
    },
  );
}

/** Creates missing points accounts, then locks them `FOR UPDATE` one by one in account-id order. */
async function lockInOrder(
  tx: Em,
  programId: string,
  memberIds: string[],
  now: Date,
): Promise<Map<string, Account>> {
  const unique = [...new Set(memberIds)];
  for (const m of unique) {
    await tx.execute(
      `insert into account (id, program_id, member_id, unit, balance, updated_at)
       values (?, ?, ?, ?, 0, ?) on conflict (program_id, member_id, unit) do nothing`,
      [uuidv7(now), programId, m, POINTS, now],
    );
  }
  const found = await tx.find(Account, { programId, unit: POINTS, memberId: { $in: unique } });
  found.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const out = new Map<string, Account>();
  for (const acc of found) {
    const locked = await tx.findOneOrFail(
      Account,
      { id: acc.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    out.set(locked.memberId, locked);
  }
  return out;
}

/** Filters of the points ledger (T4). */
export interface LedgerFilter {
  readonly kinds?: readonly string[] | null;
}

/** Admin, store, member (own): the append-only points ledger with causes, newest first. */
export async function pointsLedger(
  ctx: ServiceContext,
  memberId: string,
  filter: LedgerFilter,
  args: PageArgs,
): Promise<Page<PointsEntryDto>> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const member = await loadMemberFor(ctx.em, caller, memberId);
  const { program } = await engineProgramAt(ctx.em, caller.programId, ctx.clock.now());
  const limit = pageSize(args);
  const where: Record<string, unknown> = {
    programId: caller.programId,
    memberId: member.id,
    unit: POINTS,
  };
  if (filter.kinds?.length) where.kind = { $in: [...filter.kinds] };
  if (args.after) {
    const [at, id] = decodeCursor(args.after, 2) as [string, string];
    const atDate = new Date(at);
    if (Number.isNaN(atDate.getTime())) throw badInput('after', 'INVALID_CURSOR', 'Unknown cursor');
    where.$or = [{ occurredAt: { $lt: atDate } }, { occurredAt: atDate, postingId: { $lt: id } }];
  }
  const rows = await ctx.em.find(LedgerEntry, where, {
    orderBy: [{ occurredAt: 'desc' }, { postingId: 'desc' }],
    limit: limit + 1,
  });
  const page = toPage(rows, limit, (e) => [e.occurredAt.toISOString(), e.postingId]);
  const scale = program.rounding.points.scale;
  return { ...page, items: page.items.map((e) => toPointsEntryDto(e, scale)) };
}
