import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, sum, ZERO } from '../money/index.js';
import { defineProgram, type Program } from '../program/index.js';
import {
  adjustPoints,
  balanceOf,
  captureHold,
  checkAccountInvariants,
  clawBackReturn,
  earnPoints,
  type LedgerEntry,
  openAccount,
  type PointsAccount,
  type PointsBalance,
  redeemPoints,
  releaseHold,
  reservePoints,
  sweepAccount,
  transferPoints,
} from './index.js';

const T0 = Date.parse('2026-03-07T12:00:00Z');
const HOUR = 3_600_000;

const arbPolicy = fc.record({
  timeZone: fc.constantFrom(
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'America/St_Johns',
    'Pacific/Kiritimati',
  ),
  pending: fc.constantFrom(
    { amount: 0, unit: 'day' },
    { amount: 2, unit: 'day' },
    { amount: 30, unit: 'hour' },
  ),
  expiry: fc.constantFrom<Record<string, unknown>>(
    { kind: 'never' },
    { kind: 'rolling', amount: 5, unit: 'day', roundUpTo: 'day' },
    { kind: 'rolling', amount: 1, unit: 'month' },
    { kind: 'fixedDate', monthDay: '03-31', yearsAfter: 0 },
    { kind: 'inactivity', amount: 4, unit: 'day' },
  ),
  returns: fc.constantFrom('pendingOnly', 'withinBalance', 'allowDebt'),
  timeoutMinutes: fc.constantFrom(10, 600),
});
type Policy = typeof arbPolicy extends fc.Arbitrary<infer P> ? P : never;

function programOf(p: Policy, expiry = p.expiry): Program {
  return defineProgram({
    id: 'p',
    version: 1,
    currency: 'EUR',
    timeZone: p.timeZone,
    points: {
      pending: p.pending,
      expiry,
      returns: p.returns,
      transfers: { allowed: true },
      holds: { timeoutMinutes: p.timeoutMinutes },
    },
  });
}

/** One random step: a time step, then a command on member `a` (transfers go to `b`). */
const arbOp = fc.oneof(
  fc.record({
    op: fc.constant('earn' as const),
    n: fc.integer({ min: 1, max: 500 }),
    order: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    op: fc.constant('return' as const),
    order: fc.integer({ min: 0, max: 5 }),
    cents: fc.integer({ min: 1, max: 6000 }),
  }),
  fc.record({ op: fc.constant('redeem' as const), n: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant('reserve' as const), n: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant('capture' as const), hold: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('release' as const), hold: fc.integer({ min: 0, max: 3 }) }),
  fc.record({
    op: fc.constant('adjust' as const),
    n: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
  }),
  fc.record({ op: fc.constant('transfer' as const), n: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('sweep' as const) }),
);
type Op = typeof arbOp extends fc.Arbitrary<infer O> ? O : never;
const arbStep = fc.record({
  dt: fc.oneof(
    fc.integer({ min: 0, max: 120 }).map((m) => m * 60_000),
    fc.integer({ min: 0, max: 72 }).map((h) => h * HOUR),
  ),
  op: arbOp,
  sweepBefore: fc.boolean(),
});
type Step = typeof arbStep extends fc.Arbitrary<infer S> ? S : never;
const arbHistory = fc.array(arbStep, { maxLength: 25 });

interface World {
  a: PointsAccount;
  b: PointsAccount;
  t: number;
  step: number;
}

/** Applies one op to member `a` at `w.t` (refusals leave the world unchanged). */
function apply(p: Program, w: World, op: Op, withSweeps: boolean, sweepBefore: boolean): void {
  const now = new Date(w.t);
  const i = w.step++;
  if (withSweeps && sweepBefore) w.a = sweepAccount(p, w.a, now).account;
  const orders = (k: number) => ({ orderId: `o${k}`, orderAmount: '50.00' });
  const r = (() => {
    switch (op.op) {
      case 'earn':
        return earnPoints(p, w.a, { key: `e${i}`, points: op.n, ...orders(op.order) }, now);
      case 'return':
        return clawBackReturn(
          p,
          w.a,
          {
            returnId: `r${i}`,
            orderId: `o${op.order}`,
            returnedAmount: (op.cents / 100).toFixed(2),
          },
          now,
        );
      case 'redeem':
        return redeemPoints(p, w.a, { key: `x${i}`, points: op.n, reference: 'gift' }, now);
      case 'reserve':
        return reservePoints(
          p,
          w.a,
          { holdId: `h${i % 4}-${i}`, points: op.n, reference: 'cart' },
          now,
        );
      case 'capture':
      case 'release': {
        const hold = w.a.holds[op.hold];
        if (!hold) return null;
        const fn = op.op === 'capture' ? captureHold : releaseHold;
        return fn(p, w.a, { holdId: hold.id }, now);
      }
      case 'adjust':
        return adjustPoints(
          p,
          w.a,
          { key: `a${i}`, points: op.n, reason: 'prop', operator: 'ops' },
          now,
        );
      case 'transfer': {
        const t = transferPoints(p, w.a, w.b, { transferId: `t${i}`, points: op.n }, now);
        if (t.ok) {
          w.a = t.from;
          w.b = t.to;
        }
        return null;
      }
      case 'sweep':
        return withSweeps ? sweepAccount(p, w.a, now) : null;
    }
  })();
  if (r?.ok) w.a = r.account;
}

function run(
  p: Program,
  history: readonly Step[],
  withSweeps: boolean,
  each?: (w: World) => void,
): World {
  const w: World = { a: openAccount(p, 'a'), b: openAccount(p, 'b'), t: T0, step: 0 };
  for (const s of history) {
    w.t += s.dt;
    apply(p, w, s.op, withSweeps, s.sweepBefore);
    each?.(w);
  }
  return w;
}

const show = (b: PointsBalance) => JSON.stringify(b);
const total = (xs: readonly { amount: Decimal }[]) => sum(xs.map((x) => x.amount));

describe('ledger properties', () => {
  it('balance = sum of entries = sum of remaining lots + held - debt', () => {
    fc.assert(
      fc.property(arbPolicy, arbHistory, (policy, history) => {
        const p = programOf(policy);
        run(p, history, true, (w) => {
          for (const account of [w.a, w.b]) {
            expect(checkAccountInvariants(account)).toEqual([]);
            const swept = sweepAccount(p, account, new Date(w.t)).account;
            const b = balanceOf(p, swept, new Date(w.t));
            expect(sum(swept.entries.map((e) => e.delta)).eq(b.balance)).toBe(true);
            const lots = sum(swept.lots.map((l) => l.remaining));
            expect(lots.plus(b.held).minus(b.debt).eq(b.balance)).toBe(true);
          }
        });
      }),
    );
  });

  it('available = vested - spent - expired + adjustments (and spent <= vested per lot)', () => {
    fc.assert(
      fc.property(arbPolicy, arbHistory, (policy, history) => {
        const p = programOf(policy);
        const w = run(p, history, false);
        const account = sweepAccount(p, w.a, new Date(w.t)).account;
        const lots = new Map(account.lots.map((l) => [l.id, l]));
        const vestedAt = (lotId: string, at: number) => lots.get(lotId)!.pendingUntil <= at;
        const fromVested = (e: LedgerEntry) =>
          total(e.allocations.filter((x) => vestedAt(x.lotId, e.occurredAt)));
        let vested = ZERO;
        let spent = ZERO;
        let expired = ZERO;
        let clawedBack = ZERO;
        let adjustments = ZERO;
        let settledByRelease = ZERO;
        const spentPerLot = new Map<string, Decimal>();
        const vestedPerLot = new Map<string, Decimal>();
        const captured = new Set(
          account.holds.filter((h) => h.status === 'captured').map((h) => h.id),
        );
        const addTo = (m: Map<string, Decimal>, id: string, d: Decimal) =>
          m.set(id, (m.get(id) ?? ZERO).plus(d));
        for (const e of account.entries) {
          switch (e.kind) {
            case 'vest':
              vested = vested.plus(e.amount);
              for (const x of e.allocations) addTo(vestedPerLot, x.lotId, x.amount);
              break;
            case 'earn':
              vested = vested.plus(fromVested(e));
              for (const x of e.allocations)
                if (vestedAt(x.lotId, e.occurredAt)) addTo(vestedPerLot, x.lotId, x.amount);
              break;
            case 'transfer_in':
              adjustments = adjustments.plus(total(e.allocations));
              for (const x of e.allocations) addTo(vestedPerLot, x.lotId, x.amount);
              break;
            case 'adjust':
              if (e.delta.gt(0)) {
                adjustments = adjustments.plus(total(e.allocations));
                for (const x of e.allocations) addTo(vestedPerLot, x.lotId, x.amount);
              } else adjustments = adjustments.minus(fromVested(e));
              break;
            case 'redeem':
            case 'transfer_out':
              spent = spent.plus(e.amount);
              for (const x of e.allocations) addTo(spentPerLot, x.lotId, x.amount);
              break;
            case 'capture':
              spent = spent.plus(e.amount);
              break;
            case 'hold':
              if (captured.has(e.id.slice('p:hold:'.length)))
                for (const x of e.allocations) addTo(spentPerLot, x.lotId, x.amount);
              break;
            case 'hold_release':
              settledByRelease = settledByRelease.minus(e.debtChange);
              break;
            case 'expire':
              if (lots.get(e.allocations[0]!.lotId)!.vestedAt !== null)
                expired = expired.plus(e.amount);
              break;
            case 'clawback':
              clawedBack = clawedBack.plus(fromVested(e));
              break;
          }
        }
        const b = balanceOf(p, account, new Date(w.t));
        const expected = vested
          .minus(spent)
          .minus(expired)
          .minus(clawedBack)
          .plus(adjustments)
          .minus(settledByRelease);
        expect(b.available.plus(b.held).toString()).toBe(expected.toString());
        for (const [lotId, s] of spentPerLot)
          expect(s.lte(vestedPerLot.get(lotId) ?? ZERO)).toBe(true);
      }),
    );
  });

  it('no entry id twice, even when every command is delivered twice', () => {
    fc.assert(
      fc.property(arbPolicy, arbHistory, (policy, history) => {
        const p = programOf(policy);
        const doubled = history.flatMap((s) => [s, { ...s, dt: 0 }]);
        const w = run(p, doubled, true);
        for (const acc of [w.a, w.b])
          expect(new Set(acc.entries.map((e) => e.id)).size).toBe(acc.entries.length);
      }),
    );
  });

  it('a hold resolves at most once', () => {
    fc.assert(
      fc.property(
        arbPolicy,
        arbHistory,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        (policy, history, tries) => {
          const p = programOf(policy);
          const w = run(p, history, true);
          let a = w.a;
          const r = reservePoints(p, a, { holdId: 'H', points: 1, reference: 'c' }, new Date(w.t));
          if (!r.ok) return;
          a = r.account;
          tries.forEach((capture, i) => {
            const now = new Date(w.t + i * 60_000);
            const out = capture
              ? captureHold(p, a, { holdId: 'H' }, now)
              : releaseHold(p, a, { holdId: 'H' }, now);
            if (out.ok) a = out.account;
          });
          const resolutions = a.entries.filter(
            (e) => e.id === 'p:capture:H' || e.id === 'p:hold_release:H',
          );
          expect(resolutions.length).toBeLessThanOrEqual(1);
          expect(resolutions.length === 1).toBe(
            a.holds.find((h) => h.id === 'H')!.status !== 'active',
          );
        },
      ),
    );
  });

  it('reads as of now equal reads after running the sweeps (X5)', () => {
    fc.assert(
      fc.property(
        arbPolicy,
        arbHistory,
        fc.integer({ min: 0, max: 40 * 24 }),
        (policy, history, laterHours) => {
          const p = programOf(policy);
          const swept = run(p, history, true);
          const lazy = run(p, history, false);
          const now = new Date(swept.t + laterHours * HOUR);
          expect(show(balanceOf(p, lazy.a, now))).toBe(show(balanceOf(p, swept.a, now)));
          const after = sweepAccount(p, lazy.a, now).account;
          expect(show(balanceOf(p, after, now))).toBe(show(balanceOf(p, lazy.a, now)));
        },
      ),
    );
  });

  it('returning a whole order restores the balance to before the purchase', () => {
    fc.assert(
      fc.property(
        arbPolicy,
        arbHistory,
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 100 }),
        (policy, history, earned, weights, spendPct) => {
          const p = programOf(policy, { kind: 'never' });
          const w = run(p, history, true);
          const t1 = new Date(w.t + 60_000);
          const before = balanceOf(p, w.a, t1).balance;
          let a = w.a;
          const e = earnPoints(
            p,
            a,
            { key: 'X', orderId: 'X', points: earned, orderAmount: '100.00' },
            t1,
          );
          if (!e.ok) throw new Error('earn refused');
          a = e.account;
          // Spending part of it is allowed only where a negative balance is (allowDebt).
          let spent = 0;
          if (policy.returns === 'allowDebt' && policy.pending.amount === 0) {
            const n = Math.floor((balanceOf(p, a, t1).available.toNumber() * spendPct) / 100);
            if (n > 0) {
              const r = redeemPoints(p, a, { key: 'spend', points: n, reference: 'gift' }, t1);
              if (r.ok) {
                a = r.account;
                spent = n;
              }
            }
          }
          // Returns within the pending period (or while the points are untouched).
          const cents = weights.map((x) => x);
          const totalW = cents.reduce((s, x) => s + x, 0);
          let given = 0;
          const parts = cents.map((x, i) => {
            const c = i === cents.length - 1 ? 10_000 - given : Math.floor((x * 10_000) / totalW);
            given += c;
            return c;
          });
          parts.forEach((c, i) => {
            if (c === 0) return;
            const r = clawBackReturn(
              p,
              a,
              { returnId: `R${i}`, orderId: 'X', returnedAmount: (c / 100).toFixed(2) },
              new Date(w.t + (2 + i) * 60_000),
            );
            if (!r.ok) throw new Error(r.reason.code);
            a = r.account;
          });
          const untouched = policy.returns !== 'pendingOnly' || policy.pending.amount > 0;
          if (untouched) {
            const after = balanceOf(p, a, new Date(w.t + 10 * 60_000)).balance;
            expect(after.toString()).toBe(before.minus(spent).toString());
          }
        },
      ),
    );
  });

  it('partial returns claw back exactly in proportion, and all of it when the order is fully returned', () => {
    fc.assert(
      fc.property(
        arbPolicy,
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }),
        (policy, earned, orderCents, weights) => {
          const p = programOf(policy);
          let a = openAccount(p, 'a');
          const e = earnPoints(
            p,
            a,
            { key: 'X', orderId: 'X', points: earned, orderAmount: (orderCents / 100).toFixed(2) },
            new Date(T0),
          );
          if (!e.ok) throw new Error('earn refused');
          a = e.account;
          const totalW = weights.reduce((s, x) => s + x, 0);
          let returned = 0;
          let clawed = 0;
          weights.forEach((x, i) => {
            const last = i === weights.length - 1;
            const c = last ? orderCents - returned : Math.floor((x * orderCents) / totalW);
            if (c === 0) return;
            const r = clawBackReturn(
              p,
              a,
              { returnId: `R${i}`, orderId: 'X', returnedAmount: (c / 100).toFixed(2) },
              new Date(T0 + i * 1000),
            );
            if (!r.ok) throw new Error(r.reason.code);
            a = r.account;
            returned += c;
            clawed += r.entries.at(-1)!.amount.toNumber();
            const exact = Math.floor((earned * returned) / orderCents);
            expect(clawed).toBe(returned === orderCents ? earned : exact);
          });
          expect(clawed).toBe(earned);
        },
      ),
    );
  });

  it('a transfer conserves points across both members', () => {
    fc.assert(
      fc.property(arbPolicy, arbHistory, fc.integer({ min: 1, max: 400 }), (policy, history, n) => {
        const p = programOf(policy);
        const w = run(p, history, true);
        const now = new Date(w.t);
        const before = balanceOf(p, w.a, now).balance.plus(balanceOf(p, w.b, now).balance);
        const r = transferPoints(p, w.a, w.b, { transferId: 'T', points: n }, now);
        if (!r.ok) return;
        const after = balanceOf(p, r.from, now).balance.plus(balanceOf(p, r.to, now).balance);
        expect(after.toString()).toBe(before.toString());
      }),
    );
  });
});
