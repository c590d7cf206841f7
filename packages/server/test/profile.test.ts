import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';
import { POINTS_CONFIG, purchaseInput, RECORD, setUpPoints } from './pointsKit.js';
import { operations } from './profile.ops.js';

describe('member profile (M2)', () => {
  let s: TestServer;
  let member: string;
  let other: string;

  beforeAll(async () => {
    s = await startTestServer();
    const ids = await setUpPoints(s, 2, {
      ...POINTS_CONFIG,
      couponTemplates: [
        {
          id: 'ten',
          benefit: { kind: 'amount_off', amount: '10' },
          validity: { kind: 'after_issue', days: 30 },
        },
      ],
    });
    member = ids[0]!;
    other = ids[1]!;
    for (const [orderId, amount, at] of [
      ['p-1', '300.00', '2026-02-01T09:00:00Z'],
      ['p-2', '120.50', '2026-02-20T09:00:00Z'],
    ] as const) {
      const r = await gql(
        s.url,
        RECORD,
        { input: purchaseInput(member, orderId, amount, { occurredAt: at }) },
        s.adminKey,
      );
      expect(r.errors).toBeUndefined();
    }
    await gql(
      s.url,
      operations.TOP_UP,
      { input: { memberId: member, amount: '88.80', idempotencyKey: 'top' } },
      s.adminKey,
    );
    await gql(
      s.url,
      operations.ISSUE,
      { input: { templateId: 'ten', memberId: member, count: 2, idempotencyKey: 'i' } },
      s.adminKey,
    );
  });
  afterAll(() => s.close());

  it('answers tier, points (balanceOf), stored value, coupons held, lifetime spend and last purchase', async () => {
    const r = await gql<{ memberProfile: Record<string, unknown> }>(
      s.url,
      operations.PROFILE,
      { id: member },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.memberProfile).toEqual({
      member: { id: member },
      tier: { id: 'green', name: 'Green' },
      points: { available: '420', pending: '0', expiringPoints: '0', balance: '420' },
      storedValue: { currency: 'CNY', balance: '88.80' },
      couponsHeld: 2,
      orders: 2,
      lifetimeSpend: '420.50',
      lastPurchase: { orderId: 'p-2', occurredAt: '2026-02-20T09:00:00.000Z', amount: '120.50' },
    });
    const balance = await gql<{ pointsBalance: { available: string } }>(
      s.url,
      `query($id: ID!) { pointsBalance(memberId: $id) { available } }`,
      { id: member },
      s.adminKey,
    );
    expect(balance.data!.pointsBalance.available).toBe('420');
  });

  it('a member token reads its own profile (the default) and no other', async () => {
    const token = (
      await gql<{ createMemberToken: { token: string } }>(
        s.url,
        `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token } }`,
        { input: { memberId: member } },
        s.adminKey,
      )
    ).data!.createMemberToken.token;
    const own = await gql<{ memberProfile: { member: { id: string } } }>(
      s.url,
      `{ memberProfile { member { id } couponsHeld } }`,
      {},
      token,
    );
    expect(own.data!.memberProfile.member.id).toBe(member);
    expect(errorCode(await gql(s.url, operations.PROFILE, { id: other }, token))).toBe('NOT_FOUND');
    const adminB = await s.addProgram('prog-b');
    expect(errorCode(await gql(s.url, operations.PROFILE, { id: member }, adminB))).toBe(
      'NOT_FOUND',
    );
  });
});
