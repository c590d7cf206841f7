import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestServer, type TestServer } from './harness.js';

const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) { memberId totals { payable } } }`;
const CONTEXT = `query($input: QuoteContextInput) { quoteContext(input: $input) { asOf } }`;
const CART = [{ id: 'a', sku: 'TEA', quantity: '1', unitPrice: '10.00' }];

// The quote reads its state in one statement (services/quoteSnapshot.ts); empty ids are
// "none", as they were when each part was loaded on its own (found by the fuzz suite).
describe('quote state read in one statement: empty ids', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('an empty member id or store id quotes a guest cart with no store', async () => {
    const r = await gql<{ checkoutQuote: { memberId: string | null } }>(
      s.url,
      QUOTE,
      { input: { lines: CART, memberId: '', storeId: '' } },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.checkoutQuote.memberId).toBeNull();
    const c = await gql(s.url, CONTEXT, { input: { storeId: '' } }, s.adminKey);
    expect(c.errors).toBeUndefined();
  });

  it('a malformed store id is NOT_FOUND, as before', async () => {
    const r = await gql(s.url, QUOTE, { input: { lines: CART, storeId: 'nope' } }, s.adminKey);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
