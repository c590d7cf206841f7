import { accrueNormalizedPurchase } from '../accrual/index.js';
import { invariant } from '../internal/assert.js';
import { normalizeLines } from '../model/cart.js';
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
  const lines = normalizeLines(input.lines).sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
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
  const afterPromotions = new Map(promo.lines.map((l) => [l.lineId, l.total]));
  const exclusive = promo.applied.find((a) =>
    program.promotions.some((p) => p.id === a.promotionId && p.stacking.exclusive),
  );
  const coupons = applyCoupons({
    program,
    ctx,
    lines,
    afterPromotions,
    appliedPromotionIds: promo.applied.map((a) => a.promotionId).sort(),
    exclusivePromotionId: exclusive?.promotionId ?? null,
    codes: input.couponCodes ?? [],
    instances: input.coupons ?? [],
    money,
  });
  for (const r of coupons.results) {
    trace.push({
      step: 'coupons',
      subject: r.couponCode,
      message: r.valid
        ? `APPLIED: ${r.templateId}, discount ${formatFixed(r.discount, money.scale)} over ${r.lines.length} line(s)${r.budgetCapped ? ` (budget ${r.budgetCapped.limitId} capped it from ${formatFixed(r.budgetCapped.uncapped, money.scale)})` : ''}`
        : `REFUSED: ${r.reason.code}: ${r.message}`,
    });
  }

  const couponParts = new Map<string, { source: DiscountSource; amount: Decimal }[]>();
  for (const code of coupons.appliedOrder) {
    const r = coupons.results.find((x) => x.couponCode === code);
    if (!r?.valid) continue;
    for (const p of r.lines) {
      const list = couponParts.get(p.lineId) ?? [];
      list.push({ source: { kind: 'coupon', couponCode: code }, amount: p.amount });
      couponParts.set(p.lineId, list);
    }
  }
  const afterDiscounts = sum(lines.map((l) => coupons.remaining.get(l.id)!));
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
    ? lines.map(() => ZERO)
    : allocate(
        payment.value,
        lines.map((l) => coupons.remaining.get(l.id)!),
        money.scale,
      );

  const promoById = new Map(promo.lines.map((l) => [l.lineId, l]));
  const quoteLines: QuoteLine[] = lines.map((line, i) => {
    const p = promoById.get(line.id)!;
    const discounts = [
      ...p.discounts.map((d) => ({
        source: { kind: 'promotion', promotionId: d.promotionId } as DiscountSource,
        amount: d.amount,
      })),
      ...(couponParts.get(line.id) ?? []),
    ];
    const discount = sum(discounts.map((d) => d.amount));
    const total = subtract(line.net, discount);
    invariant(
      compare(total, coupons.remaining.get(line.id)!) === 0,
      'quote: line discounts do not add up',
    );
    const paidWithPoints = pointsShares[i]!;
    const payable = subtract(total, paidWithPoints);
    invariant(!payable.isNegative(), 'quote: negative line payable');
    return {
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
    };
  });

  let earning: Quote['earning'] = null;
  let tier: Quote['tier'] = null;
  if (member) {
    const basis = quoteLines.map((l) => ({ lineId: l.lineId, amount: l.payable }));
    const paid = sum(basis.map((b) => b.amount));
    const accrual = accrueNormalizedPurchase(program, {
      orderId: input.orderId ?? 'quote',
      occurredAtMs: nowMs,
      storeId: ctx.storeId,
      channel: ctx.channel,
      lines,
      member,
      counters: input.accrualCounters,
      paid: new Map(basis.map((b) => [b.lineId, b.amount])),
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
  const couponDiscount = sum(coupons.results.map((r) => (r.valid ? r.discount : ZERO)));
  const discount = add(promo.totals.discount, couponDiscount);
  const payable = subtract(afterDiscounts, payment.value);
  invariant(
    compare(subtract(subtotal, discount), afterDiscounts) === 0,
    'quote: totals do not add up',
  );
  invariant(!payable.isNegative(), 'quote: negative total');
  const couponGifts = coupons.results.flatMap((r) =>
    r.valid && r.gift
      ? [
          {
            promotionId: `coupon:${r.couponCode}`,
            sku: r.gift.sku,
            quantity: r.gift.quantity,
            unitValue: r.gift.value.div(r.gift.quantity),
            value: r.gift.value,
          },
        ]
      : [],
  );
  const gifts = [...promo.gifts, ...couponGifts];
  return {
    programId: program.id,
    programVersion: program.version,
    currency: program.currency,
    asOf: toIso(nowMs),
    lines: quoteLines,
    promotions: { applied: promo.applied, skipped: promo.skipped },
    coupons: coupons.results,
    gifts,
    freeShipping: promo.freeShipping || coupons.results.some((r) => r.valid && r.freeShipping),
    entitlements: coupons.results.flatMap((r) =>
      r.valid && r.entitlement ? [{ couponCode: r.couponCode, ...r.entitlement }] : [],
    ),
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
