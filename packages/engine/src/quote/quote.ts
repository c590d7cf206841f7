import { accrueNormalizedPurchase } from '../accrual/index.js';
import { invariant } from '../internal/assert.js';
import { normalizeLines, sortedById } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { normalizeMember } from '../model/member.js';
import { allocate } from '../money/allocate.js';
import { type CurrencyCode, minorUnits } from '../money/currency.js';
import {
  add,
  compare,
  type Decimal,
  formatDecimal,
  formatFixed,
  subtract,
  sum,
  ZERO,
} from '../money/decimal.js';
import { round } from '../money/rounding.js';
import type { Program } from '../program/schema.js';
import { applyPromotions } from '../promotions/index.js';
import { toEpochMs, toIso } from '../time/index.js';
import { applyCoupons } from './applyCoupons.js';
import { quotePointsPayment } from './quotePointsPayment.js';
import { quoteTier } from './quoteTier.js';
import type { DiscountSource, Quote, QuoteInput, QuoteLine, QuoteTraceEntry } from './types.js';

/**
 * The checkout quote (D9): one pure function answering, for this member and
 * cart at `now`, what they pay, what they save and why.
 *
 * 1. Promotions (`applyPromotions`): stacking, groups, exact allocation.
 * 2. Coupons (`applyCoupons`), on what promotions left, most valuable first.
 * 3. Points as payment on the amount after discounts (the ledger's limits),
 *    allocated over the lines in proportion to their totals.
 * 4. Points earned on what is paid in money, tier progress after the purchase.
 *
 * Same input, same output, whatever the order of lines, promotions or codes.
 * No state changes: the caller persists coupon redemptions and payments.
 */
export function quote(program: Program, input: QuoteInput): Quote {
  const nowMs = toEpochMs(input.now);
  const lines = sortedById(normalizeLines(input.lines));
  const member = input.member ? normalizeMember(input.member) : null;
  const ctx = new EvalContext(
    nowMs,
    program.timeZone,
    input.storeId ?? null,
    input.channel ?? null,
    member,
  );
  const money = {
    scale: minorUnits(program.currency as CurrencyCode),
    mode: program.rounding.money.mode,
  };
  const trace: QuoteTraceEntry[] = [];

  const promo = applyPromotions(program, { lines, ctx });
  for (const t of promo.trace)
    trace.push({ step: 'promotions', subject: t.promotionId, message: `${t.event}: ${t.message}` });
  // Promotions return their lines in canonical order (by id): the order of `lines`.
  const afterPromotions = new Map<string, Decimal>();
  for (let i = 0; i < lines.length; i++) {
    const p = promo.lines[i]!;
    invariant(p.lineId === lines[i]!.id, 'quote: promotion lines out of order');
    afterPromotions.set(p.lineId, p.total);
  }
  const exclusiveIds = exclusivePromotionIds(program);
  let exclusivePromotionId: string | null = null;
  const appliedPromotionIds: string[] = [];
  for (const a of promo.applied) {
    if (exclusivePromotionId === null && exclusiveIds.has(a.promotionId))
      exclusivePromotionId = a.promotionId;
    appliedPromotionIds.push(a.promotionId);
  }
  const coupons = applyCoupons({
    program,
    ctx,
    lines,
    afterPromotions,
    appliedPromotionIds: appliedPromotionIds.sort(),
    exclusivePromotionId,
    codes: input.couponCodes ?? [],
    instances: input.coupons ?? [],
    money,
  });
  let couponDiscount: Decimal = ZERO;
  let freeShipping = promo.freeShipping;
  const gifts = [...promo.gifts];
  const entitlements: Quote['entitlements'][number][] = [];
  for (const r of coupons.results) {
    if (!r.valid) {
      trace.push({
        step: 'coupons',
        subject: r.couponCode,
        message: `REFUSED: ${r.reason.code}: ${r.message}`,
      });
      continue;
    }
    trace.push({
      step: 'coupons',
      subject: r.couponCode,
      message: `APPLIED: ${r.templateId}, discount ${formatFixed(r.discount, money.scale)} over ${r.lines.length} line(s)${r.budgetCapped ? ` (budget ${r.budgetCapped.limitId} capped it from ${formatFixed(r.budgetCapped.uncapped, money.scale)})` : ''}`,
    });
    couponDiscount = add(couponDiscount, r.discount);
    freeShipping ||= r.freeShipping;
    if (r.gift)
      gifts.push({
        promotionId: `coupon:${r.couponCode}`,
        sku: r.gift.sku,
        quantity: r.gift.quantity,
        unitValue: r.gift.value.div(r.gift.quantity),
        value: r.gift.value,
      });
    if (r.entitlement) entitlements.push({ couponCode: r.couponCode, ...r.entitlement });
  }

  const couponParts = new Map<string, { source: DiscountSource; amount: Decimal }[]>();
  for (const code of coupons.appliedOrder) {
    const r = coupons.results.find((x) => x.couponCode === code);
    if (!r?.valid) continue;
    const source: DiscountSource = { kind: 'coupon', couponCode: code };
    for (const p of r.lines) {
      const part = { source, amount: p.amount };
      const list = couponParts.get(p.lineId);
      if (list) list.push(part);
      else couponParts.set(p.lineId, [part]);
    }
  }
  const remaining = lines.map((l) => coupons.remaining.get(l.id)!);
  const afterDiscounts = sum(remaining);
  const payment = quotePointsPayment(
    program,
    round(afterDiscounts, money.scale, 'FLOOR'),
    member ? (input.availablePoints ?? 0) : 0,
    input.pointsToSpend,
  );
  trace.push({
    step: 'points_payment',
    subject: null,
    message: `max ${formatDecimal(payment.maxPoints)} points (${formatFixed(payment.maxValue, money.scale)}, bound by ${payment.boundBy})${payment.requested.isZero() ? '' : payment.refusal ? `; ${formatDecimal(payment.requested)} refused: ${payment.refusal.code}` : `; paying ${formatDecimal(payment.points)} points = ${formatFixed(payment.value, money.scale)}`}`,
  });
  const pointsShares = payment.value.isZero()
    ? null
    : allocate(payment.value, remaining, money.scale);

  const quoteLines: QuoteLine[] = [];
  const promotionSources = new Map<string, DiscountSource>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const discounts: { source: DiscountSource; amount: Decimal }[] = [];
    const amounts: Decimal[] = [];
    for (const d of promo.lines[i]!.discounts) {
      discounts.push({
        source: promotionSource(promotionSources, d.promotionId),
        amount: d.amount,
      });
      amounts.push(d.amount);
    }
    for (const part of couponParts.get(line.id) ?? NO_PARTS) {
      discounts.push(part);
      amounts.push(part.amount);
    }
    const discount = sum(amounts);
    const total = subtract(line.net, discount);
    invariant(compare(total, remaining[i]!) === 0, 'quote: line discounts do not add up');
    const paidWithPoints = pointsShares ? pointsShares[i]! : ZERO;
    const payable = subtract(total, paidWithPoints);
    invariant(!payable.isNegative(), 'quote: negative line payable');
    quoteLines.push({
      lineId: line.id,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      subtotal: line.net,
      discounts,
      discount,
      total,
      paidWithPoints,
      payable,
    });
  }

  let earning: Quote['earning'] = null;
  let tier: Quote['tier'] = null;
  if (member) {
    const basis: { lineId: string; amount: Decimal }[] = [];
    const payables: Decimal[] = [];
    const paidByLine = new Map<string, Decimal>();
    for (const l of quoteLines) {
      basis.push({ lineId: l.lineId, amount: l.payable });
      payables.push(l.payable);
      paidByLine.set(l.lineId, l.payable);
    }
    const paid = sum(payables);
    const accrual = accrueNormalizedPurchase(program, {
      orderId: input.orderId ?? 'quote',
      occurredAtMs: nowMs,
      storeId: ctx.storeId,
      channel: ctx.channel,
      lines,
      member,
      counters: input.accrualCounters,
      paid: paidByLine,
    });
    earning = { points: accrual.total, basis, awards: accrual.awards };
    trace.push({
      step: 'earning',
      subject: null,
      message: `${formatDecimal(accrual.total)} points on ${formatFixed(paid, money.scale)} paid in money (${accrual.awards.length} award(s))`,
    });
    for (const t of accrual.trace) {
      trace.push({
        step: 'earning',
        subject: t.ruleId,
        message: t.fired
          ? `FIRED: ${formatDecimal(t.points)} point(s) (computed ${formatDecimal(t.computed)})${t.capped.length ? `, capped by ${t.capped.map((c) => c.code).join(', ')}` : ''}`
          : `MISSED: ${t.reason.code}`,
      });
    }
    if (input.tier)
      tier = quoteTier(
        program,
        input.tier,
        nowMs,
        input.orderId ?? 'quote',
        {
          spend: paid,
          points: accrual.total,
          orders: 1,
        },
        trace,
      );
  }

  const subtotal = sum(lines.map((l) => l.net));
  const discount = add(promo.totals.discount, couponDiscount);
  const payable = subtract(afterDiscounts, payment.value);
  invariant(
    compare(subtract(subtotal, discount), afterDiscounts) === 0,
    'quote: totals do not add up',
  );
  invariant(!payable.isNegative(), 'quote: negative total');
  return {
    programId: program.id,
    programVersion: program.version,
    currency: program.currency,
    asOf: toIso(nowMs),
    lines: quoteLines,
    promotions: { applied: promo.applied, skipped: promo.skipped },
    coupons: coupons.results,
    gifts,
    freeShipping,
    entitlements,
    totals: {
      subtotal,
      promotionDiscount: promo.totals.discount,
      couponDiscount,
      discount,
      afterDiscounts,
      pointsPayment: payment.value,
      payable,
      giftValue: sum(gifts.map((g) => g.value)),
    },
    pointsPayment: payment,
    earning,
    tier,
    trace,
  };
}

const NO_PARTS: readonly never[] = [];

/** One source object per promotion within a quote (they are equal values; sharing saves allocations). */
function promotionSource(
  sources: Map<string, DiscountSource>,
  promotionId: string,
): DiscountSource {
  let source = sources.get(promotionId);
  if (source === undefined) {
    source = { kind: 'promotion', promotionId };
    sources.set(promotionId, source);
  }
  return source;
}

const exclusiveCache = new WeakMap<Program['promotions'], ReadonlySet<string>>();

/** Ids of the program's exclusive promotions (indexed once per program object). */
function exclusivePromotionIds(program: Program): ReadonlySet<string> {
  let ids = exclusiveCache.get(program.promotions);
  if (ids === undefined) {
    ids = new Set(program.promotions.filter((p) => p.stacking.exclusive).map((p) => p.id));
    exclusiveCache.set(program.promotions, ids);
  }
  return ids;
}
