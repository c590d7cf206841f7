import {
  Decimal,
  type LedgerEntry as EngineEntry,
  type Hold as EngineHold,
  type Lot as EngineLot,
  type Program as EngineProgram,
  type EntryKind,
  type LedgerReason,
  type PointsAccount,
  type PointsBalance,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import {
  type Account,
  Hold,
  LedgerEntry,
  type LedgerKind,
  Lot,
  POINTS,
} from '../entities/index.js';
import { lockAccount } from './accounts.js';
import { badInput } from './errors.js';
import { ledgerEntryId, sha256Hex, uuidv7 } from './ids.js';

/**
 * The adapter between the engine's immutable `PointsAccount` and the tables:
 * it loads only what a transition needs (live lots, active holds, debt, last
 * activity, latest posting, and the few entries the engine compares for
 * replays and clawbacks), and writes back exactly what the engine returned
 * (new entries, changed lots and holds). Replay safety rests on the entry
 * id: the engine's deterministic id is hashed into `ledger_entry.id`, a
 * primary key, so the same cause can never be stored twice.
 */

/** A row as JSON (`to_jsonb`). */
type Json = Record<string, unknown>;

/** What to load beyond live lots and active holds. */
export interface LoadOptions {
  /** Engine entry ids the command may replay (`<programId>:<kind>:<key>`). */
  readonly entryIds?: readonly string[];
  /** Earn and clawback entries of this order (clawback on return). */
  readonly orderId?: string;
  /** Holds to load whatever their status (capture, release). */
  readonly holdKeys?: readonly string[];
  /**
   * Also read the purchase recorded under this order id in the program, in the
   * same statement (after the account lock: `recordPurchase`'s replay check).
   */
  readonly purchaseOrderId?: string;
}

/** What a replay check needs of a recorded purchase. */
export interface RecordedPurchase {
  readonly orderId: string;
  readonly requestHash: string;
  readonly answer: unknown;
}

/** A loaded account: the engine value and the rows it came from. */
export interface LoadedPoints {
  readonly row: Account;
  readonly account: PointsAccount;
  /** Rows by engine lot id. */
  readonly lots: Map<string, Lot>;
  /** Rows by hold key. */
  readonly holds: Map<string, Hold>;
  /** `now` for the engine: the caller's clock, never before the latest posting. */
  readonly nowMs: number;
  /** With `purchaseOrderId`: the purchase of that order id, or null. */
  readonly purchase?: RecordedPurchase | null;
}

/** `ledger_entry.id` of an engine entry id. */
export function pointsEntryRowId(programId: string, engineEntryId: string): string {
  return ledgerEntryId(programId, 'points', engineEntryId);
}

function lotRowId(accountId: string, engineLotId: string): string {
  return `lot_${sha256Hex(`${accountId}\u0000${engineLotId}`).slice(0, 40)}`;
}

/** An engine key (1..128 of `[A-Za-z0-9_.:\-/#]`) derived from a caller's credential and key. */
export function engineKey(prefix: string, credential: string, key: string): string {
  return `${prefix}-${sha256Hex(`${credential}\u0000${key}`).slice(0, 40)}`;
}

/** Decimal fields of engine causes (serialised as strings). */
const CAUSE_DECIMALS = ['orderAmount', 'returnedAmount', 'returnedToDate', 'value'] as const;

function plain(value: unknown): unknown {
  if (value instanceof Decimal) return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** The stored `cause` of a points entry: the engine's cause plus what a replay needs. */
function causeJson(e: EngineEntry): Record<string, unknown> {
  return {
    ...(plain(e.cause) as Record<string, unknown>),
    entryId: e.id,
    quantity: e.amount.toString(),
    allocations: plain(e.allocations),
    debtChange: e.debtChange.toString(),
    forgiven: e.forgiven.toString(),
    fingerprint: e.fingerprint,
  };
}

function toEngineEntry(row: LedgerEntry): EngineEntry {
  const c = row.cause as Record<string, unknown>;
  const cause: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (['entryId', 'quantity', 'allocations', 'debtChange', 'forgiven', 'fingerprint'].includes(k))
      continue;
    cause[k] =
      (CAUSE_DECIMALS as readonly string[]).includes(k) && typeof v === 'string'
        ? new Decimal(v)
        : v;
  }
  return {
    id: String(c.entryId),
    accountId: row.memberId,
    kind: row.kind as EntryKind,
    amount: new Decimal(String(c.quantity)),
    delta: new Decimal(row.amount),
    occurredAt: row.occurredAt.getTime(),
    programVersion: row.programVersion ?? 0,
    cause: cause as unknown as EngineEntry['cause'],
    allocations: ((c.allocations as { lotId: string; amount: string }[]) ?? []).map((a) => ({
      lotId: a.lotId,
      amount: new Decimal(a.amount),
    })),
    debtChange: new Decimal(String(c.debtChange ?? '0')),
    forgiven: new Decimal(String(c.forgiven ?? '0')),
    fingerprint: String(c.fingerprint),
  };
}

function toEngineLot(row: Lot): EngineLot {
  return {
    id: row.engineLotId,
    source: row.source as EngineLot['source'],
    orderId: row.orderId,
    amount: new Decimal(row.amount),
    remaining: new Decimal(row.remaining),
    createdAt: row.createdAt.getTime(),
    pendingUntil: (row.pendingUntil ?? row.createdAt).getTime(),
    vestedAt: row.vestedAt ? row.vestedAt.getTime() : null,
    expiresAt: row.expiresAt ? row.expiresAt.getTime() : null,
    expiresOn: row.expiresOn as EngineLot['expiresOn'],
  };
}

function toEngineHold(row: Hold): EngineHold {
  return {
    id: row.holdKey,
    reference: row.reference,
    amount: new Decimal(row.amount),
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
    allocations: row.allocations.map((a) => ({ lotId: a.lotId, amount: new Decimal(a.amount) })),
    status: row.status === 'held' ? 'active' : row.status,
    resolvedAt: row.resolvedAt ? row.resolvedAt.getTime() : null,
    resolvedBy: row.resolvedBy,
  };
}

/** Locks the member's points account (`FOR UPDATE`, created if missing). */
export function lockPoints(tx: Em, programId: string, memberId: string, now: Date) {
  return lockAccount(tx, programId, memberId, POINTS, now);
}

/**
 * Builds the engine account of a (locked, or read-only) points account row:
 * lots with points left or still pending (plus those active holds point at),
 * active holds (plus `holdKeys`), and the entries the command may compare.
 */
export async function loadPoints(
  tx: Em,
  program: EngineProgram,
  row: Account,
  now: Date,
  options: LoadOptions = {},
): Promise<LoadedPoints> {
  // Holds, live lots and the entries named by the command in one round trip (rows as JSON,
  // numerics as text, hydrated by the ORM: they are managed like `find` results).
  const givenIds = (options.entryIds ?? []).map((id) => pointsEntryRowId(row.programId, id));
  const purchaseOrderId = options.purchaseOrderId;
  const [read] = await tx.execute<
    { holds: Json[]; lots: Json[]; entries: Json[]; purchase?: RecordedPurchase | null }[]
  >(
    `select
      (select coalesce(jsonb_agg(to_jsonb(h) || jsonb_build_object('amount', h.amount::text)), '[]')
         from hold h where h.account_id = ?
           and (h.status = 'held' or h.hold_key = any(array(select jsonb_array_elements_text(?::jsonb))))) as holds,
      (select coalesce(jsonb_agg(to_jsonb(l) || jsonb_build_object('amount', l.amount::text, 'remaining', l.remaining::text)), '[]')
         from lot l where l.account_id = ? and (l.remaining > 0 or l.vested_at is null)) as lots,
      (select coalesce(jsonb_agg(to_jsonb(e) || jsonb_build_object('amount', e.amount::text, 'balance_after', e.balance_after::text)), '[]')
         from ledger_entry e where e.account_id = ?
           and e.id = any(array(select jsonb_array_elements_text(?::jsonb)))) as entries${
             purchaseOrderId === undefined
               ? ''
               : `,
      (select jsonb_build_object('orderId', p.order_id, 'requestHash', p.request_hash, 'answer', p.answer)
         from purchase p where p.program_id = ? and p.order_id = ?) as purchase`
           }`,
    [
      row.id,
      JSON.stringify(options.holdKeys ?? []),
      row.id,
      row.id,
      JSON.stringify(givenIds),
      ...(purchaseOrderId === undefined ? [] : [row.programId, purchaseOrderId]),
    ],
  );
  const holdRows = (read?.holds ?? []).map((h) => tx.map(Hold, h));
  const lotRows = (read?.lots ?? []).map((l) => tx.map(Lot, l));
  const fetched = (read?.entries ?? []).map((e) => tx.map(LedgerEntry, e));
  const lots = new Map(lotRows.map((l) => [l.engineLotId, l]));
  const referenced = new Set<string>();
  for (const h of holdRows) for (const a of h.allocations) referenced.add(a.lotId);
  const missing = [...referenced].filter((id) => !lots.has(id));
  if (missing.length > 0) {
    for (const l of await tx.find(Lot, { accountId: row.id, engineLotId: { $in: missing } })) {
      lots.set(l.engineLotId, l);
    }
  }
  const nowMs = Math.max(now.getTime(), row.asOf?.getTime() ?? 0);
  const rowIds = new Set<string>();
  for (const h of holdRows)
    if (h.resolvedBy) rowIds.add(pointsEntryRowId(row.programId, h.resolvedBy));
  const extra: string[] = [];
  if (options.orderId) {
    const found = await tx.execute<{ id: string }[]>(
      `select id from ledger_entry where account_id = ? and unit = 'POINTS' and (cause->>'orderId') = ? and kind in ('earn', 'clawback')`,
      [row.id, options.orderId],
    );
    extra.push(...found.map((r) => r.id));
  }
  // Lots already expired with points back in them (a hold released after the expiry) expire
  // again as `@2`, `@3`...: the engine numbers them from the expire entries it sees.
  const expiredLive = [...lots.values()].filter(
    (l) => l.expiresAt && l.expiresAt.getTime() <= nowMs && new Decimal(l.remaining).gt(0),
  );
  if (expiredLive.length > 0) {
    const found = await tx.execute<{ id: string }[]>(
      `select id from ledger_entry where account_id = ? and kind = 'expire' and (cause->>'lotId') in (${expiredLive.map(() => '?').join(',')})`,
      [row.id, ...expiredLive.map((l) => l.engineLotId)],
    );
    extra.push(...found.map((r) => r.id));
  }
  for (const id of extra) rowIds.add(id);
  const have = new Set(fetched.map((e) => e.id));
  const more = [...rowIds].filter((id) => !have.has(id));
  const entryRows = [
    ...fetched,
    ...(more.length > 0
      ? await tx.find(LedgerEntry, { id: { $in: more }, accountId: row.id })
      : []),
  ].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      (a.postingId < b.postingId ? -1 : a.postingId > b.postingId ? 1 : 0),
  );
  const loaded = loadedPointsOf(program, row, lots, holdRows, entryRows, nowMs);
  return purchaseOrderId === undefined ? loaded : { ...loaded, purchase: read?.purchase ?? null };
}

function loadedPointsOf(
  program: EngineProgram,
  row: Account,
  lots: Map<string, Lot>,
  holdRows: readonly Hold[],
  entryRows: readonly LedgerEntry[],
  nowMs: number,
): LoadedPoints {
  const account: PointsAccount = {
    programId: program.id,
    accountId: row.memberId,
    entries: entryRows.map(toEngineEntry),
    lots: [...lots.values()].map(toEngineLot),
    holds: holdRows.map(toEngineHold),
    debt: new Decimal(row.debt),
    lastActivityAt: row.lastActivityAt ? row.lastActivityAt.getTime() : null,
    asOf: row.asOf ? row.asOf.getTime() : null,
  };
  return { row, account, lots, holds: new Map(holdRows.map((h) => [h.holdKey, h])), nowMs };
}

/**
 * The read-only account `loadPoints(tx, program, row, now)` would build, from
 * its live lots and active holds already fetched (the quote's one-statement
 * read), or null when it needs more rows than those: an active hold pointing
 * at a lot that is not live, or a live lot already expired (its expire
 * entries number the next expiry); then call `loadPoints`.
 */
export function livePointsOf(
  program: EngineProgram,
  row: Account,
  lotRows: readonly Lot[],
  holdRows: readonly Hold[],
  now: Date,
): LoadedPoints | null {
  const lots = new Map(lotRows.map((l) => [l.engineLotId, l]));
  for (const h of holdRows) {
    if (h.resolvedBy) return null;
    for (const a of h.allocations) if (!lots.has(a.lotId)) return null;
  }
  const nowMs = Math.max(now.getTime(), row.asOf?.getTime() ?? 0);
  for (const l of lotRows) {
    if (l.expiresAt && l.expiresAt.getTime() <= nowMs && new Decimal(l.remaining).gt(0))
      return null;
  }
  return loadedPointsOf(program, row, lots, holdRows, [], nowMs);
}

function dateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** Earliest instant something falls due on the account (vest, expiry, hold timeout), or null. */
function nextSweepOf(account: PointsAccount): Date | null {
  let next = Number.POSITIVE_INFINITY;
  for (const l of account.lots) {
    if (l.remaining.isZero()) continue;
    if (l.vestedAt === null) next = Math.min(next, l.pendingUntil);
    if (l.expiresAt !== null) next = Math.min(next, l.expiresAt);
  }
  for (const h of account.holds) if (h.status === 'active') next = Math.min(next, h.expiresAt);
  return Number.isFinite(next) ? new Date(next) : null;
}

/**
 * Writes what a transition returned: the new entries (one batched insert
 * through the unit of work), new and changed lots and holds, and the account's
 * balance (sum of entry deltas), debt, last activity, latest posting and next
 * sweep instant. Returns the entry rows in posting order.
 */
export function persistPoints(
  tx: Em,
  loaded: LoadedPoints,
  next: PointsAccount,
  entries: readonly EngineEntry[],
  actor: string,
  now: Date,
): LedgerEntry[] {
  const { row } = loaded;
  let balance = new Decimal(row.balance);
  const rows: LedgerEntry[] = [];
  for (const e of entries) {
    balance = balance.plus(e.delta);
    rows.push(
      tx.create(LedgerEntry, {
        id: pointsEntryRowId(row.programId, e.id),
        postingId: uuidv7(now),
        programId: row.programId,
        accountId: row.id,
        memberId: row.memberId,
        unit: POINTS,
        kind: e.kind as LedgerKind,
        amount: e.delta.toFixed(4),
        balanceAfter: balance.toFixed(4),
        cause: causeJson(e),
        relatedEntryId: null,
        programVersion: e.programVersion,
        occurredAt: new Date(e.occurredAt),
        actor,
      }),
    );
  }
  for (const l of next.lots) {
    const existing = loaded.lots.get(l.id);
    if (existing) {
      const remaining = l.remaining.toFixed(4);
      if (!new Decimal(existing.remaining).eq(l.remaining)) existing.remaining = remaining;
      if (!new Decimal(existing.amount).eq(l.amount)) existing.amount = l.amount.toFixed(4);
      if ((existing.vestedAt?.getTime() ?? null) !== l.vestedAt)
        existing.vestedAt = dateOrNull(l.vestedAt);
      if ((existing.expiresAt?.getTime() ?? null) !== l.expiresAt) {
        existing.expiresAt = dateOrNull(l.expiresAt);
        existing.expiresOn = l.expiresOn;
      }
    } else {
      tx.create(Lot, {
        id: lotRowId(row.id, l.id),
        programId: row.programId,
        accountId: row.id,
        memberId: row.memberId,
        amount: l.amount.toFixed(4),
        remaining: l.remaining.toFixed(4),
        pendingUntil: new Date(l.pendingUntil),
        expiresAt: dateOrNull(l.expiresAt),
        sourceEntryId: pointsEntryRowId(
          row.programId,
          `${row.programId}:${l.id.replace(/#\d+$/, '')}`,
        ),
        createdAt: new Date(l.createdAt),
        engineLotId: l.id,
        source: l.source,
        orderId: l.orderId,
        vestedAt: dateOrNull(l.vestedAt),
        expiresOn: l.expiresOn,
      });
    }
  }
  for (const h of next.holds) {
    const status = h.status === 'active' ? 'held' : h.status;
    const existing = loaded.holds.get(h.id);
    if (existing) {
      if (existing.status !== status) {
        existing.status = status;
        existing.resolvedAt = dateOrNull(h.resolvedAt);
        existing.resolvedBy = h.resolvedBy;
      }
    } else {
      tx.create(Hold, {
        id: uuidv7(now),
        programId: row.programId,
        accountId: row.id,
        memberId: row.memberId,
        amount: h.amount.toFixed(4),
        status,
        expiresAt: new Date(h.expiresAt),
        createdAt: new Date(h.createdAt),
        resolvedAt: dateOrNull(h.resolvedAt),
        holdKey: h.id,
        reference: h.reference,
        allocations: h.allocations.map((a) => ({ lotId: a.lotId, amount: a.amount.toString() })),
        resolvedBy: h.resolvedBy,
      });
    }
  }
  if (entries.length > 0) {
    row.balance = balance.toFixed(4);
    row.asOf = dateOrNull(next.asOf);
    row.updatedAt = now;
  }
  row.debt = next.debt.toFixed(4);
  row.lastActivityAt = dateOrNull(next.lastActivityAt);
  row.nextSweepAt = nextSweepOf(next);
  return rows;
}

/** A points ledger entry as returned by the API (plain JSON, replayable). */
export interface PointsEntryDto {
  readonly id: string;
  readonly memberId: string;
  readonly kind: string;
  /** Signed effect on the balance. */
  readonly amount: string;
  /** Quantity concerned (>= 0): a vest or hold moves points without changing the balance. */
  readonly quantity: string;
  readonly balanceAfter: string;
  readonly occurredAt: string;
  readonly programVersion: number | null;
  /** The engine's cause (purchase, return, redemption, hold, adjustment, transfer...) with its lots. */
  readonly cause: Record<string, unknown>;
  readonly actor: string;
}

/** A points entry row as a DTO (points at the program's points scale). */
export function toPointsEntryDto(e: LedgerEntry, scale: number): PointsEntryDto {
  const c = e.cause as Record<string, unknown>;
  return {
    id: e.id,
    memberId: e.memberId,
    kind: e.kind,
    amount: new Decimal(e.amount).toFixed(scale),
    quantity: new Decimal(String(c.quantity ?? '0')).toFixed(scale),
    balanceAfter: new Decimal(e.balanceAfter).toFixed(scale),
    occurredAt: e.occurredAt.toISOString(),
    programVersion: e.programVersion,
    cause: c,
    actor: e.actor,
  };
}

/** Checks a points quantity against the program's scale (BAD_USER_INPUT otherwise). */
export function checkPoints(
  program: EngineProgram,
  points: Decimal,
  field: string,
  signed = false,
): Decimal {
  if (!points.isFinite() || (signed ? points.isZero() : points.lte(0))) {
    throw badInput(
      field,
      'INVALID_POINTS',
      signed ? `${field} must not be zero` : `${field} must be positive`,
    );
  }
  if (points.decimalPlaces() > program.rounding.points.scale) {
    throw badInput(
      field,
      'TOO_MANY_DECIMALS',
      `${field}: at most ${program.rounding.points.scale} decimals`,
    );
  }
  return points;
}

/** A refusal with the engine's reason code (nothing was recorded). */
export interface RefusalDto {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

/** A refusal from an engine reason. */
export function refusalOf(reason: LedgerReason): RefusalDto {
  const { code, ...rest } = reason;
  const details = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  return { code, message: code.toLowerCase().replaceAll('_', ' '), details };
}

/** A balance as the API returns it (points at the program's scale). */
export interface PointsBalanceDto {
  readonly available: string;
  readonly pending: string;
  readonly held: string;
  readonly debt: string;
  readonly balance: string;
  readonly expiringWithinDays: number;
  readonly expiringThrough: string;
  readonly expiringPoints: string;
  readonly schedule: { date: string; points: string }[];
}

/** The engine's `balanceOf` as a DTO. */
export function toBalanceDto(b: PointsBalance, scale: number): PointsBalanceDto {
  return {
    available: b.available.toFixed(scale),
    pending: b.pending.toFixed(scale),
    held: b.held.toFixed(scale),
    debt: b.debt.toFixed(scale),
    balance: b.balance.toFixed(scale),
    expiringWithinDays: b.expiring.withinDays,
    expiringThrough: b.expiring.through,
    expiringPoints: b.expiring.points.toFixed(scale),
    schedule: b.schedule.map((s) => ({ date: s.date, points: s.points.toFixed(scale) })),
  };
}
