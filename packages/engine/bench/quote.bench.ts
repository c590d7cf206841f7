/**
 * Checkout quotes per second for a fixed fixture: a 10-line cart, 20
 * promotions (5 exclusive, 2 best-deal groups), 3 coupons, 20 earning rules
 * (5 spend thresholds, 10 category multipliers, 3 tier multipliers, 2
 * combined bonuses), a 4-tier ladder, points as payment and tier progress.
 * The baseline, measured in the same run, normalises the same cart and sums
 * its lines with decimals: the least any exact quote must do.
 */
import { availableParallelism, loadavg } from 'node:os';
import { accrueNormalizedPurchase } from '../src/accrual/index.js';
import {
  type CartLineInput,
  Decimal,
  defineProgram,
  normalizeLines,
  type Program,
  type QuoteInput,
  quote,
} from '../src/index.js';
import { sortedById } from '../src/model/cart.js';
import { EvalContext } from '../src/model/context.js';
import { normalizeMember } from '../src/model/member.js';
import { minorUnits } from '../src/money/currency.js';
import { applyPromotions } from '../src/promotions/index.js';
import { applyCoupons } from '../src/quote/applyCoupons.js';
import { quotePointsPayment } from '../src/quote/quotePointsPayment.js';
import { quoteTier } from '../src/quote/quoteTier.js';
import { toEpochMs } from '../src/time/index.js';

const CATEGORIES = [
  'tea',
  'ware',
  'snacks',
  'gifts',
  'books',
  'toys',
  'shoes',
  'bags',
  'hats',
  'socks',
];

/** The fixture program's JSON (before `defineProgram`). */
export function quoteBenchProgramInput(): Record<string, unknown> {
  const promotions: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    promotions.push({
      id: `excl-${i}`,
      name: `Exclusive ${i}`,
      priority: 100 + i,
      audience: { segments: [`vip-${i}`] },
      action: { kind: 'percent_off', percent: '30' },
      stacking: { exclusive: true },
    });
  }
  for (let g = 0; g < 2; g++) {
    for (let i = 0; i < 3; i++) {
      promotions.push({
        id: `best-${g}-${i}`,
        name: `Best deal ${g}.${i}`,
        priority: 50 - g,
        target: { categories: [CATEGORIES[g * 3 + i]!, CATEGORIES[g * 3 + i + 1]!] },
        action:
          i === 0
            ? { kind: 'percent_off', percent: String(5 + g * 5) }
            : i === 1
              ? { kind: 'amount_off', amount: String(8 + g) }
              : { kind: 'buy_x_get_y', buy: 2, get: 1, percent: '50' },
        stacking: { group: { id: `best-${g}`, mode: 'best_deal', maxApplied: 2 } },
      });
    }
  }
  for (let i = 0; i < 9; i++) {
    promotions.push({
      id: `promo-${i}`,
      name: `Promotion ${i}`,
      priority: i,
      target: { categories: [CATEGORIES[i]!] },
      requirements: i % 3 === 0 ? { minSpend: '30' } : undefined,
      window: i === 8 ? { weekdays: [6, 7] } : undefined,
      action:
        i % 2 === 0
          ? { kind: 'percent_off', percent: String(3 + i) }
          : { kind: 'spend_off', steps: [{ spend: '50', off: '5' }], repeat: true },
    });
  }
  const rules: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    rules.push({
      id: `threshold-${i}`,
      kind: 'spendThreshold',
      lines: i === 0 ? undefined : { categories: [CATEGORIES[i]!, CATEGORIES[i + 5]!] },
      steps: [
        { spend: String(50 * (i + 1)), points: String(10 * (i + 1)) },
        { spend: String(150 * (i + 1)), points: String(40 * (i + 1)) },
      ],
    });
  }
  for (let i = 0; i < 10; i++) {
    rules.push({
      id: `cat-${i}`,
      kind: 'multiplier',
      multiplier: 2 + (i % 3),
      lines: { categories: [CATEGORIES[i]!] },
    });
  }
  for (const [i, tier] of ['silver', 'gold', 'platinum'].entries()) {
    rules.push({
      id: `tier-${tier}`,
      kind: 'multiplier',
      multiplier: `1.${5 + i * 2}`,
      audience: { tiers: [tier] },
    });
  }
  rules.push({
    id: 'combo-tea-ware',
    kind: 'combined',
    points: 30,
    groups: [{ lines: { categories: ['tea'] } }, { lines: { categories: ['ware'] }, minSpend: 20 }],
  });
  rules.push({
    id: 'combo-shoes-socks',
    kind: 'combined',
    points: 20,
    groups: [
      { lines: { categories: ['shoes'] } },
      { lines: { categories: ['socks'] }, minQuantity: 2 },
    ],
  });
  return {
    id: 'bench-quote',
    version: 1,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    points: { payment: { enabled: true, maxShare: '0.3', step: 100 } },
    earning: { rules },
    tiers: {
      window: 'calendar_year',
      ladder: [
        { id: 'member', name: 'Member' },
        { id: 'silver', name: 'Silver', entry: { spend: '1000' } },
        { id: 'gold', name: 'Gold', entry: { spend: '5000' } },
        { id: 'platinum', name: 'Platinum', entry: { spend: '20000' } },
      ],
    },
    promotions,
    couponTemplates: [
      {
        id: 'twenty-off',
        benefit: { kind: 'amount_off', amount: '20' },
        validity: { kind: 'after_issue', days: 30 },
        minSpend: '200',
        limits: [
          { id: 'per-member', scope: 'member', period: 'month', max: 3 },
          { id: 'budget', scope: 'global', unit: 'money', max: '100000' },
        ],
        stacking: { withOtherCoupons: true },
      },
      {
        id: 'birthday',
        benefit: { kind: 'percent_off', percent: '10' },
        validity: { kind: 'birthday', scope: 'month' },
        stacking: { withOtherCoupons: true },
      },
      {
        id: 'free-sock',
        benefit: { kind: 'free_item' },
        items: { categories: ['socks'] },
        validity: {
          kind: 'absolute',
          from: '2026-01-01T00:00:00+08:00',
          until: '2027-01-01T00:00:00+08:00',
        },
        stacking: { withOtherCoupons: true },
      },
    ],
  };
}

/** The fixture program. */
export function quoteBenchProgram(): Program {
  return defineProgram(quoteBenchProgramInput());
}

export function quoteBenchInput(): QuoteInput {
  const lines: CartLineInput[] = CATEGORIES.map((c, i) => ({
    id: `line-${i}`,
    sku: `SKU-${c.toUpperCase()}`,
    categories: [c],
    quantity: 1 + (i % 3),
    unitPrice: (19.9 + i * 13.35).toFixed(2),
  }));
  const issued = {
    ownerMemberId: 'm1',
    issuedAt: '2026-05-01T10:00:00+08:00',
    status: 'active' as const,
  };
  return {
    lines,
    member: {
      id: 'm1',
      tierId: 'silver',
      birthday: '1990-05-20',
      enrolledAt: '2023-02-01T00:00:00+08:00',
      tags: ['regular'],
    },
    storeId: 'store-1',
    channel: 'store',
    now: '2026-05-20T15:30:00+08:00',
    couponCodes: ['TWENTY-1', 'BDAY-1', 'SOCK-1'],
    coupons: [
      {
        code: 'TWENTY-1',
        templateId: 'twenty-off',
        ...issued,
        usage: { 'per-member': { redemptions: 1 }, budget: { amount: '4000' } },
      },
      { code: 'BDAY-1', templateId: 'birthday', ...issued },
      { code: 'SOCK-1', templateId: 'free-sock', ...issued },
    ],
    availablePoints: 12_345,
    pointsToSpend: 5_000,
    orderId: 'bench-1',
    tier: {
      state: {
        tierId: 'silver',
        since: '2025-03-01T00:00:00+08:00',
        enrolledAt: '2023-02-01T00:00:00+08:00',
      },
      activity: {
        buckets: [
          { from: '2026-01-01', to: '2026-05-01', spend: '3200.00', orders: 11 },
          { from: '2026-05-03', spend: '120.00', orders: 1 },
        ],
      },
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Measure {
  /** Calls per second of wall-clock time. */
  readonly perSec: number;
  /** Calls per second of this process's CPU time (user + system, all threads): the one-core rate on a shared machine. */
  readonly perCpuSec: number;
  readonly p50: number;
  readonly p99: number;
}

function measure(fn: () => unknown, iterations: number): Measure {
  const samples: number[] = new Array(iterations);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    fn();
    samples[i] = (performance.now() - t) * 1000;
  }
  const total = performance.now() - start;
  const used = process.cpuUsage(cpu);
  samples.sort((a, b) => a - b);
  return {
    perSec: (iterations / total) * 1000,
    perCpuSec: (iterations / (used.user + used.system)) * 1_000_000,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
  };
}

export async function run(): Promise<void> {
  const program = quoteBenchProgram();
  const input = quoteBenchInput();
  const q = quote(program, input);
  const engine = () => quote(program, input);
  const baseline = () => {
    let total = new Decimal(0);
    for (const l of normalizeLines(input.lines)) total = total.plus(l.net);
    return total;
  };
  for (let i = 0; i < 500; i++) {
    engine();
    baseline();
  }
  const ITER = 5_000;
  let best = measure(engine, ITER);
  for (let r = 0; r < 2; r++) {
    const m = measure(engine, ITER);
    if (m.perCpuSec > best.perCpuSec) best = m;
  }
  const base = measure(baseline, ITER * 10);
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `fixture: ${input.lines.length} lines, ${program.promotions.length} promotions (${q.promotions.applied.length} applied), ${program.couponTemplates.length} coupons (${q.coupons.filter((c) => c.valid).length} valid), ${program.earning.rules.length} earning rules, ${program.tiers.ladder.length} tiers`,
  );
  console.log(
    `result: payable ${q.totals.payable.toFixed(2)} of ${q.totals.subtotal.toFixed(2)}, ${q.earning?.points.toString()} points earned, tier ${q.tier?.before} -> ${q.tier?.after}`,
  );
  console.log(
    `quote:    ${fmt(best.perSec)} quotes/s (${fmt(best.perCpuSec)} per CPU-second), p50 ${best.p50.toFixed(1)} us, p99 ${best.p99.toFixed(1)} us (best of 3 runs of ${fmt(ITER)}, by CPU rate)`,
  );
  console.log(
    `baseline: ${fmt(base.perSec)} carts/s (${fmt(base.perCpuSec)} per CPU-second), p50 ${base.p50.toFixed(1)} us (normalizeLines + decimal subtotal)`,
  );
  console.log(
    `ratio baseline/quote: ${(base.perSec / best.perSec).toFixed(1)}x wall, ${(base.perCpuSec / best.perCpuSec).toFixed(1)}x CPU; target >= 10,000 quotes/s on one core: ${best.perCpuSec >= 10_000 ? 'met' : 'NOT met'} (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
  const phases = quotePhases(program, input, q);
  const perCall = (fn: () => unknown) => {
    for (let i = 0; i < 500; i++) fn();
    let cpu = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 3; r++) cpu = Math.min(cpu, 1e6 / measure(fn, 2_000).perCpuSec);
    return cpu;
  };
  const costs = Object.entries(phases).map(([name, fn]) => [name, perCall(fn)] as const);
  const quoteUs = 1e6 / best.perCpuSec;
  const parts = costs.reduce((total, [, us]) => total + us, 0);
  console.log(
    `phases (each alone, CPU us per call): ${costs.map(([name, us]) => `${name} ${us.toFixed(1)}`).join(', ')}; the quote's own assembly and trace about ${Math.max(0, quoteUs - parts).toFixed(1)} of its ${quoteUs.toFixed(1)}`,
  );
}

/**
 * The steps of `quote` on the fixture, each callable alone on the inputs the
 * quote gives it (taken from the quote's own result), to show where a quote's
 * time goes.
 */
function quotePhases(
  program: Program,
  input: QuoteInput,
  q: ReturnType<typeof quote>,
): Record<string, () => unknown> {
  const nowMs = toEpochMs(input.now);
  const lines = sortedById(normalizeLines(input.lines));
  const member = normalizeMember(input.member!);
  const ctx = new EvalContext(
    nowMs,
    program.timeZone,
    input.storeId ?? null,
    input.channel ?? null,
    member,
  );
  const money = { scale: minorUnits('CNY'), mode: program.rounding.money.mode };
  const promo = applyPromotions(program, { lines, ctx });
  const afterPromotions = new Map(promo.lines.map((l) => [l.lineId, l.total]));
  const paid = new Map(q.earning!.basis.map((b) => [b.lineId, b.amount]));
  const added = { spend: q.totals.payable, points: q.earning!.points, orders: 1 };
  return {
    lines: () => normalizeLines(input.lines),
    promotions: () => applyPromotions(program, { lines, ctx }),
    coupons: () =>
      applyCoupons({
        program,
        ctx,
        lines,
        afterPromotions,
        appliedPromotionIds: promo.applied.map((a) => a.promotionId).sort(),
        exclusivePromotionId: null,
        codes: input.couponCodes ?? [],
        instances: input.coupons ?? [],
        money,
      }),
    'points payment': () =>
      quotePointsPayment(
        program,
        q.totals.afterDiscounts,
        input.availablePoints ?? 0,
        input.pointsToSpend,
      ),
    earning: () =>
      accrueNormalizedPurchase(program, {
        orderId: 'bench-1',
        occurredAtMs: nowMs,
        storeId: ctx.storeId,
        channel: ctx.channel,
        lines,
        member,
        counters: undefined,
        paid,
      }),
    tier: () => quoteTier(program, input.tier!, nowMs, 'bench-1', added, []),
  };
}
