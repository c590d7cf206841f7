/**
 * Accrual of a fixed purchase: a 10-line cart and 20 earning rules (5 spend
 * thresholds, 10 category multipliers, 3 tier multipliers, 2 combined
 * bonuses), through `accruePurchase` (validation, normalisation, trace,
 * caps, rounding) next to a hand-written decimal.js function computing the
 * same points. Both are checked equal before timing; the target is
 * engine / baseline <= 2.0 in time (engine at least half the baseline's ops/s).
 */
import { Decimal as DecimalJs } from 'decimal.js';
import { Bench } from 'tinybench';
import {
  type AccruePurchaseInput,
  accruePurchase,
  type CartLineInput,
  defineProgram,
  type Program,
} from '../src/index.js';

const D = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN });
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
const TIERS = ['silver', 'gold', 'platinum'];
const THRESHOLDS = [
  {
    category: null,
    steps: [
      ['100', '10'],
      ['300', '40'],
      ['600', '100'],
    ],
  },
  {
    category: 'tea',
    steps: [
      ['50', '5'],
      ['150', '20'],
    ],
  },
  { category: 'ware', steps: [['80', '8']] },
  {
    category: 'books',
    steps: [
      ['40', '4'],
      ['90', '12'],
    ],
  },
  { category: 'toys', steps: [['1000', '200']] },
] as const;
const MULTIPLIERS = CATEGORIES.map((c, i) => ({ category: c, factor: ['1.5', '2', '3'][i % 3]! }));
const TIER_FACTORS = ['1.25', '1.5', '2'];
const COMBOS = [
  { groups: ['tea', 'ware'], points: '30' },
  { groups: ['shoes', 'socks'], points: '25' },
];

export function accrualBenchProgram(): Program {
  const rules: unknown[] = [];
  for (const [i, t] of THRESHOLDS.entries()) {
    rules.push({
      id: `threshold-${i}`,
      kind: 'spendThreshold',
      ...(t.category ? { lines: { categories: [t.category] } } : {}),
      steps: t.steps.map(([spend, points]) => ({ spend, points })),
    });
  }
  for (const m of MULTIPLIERS) {
    rules.push({
      id: `cat-${m.category}`,
      kind: 'multiplier',
      multiplier: m.factor,
      lines: { categories: [m.category] },
    });
  }
  for (const [i, tier] of TIERS.entries()) {
    rules.push({
      id: `tier-${tier}`,
      kind: 'multiplier',
      multiplier: TIER_FACTORS[i],
      audience: { tiers: [tier] },
    });
  }
  for (const [i, c] of COMBOS.entries()) {
    rules.push({
      id: `combo-${i}`,
      kind: 'combined',
      points: c.points,
      groups: c.groups.map((g) => ({ lines: { categories: [g] } })),
    });
  }
  return defineProgram({
    id: 'bench',
    version: 1,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    earning: { rules },
  });
}

export function accrualBenchInput(): AccruePurchaseInput {
  const lines: CartLineInput[] = CATEGORIES.map((c, i) => ({
    id: `line-${i}`,
    sku: `SKU-${i}`,
    categories: [c],
    quantity: (i % 3) + 1,
    unitPrice: `${(12.35 * (i + 1)).toFixed(2)}`,
    discount: i % 4 === 0 ? '2.50' : '0',
    kind: i === 9 ? 'shipping' : 'product',
  }));
  return {
    purchase: {
      orderId: 'bench-1',
      occurredAt: '2026-03-01T10:00:00+08:00',
      storeId: 's1',
      channel: 'store',
      currency: 'CNY',
      lines,
    },
    member: { id: 'm1', enrolledAt: '2025-01-01T00:00:00Z', tierId: 'gold' },
    now: '2026-03-01T10:00:05+08:00',
  };
}

/** What a competent developer writes by hand for this one program. */
function baseline(input: AccruePurchaseInput): DecimalJs {
  const tier = input.member.tierId;
  const earning: { category: string; net: DecimalJs; quantity: DecimalJs }[] = [];
  let spend = new D(0);
  for (const l of input.purchase.lines) {
    if ((l.kind ?? 'product') !== 'product' && l.kind !== 'service') continue;
    const quantity = new D(l.quantity);
    const net = quantity.times(l.unitPrice).minus(l.discount ?? 0);
    earning.push({ category: l.categories![0]!, net, quantity });
    spend = spend.plus(net);
  }
  const tierIndex = TIERS.indexOf(tier ?? '');
  const tierExtra = tierIndex >= 0 ? new D(TIER_FACTORS[tierIndex]!).minus(1) : new D(0);
  let points = new D(0);
  const spendBy = new Map<string, DecimalJs>();
  for (const l of earning) {
    const m = MULTIPLIERS.find((x) => x.category === l.category);
    const factor = new D(1).plus(m ? new D(m.factor).minus(1) : 0).plus(tierExtra);
    points = points.plus(l.net.times(factor));
    spendBy.set(l.category, (spendBy.get(l.category) ?? new D(0)).plus(l.net));
  }
  for (const t of THRESHOLDS) {
    const s = t.category ? (spendBy.get(t.category) ?? new D(0)) : spend;
    for (let i = t.steps.length - 1; i >= 0; i--) {
      if (s.gte(t.steps[i]![0])) {
        points = points.plus(t.steps[i]![1]);
        break;
      }
    }
  }
  for (const c of COMBOS) if (c.groups.every((g) => spendBy.has(g))) points = points.plus(c.points);
  return points.toDecimalPlaces(0, DecimalJs.ROUND_FLOOR);
}

export async function run(): Promise<void> {
  const program = accrualBenchProgram();
  const input = accrualBenchInput();
  const engineTotal = accruePurchase(program, input).total.toString();
  const baselineTotal = baseline(input).toString();
  if (engineTotal !== baselineTotal) {
    throw new Error(`accrual bench: engine ${engineTotal} != baseline ${baselineTotal}`);
  }
  const bench = new Bench({ time: 2000, warmup: true, warmupTime: 500 });
  bench.add('engine accruePurchase', () => accruePurchase(program, input));
  bench.add('hand-written decimal.js', () => baseline(input));
  await bench.run();
  const [engine, hand] = bench.tasks.map((t) => {
    const r = t.result as {
      throughput?: { mean: number };
      latency?: { p50?: number; p99?: number };
    };
    return {
      name: t.name,
      opsPerSec: r.throughput?.mean ?? 0,
      p50: r.latency?.p50 ?? 0,
      p99: r.latency?.p99 ?? 0,
    };
  });
  console.log(`points per purchase: ${engineTotal} (engine = baseline)`);
  for (const t of [engine!, hand!]) {
    console.log(
      `${t.name.padEnd(26)} ${Math.round(t.opsPerSec).toLocaleString('en-US').padStart(10)} ops/s  p50 ${(t.p50 * 1000).toFixed(1)} µs  p99 ${(t.p99 * 1000).toFixed(1)} µs`,
    );
  }
  // The machine is shared: the ratio of medians is the robust figure; the
  // ratio of mean throughputs is printed beside it.
  const ratio = engine!.p50 / hand!.p50;
  const meanRatio = hand!.opsPerSec / engine!.opsPerSec;
  console.log(
    `ratio engine/baseline (time, medians): ${ratio.toFixed(2)} (target <= 2.00) ${ratio <= 2 ? 'OK' : 'ABOVE TARGET'}; by mean ops/s: ${meanRatio.toFixed(2)}`,
  );
}
