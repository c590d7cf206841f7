/**
 * Tier reviews per second: a nightly review of a large program. 100,000
 * member summaries from a seeded generator (daily buckets for the reviewed
 * year, monthly buckets for the year before), reviewed on 1 January when
 * every member above the base tier is due. The baseline, measured in the same
 * run, merely iterates the same summaries and sums their decimal spend over
 * the reviewed year: the least any exact review must do.
 */
import {
  Decimal,
  defineProgram,
  type Program,
  reviewTier,
  type TierActivityBucket,
  type TierState,
  toEpochMs,
} from '../src/index.js';

const MEMBERS = 100_000;
const SEED = 20260101;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const DAYS_IN_MONTH_2025 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function benchProgram(): Program {
  return defineProgram({
    id: 'bench',
    version: 1,
    currency: 'USD',
    timeZone: 'America/New_York',
    tiers: {
      window: 'calendar_year',
      review: { at: 'window_end', policy: 'one_down' },
      ladder: [
        { id: 'member', name: 'Member' },
        { id: 'silver', name: 'Silver', entry: { spend: '500' }, retention: { spend: '400' } },
        {
          id: 'gold',
          name: 'Gold',
          entry: { spend: '1500', orders: 10, match: 'any' },
          retention: { spend: '1200' },
        },
        {
          id: 'platinum',
          name: 'Platinum',
          entry: { spend: '4000' },
          retention: { spend: '3000' },
        },
      ],
    },
  });
}

interface Member {
  readonly state: TierState;
  readonly activity: { readonly buckets: TierActivityBucket[] };
}

export function generateMembers(count: number, seed: number): Member[] {
  const rnd = mulberry32(seed);
  const tiers = ['member', 'silver', 'gold', 'platinum'];
  const members: Member[] = [];
  const reviewedThrough = toEpochMs('2025-01-01T00:00:00-05:00');
  for (let i = 0; i < count; i++) {
    const buckets: TierActivityBucket[] = [];
    for (let m = 1; m <= 12; m++) {
      if (rnd() < 0.5) {
        buckets.push({
          from: `2024-${pad(m)}-01`,
          to: m === 12 ? '2025-01-01' : `2024-${pad(m + 1)}-01`,
          spend: (rnd() * 400).toFixed(2),
          orders: 1 + Math.floor(rnd() * 3),
        });
      }
    }
    const purchases = Math.floor(rnd() * 25);
    const days = new Set<string>();
    for (let p = 0; p < purchases; p++) {
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * (DAYS_IN_MONTH_2025[month - 1] as number));
      days.add(`2025-${pad(month)}-${pad(day)}`);
    }
    for (const from of [...days].sort()) {
      buckets.push({ from, spend: (rnd() * 300).toFixed(2), orders: 1 });
    }
    const enrolledAt = toEpochMs('2018-01-01T00:00:00Z') + Math.floor(rnd() * 7 * 365) * 86_400_000;
    members.push({
      state: {
        tierId: tiers[Math.floor(rnd() * tiers.length)] as string,
        since: enrolledAt,
        validUntil: null,
        enrolledAt,
        reviewedThrough,
        manual: null,
        grace: null,
        lastUpgrade: null,
      },
      activity: { buckets },
    });
  }
  return members;
}

function time(fn: () => number): { ms: number; check: number } {
  const start = performance.now();
  const check = fn();
  return { ms: performance.now() - start, check };
}

export async function run(): Promise<void> {
  const program = benchProgram();
  const members = generateMembers(MEMBERS, SEED);
  const now = toEpochMs('2026-01-01T00:00:00-05:00');
  const engine = () => {
    let changed = 0;
    for (const m of members)
      if (reviewTier(program, { state: m.state, activity: m.activity, now }).changed) changed++;
    return changed;
  };
  const baseline = () => {
    let total = new Decimal(0);
    for (const m of members) {
      let spend = new Decimal(0);
      for (const b of m.activity.buckets) {
        if (b.from >= '2025-01-01' && b.from < '2026-01-01' && b.spend !== undefined)
          spend = spend.plus(b.spend);
      }
      total = total.plus(spend);
    }
    return total.isZero() ? 0 : 1;
  };
  engine();
  baseline();
  let bestEngine = Number.POSITIVE_INFINITY;
  let bestBaseline = Number.POSITIVE_INFINITY;
  let changed = 0;
  for (let r = 0; r < 3; r++) {
    const e = time(engine);
    changed = e.check;
    bestEngine = Math.min(bestEngine, e.ms);
    bestBaseline = Math.min(bestBaseline, time(baseline).ms);
  }
  // An ordinary night: the review is done, only the upgrade check runs.
  const reviewedAt = toEpochMs('2026-01-01T00:00:00-05:00');
  const reviewed = members.map((m) => ({
    ...m,
    state: { ...m.state, reviewedThrough: reviewedAt },
  }));
  const nextNight = toEpochMs('2026-01-02T00:00:00-05:00');
  const ordinary = () => {
    let changed = 0;
    for (const m of reviewed)
      if (reviewTier(program, { state: m.state, activity: m.activity, now: nextNight }).changed)
        changed++;
    return changed;
  };
  ordinary();
  let bestOrdinary = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 3; r++) bestOrdinary = Math.min(bestOrdinary, time(ordinary).ms);
  const perSec = (ms: number) => Math.round((MEMBERS / ms) * 1000);
  const buckets = members.reduce((n, m) => n + m.activity.buckets.length, 0);
  console.log(
    `members ${MEMBERS.toLocaleString('en')} (seed ${SEED}), ${buckets.toLocaleString('en')} buckets, ${changed.toLocaleString('en')} tier changes`,
  );
  console.log(
    `reviewTier (calendar year, review 2026-01-01): ${perSec(bestEngine).toLocaleString('en')} reviews/s (${bestEngine.toFixed(0)} ms)`,
  );
  console.log(
    `baseline (iterate + sum decimal spend):        ${perSec(bestBaseline).toLocaleString('en')} members/s (${bestBaseline.toFixed(0)} ms)`,
  );
  console.log(
    `reviewTier, no review due (2026-01-02):       ${perSec(bestOrdinary).toLocaleString('en')} reviews/s (${bestOrdinary.toFixed(0)} ms)`,
  );
  console.log(
    `ratio engine/baseline: ${(bestBaseline / bestEngine).toFixed(2)} (target >= 100,000 reviews/s: ${perSec(bestEngine) >= 100_000 ? 'met' : 'NOT met'})`,
  );
}
