import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';
import {
  BALANCE,
  ledgerTotals,
  purchaseInput,
  RECORD,
  REDEEM,
  RETURN,
  setUpPoints,
  TRANSFER,
} from './pointsKit.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read loosely in assertions
type Payload = Record<string, any>;

describe('purchases, returns, points and tiers (T1-T4, P5-P9, L1-L7)', () => {
  let s: TestServer;
  let a: string;
  let b: string;
  let c: string;

  beforeAll(async () => {
    s = await startTestServer();
    [a, b, c] = (await setUpPoints(s, 3)) as [string, string, string];
  });
  afterAll(async () => {
    await s?.close();
  });

  const record = (input: Record<string, unknown>, key = s.adminKey) =>
    gql<{ recordPurchase: Payload }>(s.url, RECORD, { input }, key);
  const balance = async (id: string) =>
    (await gql<{ pointsBalance: Payload }>(s.url, BALANCE, { id }, s.adminKey)).data!.pointsBalance;

  it('records a purchase once per order id: a replay has one effect and the same answer', async () => {
    const first = await record(purchaseInput(a, 'o-1', '120.00'));
    expect(first.errors).toBeUndefined();
    const p = first.data!.recordPurchase;
    expect(p.outcome).toBe('APPLIED');
    expect(p.purchase.pointsEarned).toBe('120');
    expect(p.balance).toMatchObject({ available: '120', balance: '120' });
    const again = await record(purchaseInput(a, 'o-1', '120.00'));
    expect(again.data!.recordPurchase).toEqual(p);
    // Same order id with another idempotency key and the same content: still one effect.
    const other = await record(purchaseInput(a, 'o-1', '120.00', { idempotencyKey: 'other-key' }));
    expect(other.data!.recordPurchase).toEqual(p);
    expect((await balance(a)).balance).toBe('120');
  });

  it('same idempotency key with a different input is IDEMPOTENCY_CONFLICT and changes nothing', async () => {
    const r = await record(purchaseInput(a, 'o-1', '999.00'));
    expect(errorCode(r)).toBe('IDEMPOTENCY_CONFLICT');
    const r2 = await record(purchaseInput(a, 'o-1', '999.00', { idempotencyKey: 'new-key' }));
    expect(errorCode(r2)).toBe('IDEMPOTENCY_CONFLICT');
    expect((await balance(a)).balance).toBe('120');
  });

  it('partial and full returns restore the balance', async () => {
    const before = (await balance(b)).balance;
    await record(purchaseInput(b, 'o-b1', '200.00'));
    expect((await balance(b)).balance).toBe('200');
    const ret = (input: Record<string, unknown>) =>
      gql<{ recordReturn: Payload }>(s.url, RETURN, { input }, s.adminKey);
    const part = await ret({
      orderId: 'o-b1',
      returnId: 'r-b1',
      amount: '50.00',
      idempotencyKey: 'r1',
    });
    expect(part.errors).toBeUndefined();
    expect(part.data!.recordReturn).toMatchObject({ outcome: 'APPLIED', pointsClawedBack: '50' });
    expect((await balance(b)).balance).toBe('150');
    const replay = await ret({
      orderId: 'o-b1',
      returnId: 'r-b1',
      amount: '50.00',
      idempotencyKey: 'r1',
    });
    expect(replay.data!.recordReturn).toEqual(part.data!.recordReturn);
    const rest = await ret({ orderId: 'o-b1', returnId: 'r-b2', idempotencyKey: 'r2' });
    expect(rest.data!.recordReturn).toMatchObject({
      outcome: 'APPLIED',
      amount: '150.00',
      pointsClawedBack: '150',
    });
    expect((await balance(b)).balance).toBe(before);
    const tooMuch = await ret({
      orderId: 'o-b1',
      returnId: 'r-b3',
      amount: '1.00',
      idempotencyKey: 'r3',
    });
    expect(tooMuch.data!.recordReturn).toMatchObject({
      outcome: 'REFUSED',
      refusal: { code: 'RETURN_EXCEEDS_ORDER' },
    });
    // A full return (no amount) of an order already returned in full is a refusal too, not bad input.
    const again = await ret({ orderId: 'o-b1', returnId: 'r-b4', idempotencyKey: 'r4' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordReturn).toMatchObject({
      outcome: 'REFUSED',
      refusal: { code: 'RETURN_EXCEEDS_ORDER' },
    });
    expect((await balance(b)).balance).toBe(before);
  });

  it('redeem refused with INSUFFICIENT_POINTS changes nothing', async () => {
    const before = await ledgerTotals(s, a);
    const r = await gql<{ redeemPoints: Payload }>(
      s.url,
      REDEEM,
      { input: { memberId: a, points: '5000', reference: 'mug', idempotencyKey: 'too-much' } },
      s.adminKey,
    );
    expect(r.data!.redeemPoints).toMatchObject({
      outcome: 'REFUSED',
      refusal: { code: 'INSUFFICIENT_POINTS', details: { requested: '5000', available: '120' } },
      entries: [],
    });
    expect(await ledgerTotals(s, a)).toEqual(before);
  });

  const RESERVE = `mutation($input: ReservePointsInput!) { reservePoints(input: $input) { outcome } }`;

  it.each([
    ['a space', 'checkout 9', 'space'],
    ['empty', '', 'empty'],
    ['129 characters', 'r'.repeat(129), 'long'],
    ['a leading dash', '-9', 'dash'],
  ])(
    'a reference with %s is BAD_USER_INPUT on reference (the engine’s rule) and changes nothing',
    async (_, reference, tag) => {
      const before = await ledgerTotals(s, a);
      const redeem = await gql(
        s.url,
        REDEEM,
        {
          input: { memberId: a, points: '1', reference, idempotencyKey: `bad-ref-r-${tag}` },
        },
        s.adminKey,
      );
      const reserve = await gql(
        s.url,
        RESERVE,
        {
          input: {
            memberId: a,
            holdId: 'bad-ref-hold',
            points: '1',
            reference,
            idempotencyKey: `bad-ref-h-${tag}`,
          },
        },
        s.adminKey,
      );
      for (const r of [redeem, reserve]) {
        expect(r.data).toBeNull();
        expect(r.errors![0]!.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'reference',
          reason: 'invalid_key',
        });
        expect(r.errors![0]!.message).toMatch(/id: letters, digits/);
      }
      expect(await ledgerTotals(s, a)).toEqual(before);
    },
  );

  it('a reference the engine accepts as an id (`_ . : - / #`, up to 128) reaches the engine', async () => {
    const r = await gql<{ redeemPoints: Payload }>(
      s.url,
      REDEEM,
      {
        input: {
          memberId: a,
          points: '5000',
          reference: `checkout:9/a_b.c#d-${'x'.repeat(109)}`,
          idempotencyKey: 'good-ref',
        },
      },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.redeemPoints.refusal.code).toBe('INSUFFICIENT_POINTS');
  });

  it('upgrades the tier on the purchase that crosses the threshold, with history', async () => {
    const r = await record(purchaseInput(c, 'o-c1', '1200.00'));
    expect(r.data!.recordPurchase.tier).toMatchObject({
      tierId: 'silver',
      changed: true,
      code: 'UPGRADED',
    });
    const t = await gql<{ memberTier: Payload; tierHistory: Payload }>(
      s.url,
      `query($id: ID!) { memberTier(memberId: $id) { tierId tierName progress }
        tierHistory(memberId: $id) { nodes { fromTierId toTierId code cause } } }`,
      { id: c },
      s.adminKey,
    );
    expect(t.errors).toBeUndefined();
    expect(t.data!.memberTier).toMatchObject({ tierId: 'silver', tierName: 'Silver' });
    expect(t.data!.tierHistory.nodes).toEqual([
      { fromTierId: 'green', toTierId: 'silver', code: 'UPGRADED', cause: 'purchase' },
    ]);
  });

  it('balance = sum of ledger entries = sum of remaining lots after a mixed sequence', async () => {
    const op = (query: string, input: Record<string, unknown>) =>
      gql<Payload>(s.url, query, { input }, s.adminKey);
    await record(purchaseInput(a, 'o-m1', '300.00'));
    await record(purchaseInput(a, 'o-m2', '400.00', { pointsPayment: { points: '100' } }));
    await op(REDEEM, { memberId: a, points: '35', reference: 'cake', idempotencyKey: 'm-r1' });
    const hold = await op(
      `mutation($input: ReservePointsInput!) { reservePoints(input: $input) { outcome hold { holdId status } } }`,
      { memberId: a, holdId: 'cart-1', points: '50', reference: 'cart', idempotencyKey: 'm-h1' },
    );
    expect(hold.data!.reservePoints).toMatchObject({
      outcome: 'APPLIED',
      hold: { status: 'held' },
    });
    await op(`mutation($input: ReservePointsInput!) { reservePoints(input: $input) { outcome } }`, {
      memberId: a,
      holdId: 'cart-2',
      points: '20',
      reference: 'cart',
      idempotencyKey: 'm-h2',
    });
    const cap = await op(
      `mutation($input: HoldActionInput!) { captureHold(input: $input) { outcome hold { status } } }`,
      { memberId: a, holdId: 'cart-1', idempotencyKey: 'm-c1' },
    );
    expect(cap.data!.captureHold).toMatchObject({
      outcome: 'APPLIED',
      hold: { status: 'captured' },
    });
    const adj = await op(
      `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { outcome entries { kind cause actor } } }`,
      {
        memberId: a,
        points: '-7',
        reason: 'goodwill reversal',
        operator: 'Ann',
        idempotencyKey: 'm-a1',
      },
    );
    expect(adj.data!.adjustPoints.outcome).toBe('APPLIED');
    expect(adj.data!.adjustPoints.entries[0].cause).toMatchObject({
      type: 'adjustment',
      reason: 'goodwill reversal',
    });
    const tr = await op(TRANSFER, {
      fromMemberId: a,
      toMemberId: b,
      points: '13',
      idempotencyKey: 'm-t1',
    });
    expect(tr.data!.transferPoints.outcome).toBe('APPLIED');
    await gql(
      s.url,
      RETURN,
      { input: { orderId: 'o-m1', returnId: 'r-m1', amount: '100.00', idempotencyKey: 'm-ret' } },
      s.adminKey,
    );
    s.clock.advance(31 * 60_000); // cart-2 times out: its points are back, before any sweep ran
    const bal = await balance(a);
    // 120 + 300 - 100 (payment) + 400 (earned on 400 - 1.00 paid by points: 399) ...
    const t = await ledgerTotals(s, a);
    expect(t.ledger).toBe(t.balance);
    expect(t.lots).toBe(t.balance);
    expect(Number(bal.balance)).toBe(t.balance);
    expect(bal.held).toBe('0');
    const self = await op(TRANSFER, {
      fromMemberId: a,
      toMemberId: a,
      points: '1',
      idempotencyKey: 'self',
    });
    expect(self.data!.transferPoints.refusal.code).toBe('SELF_TRANSFER');
    const ledger = await gql<{ pointsLedger: Payload }>(
      s.url,
      `query($id: ID!) { pointsLedger(memberId: $id, first: 100) { nodes { kind amount cause } } }`,
      { id: a },
      s.adminKey,
    );
    const kinds = new Set(ledger.data!.pointsLedger.nodes.map((n: Payload) => n.kind));
    for (const k of ['earn', 'redeem', 'hold', 'capture', 'adjust', 'transfer_out', 'clawback']) {
      expect(kinds.has(k)).toBe(true);
    }
  });

  it('a member token cannot read another member’s points', async () => {
    const minted = await gql<{ createMemberToken: { token: string } }>(
      s.url,
      `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token } }`,
      { input: { memberId: a } },
      s.adminKey,
    );
    const token = minted.data!.createMemberToken.token;
    const own = await gql(s.url, BALANCE, { id: a }, token);
    expect(own.errors).toBeUndefined();
    const other = await gql(s.url, BALANCE, { id: b }, token);
    const missing = await gql(
      s.url,
      BALANCE,
      { id: '0190f5d2-0000-7000-8000-000000000000' },
      token,
    );
    expect(errorCode(other)).toBe('NOT_FOUND');
    expect(other.errors).toEqual(missing.errors);
    const redeemOther = await gql(
      s.url,
      REDEEM,
      { input: { memberId: b, points: '1', reference: 'x', idempotencyKey: 'steal' } },
      token,
    );
    expect(errorCode(redeemOther)).toBe('NOT_FOUND');
  });
});
