import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseraClient, type TesseraClient } from '../src/index.js';
import { createPreview, loadPreview, type PreviewCart } from '../src/preview.js';
import { startTestServer, type TestServer } from './harness.js';
import { PREVIEW_CONFIG } from './program.js';

let server: TestServer;
let admin: TesseraClient;
let member: TesseraClient;
let memberId: string;
let couponCode: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = server.admin();
  await admin.programs.publish({ config: PREVIEW_CONFIG });
  memberId = (await admin.members.enrol({ name: 'Li Wei', channel: 'store' })).id;
  // One purchase: the next is the second (bonus). 1,200.00 less every 100 off 10
  // (recordPurchase applies promotions as the quote does) = 1,080 paid:
  // 1,080 points, Silver (entry 1,000).
  await admin.purchases.record({
    memberId,
    orderId: 'first',
    channel: 'store',
    currency: 'CNY',
    occurredAt: server.clock.now().toISOString(),
    lines: [{ id: 'a', sku: 'BEANS', quantity: '10', unitPrice: '120.00' }],
  });
  couponCode = (await admin.coupons.issue({ templateId: 'welcome-10', memberId })).coupons[0]!.code;
  const { token } = await admin.members.createToken({ memberId });
  member = createTesseraClient({ url: server.url, memberToken: token });
});

afterAll(async () => {
  await server?.close();
});

const carts: [string, Omit<PreviewCart, 'now'>][] = [
  [
    'bakery and coffee, 500 points paid, no code',
    {
      lines: [
        { id: 'l1', sku: 'CROISSANT', categories: ['bakery'], quantity: '3', unitPrice: '18.50' },
        { id: 'l2', sku: 'LATTE', categories: ['coffee'], quantity: '2', unitPrice: '32.00' },
      ],
      couponCodes: [],
      pointsToSpend: '500',
    },
  ],
  [
    'a big cart (promotion steps), the coupon applied',
    {
      lines: [
        { id: 'x', sku: 'GRINDER', quantity: '1', unitPrice: '249.90' },
        {
          id: 'y',
          sku: 'CAKE',
          categories: ['bakery'],
          quantity: '2',
          unitPrice: '28.00',
          discount: '5.00',
        },
      ],
      couponCodes: ['COUPON'],
    },
  ],
  [
    'below the coupon minimum (refused with its reason)',
    {
      lines: [{ id: 'z', sku: 'LATTE', categories: ['coffee'], quantity: '1', unitPrice: '32.00' }],
      couponCodes: ['COUPON'],
    },
  ],
];

describe('offline preview (@tessera/sdk/preview)', () => {
  it.each(carts)('answers like the server checkoutQuote: %s', async (_name, cart) => {
    const codes = (cart.couponCodes ?? []).map((c) => (c === 'COUPON' ? couponCode : c));
    const preview = await loadPreview(member);
    expect(preview.couponCodes).toEqual([couponCode]);
    expect(preview.memberId).toBe(memberId);
    const server_ = await member.quote.checkout({
      lines: [...cart.lines],
      couponCodes: codes,
      ...(cart.pointsToSpend ? { pointsToSpend: cart.pointsToSpend } : {}),
    });
    const local = preview.quoteJson({ ...cart, couponCodes: codes, now: server_.asOf });
    expect(local).toEqual(server_.engine);
    expect(preview.programVersion).toBe(server_.programVersion);
  });

  it('the comparison is not vacuous: state, tier, promotions, coupon and points all matter', async () => {
    const preview = await loadPreview(member);
    const now = server.clock.now().toISOString();
    const q = preview.quote({ ...carts[0]![1], now });
    expect(q.tier?.before).toBe('silver');
    expect(q.pointsPayment.points.toString()).toBe('500');
    expect(q.earning?.awards.some((a) => a.ruleId === 'second-visit')).toBe(true);
    const big = preview.quote({ ...carts[1]![1], couponCodes: [couponCode], now });
    expect(big.promotions.applied.map((p) => p.promotionId)).toContain('every-100-off-10');
    expect(big.coupons[0]?.valid).toBe(true);
    // A guest (no state) gets another answer for the same cart.
    const guest = createPreview({ ...(await admin.quote.context()), state: {} });
    expect(guest.quoteJson({ ...carts[0]![1], now })).not.toEqual(
      preview.quoteJson({ ...carts[0]![1], now }),
    );
  });

  it('after a new purchase, a fresh context follows the server (the old one is a snapshot)', async () => {
    const before = await loadPreview(member);
    await admin.purchases.record({
      memberId,
      orderId: 'second',
      channel: 'store',
      currency: 'CNY',
      occurredAt: server.clock.now().toISOString(),
      lines: [{ id: 'a', sku: 'BEANS', quantity: '1', unitPrice: '120.00' }],
    });
    const after = await loadPreview(member);
    const cart = carts[0]![1];
    const live = await member.quote.checkout({
      lines: [...cart.lines],
      pointsToSpend: cart.pointsToSpend ?? null,
    });
    expect(after.quoteJson({ ...cart, now: live.asOf })).toEqual(live.engine);
    expect(before.quoteJson({ ...cart, now: live.asOf })).not.toEqual(live.engine);
  });

  it('an admin previews a given member; a storefront key previews guests', async () => {
    const forMember = await loadPreview(admin, { memberId });
    expect(forMember.memberId).toBe(memberId);
    const { secret } = await admin.programs.createApiKey({ role: 'storefront', label: 'web' });
    const storefront = createTesseraClient({ url: server.url, apiKey: secret });
    const guest = await loadPreview(storefront);
    expect(guest.memberId).toBeNull();
    const cart = carts[1]![1];
    const live = await storefront.quote.checkout({
      lines: [...cart.lines],
    });
    expect(guest.quoteJson({ lines: cart.lines, now: live.asOf })).toEqual(live.engine);
  });
});
