import { invariant } from '../../internal/assert.js';
import { type Decimal, min, ZERO } from '../../money/index.js';
import type { Program } from '../../program/index.js';
import { computeLotExpiry } from '../computeLotExpiry.js';
import type {
  EntryCause,
  EntryKind,
  Hold,
  LedgerEntry,
  Lot,
  LotAllocation,
  PointsAccount,
} from '../types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** A lot being changed inside one transition. */
export type DraftLot = Mutable<Lot>;
/** A hold being changed inside one transition. */
export type DraftHold = Mutable<Hold>;

/** Fields of an entry a transition supplies; the draft fills in the rest. */
export interface PostInput {
  readonly amount: Decimal;
  readonly delta: Decimal;
  readonly cause: EntryCause;
  readonly fingerprint: string;
  readonly allocations?: readonly LotAllocation[];
  readonly debtChange?: Decimal;
  readonly forgiven?: Decimal;
}

/** The deterministic id of an entry: `<programId>:<kind>:<key>`. */
export function entryId(programId: string, kind: EntryKind, key: string): string {
  return `${programId}:${kind}:${key}`;
}

/**
 * Soonest-expiring first (never-expiring last), ties by creation instant,
 * then lot id: the order in which available points are spent.
 */
export function compareLots(a: Lot, b: Lot): number {
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return 1;
    if (b.expiresAt === null) return -1;
    return a.expiresAt - b.expiresAt;
  }
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A mutable working copy of an account for one transition at one instant.
 * Transitions run the sweep first (timed-out holds, vesting, expiry), then
 * their own postings, then `finish()` returns the new immutable account.
 */
export class Draft {
  readonly lots: DraftLot[];
  readonly holds: DraftHold[];
  readonly posted: LedgerEntry[] = [];
  debt: Decimal;
  lastActivityAt: number | null;
  private readonly ids: Set<string>;

  constructor(
    readonly program: Program,
    private readonly base: PointsAccount,
    readonly nowMs: number,
  ) {
    this.lots = base.lots.map((l) => ({ ...l }));
    this.holds = base.holds.map((h) => ({ ...h }));
    this.debt = base.debt;
    this.lastActivityAt = base.lastActivityAt;
    this.ids = new Set(base.entries.map((e) => e.id));
  }

  /** Posts one entry with id `<programId>:<kind>:<key>`. */
  post(kind: EntryKind, key: string, input: PostInput): LedgerEntry {
    const id = entryId(this.program.id, kind, key);
    invariant(!this.ids.has(id), 'entry id posted twice');
    invariant(!input.amount.isNegative(), 'entry amount is negative');
    this.ids.add(id);
    const entry: LedgerEntry = Object.freeze({
      id,
      accountId: this.base.accountId,
      kind,
      amount: input.amount,
      delta: input.delta,
      occurredAt: this.nowMs,
      programVersion: this.program.version,
      cause: Object.freeze(input.cause),
      allocations: Object.freeze([...(input.allocations ?? [])]),
      debtChange: input.debtChange ?? ZERO,
      forgiven: input.forgiven ?? ZERO,
      fingerprint: input.fingerprint,
    });
    this.posted.push(entry);
    return entry;
  }

  /** True when the id `<programId>:<kind>:<key>` is already on the account or posted now. */
  has(kind: EntryKind, key: string): boolean {
    return this.ids.has(entryId(this.program.id, kind, key));
  }

  lot(id: string): DraftLot {
    const lot = this.lots.find((l) => l.id === id);
    invariant(lot !== undefined, 'allocation names an unknown lot');
    return lot;
  }

  isExpired(lot: Lot): boolean {
    return lot.expiresAt !== null && this.nowMs >= lot.expiresAt;
  }

  /** Vested, unexpired lots with points left, in spending order. */
  availableLots(): DraftLot[] {
    return this.lots
      .filter((l) => l.remaining.gt(0) && l.pendingUntil <= this.nowMs && !this.isExpired(l))
      .sort(compareLots);
  }

  /** Pending, unexpired lots with points left, in spending order. */
  pendingLots(): DraftLot[] {
    return this.lots
      .filter((l) => l.remaining.gt(0) && l.pendingUntil > this.nowMs && !this.isExpired(l))
      .sort(compareLots);
  }

  /** Points spendable now (held points are already out of the lots). */
  available(): Decimal {
    let total = ZERO;
    for (const l of this.availableLots()) total = total.plus(l.remaining);
    return total;
  }

  /** Takes up to `amount` from `lots` in the given order; returns what was taken from each. */
  take(
    amount: Decimal,
    lots: readonly DraftLot[],
  ): { allocations: LotAllocation[]; taken: Decimal } {
    const allocations: LotAllocation[] = [];
    let left = amount;
    for (const lot of lots) {
      if (left.isZero()) break;
      const part = min(left, lot.remaining);
      if (part.isZero()) continue;
      lot.remaining = lot.remaining.minus(part);
      left = left.minus(part);
      allocations.push({ lotId: lot.id, amount: part });
    }
    return { allocations, taken: amount.minus(left) };
  }

  /** Uses incoming points to settle debt first; returns the part settled. */
  settle(amount: Decimal): Decimal {
    const settled = min(this.debt, amount);
    this.debt = this.debt.minus(settled);
    return settled;
  }

  /** Adds a new lot (after settling debt from it); returns it and the debt settled. */
  addLot(
    fields: Omit<DraftLot, 'remaining' | 'amount' | 'vestedAt'>,
    amount: Decimal,
  ): { lot: DraftLot; settled: Decimal } {
    const settled = this.settle(amount);
    const credited = amount.minus(settled);
    const lot: DraftLot = {
      ...fields,
      amount: credited,
      remaining: credited,
      vestedAt: fields.pendingUntil <= fields.createdAt ? fields.createdAt : null,
    };
    this.lots.push(lot);
    return { lot, settled };
  }

  /**
   * Gives held points back to their lots as of `atMs` (the release instant:
   * `now`, or the hold's timeout when a sweep releases it later). Points of
   * lots still alive at `atMs` settle debt first; points of lots already
   * expired then go back to their lot and expire with it.
   */
  restore(
    allocations: readonly LotAllocation[],
    atMs: number,
  ): {
    allocations: LotAllocation[];
    settled: Decimal;
  } {
    const restored: LotAllocation[] = [];
    let settledTotal = ZERO;
    for (const a of allocations) {
      const lot = this.lot(a.lotId);
      const alive = lot.expiresAt === null || atMs < lot.expiresAt;
      const settled = alive ? this.settle(a.amount) : ZERO;
      settledTotal = settledTotal.plus(settled);
      const back = a.amount.minus(settled);
      if (back.isZero()) continue;
      lot.remaining = lot.remaining.plus(back);
      restored.push({ lotId: a.lotId, amount: back });
    }
    return { allocations: restored, settled: settledTotal };
  }

  /** Releases a hold (explicitly or on timeout); resolves it exactly once. */
  releaseHold(hold: DraftHold, cause: EntryCause, fingerprint: string, atMs: number): LedgerEntry {
    invariant(hold.status === 'active', 'released a resolved hold');
    const { allocations, settled } = this.restore(hold.allocations, atMs);
    const entry = this.post('hold_release', hold.id, {
      amount: hold.amount,
      delta: ZERO,
      cause,
      fingerprint,
      allocations,
      debtChange: settled.negated(),
    });
    hold.status = 'released';
    hold.resolvedAt = this.nowMs;
    hold.resolvedBy = entry.id;
    return entry;
  }

  /**
   * Brings the account up to `now`: releases timed-out holds, posts `vest`
   * for lots whose pending period ended before they expired, and `expire`
   * for lots past their expiry. Deterministic order: holds by timeout then
   * id, lots by spending order.
   */
  sweep(): void {
    const due = this.holds
      .filter((h) => h.status === 'active' && h.expiresAt <= this.nowMs)
      .sort((a, b) => a.expiresAt - b.expiresAt || (a.id < b.id ? -1 : 1));
    for (const hold of due) {
      this.releaseHold(
        hold,
        { type: 'hold_timeout', holdId: hold.id, timedOutAt: hold.expiresAt },
        `hold_timeout|${hold.id}`,
        hold.expiresAt,
      );
    }
    const ordered = [...this.lots].sort(compareLots);
    for (const lot of ordered) {
      const vests = lot.expiresAt === null || lot.pendingUntil < lot.expiresAt;
      if (lot.vestedAt === null && lot.pendingUntil <= this.nowMs && vests && lot.remaining.gt(0)) {
        lot.vestedAt = lot.pendingUntil;
        this.post('vest', lot.id, {
          amount: lot.remaining,
          delta: ZERO,
          cause: { type: 'vesting', lotId: lot.id, pendingUntil: lot.pendingUntil },
          fingerprint: `vest|${lot.id}`,
          allocations: [{ lotId: lot.id, amount: lot.remaining }],
        });
      }
    }
    for (const lot of ordered) {
      if (lot.remaining.gt(0) && this.isExpired(lot)) {
        let n = 1;
        while (this.has('expire', `${lot.id}@${n}`)) n += 1;
        const amount = lot.remaining;
        lot.remaining = ZERO;
        this.post('expire', `${lot.id}@${n}`, {
          amount,
          delta: amount.negated(),
          cause: {
            type: 'expiry',
            lotId: lot.id,
            expiresAt: lot.expiresAt!,
            expiresOn: lot.expiresOn!,
          },
          fingerprint: `expire|${lot.id}@${n}`,
          allocations: [{ lotId: lot.id, amount }],
        });
      }
    }
  }

  /**
   * Records a qualifying activity: under the inactivity policy every lot not
   * yet expired now expires `amount` units after this instant.
   */
  touchActivity(): void {
    this.lastActivityAt = this.nowMs;
    if (this.program.points.expiry.kind !== 'inactivity') return;
    const { expiresAt, expiresOn } = computeLotExpiry(this.program, this.nowMs);
    for (const lot of this.lots) {
      if (!this.isExpired(lot)) {
        lot.expiresAt = expiresAt;
        lot.expiresOn = expiresOn;
      }
    }
  }

  /** The new immutable account. */
  finish(): PointsAccount {
    invariant(!this.debt.isNegative(), 'debt is negative');
    for (const l of this.lots) invariant(!l.remaining.isNegative(), 'lot remaining is negative');
    const posted = this.posted.length > 0;
    return Object.freeze({
      programId: this.base.programId,
      accountId: this.base.accountId,
      entries: posted ? Object.freeze([...this.base.entries, ...this.posted]) : this.base.entries,
      lots: Object.freeze(this.lots.map((l) => Object.freeze({ ...l }))),
      holds: Object.freeze(this.holds.map((h) => Object.freeze({ ...h }))),
      debt: this.debt,
      lastActivityAt: this.lastActivityAt,
      asOf: posted ? Math.max(this.base.asOf ?? this.nowMs, this.nowMs) : this.base.asOf,
    });
  }
}
