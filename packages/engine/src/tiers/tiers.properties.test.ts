/**
 * Laws of the tier engine (RELIABILITY 12, 13, 14), each a fast-check
 * property over random programs, states and activity, plus long seeded
 * histories checked step by step against a naive auditor (luxon windows,
 * Decimal sums over the raw purchases). A failure prints its seed.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../test/zones.js';
import { Decimal } from '../money/index.js';
import { defineProgram } from '../program/parseProgram.js';
import type { Program } from '../program/schema.js';
import { sumWindow, type TierActivityBucket } from './activity.js';
import { formatDay } from './civil.js';
import { compileTiers } from './compileTiers.js';
import { evaluateTier } from './evaluateTier.js';
import { nextReviewAt } from './nextReviewAt.js';
import type { TierReason } from './reasons.js';
import { reviewTier } from './reviewTier.js';
import type { TierState } from './state.js';
import { reviewedWindow, windowAsOf } from './windows.js';
import { ZoneCalendar } from './zoneCalendar.js';

const DAY = 86_400_000;
const T0 = Date.parse('2020-01-01T00:00:00Z');

/** Random tier configurations (ladder of 2-4 tiers with rising entry spend). */
const tiersConfigArb = fc
  .record({
    size: fc.integer({ min: 2, max: 4 }),
    step: fc.integer({ min: 100, max: 2000 }),
    ordersToo: fc.boolean(),
    match: fc.constantFrom('all', 'any'),
    retentionPct: fc.constantFrom(null, 50, 80, 100),
    neverTop: fc.boolean(),
    window: fc.constantFrom('lifetime', 'calendar_year', 'rolling', 'membership_year', 'tier_year'),
    at: fc.constantFrom('window_end', 'tier_anniversary', 'membership_anniversary', 'dates'),
    dates: fc.uniqueArray(
      fc.constantFrom(
        '01-01',
        '02-29',
        '03-09',
        '03-30',
        '04-06',
        '07-01',
        '10-05',
        '11-02',
        '12-31',
      ),
      { minLength: 1, maxLength: 3 },
    ),
    policy: fc.constantFrom('one_down', 'recompute'),
    graceDays: fc.constantFrom(0, 0, 30, 90),
    validity: fc.constantFrom(null, { years: 1, endOf: 'year' }, { months: 6 }),
    reversal: fc.constantFrom(null, 14),
    zone: fc.constantFrom(...ZONES),
  })
  .map((c) => {
    const at =
      c.at === 'window_end' && (c.window === 'rolling' || c.window === 'lifetime')
        ? 'tier_anniversary'
        : c.at;
    const ladder: Record<string, unknown>[] = [{ id: 't0', name: 'T0' }];
    for (let i = 1; i < c.size; i++) {
      const spend = c.step * i;
      const entry: Record<string, unknown> = { spend: String(spend) };
      if (c.ordersToo) Object.assign(entry, { orders: 3 * i, match: c.match });
      const tier: Record<string, unknown> = { id: `t${i}`, name: `T${i}`, entry };
      if (c.retentionPct !== null)
        tier.retention = { spend: String((spend * c.retentionPct) / 100) };
      if (c.neverTop && i === c.size - 1) tier.neverDowngrade = true;
      ladder.push(tier);
    }
    return {
      zone: c.zone,
      tiers: {
        ladder,
        window: c.window,
        review: {
          at,
          policy: c.policy,
          graceDays: c.graceDays,
          ...(at === 'dates' ? { dates: c.dates } : {}),
        },
        ...(c.validity ? { validity: c.validity } : {}),
        ...(c.reversal ? { upgradeReversal: { withinDays: c.reversal } } : {}),
      },
    };
  });

const programCache = new Map<string, Program>();
function programOf(cfg: { zone: string; tiers: Record<string, unknown> }): Program {
  const key = JSON.stringify(cfg);
  let p = programCache.get(key);
  if (!p) {
    p = defineProgram({
      id: 'prop',
      version: 1,
      currency: 'USD',
      timeZone: cfg.zone,
      tiers: cfg.tiers,
    });
    programCache.set(key, p);
  }
  return p;
}

/** Daily buckets between 2019 and 2027: sorted unique dates. */
const activityArb = fc
  .uniqueArray(
    fc.record({
      day: fc.integer({ min: 0, max: 8 * 365 }),
      spend: fc.integer({ min: -20_000, max: 200_000 }),
      orders: fc.integer({ min: 0, max: 3 }),
    }),
    { selector: (b) => b.day, maxLength: 40 },
  )
  .map((list) => ({
    buckets: [...list]
      .sort((a, b) => a.day - b.day)
      .map(
        (b): TierActivityBucket => ({
          from: formatDay(18262 - 365 + b.day),
          spend: new Decimal(b.spend).div(100).toString(),
          orders: b.orders,
        }),
      ),
  }));

/** A state and an instant: enrolled 2020-2024, tier since then, `now` after `since`. */
const scenarioArb = fc.record({
  cfg: tiersConfigArb,
  rank: fc.integer({ min: 0, max: 3 }),
  enrolledOffset: fc.integer({ min: 0, max: 4 * 365 * DAY }),
  sinceOffset: fc.integer({ min: 0, max: 2 * 365 * DAY }),
  reviewedOffset: fc.integer({ min: 0, max: 400 * DAY }),
  nowOffset: fc.integer({ min: 0, max: 500 * DAY }),
  activity: activityArb,
  extra: fc.array(fc.record({ i: fc.nat(), cents: fc.integer({ min: 0, max: 100_000 }) }), {
    maxLength: 5,
  }),
});

type Scenario = fc.Arbitrary<typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never>;
type S = Scenario extends fc.Arbitrary<infer T> ? T : never;

function setup(s: S): { program: Program; state: TierState; now: number } {
  const program = programOf(s.cfg);
  const ladder = program.tiers.ladder;
  const enrolledAt = T0 + s.enrolledOffset;
  const since = enrolledAt + s.sinceOffset;
  const state: TierState = {
    tierId: (ladder[Math.min(s.rank, ladder.length - 1)] as { id: string }).id,
    since,
    validUntil: null,
    enrolledAt,
    reviewedThrough: since + Math.min(s.reviewedOffset, s.nowOffset),
    manual: null,
    grace: null,
    lastUpgrade: null,
  };
  return { program, state, now: since + s.nowOffset };
}

/** The same activity with more spend in some buckets. */
function withMore(activity: { buckets: TierActivityBucket[] }, extra: S['extra']) {
  const buckets = activity.buckets.map((b) => ({ ...b }));
  for (const e of extra) {
    const b = buckets[e.i % Math.max(1, buckets.length)];
    if (b) b.spend = new Decimal(b.spend ?? 0).plus(new Decimal(e.cents).div(100)).toString();
  }
  return { buckets };
}

function rank(program: Program, tierId: string): number {
  return program.tiers.ladder.findIndex((t) => t.id === tierId);
}

describe('tier laws (fast-check)', () => {
  it('tier is monotone in the qualifying metric (evaluateTier and reviewTier)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { program, state, now } = setup(s);
        const more = withMore(s.activity, s.extra);
        const a = evaluateTier(program, { state, activity: s.activity, now });
        const b = evaluateTier(program, { state, activity: more, now });
        expect(rank(program, b.tierId)).toBeGreaterThanOrEqual(rank(program, a.tierId));
        // A tier-year window starts when the tier was reached, so two members whose
        // histories diverged are judged over different windows: compared for the others.
        if (program.tiers.window !== 'tier_year') {
          const ra = reviewTier(program, { state, activity: s.activity, now });
          const rb = reviewTier(program, { state, activity: more, now });
          expect(rank(program, rb.tierId)).toBeGreaterThanOrEqual(rank(program, ra.tierId));
        }
      }),
    );
  });

  it('evaluating twice changes nothing (idempotent)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom('purchase', 'return', 'visit'), (s, kind) => {
        const { program, state, now } = setup(s);
        const event = { kind, id: 'e1', ...(kind === 'return' ? { returnOf: 'e0' } : {}) } as const;
        const upgraded = {
          ...state,
          lastUpgrade: {
            at: state.since,
            eventId: 'e0',
            previous: { tierId: 't0', since: state.enrolledAt, validUntil: null },
          },
        };
        const once = evaluateTier(program, { state: upgraded, activity: s.activity, now, event });
        const twice = evaluateTier(program, {
          state: once.state,
          activity: s.activity,
          now,
          event,
        });
        expect(twice.changed).toBe(false);
        expect(twice.state).toEqual(once.state);
        const r1 = reviewTier(program, { state, activity: s.activity, now });
        const r2 = reviewTier(program, { state: r1.state, activity: s.activity, now });
        expect(r2.changed).toBe(false);
        expect(r2.state).toEqual(r1.state);
      }),
    );
  });

  it('no downgrade outside a review (events never lower the tier; reviews only at due points)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom('purchase', 'visit', 'other'), (s, kind) => {
        const { program, state, now } = setup(s);
        const before = rank(program, state.tierId);
        const e = evaluateTier(program, { state, activity: s.activity, now, event: { kind } });
        expect(rank(program, e.tierId)).toBeGreaterThanOrEqual(before);
        const due = nextReviewAt(program, { state }).atMs;
        const r = reviewTier(program, { state, activity: s.activity, now });
        if (now < due) {
          expect(rank(program, r.tierId)).toBeGreaterThanOrEqual(before);
          expect(r.reasons.some((x) => x.code === 'DOWNGRADED')).toBe(false);
        }
        for (const x of r.reasons)
          if (x.code === 'DOWNGRADED') expect(Date.parse(x.reviewAt)).toBeGreaterThanOrEqual(due);
      }),
    );
  });

  it('an upgrade is never delayed to a review (auditor: naive luxon window, Decimal sum)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { program, state, now } = setup(s);
        const r = evaluateTier(program, {
          state,
          activity: s.activity,
          now,
          event: { kind: 'purchase' },
        });
        const expected = referenceEntryTier(program, state, s.activity.buckets, now);
        expect(rank(program, r.tierId)).toBe(Math.max(expected, rank(program, state.tierId)));
        if (rank(program, r.tierId) > rank(program, state.tierId)) {
          expect(r.effectiveAt).toBe(now);
          expect(rank(program, r.tierId)).toBe(expected);
        }
      }),
    );
  });

  it('window totals equal the auditor’s over dense daily activity (upgrade and review windows)', () => {
    // One bucket a day for four years, amounts from the seed: any day too many
    // or too few in a window changes its total.
    const dense = (seed: number) => {
      const rnd = mulberry32(seed);
      const buckets: TierActivityBucket[] = [];
      for (let d = 18262 - 400; d < 18262 + 4 * 365; d++)
        buckets.push({
          from: formatDay(d),
          spend: String(1 + Math.floor(rnd() * 1000)),
          orders: 1,
        });
      return { buckets };
    };
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 1000 }), (s, seed) => {
        const { program, state, now } = setup(s);
        const activity = dense(seed);
        const ladder = compileTiers(program);
        const use = { spend: true, points: false, orders: true, visits: false };
        const asOf = windowAsOf(ladder, state, now);
        const to = DateTime.fromMillis(now, { zone: program.timeZone })
          .plus({ days: 1 })
          .toISODate() as string;
        const ref = refTotals(activity.buckets, refWindowStart(program, state, now), to);
        expect(sumWindow(activity, asOf, true, use, []).spend.toString()).toBe(
          ref.spend.toString(),
        );
        const reviewDay = ladder.calendar.dayOf(now);
        const reviewed = reviewedWindow(ladder, state, reviewDay);
        const expected = refReviewedWindow(program, state, formatDay(reviewDay));
        expect({
          from: reviewed.window.start === null ? null : formatDay(reviewed.window.start),
          to: formatDay(reviewed.window.end),
          complete: reviewed.complete,
        }).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('local days of instants agree with luxon in every listed zone (DST, odd offsets)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({
          min: Date.parse('1990-01-01T00:00:00Z'),
          max: Date.parse('2040-01-01T00:00:00Z'),
        }),
        (zone, ms) => {
          const cal = new ZoneCalendar(zone);
          expect(formatDay(cal.dayOf(ms))).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
          const start = cal.startOf(cal.dayOf(ms));
          expect(start).toBe(DateTime.fromMillis(ms, { zone }).startOf('day').toMillis());
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------
// The naive auditor: windows with luxon, sums with Decimal over raw buckets.

function refWindowStart(program: Program, state: TierState, at: number): string | null {
  const zone = program.timeZone;
  const day = DateTime.fromMillis(at, { zone }).startOf('day');
  const cfg = program.tiers;
  if (cfg.window === 'lifetime') return null;
  if (cfg.window === 'calendar_year') return day.startOf('year').toISODate();
  if (cfg.window === 'rolling')
    return day.plus({ days: 1 }).minus({ months: cfg.rollingMonths }).toISODate();
  const originMs = cfg.window === 'tier_year' ? state.since : state.enrolledAt;
  const origin = DateTime.fromMillis(originMs, { zone }).startOf('day');
  if (day < origin) return day.toISODate();
  let start = origin;
  for (let k = 1; ; k++) {
    const a = origin.plus({ years: k });
    if (a > day) break;
    start = a;
  }
  return start.toISODate();
}

/** The window a review on local date `day` judges, computed naively with luxon. */
function refReviewedWindow(
  program: Program,
  state: TierState,
  day: string,
): { from: string | null; to: string; complete: boolean } {
  const zone = program.timeZone;
  const d = DateTime.fromISO(day, { zone });
  const cfg = program.tiers;
  if (cfg.window === 'lifetime') return { from: null, to: day, complete: true };
  if (cfg.window === 'calendar_year')
    return { from: `${d.year - 1}-01-01`, to: `${d.year}-01-01`, complete: true };
  if (cfg.window === 'rolling')
    return {
      from: d.minus({ months: cfg.rollingMonths }).toISODate() as string,
      to: day,
      complete: true,
    };
  const origin = DateTime.fromMillis(cfg.window === 'tier_year' ? state.since : state.enrolledAt, {
    zone,
  }).startOf('day');
  let start: string = origin.toISODate() as string;
  let end: string | null = null;
  for (let k = 1; ; k++) {
    const a = origin.plus({ years: k });
    if (a > d) break;
    start = end ?? start;
    end = a.toISODate() as string;
  }
  if (end === null) return { from: start, to: day, complete: false };
  return { from: start, to: end, complete: true };
}

function refTotals(
  buckets: readonly TierActivityBucket[],
  from: string | null,
  toExclusive: string,
) {
  let spend = new Decimal(0);
  let orders = 0;
  for (const b of buckets) {
    if ((from === null || b.from >= from) && b.from < toExclusive) {
      spend = spend.plus(b.spend ?? 0);
      orders += b.orders ?? 0;
    }
  }
  return { spend, orders };
}

function refMeets(
  entry: { spend?: Decimal; orders?: number; match: unknown } | undefined,
  t: { spend: Decimal; orders: number },
): boolean {
  if (!entry) return true;
  const checks: boolean[] = [];
  if (entry.spend !== undefined) checks.push(t.spend.gte(entry.spend));
  if (entry.orders !== undefined) checks.push(t.orders >= entry.orders);
  return entry.match === 'any' ? checks.some(Boolean) : checks.every(Boolean);
}

/** Rank of the highest tier whose entry the raw activity meets as of `at`. */
function referenceEntryTier(
  program: Program,
  state: TierState,
  buckets: readonly TierActivityBucket[],
  at: number,
): number {
  const to = DateTime.fromMillis(at, { zone: program.timeZone })
    .plus({ days: 1 })
    .toISODate() as string;
  const totals = refTotals(buckets, refWindowStart(program, state, at), to);
  let best = 0;
  program.tiers.ladder.forEach((t, i) => {
    if (i > 0 && refMeets(t.entry as never, totals)) best = i;
  });
  return best;
}

/** Checks a review reason against the auditor; returns a problem or null. */
function auditReview(
  program: Program,
  reason: TierReason,
  buckets: readonly TierActivityBucket[],
): string | null {
  if (reason.code !== 'RETAINED' && reason.code !== 'DOWNGRADED' && reason.code !== 'GRACE_STARTED')
    return null;
  const tierId = reason.code === 'DOWNGRADED' ? reason.fromTierId : reason.tierId;
  const tier = program.tiers.ladder.find((t) => t.id === tierId);
  const threshold = tier?.retention ?? tier?.entry;
  const reviewDay = DateTime.fromISO(reason.reviewAt, { zone: program.timeZone });
  const w = reason.window;
  if (w.kind === 'rolling' || w.kind === 'lifetime') {
    const from =
      w.kind === 'lifetime'
        ? null
        : reviewDay.minus({ months: program.tiers.rollingMonths }).toISODate();
    if (w.to !== reviewDay.toISODate() || w.from !== from)
      return `window ${w.from}..${w.to} for a review on ${reviewDay.toISODate()}`;
  }
  if (w.kind === 'calendar_year') {
    const y = reviewDay.year;
    if (w.from !== `${y - 1}-01-01` || w.to !== `${y}-01-01`)
      return `window ${w.from}..${w.to} for a review on ${reviewDay.toISODate()}`;
  }
  if (reviewDay.hour !== 0 || reviewDay.minute !== 0)
    return `review at ${reviewDay.toISO()} is not local midnight`;
  const totals = refTotals(buckets, reason.window.from, reason.window.to);
  const met = refMeets(threshold as never, totals);
  if (met !== (reason.code === 'RETAINED'))
    return `${reason.code} but the auditor finds retention ${met ? 'met' : 'missed'}`;
  return null;
}

// ---------------------------------------------------------------------------
// Long seeded histories.

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

/** Runs ~5 years of purchases, returns and reviews; throws with the seed on the first broken invariant. */
function runHistory(seed: number, cfg: { zone: string; tiers: Record<string, unknown> }): number {
  const rnd = mulberry32(seed);
  const program = programOf(cfg);
  const cal = compileTiers(program).calendar;
  const enrolledAt = T0 + Math.floor(rnd() * 365) * DAY + Math.floor(rnd() * DAY);
  let state: TierState = {
    tierId: 't0',
    since: enrolledAt,
    validUntil: null,
    enrolledAt,
    reviewedThrough: enrolledAt,
    manual: null,
    grace: null,
    lastUpgrade: null,
  };
  const spendByDay = new Map<string, Decimal>();
  const orders: { id: string; day: string; amount: Decimal; at: number }[] = [];
  const summary = () => ({
    buckets: [...spendByDay.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([from, spend]) => ({ from, spend: spend.toString(), orders: 1 })),
  });
  let now = enrolledAt;
  let steps = 0;
  const fail = (msg: string) => {
    throw new Error(
      `tier history seed ${seed} (zone ${cfg.zone}) step ${steps} at ${new Date(now).toISOString()}: ${msg}\nconfig ${JSON.stringify(cfg.tiers)}`,
    );
  };
  const end = enrolledAt + 5 * 365 * DAY;
  while (now < end) {
    now += Math.floor(rnd() * 9 * DAY) + 1;
    steps++;
    const roll = rnd();
    const before = state;
    if (roll < 0.55) {
      const day = formatDay(cal.dayOf(now));
      const amount = new Decimal(Math.floor(rnd() * 60_000)).div(100);
      spendByDay.set(day, (spendByDay.get(day) ?? new Decimal(0)).plus(amount));
      const id = `o${steps}`;
      orders.push({ id, day, amount, at: now });
      const activity = summary();
      const r = evaluateTier(program, { state, activity, now, event: { kind: 'purchase', id } });
      if (rank(program, r.tierId) < rank(program, before.tierId))
        fail('a purchase lowered the tier');
      const expected = referenceEntryTier(program, before, activity.buckets, now);
      if (rank(program, r.tierId) !== Math.max(expected, rank(program, before.tierId))) {
        fail(`upgrade check: entry of rank ${expected} met, was ${before.tierId}, now ${r.tierId}`);
      }
      state = r.state;
    } else if (roll < 0.7 && orders.length > 0) {
      const o = orders.splice(Math.floor(rnd() * orders.length), 1)[0] as (typeof orders)[number];
      spendByDay.set(o.day, (spendByDay.get(o.day) as Decimal).minus(o.amount));
      const r = evaluateTier(program, {
        state,
        activity: summary(),
        now,
        event: { kind: 'return', returnOf: o.id },
      });
      const floor = before.lastUpgrade
        ? rank(program, before.lastUpgrade.previous.tierId)
        : rank(program, before.tierId);
      if (rank(program, r.tierId) < floor)
        fail('a return lowered the tier below the tier held before the upgrade');
      if (r.code === 'UPGRADE_REVERSED' && before.lastUpgrade?.eventId !== o.id)
        fail('reversed an upgrade another order caused');
      state = r.state;
    } else {
      const due = nextReviewAt(program, { state }).atMs;
      const activity = summary();
      const r = reviewTier(program, { state, activity, now });
      if (now < due && rank(program, r.tierId) < rank(program, before.tierId))
        fail('downgrade before the review was due');
      for (const reason of r.reasons) {
        const problem = auditReview(program, reason, activity.buckets);
        if (problem) fail(problem);
      }
      const again = reviewTier(program, { state: r.state, activity, now });
      if (again.changed || JSON.stringify(again.state) !== JSON.stringify(r.state))
        fail('reviewing twice changed the state');
      state = r.state;
    }
    if (!program.tiers.ladder.some((t) => t.id === state.tierId)) fail('unknown tier');
    if (state.since > now || state.reviewedThrough > now) fail('state dated in the future');
  }
  return steps;
}

describe('long seeded histories keep every invariant', () => {
  it('five-year histories of purchases, returns and reviews (auditor on every review)', () => {
    fc.assert(
      fc.property(tiersConfigArb, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (cfg, seed) => {
        expect(runHistory(seed, cfg)).toBeGreaterThan(300);
      }),
      { numRuns: 100 },
    );
  });

  it('canary: the auditor catches a review judged over the wrong window', () => {
    const program = programOf({
      zone: 'Europe/London',
      tiers: {
        ladder: [
          { id: 't0', name: 'T0' },
          { id: 't1', name: 'T1', entry: { spend: '100' } },
        ],
        window: 'calendar_year',
        review: { at: 'window_end' },
      },
    });
    const buckets = [{ from: '2024-12-31', spend: '100' }];
    const honest: TierReason = {
      code: 'RETAINED',
      tierId: 't1',
      reviewAt: '2025-01-01T00:00:00.000Z',
      via: 'review',
      window: { kind: 'calendar_year', from: '2024-01-01', to: '2025-01-01' },
      threshold: '',
    };
    expect(auditReview(program, honest, buckets)).toBeNull();
    const offByOne = { ...honest, window: { ...honest.window, to: '2024-12-31' } };
    expect(auditReview(program, offByOne, buckets)).toMatch(/^window 2024-01-01..2024-12-31/);
    const wrongDecision: TierReason = {
      ...honest,
      code: 'GRACE_STARTED',
      graceUntil: '',
      gaps: [],
    } as TierReason;
    expect(auditReview(program, wrongDecision, buckets)).toMatch(/auditor finds retention met/);
    const notMidnight = { ...honest, reviewAt: '2025-01-01T05:00:00.000Z' };
    expect(auditReview(program, notMidnight, buckets)).toMatch(/not local midnight/);
  });

  it('regression seeds replay', () => {
    const cfg = {
      zone: 'Australia/Lord_Howe',
      tiers: {
        ladder: [
          { id: 't0', name: 'T0' },
          { id: 't1', name: 'T1', entry: { spend: '300' }, retention: { spend: '150' } },
          { id: 't2', name: 'T2', entry: { spend: '600' } },
        ],
        window: 'membership_year',
        review: { at: 'dates', dates: ['02-29', '10-05'], policy: 'recompute', graceDays: 30 },
        upgradeReversal: { withinDays: 14 },
      },
    };
    for (const seed of [1, 42, 20260229]) expect(runHistory(seed, cfg)).toBeGreaterThan(300);
  });
});
