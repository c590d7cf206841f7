import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseraClient, type TesseraClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness.js';
import { TEST_CONFIG } from './program.js';

let server: TestServer;
let admin: TesseraClient;
let memberId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = server.admin();
});

afterAll(async () => {
  await server?.close();
});

describe('programs', () => {
  it('publishes a configuration version and lists versions newest first', async () => {
    const v = await admin.programs.publish({ config: TEST_CONFIG });
    expect(v.version).toBe(2);
    expect(v.config).toMatchObject({ currency: 'CNY', timeZone: 'Asia/Shanghai' });
    const versions = await admin.programs.versions({ first: 5 });
    expect(versions.nodes.map((n) => n.version)).toEqual([2, 1]);
    expect((await admin.programs.get()).id).toBe(server.programId);
  });

  it('stores and API keys', async () => {
    const store = await admin.programs.createStore({ code: 'SH-001', name: 'Flagship' });
    expect((await admin.programs.stores()).nodes.map((s) => s.code)).toEqual(['SH-001']);
    const { apiKey, secret } = await admin.programs.createApiKey({
      role: 'store',
      storeId: store.id,
      label: 'POS 1',
    });
    expect(secret).toBeTruthy();
    const pos = createTesseraClient({ url: server.url, apiKey: secret });
    expect(await pos.viewer()).toMatchObject({ kind: 'store', storeId: store.id });
    expect((await admin.programs.apiKeys()).nodes.map((k) => k.label)).toContain('POS 1');
    const revoked = await admin.programs.revokeApiKey(apiKey.id);
    expect(revoked.revokedAt).toBeTruthy();
  });
});

describe('members and cards', () => {
  it('enrols, finds, updates and deletes members', async () => {
    const m = await admin.members.enrol({
      name: 'Li Wei',
      email: 'li.wei@example.com',
      phone: '+8613800000001',
      channel: 'store',
      tags: ['coffee-lover'],
    });
    memberId = m.id;
    expect(m).toMatchObject({ name: 'Li Wei', tierId: 'green', tags: ['coffee-lover'] });
    const found = await admin.members.list({ filter: { email: 'li.wei@example.com' } });
    expect(found.nodes.map((n) => n.id)).toEqual([memberId]);
    const updated = await admin.members.update({ memberId, name: 'Li Wei (Shanghai)' });
    expect(updated.name).toBe('Li Wei (Shanghai)');
    expect((await admin.members.get(memberId)).name).toBe('Li Wei (Shanghai)');
    const gone = await admin.members.enrol({ name: 'Temp', channel: 'online' });
    expect(await admin.members.delete(gone.id)).toEqual({ deletedMemberId: gone.id });
  });

  it('issues, replaces and reports cards lost', async () => {
    const card = await admin.cards.issue({ memberId, number: '6200000000000001' });
    expect(card).toMatchObject({ memberId, status: 'active', number: '6200000000000001' });
    const byCard = await admin.members.list({ filter: { cardNumber: '6200000000000001' } });
    expect(byCard.nodes.map((n) => n.id)).toEqual([memberId]);
    const { oldCard, newCard } = await admin.cards.replace({ cardId: card.id });
    expect(oldCard.status).toBe('replaced');
    expect(newCard.status).toBe('active');
    const lost = await admin.cards.reportLost(newCard.id);
    expect(lost.status).toBe('lost');
    expect((await admin.cards.get(card.id)).replacedById).toBe(newCard.id);
    const history = await admin.cards.history(card.id);
    expect(history.nodes.map((e) => e.type)).toEqual(['issued', 'replaced']);
  });
});

describe('purchases, returns, points and coupons', () => {
  it('records a purchase once per order id; a return claws back points', async () => {
    const input = {
      memberId,
      orderId: 'pos-1001',
      channel: 'store' as const,
      currency: 'CNY',
      occurredAt: server.clock.now().toISOString(),
      lines: [
        { id: 'a', sku: 'CROISSANT', categories: ['bakery'], quantity: '2', unitPrice: '20.00' },
        { id: 'b', sku: 'BEANS', quantity: '1', unitPrice: '100.00' },
      ],
    };
    const r = await admin.purchases.record(input);
    expect(r.outcome).toBe('APPLIED');
    expect(r.purchase?.pointsEarned).toBe('180');
    expect(r.balance?.available).toBe('180');
    expect((await admin.purchases.get('pos-1001')).amount).toBe('140.00');
    const list = await admin.purchases.list({ filter: { memberId } });
    expect(list.nodes.map((p) => p.orderId)).toEqual(['pos-1001']);
    const ret = await admin.purchases.recordReturn({
      orderId: 'pos-1001',
      returnId: 'ret-1',
      amount: '70.00',
    });
    expect(ret.outcome).toBe('APPLIED');
    expect(ret.pointsClawedBack).toBe('90');
    expect(ret.balance?.available).toBe('90');
    expect(ret.purchase?.returnedAmount).toBe('70.00');
  });

  it('adjusts points with reason and operator; the ledger shows the cause', async () => {
    const adj = await admin.points.adjust({
      memberId,
      points: '20',
      reason: 'goodwill',
      operator: 'back-office:alice',
    });
    expect(adj.outcome).toBe('APPLIED');
    expect(adj.balance.available).toBe('110');
    const ledger = await admin.points.ledger(memberId, { kinds: ['adjust'] });
    expect(ledger.nodes).toHaveLength(1);
    expect(ledger.nodes[0]?.amount).toBe('20');
  });

  it('holds: reserve then capture', async () => {
    const held = await admin.points.reserve({
      memberId,
      holdId: 'cart-9',
      points: '30',
      reference: 'checkout-9',
    });
    expect(held.outcome).toBe('APPLIED');
    expect(held.balance.held).toBe('30');
    const captured = await admin.points.capture({ memberId, holdId: 'cart-9' });
    expect(captured.outcome).toBe('APPLIED');
    expect(captured.balance).toMatchObject({ held: '0', available: '80' });
  });

  it('issues coupons, redeems one at the till and rolls it back', async () => {
    const templates = await admin.coupons.templates();
    expect(templates.map((t) => t.id)).toEqual(['welcome-10']);
    const issued = await admin.coupons.issue({ templateId: 'welcome-10', memberId, count: 2 });
    expect(issued.count).toBe(2);
    const batch = await admin.coupons.batch(issued.batchId);
    expect(batch.nodes).toHaveLength(2);
    const code = issued.coupons[0]!.code;
    const lines = [{ id: 'x', sku: 'CAKE', quantity: '1', unitPrice: '60.00' }];
    const redeemed = await admin.coupons.redeem({ code, memberId, orderId: 'pos-2', lines });
    expect(redeemed.outcome).toBe('APPLIED');
    const again = await admin.coupons.redeem({ code, memberId, orderId: 'pos-3', lines });
    expect(again.outcome).toBe('REFUSED');
    expect(again.coupon.reasonCode).toBe('ALREADY_USED');
    const rollback = await admin.coupons.rollback({ orderId: 'pos-2' });
    expect(rollback.rollbacks.map((r) => r.couponCode)).toEqual([code]);
  });

  it('tier assignment and history', async () => {
    const outcome = await admin.tiers.assign({
      memberId,
      tierId: 'silver',
      mode: 'fixed',
      reason: 'status_match',
      until: '2027-03-01T00:00:00Z',
    });
    expect(outcome).toMatchObject({ tierId: 'silver', changed: true });
    expect((await admin.tiers.get(memberId)).tierId).toBe('silver');
    const history = await admin.tiers.history(memberId);
    expect(history.nodes[0]).toMatchObject({ toTierId: 'silver', cause: 'manual' });
  });

  it('stored value: top up, pay, refund, history', async () => {
    const top = await admin.storedValue.topUp({ memberId, amount: '100.00', reference: 'r1' });
    expect(top).toMatchObject({ outcome: 'APPLIED', balance: '100.00', currency: 'CNY' });
    const paid = await admin.storedValue.pay({ memberId, amount: '30.00' });
    expect(paid.balance).toBe('70.00');
    const refund = await admin.storedValue.refund({
      paymentEntryId: paid.entry!.id,
      amount: '10.00',
    });
    expect(refund.balance).toBe('80.00');
    const short = await admin.storedValue.pay({ memberId, amount: '500.00' });
    expect(short.outcome).toBe('REFUSED');
    expect(short.refusal?.code).toBe('INSUFFICIENT_FUNDS');
    const history = await admin.storedValue.history(memberId);
    expect(history.nodes.map((e) => e.kind)).toEqual(['refund', 'payment', 'topup']);
  });

  it('transfers points when the program allows it (refused otherwise, as a result)', async () => {
    const other = await admin.members.enrol({ name: 'Wang Fang', channel: 'online' });
    const t = await admin.points.transfer({
      fromMemberId: memberId,
      toMemberId: other.id,
      points: '5',
    });
    expect(['APPLIED', 'REFUSED']).toContain(t.outcome);
    if (t.outcome === 'REFUSED') expect(t.refusal?.code).toBeTruthy();
  });
});
