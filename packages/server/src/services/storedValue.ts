import { type CurrencyCode, Decimal, isCurrencyCode, minorUnits } from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { Account, LedgerEntry, type LedgerKind, type Member } from '../entities/index.js';
import { lockAccount } from './accounts.js';
import type { ServiceContext } from './context.js';
import { badInput, notFound } from './errors.js';
import { idempotent } from './idempotency.js';
import { ledgerEntryId, uuidv7 } from './ids.js';
import { loadMemberFor, loadOwnerFor } from './members.js';
import { recordEvent } from './outbox.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import { type Authenticated, requireRole } from './principal.js';
import { engineProgramAt } from './programs.js';

/** Largest single stored-value movement. */
export const MAX_STORED_VALUE_AMOUNT = new Decimal('1000000000');

/** A ledger entry as stored in idempotent answers (plain JSON). */
export interface LedgerEntryDto {
  readonly id: string;
  readonly memberId: string;
  readonly unit: string;
  readonly kind: LedgerKind;
  readonly amount: string;
  readonly balanceAfter: string;
  readonly occurredAt: string;
  readonly relatedEntryId: string | null;
  readonly programVersion: number | null;
  readonly reference: string | null;
}

/** Why a stored-value movement was refused (a result, not an error). */
export type StoredValueRefusal =
  | { readonly code: 'INSUFFICIENT_FUNDS'; readonly available: string; readonly requested: string }
  | {
      readonly code: 'REFUND_EXCEEDS_PAYMENT';
      readonly refundable: string;
      readonly requested: string;
    };

/** The answer of top-up, pay and refund (stored for idempotent replay). */
export interface StoredValueResult {
  readonly outcome: 'APPLIED' | 'REFUSED';
  readonly refusal: StoredValueRefusal | null;
  readonly entry: LedgerEntryDto | null;
  readonly memberId: string;
  readonly currency: string;
  /** Balance after the operation. */
  readonly balance: string;
}

/** A ledger entry row as a DTO. */
export function toEntryDto(e: LedgerEntry, scale: number): LedgerEntryDto {
  const reference = typeof e.cause.reference === 'string' ? e.cause.reference : null;
  return {
    id: e.id,
    memberId: e.memberId,
    unit: e.unit,
    kind: e.kind,
    amount: new Decimal(e.amount).toFixed(scale),
    balanceAfter: new Decimal(e.balanceAfter).toFixed(scale),
    occurredAt: e.occurredAt.toISOString(),
    relatedEntryId: e.relatedEntryId,
    programVersion: e.programVersion,
    reference,
  };
}

function checkAmount(amount: Decimal, currency: CurrencyCode): Decimal {
  if (!amount.isFinite() || amount.lte(0) || amount.gt(MAX_STORED_VALUE_AMOUNT)) {
    throw badInput('amount', 'INVALID_AMOUNT', 'amount must be positive and at most 1000000000');
  }
  if (amount.decimalPlaces() > minorUnits(currency)) {
    throw badInput(
      'amount',
      'TOO_MANY_DECIMALS',
      `${currency} amounts have at most ${minorUnits(currency)} decimals`,
    );
  }
  return amount;
}

function checkReference(reference: string | null | undefined): string | null {
  if (reference == null) return null;
  if (reference.length < 1 || reference.length > 200) {
    throw badInput('reference', 'INVALID_REFERENCE', 'reference: 1 to 200 characters');
  }
  return reference;
}

async function currencyOf(
  ctx: ServiceContext,
  programId: string,
): Promise<{
  currency: CurrencyCode;
  version: number;
}> {
  const { program, version } = await engineProgramAt(ctx.em, programId, ctx.clock.now());
  if (!isCurrencyCode(program.currency)) throw new Error(`Unknown currency ${program.currency}`);
  return { currency: program.currency, version: version.version };
}

interface Movement {
  readonly kind: 'topup' | 'payment' | 'refund';
  /** Signed change. */
  readonly delta: Decimal;
  readonly reference: string | null;
  readonly relatedEntryId: string | null;
}

async function post(
  tx: Em,
  caller: Authenticated,
  member: Member,
  currency: CurrencyCode,
  programVersion: number,
  account: Account,
  movement: Movement,
  idempotencyKey: string,
  now: Date,
): Promise<LedgerEntry> {
  const after = new Decimal(account.balance).plus(movement.delta);
  if (after.isNegative()) throw new Error('stored value would go negative');
  account.balance = after.toFixed(4);
  account.updatedAt = now;
  const entry = tx.create(LedgerEntry, {
    id: ledgerEntryId(
      caller.programId,
      `storedValue.${movement.kind}:${caller.credential}`,
      idempotencyKey,
    ),
    postingId: uuidv7(now),
    programId: caller.programId,
    accountId: account.id,
    memberId: member.id,
    unit: currency,
    kind: movement.kind,
    amount: movement.delta.toFixed(4),
    balanceAfter: account.balance,
    cause: { type: `storedValue.${movement.kind}`, reference: movement.reference },
    relatedEntryId: movement.relatedEntryId,
    programVersion,
    occurredAt: now,
    actor: caller.credential,
  });
  const eventType =
    movement.kind === 'topup'
      ? 'storedValue.toppedUp'
      : movement.kind === 'payment'
        ? 'storedValue.paid'
        : 'storedValue.refunded';
  recordEvent(
    tx,
    caller.programId,
    eventType,
    member.id,
    { entryId: entry.id, amount: movement.delta.toFixed(minorUnits(currency)), currency },
    now,
  );
  await tx.flush();
  return entry;
}

/** Input of `topUpStoredValue` and `payWithStoredValue`. */
export interface StoredValueInput {
  readonly memberId: string;
  readonly amount: Decimal;
  readonly idempotencyKey: string;
  /** The caller's reference (order id, receipt...). */
  readonly reference?: string | null;
}

/** Admin, store: adds stored value in the program currency (M4). Idempotent. */
export async function topUpStoredValue(
  ctx: ServiceContext,
  input: StoredValueInput,
): Promise<StoredValueResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const { currency, version } = await currencyOf(ctx, caller.programId);
  const amount = checkAmount(input.amount, currency);
  const reference = checkReference(input.reference);
  return idempotent(
    ctx,
    caller,
    {
      operation: 'topUpStoredValue',
      key: input.idempotencyKey,
      input: { memberId: input.memberId, amount: amount.toString(), reference },
    },
    async (tx) => {
      const now = ctx.clock.now();
      const member = await loadMemberFor(tx, caller, input.memberId);
      const account = await lockAccount(tx, caller.programId, member.id, currency, now);
      const delta = amount;
      const entry = await post(
        tx,
        caller,
        member,
        currency,
        version,
        account,
        {
          kind: 'topup',
          delta,
          reference,
          relatedEntryId: null,
        },
        input.idempotencyKey,
        now,
      );
      return applied(entry, member.id, currency);
    },
  );
}

function applied(entry: LedgerEntry, memberId: string, currency: CurrencyCode): StoredValueResult {
  const scale = minorUnits(currency);
  return {
    outcome: 'APPLIED',
    refusal: null,
    entry: toEntryDto(entry, scale),
    memberId,
    currency,
    balance: new Decimal(entry.balanceAfter).toFixed(scale),
  };
}

function refused(
  refusal: StoredValueRefusal,
  memberId: string,
  currency: CurrencyCode,
  balance: string,
): StoredValueResult {
  return {
    outcome: 'REFUSED',
    refusal,
    entry: null,
    memberId,
    currency,
    balance: new Decimal(balance).toFixed(minorUnits(currency)),
  };
}

/**
 * Admin, store, member (own): pays from stored value. Refused with
 * INSUFFICIENT_FUNDS (a result, nothing posted) if the balance is short; the
 * balance never goes negative. Idempotent.
 */
export async function payWithStoredValue(
  ctx: ServiceContext,
  input: StoredValueInput,
): Promise<StoredValueResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const { currency, version } = await currencyOf(ctx, caller.programId);
  const amount = checkAmount(input.amount, currency);
  const reference = checkReference(input.reference);
  return idempotent(
    ctx,
    caller,
    {
      operation: 'payWithStoredValue',
      key: input.idempotencyKey,
      input: { memberId: input.memberId, amount: amount.toString(), reference },
    },
    async (tx) => {
      const now = ctx.clock.now();
      const member = await loadMemberFor(tx, caller, input.memberId);
      const account = await lockAccount(tx, caller.programId, member.id, currency, now);
      const available = new Decimal(account.balance);
      if (available.lt(amount)) {
        const scale = minorUnits(currency);
        return refused(
          {
            code: 'INSUFFICIENT_FUNDS',
            available: available.toFixed(scale),
            requested: amount.toFixed(scale),
          },
          member.id,
          currency,
          account.balance,
        );
      }
      const entry = await post(
        tx,
        caller,
        member,
        currency,
        version,
        account,
        {
          kind: 'payment',
          delta: amount.negated(),
          reference,
          relatedEntryId: null,
        },
        input.idempotencyKey,
        now,
      );
      return applied(entry, member.id, currency);
    },
  );
}

/** Input of `refundStoredValue`. */
export interface RefundStoredValueInput {
  /** The payment entry being refunded (in part or whole). */
  readonly paymentEntryId: string;
  readonly amount: Decimal;
  readonly idempotencyKey: string;
  readonly reference?: string | null;
}

/**
 * Admin, store: refunds (part of) a stored-value payment back to the card.
 * Refunds of one payment never exceed it (REFUND_EXCEEDS_PAYMENT). Idempotent.
 */
export async function refundStoredValue(
  ctx: ServiceContext,
  input: RefundStoredValueInput,
): Promise<StoredValueResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const { currency, version } = await currencyOf(ctx, caller.programId);
  const amount = checkAmount(input.amount, currency);
  const reference = checkReference(input.reference);
  return idempotent(
    ctx,
    caller,
    {
      operation: 'refundStoredValue',
      key: input.idempotencyKey,
      input: { paymentEntryId: input.paymentEntryId, amount: amount.toString(), reference },
    },
    async (tx) => {
      const now = ctx.clock.now();
      const payment = await tx.findOne(LedgerEntry, {
        id: input.paymentEntryId,
        programId: caller.programId,
        kind: 'payment',
      });
      if (!payment) throw notFound('Payment');
      const member = await loadOwnerFor(tx, caller, payment.memberId, 'Payment');
      const account = await lockAccount(tx, caller.programId, member.id, payment.unit, now);
      const refunds = await tx.find(LedgerEntry, {
        programId: caller.programId,
        relatedEntryId: payment.id,
        kind: 'refund',
      });
      const refunded = refunds.reduce((s, r) => s.plus(r.amount), new Decimal(0));
      const refundable = new Decimal(payment.amount).negated().minus(refunded);
      if (amount.gt(refundable)) {
        const scale = minorUnits(currency);
        return refused(
          {
            code: 'REFUND_EXCEEDS_PAYMENT',
            refundable: refundable.toFixed(scale),
            requested: amount.toFixed(scale),
          },
          member.id,
          currency,
          account.balance,
        );
      }
      const entry = await post(
        tx,
        caller,
        member,
        currency,
        version,
        account,
        {
          kind: 'refund',
          delta: amount,
          reference,
          relatedEntryId: payment.id,
        },
        input.idempotencyKey,
        now,
      );
      return applied(entry, member.id, currency);
    },
  );
}

/** What a stored-value movement inside another transaction needs (purchase, return). */
export interface StoredValueTxArgs {
  readonly caller: Authenticated;
  readonly member: Member;
  readonly currency: CurrencyCode;
  readonly programVersion: number;
  readonly now: Date;
}

/** The stored-value account of a member in the program currency, locked (`FOR UPDATE`). */
export function lockStoredValue(tx: Em, args: StoredValueTxArgs): Promise<Account> {
  return lockAccount(tx, args.caller.programId, args.member.id, args.currency, args.now);
}

/**
 * Inside the caller's transaction, with the account locked by
 * `lockStoredValue`: pays `amount` from stored value (the purchase flow).
 * INSUFFICIENT_FUNDS posts nothing; the balance never goes negative. The
 * entry id derives from `key` (one payment per key).
 */
export async function payStoredValueInTx(
  tx: Em,
  args: StoredValueTxArgs,
  account: Account,
  amount: Decimal,
  key: string,
  reference: string | null,
): Promise<{ refusal: StoredValueRefusal | null; entry: LedgerEntry | null }> {
  checkAmount(amount, args.currency);
  const available = new Decimal(account.balance);
  if (available.lt(amount)) {
    const scale = minorUnits(args.currency);
    return {
      refusal: {
        code: 'INSUFFICIENT_FUNDS',
        available: available.toFixed(scale),
        requested: amount.toFixed(scale),
      },
      entry: null,
    };
  }
  const entry = await post(
    tx,
    args.caller,
    args.member,
    args.currency,
    args.programVersion,
    account,
    { kind: 'payment', delta: amount.negated(), reference, relatedEntryId: null },
    key,
    args.now,
  );
  return { refusal: null, entry };
}

/** What was refunded so far of a stored-value payment entry. */
export async function refundedOf(tx: Em, programId: string, paymentEntryId: string) {
  const refunds = await tx.find(LedgerEntry, {
    programId,
    relatedEntryId: paymentEntryId,
    kind: 'refund',
  });
  return refunds.reduce((s, r) => s.plus(r.amount), new Decimal(0));
}

/**
 * Inside the caller's transaction, with the account locked: refunds `amount`
 * of the payment entry `paymentEntryId` (the return flow). Never more than
 * what is left of the payment (REFUND_EXCEEDS_PAYMENT posts nothing).
 */
export async function refundStoredValueInTx(
  tx: Em,
  args: StoredValueTxArgs,
  account: Account,
  paymentEntryId: string,
  amount: Decimal,
  key: string,
  reference: string | null,
): Promise<{ refusal: StoredValueRefusal | null; entry: LedgerEntry | null }> {
  checkAmount(amount, args.currency);
  const payment = await tx.findOneOrFail(LedgerEntry, {
    id: paymentEntryId,
    programId: args.caller.programId,
    kind: 'payment',
  });
  const refundable = new Decimal(payment.amount)
    .negated()
    .minus(await refundedOf(tx, args.caller.programId, payment.id));
  if (amount.gt(refundable)) {
    const scale = minorUnits(args.currency);
    return {
      refusal: {
        code: 'REFUND_EXCEEDS_PAYMENT',
        refundable: refundable.toFixed(scale),
        requested: amount.toFixed(scale),
      },
      entry: null,
    };
  }
  const entry = await post(
    tx,
    args.caller,
    args.member,
    args.currency,
    args.programVersion,
    account,
    { kind: 'refund', delta: amount, reference, relatedEntryId: payment.id },
    key,
    args.now,
  );
  return { refusal: null, entry };
}

/** Admin, store, member (own): the member's stored-value balance in the program currency. */
export async function storedValueBalance(
  ctx: ServiceContext,
  memberId: string,
): Promise<{ currency: string; balance: string }> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const member = await loadMemberFor(ctx.em, caller, memberId);
  const { currency } = await currencyOf(ctx, caller.programId);
  const account = await ctx.em.findOne(Account, {
    programId: caller.programId,
    memberId: member.id,
    unit: currency,
  });
  return { currency, balance: new Decimal(account?.balance ?? 0).toFixed(minorUnits(currency)) };
}

/** Admin, store, member (own): stored-value ledger entries, newest first. */
export async function storedValueHistory(
  ctx: ServiceContext,
  memberId: string,
  args: PageArgs,
): Promise<Page<LedgerEntryDto>> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const member = await loadMemberFor(ctx.em, caller, memberId);
  const { currency } = await currencyOf(ctx, caller.programId);
  const limit = pageSize(args);
  const where: Record<string, unknown> = {
    programId: caller.programId,
    memberId: member.id,
    unit: currency,
  };
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
  const scale = minorUnits(currency);
  return { ...page, items: page.items.map((e) => toEntryDto(e, scale)) };
}
