import { compare, type Decimal, formatDecimal, isPositive, subtract } from '../money/decimal.js';
import type { TierMetric, TierThresholds } from '../program/tiers.js';
import type { MetricUse, WindowTotals } from './activity.js';

/** A threshold ready to check: the required value per metric (null = not required). */
export interface CompiledThreshold {
  readonly spend: Decimal | null;
  readonly points: Decimal | null;
  readonly orders: number | null;
  readonly visits: number | null;
  /** Metrics named. */
  readonly given: number;
  /** Metrics that must be met: `given` for all, 1 for any, n for "at least n". */
  readonly need: number;
  /** How the metrics combine, for traces. */
  readonly match: 'all' | 'any' | { readonly atLeast: number };
  /** `spend >= 1000 and orders >= 5`, computed once. */
  readonly text: string;
}

/** Where one metric stands against its requirement. */
export interface MetricGap {
  readonly metric: TierMetric;
  readonly required: string;
  readonly actual: string;
  /** What is still missing (zero when met). */
  readonly missing: string;
  readonly met: boolean;
}

/** A threshold naming nothing: always met. */
export const ALWAYS_MET: CompiledThreshold = Object.freeze({
  spend: null,
  points: null,
  orders: null,
  visits: null,
  given: 0,
  need: 0,
  match: 'all',
  text: 'no requirement',
});

/** Compiles thresholds from the program (absent = always met). */
export function compileThreshold(t: TierThresholds | undefined): CompiledThreshold {
  if (!t) return ALWAYS_MET;
  const spend = t.spend ?? null;
  const points = t.points ?? null;
  const orders = t.orders ?? null;
  const visits = t.visits ?? null;
  const given = [spend, points, orders, visits].filter((v) => v !== null).length;
  const need = t.match === 'all' ? given : t.match === 'any' ? Math.min(1, given) : t.match.atLeast;
  const text = describe(spend, points, orders, visits, t.match);
  return Object.freeze({ spend, points, orders, visits, given, need, match: t.match, text });
}

/** Adds the metrics a threshold reads to a use set. */
export function addUse(
  use: { -readonly [K in keyof MetricUse]: boolean },
  t: CompiledThreshold,
): void {
  if (t.spend !== null) use.spend = true;
  if (t.points !== null) use.points = true;
  if (t.orders !== null) use.orders = true;
  if (t.visits !== null) use.visits = true;
}

/** True when the totals meet the threshold. Monotone: more of any metric never unmeets it. */
export function meets(t: CompiledThreshold, totals: WindowTotals): boolean {
  if (t.need === 0) return true;
  let met = 0;
  if (t.spend !== null && compare(totals.spend, t.spend) >= 0) met++;
  if (t.points !== null && compare(totals.points, t.points) >= 0) met++;
  if (t.orders !== null && totals.orders >= t.orders) met++;
  if (t.visits !== null && totals.visits >= t.visits) met++;
  return met >= t.need;
}

function decimalGap(metric: TierMetric, required: Decimal, actual: Decimal): MetricGap {
  // subtract, formatDecimal and compare: minus, toString and gte in scaled integers (same text).
  const missing = subtract(required, actual);
  return {
    metric,
    required: formatDecimal(required),
    actual: formatDecimal(actual),
    missing: isPositive(missing) ? formatDecimal(missing) : '0',
    met: compare(actual, required) >= 0,
  };
}

function countGap(metric: TierMetric, required: number, actual: number): MetricGap {
  return {
    metric,
    required: String(required),
    actual: String(actual),
    missing: String(Math.max(0, required - actual)),
    met: actual >= required,
  };
}

/** Per-metric standing against a threshold, in metric order. */
export function gaps(t: CompiledThreshold, totals: WindowTotals): MetricGap[] {
  const out: MetricGap[] = [];
  if (t.spend !== null) out.push(decimalGap('spend', t.spend, totals.spend));
  if (t.points !== null) out.push(decimalGap('points', t.points, totals.points));
  if (t.orders !== null) out.push(countGap('orders', t.orders, totals.orders));
  if (t.visits !== null) out.push(countGap('visits', t.visits, totals.visits));
  return out;
}

function describe(
  spend: Decimal | null,
  points: Decimal | null,
  orders: number | null,
  visits: number | null,
  match: CompiledThreshold['match'],
): string {
  const parts: string[] = [];
  if (spend !== null) parts.push(`spend >= ${spend.toString()}`);
  if (points !== null) parts.push(`points >= ${points.toString()}`);
  if (orders !== null) parts.push(`orders >= ${orders}`);
  if (visits !== null) parts.push(`visits >= ${visits}`);
  if (parts.length === 0) return 'no requirement';
  if (match === 'all') return parts.join(' and ');
  if (match === 'any') return parts.join(' or ');
  return `at least ${match.atLeast} of (${parts.join(', ')})`;
}

/** `spend >= 1000 and orders >= 5`, for traces. */
export function describeThreshold(t: CompiledThreshold): string {
  return t.text;
}
