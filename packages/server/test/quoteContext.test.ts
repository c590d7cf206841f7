import { parseProgram, quote } from '@tessera/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol, issue, publishCouponConfig } from './coupons.fixture.js';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';

const CONTEXT = `query($input: QuoteContextInput) { quoteContext(input: $input) {
  programVersion asOf memberId config state } }`;
const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) { asOf engine } }`;
const MINT = `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token } }`;
const KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`;

const CART = [
  { id: 'a', sku: 'TEA', categories: ['tea'], quantity: '2', unitPrice: '30.00' },
  { id: 'b', sku: 'MUG', categories: ['mugs'], quantity: '1', unitPrice: '50.00' },
];

interface Context {
  programVersion: number;
  asOf: string;
  memberId: string | null;
  config: Record<string, unknown>;
  state: Record<string, unknown>;
}

describe('quoteContext: the offline preview context', () => {
  let s: TestServer;
  let member: string;
  let other: string;
  let code: string;
  let memberToken: string;
  let storefrontKey: string;

  beforeAll(async () => {
    s = await startTestServer();
    await publishCouponConfig(s);
    member = await enrol(s, { name: 'Previewed' });
    other = await enrol(s, { name: 'Other' });
    code = (await issue(s, { templateId: 'ten', memberId: member }))[0]!;
    const t = await gql<{ createMemberToken: { token: string } }>(
      s.url,
      MINT,
      { input: { memberId: member } },
      s.adminKey,
    );
    memberToken = t.data!.createMemberToken.token;
    const k = await gql<{ createApiKey: { secret: string } }>(
      s.url,
      KEY,
      { input: { role: 'storefront', label: 'web' } },
      s.adminKey,
    );
    storefrontKey = k.data!.createApiKey.secret;
  });
  afterAll(() => s.close());

  const context = (input: Record<string, unknown> | null, key?: string) =>
    gql<{ quoteContext: Context }>(s.url, CONTEXT, { input }, key);

  it("the engine's quote over the context equals checkoutQuote (member token, own member by default)", async () => {
    const c = await context({ couponCodes: [code] }, memberToken);
    expect(c.errors).toBeUndefined();
    const ctx = c.data!.quoteContext;
    expect(ctx.memberId).toBe(member);
    expect(ctx.state).toMatchObject({ couponCodes: [code], member: { id: member } });
    const live = await gql<{ checkoutQuote: { asOf: string; engine: unknown } }>(
      s.url,
      QUOTE,
      { input: { lines: CART, couponCodes: [code] } },
      memberToken,
    );
    const parsed = parseProgram(ctx.config);
    if (!parsed.success) throw new Error('stored config does not parse');
    const local = quote(parsed.program, {
      ...(ctx.state as object),
      lines: CART,
      now: live.data!.checkoutQuote.asOf,
    });
    expect(JSON.parse(JSON.stringify(local))).toEqual(live.data!.checkoutQuote.engine);
  });

  it('storefront keys get the guest context only; anonymous callers none', async () => {
    const guest = await context(null, storefrontKey);
    expect(guest.errors).toBeUndefined();
    expect(guest.data!.quoteContext).toMatchObject({ memberId: null, state: { member: null } });
    expect(errorCode(await context({ memberId: member }, storefrontKey))).toBe('FORBIDDEN');
    expect(errorCode(await context(null))).toBe('UNAUTHENTICATED');
  });

  it("another member's context answers like a missing one; too many codes are bad input", async () => {
    expect(errorCode(await context({ memberId: other }, memberToken))).toBe('NOT_FOUND');
    const codes = Array.from({ length: 21 }, (_, i) => `CODE${i}`);
    expect(errorCode(await context({ couponCodes: codes }, s.adminKey))).toBe('BAD_USER_INPUT');
  });
});
