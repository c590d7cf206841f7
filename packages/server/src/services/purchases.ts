import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  accruePurchase,
  adjustPoints,
  applyPointsPayment,
  balanceOf,
  type CartLineInput,
  type Channel,
  type CurrencyCode,
  clawBackReturn,
  Decimal,
  type Program as EngineProgram,
  earnPoints,
  isCurrencyCode,
  type LedgerReason,
  localDateOf,
  MAX_CLOCK_SKEW_MS,
  minorUnits,
  normalizeLines,
  type PointsAccount,
  type Quote,
  quote,
  returnedSpend,
  round,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import {
  type Member,
  Purchase,
  type PurchaseLine,
  type PurchasePayment,
  PurchaseReturn,
  Store,
} from '../entities/index.js';
import { applyCounterIncrements, loadPurchaseCounters } from './accrualCounters.js';
import type { ServiceContext } from './context.js';
import { normalizeCouponCode } from './couponCodes.js';
import {
  type CouponResultDto,
  couponResultDto,
  memberSnapshot as quoteMemberSnapshot,
} from './couponState.js';
import {
  lockOrderCoupons,
  persistOrderRedemptions,
  type RollbackDto,
  rollbackCouponsForOrder,
} from './coupons.js';
import { AppError, badInput, callEngine, notFound } from './errors.js';
import { canonicalJson, idempotent } from './idempotency.js';
import { isUuid, sha256Hex, uuidv7 } from './ids.js';
import { loadMemberFor, loadOwnerFor } from './members.js';
import { recordEvent } from './outbox.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import {
  loadPoints,
  lockPoints,
  type PointsBalanceDto,
  type PointsEntryDto,
  persistPoints,
  type RefusalDto,
  refusalOf,
  toBalanceDto,
  toPointsEntryDto,
} from './pointsAccount.js';
import { type Authenticated, requireRole } from './principal.js';
import { cachedProgramAt, cachedPurchasePrograms } from './programCache.js';
import { MAX_QUOTE_CODES } from './quote.js';
import {
  lockStoredValue,
  payStoredValueInTx,
  refundedOf,
  refundStoredValueInTx,
  type StoredValueRefusal,
  type StoredValueTxArgs,
} from './storedValue.js';
import {
  addActivity,
  addAndLoadActivity,
  evaluateMemberTier,
  hasTiers,
  type TierOutcomeDto,
} from './tiers.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.:\-/#]{0,127}$/;

/** A purchase line as given by the caller. */
export interface PurchaseLineInput {
  readonly id: string;
  readonly sku: string;
  readonly categories?: readonly string[] | null;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly discount?: Decimal | null;
  readonly kind?: string | null;
}

/** The payment method debited from the member's stored value (in the same transaction). */
export const STORED_VALUE_METHOD = 'stored_value';

/** Input of `recordPurchase`. */
export interface RecordPurchaseInput {
  readonly memberId: string;
  /** The caller's order id: the purchase is recorded once per program. */
  readonly orderId: string;
  /** Store id (uuid); a store key always records in its own store. */
  readonly storeId?: string | null;
  readonly channel: string;
  readonly occurredAt: Date;
  readonly currency: string;
  readonly lines: readonly PurchaseLineInput[];
  /**
   * Tenders other than points, recorded as given; `stored_value` ones are
   * debited from the member's stored value in the same transaction.
   */
  readonly payments?: readonly { readonly method: string; readonly amount: Decimal }[] | null;
  /** Coupons redeemed on the order, in the same transaction (all or none). */
  readonly couponCodes?: readonly string[] | null;
  /** Points used as payment (`applyPointsPayment`), in the same transaction. */
  readonly pointsPayment?: { readonly points: Decimal } | null;
  readonly idempotencyKey: string;
}

/** A recorded line as returned by the API (pricing null on purchases recorded before it). */
export interface PurchaseLineDto
  extends Omit<PurchaseLine, 'discounts' | 'total' | 'paidWithPoints' | 'payable'> {
  readonly discounts: { kind: string; sourceId: string; amount: string }[];
  readonly total: string | null;
  readonly paidWithPoints: string | null;
  readonly payable: string | null;
}

/** A purchase as returned by the API. */
export interface PurchaseDto {
  readonly id: string;
  readonly memberId: string;
  readonly orderId: string;
  readonly storeId: string | null;
  readonly storeCode: string | null;
  readonly channel: string;
  readonly occurredAt: string;
  readonly currency: string;
  readonly amount: string;
  readonly returnedAmount: string;
  readonly pointsEarned: string;
  readonly pointsPaid: string;
  /** The lines as given, each with Tessera's discounts and what it pays (null before pricing). */
  readonly lines: PurchaseLineDto[];
  /** Promotions' discount on the order. */
  readonly promotionDiscount: string;
  /** Coupons' discount on the order. */
  readonly couponDiscount: string;
  /** The promotions the engine applied (its `promotions.applied`). */
  readonly promotions: Record<string, unknown>[];
  readonly payments: PurchasePayment[];
  /** The engine's accrual awards and trace. */
  readonly accrual: Record<string, unknown>;
  readonly programVersion: number;
}

/** Answer of `recordPurchase` (stored for replay). */
export interface RecordPurchaseResult {
  readonly outcome: 'APPLIED' | 'REFUSED';
  readonly refusal: RefusalDto | null;
  readonly purchase: PurchaseDto | null;
  readonly entries: PointsEntryDto[];
  readonly balance: PointsBalanceDto | null;
  readonly tier: TierOutcomeDto | null;
  /** The engine's answer for each coupon code (a refused one refuses the purchase). */
  readonly coupons: CouponResultDto[];
  /** Stored value paid and the balance after (null when none was used). */
  readonly storedValue: { readonly paid: string; readonly balance: string } | null;
}

/** A refusal of a stored-value movement in the purchase flow. */
function storedValueRefusal(r: StoredValueRefusal): RefusalDto {
  const { code, ...details } = r;
  return { code, message: code.toLowerCase().replaceAll('_', ' '), details };
}

function refusedPurchase(
  refusal: RefusalDto,
  coupons: CouponResultDto[] = [],
): RecordPurchaseResult {
  return {
    outcome: 'REFUSED',
    refusal,
    purchase: null,
    entries: [],
    balance: null,
    tier: null,
    coupons,
    storedValue: null,
  };
}

/** A purchase row as a DTO. */
export function toPurchaseDto(p: Purchase, scale: number, pointsScale: number): PurchaseDto {
  return {
    id: p.id,
    memberId: p.memberId,
    orderId: p.orderId,
    storeId: p.storeId,
    storeCode: p.storeCode,
    channel: p.channel,
    occurredAt: p.occurredAt.toISOString(),
    currency: p.currency,
    amount: new Decimal(p.amount).toFixed(scale),
    returnedAmount: new Decimal(p.returnedAmount).toFixed(scale),
    pointsEarned: new Decimal(p.pointsEarned).toFixed(pointsScale),
    pointsPaid: new Decimal(p.pointsPaid).toFixed(pointsScale),
    lines: p.lines.map((l) => {
      const m = (v: string | undefined) => (v == null ? null : new Decimal(v).toFixed(scale));
      return {
        ...l,
        discounts: (l.discounts ?? []).map((d) => ({ ...d, amount: m(d.amount) ?? '0' })),
        total: m(l.total),
        paidWithPoints: m(l.paidWithPoints),
        payable: m(l.payable),
      };
    }),
    promotionDiscount: new Decimal(p.promotionDiscount ?? 0).toFixed(scale),
    couponDiscount: new Decimal(p.couponDiscount ?? 0).toFixed(scale),
    promotions: p.promotions ?? [],
    payments: p.payments,
    accrual: p.accrual,
    programVersion: p.programVersion,
  };
}

function checkKey(value: string, field: string): string {
  if (!KEY.test(value)) {
    throw badInput(field, 'INVALID_ID', `${field}: 1-128 letters, digits or _ . : - / #`);
  }
  return value;
}

function normalizeInputLines(lines: readonly PurchaseLineInput[]): PurchaseLine[] {
  if (lines.length === 0) throw badInput('lines', 'NO_LINES', 'A purchase has at least one line');
  return lines.map((l) => ({
    id: l.id,
    sku: l.sku,
    categories: [...(l.categories ?? [])],
    quantity: l.quantity.toString(),
    unitPrice: l.unitPrice.toString(),
    discount: (l.discount ?? new Decimal(0)).toString(),
    kind: l.kind ?? 'product',
  }));
}

/** The lines as given, each with how the engine's quote priced it (amounts as exact strings). */
function recordedLines(lines: readonly PurchaseLine[], priced: Quote): PurchaseLine[] {
  const byId = new Map(priced.lines.map((l) => [l.lineId, l]));
  return lines.map((line) => {
    const q = byId.get(line.id);
    if (!q) throw new Error('quote without a purchase line');
    return {
      ...line,
      discounts: q.discounts.map((d) => ({
        kind: d.source.kind,
        sourceId: d.source.kind === 'promotion' ? d.source.promotionId : d.source.couponCode,
        amount: d.amount.toString(),
      })),
      total: q.total.toString(),
      paidWithPoints: q.paidWithPoints.toString(),
      payable: q.payable.toString(),
    };
  });
}

async function resolveStore(
  ctx: ServiceContext,
  caller: Authenticated,
  storeId: string | null | undefined,
): Promise<Store | null> {
  if (caller.kind === 'store') {
    if (storeId && storeId !== caller.storeId) throw notFound('Store');
    return ctx.em.findOne(Store, { id: caller.storeId ?? '', programId: caller.programId });
  }
  if (!storeId) return null;
  if (!isUuid(storeId)) throw notFound('Store');
  const store = await ctx.em.findOne(Store, { id: storeId, programId: caller.programId });
  if (!store) throw notFound('Store');
  return store;
}

function memberSnapshot(member: Member) {
  return {
    id: member.id,
    tierId: member.tierId,
    birthday: member.birthday,
    enrolledAt: member.enrolledAt,
    tags: member.tags,
  };
}

function scales(program: EngineProgram): { money: number; points: number } {
  if (!isCurrencyCode(program.currency)) throw new Error('Unknown program currency');
  return { money: minorUnits(program.currency), points: program.rounding.points.scale };
}

/**
 * Admin, store: records a purchase (T1), idempotent on the order id (and the
 * idempotency key). In one transaction with the member's points account
 * locked, the purchase is priced by the engine's `quote` exactly as
 * `checkoutQuote` priced the same input at `occurredAt` (the program version,
 * promotion windows, coupon validity and earning rules of that instant: a
 * till syncing offline purchases later gets what it promised; promotions,
 * coupons, points as payment; a line's `discount` is only what was taken off
 * outside Tessera), on what is true now: the balance of the locked account,
 * the coupons' usage and the accrual counters locked here. Then:
 * points as payment (`applyPointsPayment` for the quote's points), the
 * coupons the quote accepted, accrual on what each line pays in money
 * (`accruePurchase` with the stored counters, then their increments), the earned lot
 * (`earnPoints`), the activity bucket (money paid: the quote's tier basis)
 * and the tier (`evaluateTier`, with the ladder in force now), outbox
 * events. The same order id again with the same content replays the answer;
 * with other content it is IDEMPOTENCY_CONFLICT.
 */
export async function recordPurchase(
  ctx: ServiceContext,
  input: RecordPurchaseInput,
): Promise<RecordPurchaseResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const orderId = checkKey(input.orderId, 'orderId');
  const lines = normalizeInputLines(input.lines);
  callEngine(() => normalizeLines(lines as unknown as CartLineInput[]));
  const store = await resolveStore(ctx, caller, input.storeId);
  const payments: PurchasePayment[] = (input.payments ?? []).map((p) => ({
    method: p.method,
    amount: p.amount.toString(),
  }));
  const pointsToPay = input.pointsPayment?.points ?? null;
  const couponCodes = [
    ...new Set((input.couponCodes ?? []).map((c) => normalizeCouponCode(c) ?? c)),
  ];
  if (couponCodes.length > MAX_QUOTE_CODES) {
    throw badInput('couponCodes', 'TOO_MANY_CODES', `At most ${MAX_QUOTE_CODES} codes`);
  }
  let storedValueToPay = new Decimal(0);
  for (const [i, p] of payments.entries()) {
    if (p.method !== STORED_VALUE_METHOD) continue;
    const amount = new Decimal(p.amount);
    if (!amount.isFinite() || amount.lte(0)) {
      throw badInput(`payments.${i}.amount`, 'INVALID_AMOUNT', 'amount must be positive');
    }
    storedValueToPay = storedValueToPay.plus(amount);
  }
  const request = {
    memberId: input.memberId,
    orderId,
    storeId: store?.id ?? null,
    channel: input.channel,
    occurredAt: input.occurredAt.toISOString(),
    currency: input.currency,
    lines,
    payments,
    pointsPayment: pointsToPay?.toString() ?? null,
    ...(couponCodes.length > 0 ? { couponCodes } : {}),
  };
  const requestHash = sha256Hex(canonicalJson(request));
  return idempotent(
    ctx,
    caller,
    { operation: 'recordPurchase', key: input.idempotencyKey, input: request },
    async (tx) => {
      const now = ctx.clock.now();
      // Refused before anything is read (as the engine refuses it): a purchase dated after
      // now would otherwise be priced by a version or promotion not yet in force.
      if (input.occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
        throw badInput('purchase.occurredAt', 'in_future', 'Dated after `now`');
      }
      // Two versions: `pricing`, in force when the purchase happened, prices it (promotions,
      // coupon templates, points payment terms, earning rules: what the till promised);
      // `program`, in force now, keeps the account, the tier ladder and the stored rows.
      const { pricing, current } = await cachedPurchasePrograms(
        tx,
        caller.programId,
        input.occurredAt,
        now,
      );
      const { program, version } = current;
      for (const p of [program, pricing.program]) {
        if (input.currency !== p.currency) {
          throw badInput('currency', 'WRONG_CURRENCY', `This program records ${p.currency}`);
        }
      }
      const scale = scales(program);
      const member = await loadMemberFor(tx, caller, input.memberId);
      const row = await lockPoints(tx, caller.programId, member.id, now);
      // The account and a purchase already recorded under this order id, read after the lock.
      const loaded = await loadPoints(tx, program, row, now, {
        entryIds: [`${program.id}:redeem:${orderId}`, `${program.id}:earn:${orderId}`],
        purchaseOrderId: orderId,
      });
      const existing = loaded.purchase;
      if (existing) {
        return replayRecorded<RecordPurchaseResult>(
          existing,
          requestHash,
          `Order ${existing.orderId}`,
        );
      }
      // Stored value: locked after the points account (the return flow's order too).
      const svArgs: StoredValueTxArgs = {
        caller,
        member,
        currency: program.currency as CurrencyCode,
        programVersion: version,
        now,
      };
      const svAccount = storedValueToPay.gt(0) ? await lockStoredValue(tx, svArgs) : null;
      if (svAccount && new Decimal(svAccount.balance).lt(storedValueToPay)) {
        return refusedPurchase(
          storedValueRefusal({
            code: 'INSUFFICIENT_FUNDS',
            available: new Decimal(svAccount.balance).toFixed(scale.money),
            requested: storedValueToPay.toFixed(scale.money),
          }),
        );
      }

      const nowIso = new Date(loaded.nowMs);
      let account: PointsAccount = loaded.account;
      const posted = [];
      // Priced as `checkoutQuote` priced the same cart at the till: the engine's `quote` as of
      // `occurredAt` with the version then in force (promotions' windows, coupon validity and
      // limit windows, earning rules), on what is true now: the coupons' usage and the
      // counters locked here, the points balance of the locked account.
      const locked = await lockOrderCoupons(tx, {
        programId: caller.programId,
        program: pricing.program,
        codes: couponCodes,
        member,
        storeCode: store?.code ?? null,
        orderId,
        now,
        asOf: input.occurredAt,
      });
      const counters = await loadPurchaseCounters(tx, pricing.program, member.id, input.occurredAt);
      const priced = callEngine(() =>
        quote(pricing.program, {
          lines: lines as unknown as CartLineInput[],
          member: quoteMemberSnapshot(member),
          storeId: store?.code ?? null,
          channel: input.channel as Channel,
          now: input.occurredAt.toISOString(),
          couponCodes,
          coupons: locked.instances,
          availablePoints: balanceOf(program, account, nowIso).available,
          ...(pointsToPay ? { pointsToSpend: pointsToPay } : {}),
          orderId,
          accrualCounters: counters,
        }),
      );
      // Coupons, all or none: a refused code refuses the purchase before anything is written.
      const refusedCoupon = priced.coupons.find((r) => !r.valid);
      if (refusedCoupon) {
        const results = priced.coupons.map((r) => couponResultDto(r, scale.money));
        const refused = results.find((r) => r.couponCode === refusedCoupon.couponCode)!;
        return refusedPurchase(
          {
            code: refused.reasonCode ?? 'COUPON_REFUSED',
            message: refused.message ?? 'coupon refused',
            details: { couponCode: refused.couponCode, ...(refused.reason ?? {}) },
          },
          results,
        );
      }
      if (priced.pointsPayment.refusal) {
        return refusedPurchase(refusalOf(priced.pointsPayment.refusal));
      }
      const orderAmount = priced.totals.afterDiscounts;
      let pointsPaid = new Decimal(0);
      if (priced.pointsPayment.points.gt(0)) {
        const points = priced.pointsPayment.points;
        // The payment terms that priced the order (it must agree with the quote), on the
        // current balance.
        const payment = callEngine(() =>
          applyPointsPayment(
            pricing.program,
            account,
            {
              key: orderId,
              orderId,
              points,
              // The amount the quote bounds the payment by (`quotePointsPayment`).
              orderAmount: round(orderAmount, scale.money, 'FLOOR'),
            },
            nowIso,
          ),
        );
        if (!payment.ok) return refusedPurchase(refusalOf(payment.reason));
        if (!payment.value.eq(priced.totals.pointsPayment)) {
          throw new Error('points payment differs from its quote');
        }
        account = payment.account;
        posted.push(...payment.entries);
        pointsPaid = points;
        payments.push({
          method: 'points',
          amount: payment.value.toString(),
          points: points.toString(),
        });
      }
      const redeemed = await persistOrderRedemptions(
        tx,
        {
          programId: caller.programId,
          program: pricing.program,
          actor: caller.credential,
          member,
          orderId,
          now,
        },
        locked,
        priced,
      );
      const coupons: CouponResultDto[] = [...redeemed.results];
      // Points are earned on what each line pays in money (the quote's `payable`).
      const paid = Object.fromEntries(priced.lines.map((l) => [l.lineId, l.payable.toString()]));
      const pricedLines = recordedLines(lines, priced);
      let storedValue: RecordPurchaseResult['storedValue'] = null;
      if (svAccount) {
        const sv = await payStoredValueInTx(
          tx,
          svArgs,
          svAccount,
          storedValueToPay,
          `purchase:${orderId}`,
          orderId,
        );
        if (!sv.entry) throw new Error('stored value changed under its lock');
        for (const p of payments) if (p.method === STORED_VALUE_METHOD) p.entryId = sv.entry.id;
        storedValue = {
          paid: storedValueToPay.toFixed(scale.money),
          balance: new Decimal(sv.entry.balanceAfter).toFixed(scale.money),
        };
      }
      // The quote's earning is the promise; `accruePurchase` (the same accrual on the same
      // basis, as of `occurredAt`) also gives the counter increments and the rule trace that
      // are stored, and must agree with it.
      const accrual = callEngine(() =>
        accruePurchase(pricing.program, {
          purchase: {
            orderId,
            occurredAt: input.occurredAt,
            storeId: store?.code ?? null,
            channel: input.channel as 'store',
            currency: input.currency,
            lines: lines as unknown as CartLineInput[],
          },
          member: memberSnapshot(member),
          counters,
          now: nowIso,
          paid,
        }),
      );
      if (!accrual.total.eq(priced.earning?.points ?? 0)) {
        throw new Error('points earned differ from their quote');
      }
      if (accrual.total.gt(0) && orderAmount.gt(0)) {
        // The earned lot's pending period and expiry: the version that priced the purchase.
        const earned = callEngine(() =>
          earnPoints(
            pricing.program,
            account,
            { key: orderId, orderId, points: accrual.total, orderAmount },
            nowIso,
          ),
        );
        if (!earned.ok)
          throw new AppError('IDEMPOTENCY_CONFLICT', `Order ${orderId} was already earned on`);
        account = earned.account;
        posted.push(...earned.entries);
      }
      const entryRows = persistPoints(tx, loaded, account, posted, caller.credential, now);
      const localDate = localDateOf(input.occurredAt.getTime(), program.timeZone);
      // Qualifying spend is money paid (docs/engine/quote.md), the basis of points and the
      // quote's tier progress: after discounts and after the points paid.
      const activityDelta = {
        spend: priced.totals.payable.toString(),
        points: accrual.total.toString(),
        orders: 1,
        visits: 1,
      };
      // With a tier ladder, the bucket is added and the buckets read back in one statement.
      let activity: Awaited<ReturnType<typeof addAndLoadActivity>> | undefined;
      if (hasTiers(program, member)) {
        activity = await addAndLoadActivity(
          tx,
          caller.programId,
          member.id,
          localDate,
          activityDelta,
        );
      } else {
        await addActivity(tx, caller.programId, member.id, localDate, activityDelta);
      }
      const tier = await evaluateMemberTier(
        tx,
        program,
        member,
        {
          kind: 'purchase',
          id: orderId,
          at: new Date(Math.min(input.occurredAt.getTime(), loaded.nowMs)),
        },
        'purchase',
        caller.credential,
        nowIso,
        { activity, deferSchedule: true },
      );
      const purchase = tx.create(Purchase, {
        id: uuidv7(now),
        programId: caller.programId,
        memberId: member.id,
        orderId,
        storeId: store?.id ?? null,
        storeCode: store?.code ?? null,
        channel: input.channel,
        occurredAt: input.occurredAt,
        localDate,
        currency: input.currency,
        lines: pricedLines,
        payments,
        categories: [...new Set(lines.flatMap((l) => l.categories))],
        amount: orderAmount.toFixed(4),
        returnedAmount: '0',
        promotionDiscount: priced.totals.promotionDiscount.toFixed(4),
        couponDiscount: priced.totals.couponDiscount.toFixed(4),
        promotions: priced.promotions.applied.map(
          (a) => JSON.parse(JSON.stringify(a)) as Record<string, unknown>,
        ),
        pointsEarned: accrual.total.toFixed(4),
        pointsPaid: pointsPaid.toFixed(4),
        accrual: {
          total: accrual.total.toString(),
          awards: JSON.parse(JSON.stringify(accrual.awards)),
          trace: JSON.parse(JSON.stringify(accrual.trace)),
        },
        requestHash,
        answer: null,
        programVersion: pricing.version,
        createdAt: now,
        actor: caller.credential,
      });
      recordEvent(
        tx,
        caller.programId,
        'purchase.recorded',
        member.id,
        { purchaseId: purchase.id, orderId, amount: orderAmount.toString() },
        now,
      );
      if (accrual.total.gt(0)) {
        recordEvent(
          tx,
          caller.programId,
          'points.earned',
          member.id,
          { orderId, points: accrual.total.toString() },
          now,
        );
      }
      if (pointsPaid.gt(0)) {
        recordEvent(
          tx,
          caller.programId,
          'points.redeemed',
          member.id,
          { orderId, points: pointsPaid.toString(), asPayment: true },
          now,
        );
      }
      const result: RecordPurchaseResult = {
        outcome: 'APPLIED',
        refusal: null,
        purchase: toPurchaseDto(purchase, scale.money, scale.points),
        entries: entryRows.map((e) => toPointsEntryDto(e, scale.points)),
        balance: toBalanceDto(balanceOf(program, account, nowIso), scale.points),
        tier,
        coupons,
        storedValue,
      };
      purchase.answer = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
      // One flush: the purchase with its answer, lots, entries, account, outbox, tier state.
      try {
        await tx.flush();
      } catch (e) {
        if (e instanceof UniqueConstraintViolationException) {
          throw new AppError('IDEMPOTENCY_CONFLICT', `Order ${orderId} was already recorded`);
        }
        throw e;
      }
      // Deferred to the claim's completing statement, the transaction's last: program-wide
      // counter rows stay locked only until the commit, with no round trip of their own.
      await applyCounterIncrements(tx, caller.programId, member.id, accrual.increments, true);
      return result;
    },
  );
}

/**
 * The stored answer of a purchase or return recorded earlier under the same
 * order or return id: the same content replays it, other content is an
 * IDEMPOTENCY_CONFLICT.
 */
function replayRecorded<T>(
  existing: { readonly requestHash: string; readonly answer?: unknown },
  requestHash: string,
  what: string,
): T {
  if (existing.requestHash !== requestHash || !existing.answer) {
    throw new AppError('IDEMPOTENCY_CONFLICT', `${what} was recorded with different content`);
  }
  return existing.answer as T;
}

/** Input of `recordReturn`. */
export interface RecordReturnInput {
  /** The original purchase, by the caller's order id. */
  readonly orderId: string;
  /** The caller's return id: a return is recorded once per program. */
  readonly returnId: string;
  /** Money returned; default: everything not returned yet (a full return). */
  readonly amount?: Decimal | null;
  /** Returned lines, informational. */
  readonly lines?: readonly { readonly lineId: string; readonly quantity: Decimal }[] | null;
  readonly occurredAt?: Date | null;
  readonly idempotencyKey: string;
}

/** Answer of `recordReturn`. */
export interface RecordReturnResult {
  readonly outcome: 'APPLIED' | 'REFUSED';
  readonly refusal: RefusalDto | null;
  readonly returnId: string;
  readonly purchase: PurchaseDto | null;
  readonly amount: string;
  readonly pointsClawedBack: string;
  /** Points paid on the order given back in proportion (an adjustment keyed by the return id). */
  readonly pointsRefunded: string;
  /** Stored value paid on the order refunded in proportion. */
  readonly storedValueRefunded: string;
  /** The coupon redemptions of the order rolled back by this return. */
  readonly coupons: RollbackDto[];
  readonly entries: PointsEntryDto[];
  readonly balance: PointsBalanceDto | null;
  readonly tier: TierOutcomeDto | null;
}

/** `part` of `total` in proportion to `amount / of`, rounded, never above `left`. */
function proportional(
  total: Decimal,
  amount: Decimal,
  of: Decimal,
  left: Decimal,
  scale: number,
  mode: Parameters<typeof round>[2],
): Decimal {
  if (of.lte(0)) return left;
  const share = round(total.times(amount).div(of), scale, mode);
  return share.gt(left) ? left : share;
}

/**
 * The qualifying spend a return of `amount` takes back (the engine's
 * `returnedSpend`): the purchase added the money paid, its amount minus the
 * points payment's value.
 */
function spendReturnedBy(purchase: Purchase, amount: Decimal, program: EngineProgram): Decimal {
  const orderAmount = new Decimal(purchase.amount);
  const byPoints = purchase.payments
    .filter((p) => p.method === 'points')
    .reduce((sum, p) => sum.plus(p.amount), new Decimal(0));
  return returnedSpend(program, {
    orderAmount,
    moneyPaid: orderAmount.minus(byPoints),
    returnedBefore: new Decimal(purchase.returnedAmount),
    returned: amount,
  });
}

/**
 * Admin, store: a full or partial return of a recorded purchase (T2),
 * idempotent on the return id: `clawBackReturn` takes back points in
 * proportion, the activity bucket of the purchase's day is reduced (by the
 * money paid in proportion, `spendReturnedBy`) and the tier evaluated with a
 * return event.
 */
export async function recordReturn(
  ctx: ServiceContext,
  input: RecordReturnInput,
): Promise<RecordReturnResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const orderId = checkKey(input.orderId, 'orderId');
  const returnId = checkKey(input.returnId, 'returnId');
  // As the engine refuses purchases: a return dated after now (beyond the clock skew) is refused.
  if (
    input.occurredAt &&
    input.occurredAt.getTime() > ctx.clock.now().getTime() + MAX_CLOCK_SKEW_MS
  ) {
    throw badInput('occurredAt', 'in_future', 'A return cannot be dated after now');
  }
  const request = {
    orderId,
    returnId,
    amount: input.amount?.toString() ?? null,
    lines: (input.lines ?? []).map((l) => ({ lineId: l.lineId, quantity: l.quantity.toString() })),
    occurredAt: input.occurredAt?.toISOString() ?? null,
  };
  const requestHash = sha256Hex(canonicalJson(request));
  return idempotent(
    ctx,
    caller,
    { operation: 'recordReturn', key: input.idempotencyKey, input: request },
    async (tx) => {
      const now = ctx.clock.now();
      const { program, version } = await cachedProgramAt(tx, caller.programId, now);
      const scale = scales(program);
      const found = await tx.findOne(Purchase, { programId: caller.programId, orderId });
      if (!found) throw notFound('Purchase');
      const member = await loadOwnerFor(tx, caller, found.memberId, 'Purchase');
      const row = await lockPoints(tx, caller.programId, member.id, now);
      const purchase = await tx.findOneOrFail(Purchase, { id: found.id }, { refresh: true });
      const existing = await tx.findOne(PurchaseReturn, { programId: caller.programId, returnId });
      if (existing) {
        return replayRecorded<RecordReturnResult>(
          existing,
          requestHash,
          `Return ${existing.returnId}`,
        );
      }
      const remaining = new Decimal(purchase.amount).minus(purchase.returnedAmount);
      if (!input.amount && remaining.lte(0)) {
        // A full return of an order already returned in full: nothing is left, a result like any excess.
        return refusedReturn(returnId, {
          code: 'RETURN_EXCEEDS_ORDER',
          orderId,
          orderAmount: new Decimal(purchase.amount),
          returnedToDate: new Decimal(purchase.returnedAmount),
          requested: remaining,
        });
      }
      const amount = input.amount ?? remaining;
      if (!amount.isFinite() || amount.lte(0) || amount.decimalPlaces() > scale.money) {
        throw badInput(
          'amount',
          'INVALID_AMOUNT',
          'amount must be positive, in the currency minor unit',
        );
      }
      const refundKey = `return-refund:${sha256Hex(returnId).slice(0, 40)}`;
      const loaded = await loadPoints(tx, program, row, now, {
        entryIds: [`${program.id}:clawback:${returnId}`, `${program.id}:adjust:${refundKey}`],
        orderId,
      });
      const nowIso = new Date(loaded.nowMs);
      let account = loaded.account;
      let posted: PointsAccount['entries'] = [];
      let clawed = new Decimal(0);
      if (new Decimal(purchase.pointsEarned).gt(0)) {
        const result = callEngine(() =>
          clawBackReturn(program, account, { returnId, orderId, returnedAmount: amount }, nowIso),
        );
        if (!result.ok) return refusedReturn(returnId, result.reason);
        account = result.account;
        posted = result.entries;
        clawed = result.entries.find((e) => e.kind === 'clawback')?.amount ?? clawed;
      } else if (amount.gt(remaining)) {
        return refusedReturn(returnId, {
          code: 'RETURN_EXCEEDS_ORDER',
          orderId,
          orderAmount: new Decimal(purchase.amount),
          returnedToDate: new Decimal(purchase.returnedAmount),
          requested: amount,
        });
      }
      const full = amount.eq(remaining);
      const orderAmount = new Decimal(purchase.amount);
      // Points paid on the order: given back in proportion (the rest on the last return).
      let pointsRefunded = new Decimal(0);
      const pointsPaid = new Decimal(purchase.pointsPaid);
      if (pointsPaid.gt(0)) {
        const earlier = await tx.find(PurchaseReturn, { purchaseId: purchase.id });
        const before = earlier.reduce(
          (sum, r) =>
            sum.plus(String((r.answer as { pointsRefunded?: string } | null)?.pointsRefunded ?? 0)),
          new Decimal(0),
        );
        const left = pointsPaid.minus(before);
        const share = full
          ? left
          : proportional(
              pointsPaid,
              amount,
              orderAmount,
              left,
              scale.points,
              program.rounding.points.mode,
            );
        if (share.gt(0)) {
          const adjusted = callEngine(() =>
            adjustPoints(
              program,
              account,
              {
                key: refundKey,
                points: share,
                reason: `Points payment given back: return ${returnId} of order ${orderId}`,
                operator: caller.credential,
              },
              nowIso,
            ),
          );
          if (!adjusted.ok) return refusedReturn(returnId, adjusted.reason);
          account = adjusted.account;
          posted = [...posted, ...adjusted.entries];
          pointsRefunded = share;
        }
      }
      const entryRows = persistPoints(tx, loaded, account, posted, caller.credential, now);
      // Coupons: the returned lines (everything left on the last return); a partial
      // return by amount alone names no lines and leaves the redemptions as they are.
      const returnedLines = full
        ? ('all' as const)
        : (input.lines ?? []).length > 0
          ? (input.lines ?? []).map((l) => ({ lineId: l.lineId, quantity: l.quantity }))
          : null;
      const couponRollbacks = returnedLines
        ? await rollbackCouponsForOrder(tx, {
            programId: caller.programId,
            program,
            orderId,
            returned: returnedLines,
            now,
          })
        : [];
      // Stored value paid on the order: refunded in proportion (the rest on the last return).
      let storedValueRefunded = new Decimal(0);
      const svPayments = purchase.payments.filter(
        (p) => p.method === STORED_VALUE_METHOD && p.entryId,
      );
      const svEntryId = svPayments[0]?.entryId;
      if (svEntryId) {
        const svPaid = svPayments.reduce((sum, p) => sum.plus(p.amount), new Decimal(0));
        const svArgs: StoredValueTxArgs = {
          caller,
          member,
          currency: program.currency as CurrencyCode,
          programVersion: version,
          now,
        };
        const svAccount = await lockStoredValue(tx, svArgs);
        const left = svPaid.minus(await refundedOf(tx, caller.programId, svEntryId));
        const share = full
          ? left
          : proportional(
              svPaid,
              amount,
              orderAmount,
              left,
              scale.money,
              program.rounding.money.mode,
            );
        if (share.gt(0)) {
          const sv = await refundStoredValueInTx(
            tx,
            svArgs,
            svAccount,
            svEntryId,
            share,
            `return:${returnId}`,
            returnId,
          );
          if (!sv.entry) throw new Error('stored value refund refused under its lock');
          storedValueRefunded = share;
        }
      }
      const spendReturned = spendReturnedBy(purchase, amount, program);
      purchase.returnedAmount = new Decimal(purchase.returnedAmount).plus(amount).toFixed(4);
      const ret = tx.create(PurchaseReturn, {
        id: uuidv7(now),
        programId: caller.programId,
        purchaseId: purchase.id,
        memberId: member.id,
        returnId,
        amount: amount.toFixed(4),
        lines: request.lines,
        pointsClawedBack: clawed.toFixed(4),
        occurredAt: input.occurredAt ?? now,
        createdAt: now,
        actor: caller.credential,
        requestHash,
        answer: null,
      });
      await tx.flush();
      await addActivity(tx, caller.programId, member.id, purchase.localDate, {
        spend: spendReturned.negated().toString(),
        points: clawed.negated().toString(),
        orders: full ? -1 : 0,
        visits: 0,
      });
      const tier = await evaluateMemberTier(
        tx,
        program,
        member,
        { kind: 'return', id: returnId, returnOf: orderId },
        'return',
        caller.credential,
        nowIso,
      );
      recordEvent(
        tx,
        caller.programId,
        'purchase.returned',
        member.id,
        { orderId, returnId, amount: amount.toString(), pointsClawedBack: clawed.toString() },
        now,
      );
      if (clawed.gt(0)) {
        recordEvent(
          tx,
          caller.programId,
          'points.clawedBack',
          member.id,
          { orderId, returnId, points: clawed.toString() },
          now,
        );
      }
      const result: RecordReturnResult = {
        outcome: 'APPLIED',
        refusal: null,
        returnId,
        purchase: toPurchaseDto(purchase, scale.money, scale.points),
        amount: amount.toFixed(scale.money),
        pointsClawedBack: clawed.toFixed(scale.points),
        pointsRefunded: pointsRefunded.toFixed(scale.points),
        storedValueRefunded: storedValueRefunded.toFixed(scale.money),
        coupons: couponRollbacks,
        entries: entryRows.map((e) => toPointsEntryDto(e, scale.points)),
        balance: toBalanceDto(balanceOf(program, account, nowIso), scale.points),
        tier,
      };
      ret.answer = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
      try {
        await tx.flush();
      } catch (e) {
        if (e instanceof UniqueConstraintViolationException) {
          throw new AppError('IDEMPOTENCY_CONFLICT', `Return ${returnId} was already recorded`);
        }
        throw e;
      }
      return result;
    },
  );
}

function refusedReturn(returnId: string, reason: LedgerReason): RecordReturnResult {
  return {
    outcome: 'REFUSED',
    refusal: refusalOf(reason),
    returnId,
    purchase: null,
    amount: '0',
    pointsClawedBack: '0',
    pointsRefunded: '0',
    storedValueRefunded: '0',
    coupons: [],
    entries: [],
    balance: null,
    tier: null,
  };
}

/** Filters of the purchase history (T3). */
export interface PurchaseFilter {
  readonly memberId?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly storeId?: string | null;
  readonly channel?: string | null;
  readonly category?: string | null;
}

/** Admin, store, member (own): purchases, newest first, with filters. */
export async function listPurchases(
  ctx: ServiceContext,
  filter: PurchaseFilter,
  args: PageArgs,
): Promise<Page<PurchaseDto>> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const memberId = caller.kind === 'member' ? caller.memberId : (filter.memberId ?? null);
  if (caller.kind === 'member' && filter.memberId && filter.memberId !== caller.memberId) {
    throw notFound('Member');
  }
  if (memberId) await loadMemberFor(ctx.em, caller, memberId);
  const limit = pageSize(args);
  const where: Record<string, unknown> = { programId: caller.programId };
  if (memberId) where.memberId = memberId;
  if (filter.storeId) {
    if (!isUuid(filter.storeId)) return { items: [], cursors: [], hasNextPage: false };
    where.storeId = filter.storeId;
  }
  if (filter.channel) where.channel = filter.channel;
  if (filter.category) where.categories = { $contains: [filter.category] };
  const range: Record<string, Date> = {};
  if (filter.from) range.$gte = filter.from;
  if (filter.to) range.$lt = filter.to;
  const and: Record<string, unknown>[] = [];
  if (Object.keys(range).length > 0) and.push({ occurredAt: range });
  if (args.after) {
    const [at, id] = decodeCursor(args.after, 2) as [string, string];
    const atDate = new Date(at);
    if (Number.isNaN(atDate.getTime())) throw badInput('after', 'INVALID_CURSOR', 'Unknown cursor');
    and.push({ $or: [{ occurredAt: { $lt: atDate } }, { occurredAt: atDate, id: { $lt: id } }] });
  }
  if (and.length > 0) where.$and = and;
  const rows = await ctx.em.find(Purchase, where, {
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    limit: limit + 1,
  });
  const { program } = await cachedProgramAt(ctx.em, caller.programId, ctx.clock.now());
  const scale = scales(program);
  const page = toPage(rows, limit, (p) => [p.occurredAt.toISOString(), p.id]);
  return { ...page, items: page.items.map((p) => toPurchaseDto(p, scale.money, scale.points)) };
}

/** Admin, store, member (own): one purchase by order id. */
export async function getPurchase(ctx: ServiceContext, orderId: string): Promise<PurchaseDto> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const p = await ctx.em.findOne(Purchase, { programId: caller.programId, orderId });
  if (!p || (caller.kind === 'member' && p.memberId !== caller.memberId))
    throw notFound('Purchase');
  const { program } = await cachedProgramAt(ctx.em, caller.programId, ctx.clock.now());
  const scale = scales(program);
  return toPurchaseDto(p, scale.money, scale.points);
}

export type { Em };
