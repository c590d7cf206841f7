import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { defineProgram, type Program } from '../program/index.js';
import {
  adjustPoints,
  applyPointsPayment,
  balanceOf,
  captureHold,
  checkAccountInvariants,
  clawBackReturn,
  earnPoints,
  type LedgerResult,
  openAccount,
  type PointsAccount,
  redeemPoints,
  releaseHold,
  reservePoints,
  sweepAccount,
  transferPoints,
} from './index.js';

const T0 = '2026-03-01T10:00:00+08:00';
const at = (days: number, hours = 0) =>
  new Date(Date.parse(T0) + days * 86_400_000 + hours * 3_600_000);

function program(points: Record<string, unknown> = {}): Program {
  return defineProgram({
    id: 'p1',
    version: 3,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    points,
  });
}

function ok(result: LedgerResult): PointsAccount {
  if (!result.ok) throw new Error(`refused: ${result.reason.code}`);
  expect(checkAccountInvariants(result.account)).toEqual([]);
  return result.account;
}

function earned(p: Program, points = 100, order = 'o1', now: Date | string = T0) {
  return ok(
    earnPoints(
      p,
      openAccount(p, 'm1'),
      { key: order, orderId: order, points, orderAmount: '100.00' },
      now,
    ),
  );
}

describe('earn', () => {
  it('creates a lot with pendingUntil and expiresAt from the policy, and records cause and version', () => {
    const p = program({
      pending: { amount: 14, unit: 'day' },
      expiry: { kind: 'rolling', amount: 12, unit: 'month', roundUpTo: 'month' },
    });
    const r = earnPoints(
      p,
      openAccount(p, 'm1'),
      { key: 'o1', orderId: 'o1', points: 120, orderAmount: '99.90', ruleId: 'base' },
      T0,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [entry] = r.entries;
    expect(entry?.id).toBe('p1:earn:o1');
    expect(entry?.programVersion).toBe(3);
    expect(entry?.cause).toMatchObject({ type: 'purchase', orderId: 'o1', ruleId: 'base' });
    const lot = r.account.lots[0]!;
    expect(new Date(lot.pendingUntil).toISOString()).toBe('2026-03-15T02:00:00.000Z');
    expect(lot.expiresOn).toBe('2027-03-31');
    expect(new Date(lot.expiresAt!).toISOString()).toBe('2027-03-31T16:00:00.000Z');
    const b = balanceOf(p, r.account, T0);
    expect(b.pending.toString()).toBe('120');
    expect(b.available.toString()).toBe('0');
    expect(balanceOf(p, r.account, at(14)).available.toString()).toBe('120');
  });

  it('replays the same command and refuses the same key with other content', () => {
    const p = program();
    const a = earned(p);
    const again = earnPoints(
      p,
      a,
      { key: 'o1', orderId: 'o1', points: 100, orderAmount: '100' },
      at(1),
    );
    expect(again).toMatchObject({ ok: true, replayed: true });
    if (again.ok) expect(again.account).toBe(a);
    const other = earnPoints(
      p,
      a,
      { key: 'o1', orderId: 'o1', points: 101, orderAmount: '100' },
      at(1),
    );
    expect(other).toMatchObject({
      ok: false,
      reason: { code: 'IDEMPOTENCY_CONFLICT', entryId: 'p1:earn:o1' },
    });
  });

  it.each([
    ['zero points', { points: 0 }],
    ['negative points', { points: -5 }],
    ['fractional points at scale 0', { points: '1.5' }],
    ['a bad key', { key: ' o1' }],
    ['too many decimals of money', { orderAmount: '1.001' }],
  ])('throws InputError on %s', (_name, patch) => {
    const p = program();
    expect(() =>
      earnPoints(
        p,
        openAccount(p, 'm1'),
        { key: 'o1', orderId: 'o1', points: 10, orderAmount: '10', ...patch },
        T0,
      ),
    ).toThrow(InputError);
  });

  it('refuses a transition dated before the latest posting', () => {
    const p = program();
    const a = earned(p, 100, 'o1', at(2));
    expect(() => redeemPoints(p, a, { key: 'r', points: 1, reference: 'x' }, at(1))).toThrow(
      InputError,
    );
  });
});

describe('redeem', () => {
  it('consumes soonest-expiring lots first, ties by earn time then lot id', () => {
    const p = program({ expiry: { kind: 'rolling', amount: 30, unit: 'day', roundUpTo: 'day' } });
    let a = earned(p, 50, 'b', at(0));
    a = ok(earnPoints(p, a, { key: 'a', orderId: 'a', points: 50, orderAmount: '1' }, at(0)));
    a = ok(earnPoints(p, a, { key: 'c', orderId: 'c', points: 50, orderAmount: '1' }, at(1)));
    const r = redeemPoints(p, a, { key: 'r1', points: 70, reference: 'reward-1' }, at(2));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const redeem = r.entries.find((e) => e.kind === 'redeem')!;
    expect(redeem.allocations.map((x) => [x.lotId, x.amount.toString()])).toEqual([
      ['earn:a', '50'],
      ['earn:b', '20'],
    ]);
  });

  it('never spends pending, expired or held points', () => {
    const p = program({
      pending: { amount: 1, unit: 'day' },
      expiry: { kind: 'rolling', amount: 10, unit: 'day' },
    });
    const a = earned(p, 100);
    expect(redeemPoints(p, a, { key: 'r', points: 1, reference: 'x' }, at(0, 23))).toMatchObject({
      ok: false,
      reason: { code: 'INSUFFICIENT_POINTS' },
    });
    const held = ok(reservePoints(p, a, { holdId: 'h', points: 60, reference: 'cart' }, at(2)));
    expect(redeemPoints(p, held, { key: 'r', points: 41, reference: 'x' }, at(2))).toMatchObject({
      ok: false,
      reason: { code: 'INSUFFICIENT_POINTS' },
    });
    expect(redeemPoints(p, a, { key: 'r', points: 1, reference: 'x' }, at(10))).toMatchObject({
      ok: false,
      reason: { code: 'INSUFFICIENT_POINTS' },
    });
  });
});

describe('holds', () => {
  const p = program({ holds: { timeoutMinutes: 15 } });
  const base = () =>
    ok(reservePoints(p, earned(p, 100), { holdId: 'h1', points: 40, reference: 'cart-1' }, T0));

  it('reserves, then captures exactly once', () => {
    const a = base();
    expect(balanceOf(p, a, T0)).toMatchObject({ held: expect.anything() });
    expect(balanceOf(p, a, T0).available.toString()).toBe('60');
    const c = captureHold(p, a, { holdId: 'h1' }, at(0, 0.1));
    const captured = ok(c);
    expect(balanceOf(p, captured, at(0, 0.1)).balance.toString()).toBe('60');
    expect(captureHold(p, captured, { holdId: 'h1' }, at(0, 0.2))).toMatchObject({
      ok: true,
      replayed: true,
    });
    expect(releaseHold(p, captured, { holdId: 'h1' }, at(0, 0.2))).toMatchObject({
      ok: false,
      reason: { code: 'HOLD_ALREADY_RESOLVED', status: 'captured' },
    });
  });

  it('releases back to the lots, and times out at once in reads', () => {
    const a = base();
    const released = ok(releaseHold(p, a, { holdId: 'h1' }, at(0, 0.1)));
    expect(balanceOf(p, released, at(0, 0.1)).available.toString()).toBe('100');
    expect(captureHold(p, released, { holdId: 'h1' }, at(0, 0.2))).toMatchObject({
      ok: false,
      reason: { code: 'HOLD_ALREADY_RESOLVED', status: 'released' },
    });
    expect(balanceOf(p, a, at(0, 0.25)).available.toString()).toBe('100');
    expect(captureHold(p, a, { holdId: 'h1' }, at(0, 0.25))).toMatchObject({
      ok: false,
      reason: { code: 'HOLD_EXPIRED' },
    });
    const swept = sweepAccount(p, a, at(0, 0.25));
    expect(swept.entries.map((e) => e.kind)).toEqual(['hold_release']);
    expect(releaseHold(p, swept.account, { holdId: 'h1' }, at(1))).toMatchObject({
      ok: true,
      replayed: true,
    });
  });
});

describe('clawback on return', () => {
  it('takes pending points of the order first, proportionally and cumulatively', () => {
    const p = program({ pending: { amount: 14, unit: 'day' } });
    let a = ok(
      earnPoints(
        p,
        openAccount(p, 'm1'),
        { key: 'o1', orderId: 'o1', points: 100, orderAmount: '300.00' },
        T0,
      ),
    );
    const r1 = clawBackReturn(
      p,
      a,
      { returnId: 'ret1', orderId: 'o1', returnedAmount: '100.00' },
      at(1),
    );
    a = ok(r1);
    expect(r1.ok && r1.entries[0]?.amount.toString()).toBe('33');
    a = ok(
      clawBackReturn(p, a, { returnId: 'ret2', orderId: 'o1', returnedAmount: '100.00' }, at(2)),
    );
    a = ok(
      clawBackReturn(p, a, { returnId: 'ret3', orderId: 'o1', returnedAmount: '100.00' }, at(3)),
    );
    const b = balanceOf(p, a, at(3));
    expect(b.balance.toString()).toBe('0');
    expect(b.pending.toString()).toBe('0');
  });

  it.each([
    ['pendingOnly', '60', '0', '100'],
    ['withinBalance', '0', '0', '40'],
    ['allowDebt', '0', '40', '0'],
  ])('applies the %s policy when the points were spent', (returns, available, debt, forgiven) => {
    const p = program({ returns });
    let a = earned(p, 100);
    a = ok(redeemPoints(p, a, { key: 'r', points: 40, reference: 'x' }, at(1)));
    const r = clawBackReturn(
      p,
      a,
      { returnId: 'ret', orderId: 'o1', returnedAmount: '100' },
      at(2),
    );
    const after = ok(r);
    const b = balanceOf(p, after, at(2));
    expect([b.available.toString(), b.debt.toString()]).toEqual([available, debt]);
    expect(r.ok && r.entries[0]?.forgiven.toString()).toBe(forgiven);
  });

  it('settles debt from the next credit', () => {
    const p = program({ returns: 'allowDebt' });
    let a = earned(p, 100);
    a = ok(redeemPoints(p, a, { key: 'r', points: 100, reference: 'x' }, at(1)));
    a = ok(clawBackReturn(p, a, { returnId: 'ret', orderId: 'o1', returnedAmount: '100' }, at(2)));
    expect(balanceOf(p, a, at(2)).balance.toString()).toBe('-100');
    a = ok(earnPoints(p, a, { key: 'o2', orderId: 'o2', points: 150, orderAmount: '150' }, at(3)));
    const b = balanceOf(p, a, at(3));
    expect([b.available.toString(), b.debt.toString()]).toEqual(['50', '0']);
  });
});

describe('adjust and transfer', () => {
  it('credits and debits with reason and operator', () => {
    const p = program({ returns: 'withinBalance' });
    let a = ok(
      adjustPoints(
        p,
        openAccount(p, 'm1'),
        { key: 'adj1', points: 30, reason: 'goodwill', operator: 'ops-7' },
        T0,
      ),
    );
    expect(a.entries[0]?.cause).toEqual({
      type: 'adjustment',
      reason: 'goodwill',
      operator: 'ops-7',
    });
    a = ok(
      adjustPoints(p, a, { key: 'adj2', points: -10, reason: 'fix', operator: 'ops-7' }, at(1)),
    );
    expect(balanceOf(p, a, at(1)).available.toString()).toBe('20');
  });

  it('moves points between members, conserved, with the same expiry', () => {
    const p = program({
      transfers: { allowed: true, minPoints: 10, maxPoints: 500 },
      expiry: { kind: 'fixedDate', monthDay: '12-31', yearsAfter: 1 },
    });
    const from = earned(p, 100);
    const to = openAccount(p, 'm2');
    const r = transferPoints(p, from, to, { transferId: 't1', points: 60 }, at(1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(balanceOf(p, r.from, at(1)).available.toString()).toBe('40');
    expect(balanceOf(p, r.to, at(1)).available.toString()).toBe('60');
    expect(r.to.lots[0]?.expiresOn).toBe('2027-12-31');
    expect(transferPoints(p, r.from, r.to, { transferId: 't1', points: 60 }, at(2))).toMatchObject({
      ok: true,
      replayed: true,
    });
  });
});

describe('reason codes', () => {
  const p = program({
    returns: 'pendingOnly',
    transfers: { allowed: true, minPoints: 10, maxPoints: 50 },
    payment: { enabled: true, minPoints: 100, step: 100, maxShare: '0.5' },
  });
  const closed = program();
  const a = earned(p, 1000);
  const held = ok(reservePoints(p, a, { holdId: 'h1', points: 10, reference: 'c' }, T0));
  const captured = ok(captureHold(p, held, { holdId: 'h1' }, T0));
  const cases: [string, () => { ok: boolean; reason?: { code: string } }][] = [
    [
      'IDEMPOTENCY_CONFLICT',
      () =>
        redeemPoints(
          p,
          ok(redeemPoints(p, a, { key: 'k', points: 1, reference: 'x' }, T0)),
          { key: 'k', points: 2, reference: 'x' },
          T0,
        ),
    ],
    [
      'INSUFFICIENT_POINTS',
      () => redeemPoints(p, a, { key: 'k', points: 1001, reference: 'x' }, T0),
    ],
    ['HOLD_NOT_FOUND', () => captureHold(p, a, { holdId: 'nope' }, T0)],
    ['HOLD_ALREADY_RESOLVED', () => releaseHold(p, captured, { holdId: 'h1' }, T0)],
    ['HOLD_EXPIRED', () => captureHold(p, held, { holdId: 'h1' }, at(1))],
    [
      'PAYMENT_DISABLED',
      () =>
        applyPointsPayment(
          closed,
          earned(closed),
          { key: 'k', orderId: 'o9', points: 100, orderAmount: '10' },
          T0,
        ),
    ],
    [
      'BELOW_MINIMUM',
      () => transferPoints(p, a, openAccount(p, 'm2'), { transferId: 't', points: 5 }, T0),
    ],
    [
      'ABOVE_MAXIMUM',
      () => transferPoints(p, a, openAccount(p, 'm2'), { transferId: 't', points: 51 }, T0),
    ],
    [
      'NOT_A_MULTIPLE_OF_STEP',
      () =>
        applyPointsPayment(p, a, { key: 'k', orderId: 'o9', points: 150, orderAmount: '10' }, T0),
    ],
    [
      'EXCEEDS_MAXIMUM_SHARE',
      () =>
        applyPointsPayment(p, a, { key: 'k', orderId: 'o9', points: 600, orderAmount: '10' }, T0),
    ],
    [
      'TRANSFER_NOT_ALLOWED',
      () =>
        transferPoints(
          closed,
          earned(closed),
          openAccount(closed, 'm2'),
          { transferId: 't', points: 5 },
          T0,
        ),
    ],
    ['SELF_TRANSFER', () => transferPoints(p, a, a, { transferId: 't', points: 20 }, T0)],
    [
      'NOTHING_TO_CLAW_BACK',
      () =>
        clawBackReturn(p, a, { returnId: 'r', orderId: 'never-bought', returnedAmount: '1' }, T0),
    ],
    [
      'RETURN_EXCEEDS_ORDER',
      () => clawBackReturn(p, a, { returnId: 'r', orderId: 'o1', returnedAmount: '100.01' }, T0),
    ],
  ];
  it.each(cases)('%s', (code, run) => {
    const result = run();
    expect(result.ok).toBe(false);
    expect(result.reason?.code).toBe(code);
  });

  it('pays with points within the share, minimum and step', () => {
    const r = applyPointsPayment(
      p,
      a,
      { key: 'pay1', orderId: 'o9', points: 500, orderAmount: '10.00' },
      T0,
    );
    expect(r.ok && r.value.toString()).toBe('5');
  });
});
