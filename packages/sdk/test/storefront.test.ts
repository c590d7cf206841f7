import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTesseraClient,
  ForbiddenError,
  NotFoundError,
  type TesseraClient,
  TesseraError,
  UnauthenticatedError,
} from '../src/index.js';
import { startTestServer, type TestServer } from './harness.js';
import { TEST_CONFIG } from './program.js';

let server: TestServer;
let admin: TesseraClient;
let memberId: string;
let member: TesseraClient;
let couponCode: string;

const cart = [
  { id: 'l1', sku: 'CROISSANT', categories: ['bakery'], quantity: '2', unitPrice: '18.50' },
  { id: 'l2', sku: 'LATTE', categories: ['coffee'], quantity: '1', unitPrice: '32.00' },
];

beforeAll(async () => {
  server = await startTestServer();
  admin = server.admin();
  await admin.programs.publish({ config: TEST_CONFIG });
  const enrolled = await admin.members.enrol({
    name: 'Li Wei',
    email: 'li.wei@example.com',
    channel: 'store',
  });
  memberId = enrolled.id;
  await admin.purchases.record({
    memberId,
    orderId: 'order-1',
    channel: 'store',
    currency: 'CNY',
    occurredAt: server.clock.now().toISOString(),
    lines: [{ id: 'a', sku: 'BEANS', quantity: '1', unitPrice: '120.00' }],
  });
  const issued = await admin.coupons.issue({ templateId: 'welcome-10', memberId });
  couponCode = issued.coupons[0]!.code;
  const { token } = await admin.members.createToken({ memberId });
  member = createTesseraClient({ url: server.url, memberToken: token });
});

afterAll(async () => {
  await server?.close();
});

describe('member side with a member token', () => {
  it('viewer and me name the signed-in member', async () => {
    expect(await member.viewer()).toMatchObject({ kind: 'member', memberId });
    expect(await member.member.me()).toMatchObject({ id: memberId, name: 'Li Wei' });
  });

  it('profile: points, tier, orders and coupons held in one answer', async () => {
    const p = await member.member.profile();
    expect(p.member.id).toBe(memberId);
    expect(p.points.available).toBe('120');
    expect(p.orders).toBe(1);
    expect(p.couponsHeld).toBe(1);
    expect(p.tier?.id).toBe('green');
  });

  it('points balance and ledger default to the signed-in member', async () => {
    const b = await member.points.balance();
    expect(b).toMatchObject({ memberId, available: '120', pending: '0', debt: '0' });
    const ledger = await member.points.ledger(undefined, { first: 10 });
    expect(ledger.nodes.map((e) => e.kind)).toEqual(['earn']);
    expect(ledger.nodes[0]?.amount).toBe('120');
  });

  it('tier and progress', async () => {
    const t = await member.tiers.get();
    expect(t.tierId).toBe('green');
    expect(t.progress).toBeTypeOf('object');
  });

  it('coupon wallet lists the issued coupon', async () => {
    const w = await member.coupons.wallet();
    expect(w.nodes.map((c) => c.code)).toEqual([couponCode]);
    expect(w.nodes[0]).toMatchObject({ templateId: 'welcome-10', status: 'active' });
  });

  it('checkout quote, qualification and member prices', async () => {
    const q = await member.quote.checkout({ lines: cart, couponCodes: [couponCode] });
    expect(q.memberId).toBe(memberId);
    expect(q.totals.subtotal).toBe('69.00');
    expect(q.totals.couponDiscount).toBe('10.00');
    expect(q.totals.payable).toBe('59.00');
    expect(q.coupons[0]).toMatchObject({ couponCode, valid: true, discount: '10.00' });
    const qual = await member.quote.qualify({ lines: cart });
    expect(Array.isArray(qual.coupons)).toBe(true);
    const prices = await member.quote.memberPrices({
      items: [{ sku: 'LATTE', unitPrice: '32.00', categories: ['coffee'] }],
    });
    expect(prices[0]).toMatchObject({ sku: 'LATTE', unitPrice: '32.00', memberPrice: '32.00' });
  });

  it('validating a coupon below its minimum spend gives the reason', async () => {
    const v = await member.coupons.validate({
      code: couponCode,
      lines: [{ id: 'l1', sku: 'LATTE', quantity: '1', unitPrice: '32.00' }],
    });
    expect(v.coupon.valid).toBe(false);
    expect(v.coupon.reasonCode).toBe('MIN_SPEND_NOT_MET');
    expect(v.coupon.message).toBeTruthy();
  });

  it('redeems points (own member by default), refused when short', async () => {
    const ok = await member.points.redeem({ points: '20', reference: 'gift-1' });
    expect(ok.outcome).toBe('APPLIED');
    expect(ok.balance.available).toBe('100');
    const refused = await member.points.redeem({ points: '1000', reference: 'gift-2' });
    expect(refused.outcome).toBe('REFUSED');
    expect(refused.refusal?.code).toBe('INSUFFICIENT_POINTS');
  });

  it('applies a coupon to an order', async () => {
    const r = await member.coupons.redeem({ code: couponCode, orderId: 'web-1', lines: cart });
    expect(r.outcome).toBe('APPLIED');
    expect(r.coupon.discount).toBe('10.00');
    const w = await member.coupons.wallet(undefined, { status: 'used' });
    expect(w.nodes.map((c) => c.code)).toEqual([couponCode]);
  });

  it('another member answers like a missing one: typed NotFoundError', async () => {
    const other = await admin.members.enrol({ name: 'Wang Fang', channel: 'online' });
    const error = await member.points.balance(other.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(TesseraError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', path: ['pointsBalance'] });
  });

  it('a member token may not enrol members: typed ForbiddenError', async () => {
    await expect(member.members.enrol({ name: 'X', channel: 'online' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('storefront key and anonymous', () => {
  it('a storefront key quotes guest carts', async () => {
    const { secret } = await admin.programs.createApiKey({ role: 'storefront', label: 'web' });
    const storefront = createTesseraClient({ url: server.url, apiKey: secret });
    const q = await storefront.quote.checkout({ lines: cart });
    expect(q.memberId).toBeNull();
    expect(q.pointsToEarn).toBeNull();
    expect(q.totals.payable).toBe('69.00');
  });

  it('anonymous callers see the viewer only', async () => {
    const anon = createTesseraClient({ url: server.url });
    expect(await anon.viewer()).toMatchObject({ kind: 'anonymous', memberId: null });
    await expect(anon.quote.checkout({ lines: cart })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
