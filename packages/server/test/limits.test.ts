import { getNamedType, isInputObjectType, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import {
  FIELD_COST,
  MAX_COST,
  MAX_DEPTH,
  MAX_TOKENS,
  operationCost,
  ROOT_FIELD_COST,
  VALUE_MOVING_MUTATIONS,
} from '../src/graphql/limits.js';
import { createSchema } from '../src/graphql/schema.js';
import { COUPON_CODE_LENGTH } from '../src/services/couponCodes.js';
import { MAX_PAGE_SIZE } from '../src/services/pagination.js';
import { setCouponValidationLimiter, tokenBucket } from '../src/services/rateLimit.js';
import { enrol, issue, MUG, publishCouponConfig, VALIDATE } from './coupons.fixture.js';
import { errorCode, type GqlResponse, gql, startTestServer, type TestServer } from './harness.js';
import { BALANCE, ledgerTotals, POINTS_CONFIG, PUBLISH } from './pointsKit.js';

/** `__schema { types { fields { type { ofType ...` nested to exactly `depth` levels. */
function introspectionAtDepth(depth: number): string {
  let inner = 'name';
  for (let d = depth; d > 5; d--) inner = `ofType { ${inner} }`;
  return `{ __schema { types { fields { type { ${inner} } } } } }`;
}

/** `n` aliased `stores(first: $n) { nodes { id } }`: cost n x (100 + 2 first). */
function aliasedStores(aliases: number, body = 'stores(first: $n) { nodes { id } }'): string {
  const fields = Array.from({ length: aliases }, (_, i) => `s${i}: ${body}`).join('\n');
  return `query($n: Int) { ${fields} }`;
}

const STORES_COST = (aliases: number, first: number) =>
  aliases * (ROOT_FIELD_COST + first * (FIELD_COST + FIELD_COST));

describe('limits: depth, cost, page size, value-moving mutations (RELIABILITY 17, 18)', () => {
  let s: TestServer;
  let statements = 0;
  /** SQL statements a request runs beyond authentication. */
  let authStatements = 0;
  let memberId: string;
  const counted = async <T>(run: () => Promise<T>): Promise<{ result: T; sql: number }> => {
    const before = statements;
    const result = await run();
    return { result, sql: statements - before };
  };

  beforeAll(async () => {
    s = await startTestServer({
      config: { introspection: true },
      onQuery: () => {
        statements += 1;
      },
    });
    const p = await gql(s.url, PUBLISH, { input: { config: POINTS_CONFIG } }, s.adminKey);
    expect(p.errors).toBeUndefined();
    memberId = await enrol(s, { name: 'Ann' });
    // A request that selects nothing from the database: authentication only.
    authStatements = (await counted(() => gql(s.url, '{ __typename }', {}, s.adminKey))).sql;
  });
  afterAll(() => s.close());

  const refused = (r: GqlResponse<unknown>, reason: string) => {
    expect(r.status).toBe(400);
    expect(r.data ?? null).toBeNull();
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.reason).toBe(reason);
  };

  it(`passes a query exactly at depth ${MAX_DEPTH}; refuses depth ${MAX_DEPTH + 1} before any resolver (0 SQL)`, async () => {
    const at = await counted(() => gql(s.url, introspectionAtDepth(MAX_DEPTH)));
    expect(at.result.status).toBe(200);
    expect(at.result.errors).toBeUndefined();
    const past = await counted(() => gql(s.url, introspectionAtDepth(MAX_DEPTH + 1)));
    refused(past.result, 'QUERY_TOO_DEEP');
    expect(past.result.errors?.[0]?.extensions).toMatchObject({
      limit: MAX_DEPTH,
      actual: MAX_DEPTH + 1,
    });
    expect(past.sql).toBe(0);
    // As admin: only authentication's statements, no resolver's.
    const asAdmin = await counted(() =>
      gql(
        s.url,
        `{ member(id: "${memberId}") { id } ${introspectionAtDepth(MAX_DEPTH + 1).slice(1)}`,
        {},
        s.adminKey,
      ),
    );
    refused(asAdmin.result, 'QUERY_TOO_DEEP');
    expect(asAdmin.sql).toBe(authStatements);
  });

  it('counts depth through fragments and inline fragments', async () => {
    const q = `{ __schema { ...T } }
      fragment T on __Schema { types { ... on __Type { fields { type { ...O } } } } }
      fragment O on __Type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }`;
    refused(await gql(s.url, q), 'QUERY_TOO_DEEP');
  });

  it('measures a document that spreads fragments 2^40 times without walking them all (memoised)', async () => {
    const levels = 40;
    const defs = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { a: viewer { kind } ...F${i + 1} ...F${i + 1} }`,
    );
    defs.push(`fragment F${levels} on Query { viewer { kind } }`);
    const r = await gql(s.url, `{ ...F0 } ${defs.join(' ')}`, {}, s.adminKey);
    // Each spread counts where it is spread: 2^40 viewers, far past the limit.
    refused(r, 'QUERY_TOO_COSTLY');
    expect(Number(r.errors?.[0]?.extensions?.actual)).toBeGreaterThan(2 ** 40);
    // Ten levels deep (1,024 spreads of a root field) is refused too; three pass.
    const small = (n: number) =>
      [
        ...Array.from(
          { length: n },
          (_, i) => `fragment F${i} on Query { a: viewer { kind } ...F${i + 1} ...F${i + 1} }`,
        ),
        `fragment F${n} on Query { viewer { kind } }`,
      ].join(' ');
    refused(await gql(s.url, `{ ...F0 } ${small(10)}`, {}, s.adminKey), 'QUERY_TOO_COSTLY');
    const ok = await gql(s.url, `{ ...F0 } ${small(3)}`, {}, s.adminKey);
    expect(ok.data).toEqual({ a: { kind: 'admin' }, viewer: { kind: 'admin' } });
  });

  it(`passes a query costing exactly ${MAX_COST}; refuses one costing more before any resolver (0 SQL)`, async () => {
    expect(STORES_COST(25, 50)).toBe(MAX_COST);
    const at = await counted(() => gql(s.url, aliasedStores(25), { n: 50 }, s.adminKey));
    expect(at.result.errors).toBeUndefined();
    expect(at.result.status).toBe(200);
    expect(at.sql).toBeGreaterThan(authStatements); // the resolvers ran
    // The same document, one more per page through a variable: cost 5,050.
    const past = await counted(() => gql(s.url, aliasedStores(25), { n: 51 }, s.adminKey));
    refused(past.result, 'QUERY_TOO_COSTLY');
    expect(past.result.errors?.[0]?.extensions).toMatchObject({
      limit: MAX_COST,
      actual: STORES_COST(25, 51),
    });
    expect(past.sql).toBe(authStatements);
  });

  it('follows fragments and inline fragments, and counts each alias', async () => {
    const viaFragments = `query($n: Int) { ...A ... on Query { ...A } }
      fragment A on Query { ${Array.from({ length: 13 }, (_, i) => `f${i}: stores(first: $n) { ...N }`).join(' ')} }
      fragment N on StoreConnection { nodes { ... on Store { id } } }`;
    // 26 root fields x (100 + 2 x 47) = 5,044 > 5,000; at 46: 26 x 192 = 4,992.
    refused(await gql(s.url, viaFragments, { n: 47 }, s.adminKey), 'QUERY_TOO_COSTLY');
    const ok = await gql(s.url, viaFragments, { n: 46 }, s.adminKey);
    expect(ok.errors).toBeUndefined();
  });

  it('counts every mutation that takes an idempotency key as value-moving (one per request)', async () => {
    const fields = (await createSchema()).getMutationType()?.getFields() ?? {};
    const keyed = Object.values(fields)
      .filter((f) =>
        f.args.some((a) => {
          const t = getNamedType(a.type);
          return (
            a.name === 'idempotencyKey' ||
            (isInputObjectType(t) && 'idempotencyKey' in t.getFields())
          );
        }),
      )
      .map((f) => f.name);
    expect(keyed.length).toBeGreaterThan(10);
    expect(keyed.filter((name) => !VALUE_MOVING_MUTATIONS.has(name))).toEqual([]);
    // And every name in the set is a mutation of the schema (no stale entry).
    expect([...VALUE_MOVING_MUTATIONS].filter((name) => !(name in fields))).toEqual([]);
  });

  it('costs a missing `first` at the default page size and a too large one at the cap', async () => {
    const schema = await createSchema();
    const cost = (q: string, variables: Record<string, unknown> = {}) => {
      const doc = parse(q);
      const op = doc.definitions[0];
      if (op?.kind !== 'OperationDefinition') throw new Error('no operation');
      return operationCost(schema, doc, op, variables);
    };
    expect(cost('{ stores { nodes { id } } }')).toBe(ROOT_FIELD_COST + 20 * 2);
    expect(cost('{ stores(first: 1000) { nodes { id } } }')).toBe(
      ROOT_FIELD_COST + MAX_PAGE_SIZE * 2,
    );
    expect(cost('query($n: Int = 7) { stores(first: $n) { nodes { id } } }')).toBe(
      ROOT_FIELD_COST + 7 * 2,
    );
    expect(cost('query($n: Int) { stores(first: $n) { nodes { id } } }', { n: 3 })).toBe(
      ROOT_FIELD_COST + 3 * 2,
    );
    // Variables execution would refuse are not costed here (null): execution refuses them.
    expect(cost('query($n: Int) { stores(first: $n) { nodes { id } } }', { n: 'x' })).toBeNull();
    // Lists without `first` count once; scalars 1 each.
    expect(cost('{ couponTemplates { id name } viewer { kind } }')).toBe(
      2 * ROOT_FIELD_COST + 3 * FIELD_COST,
    );
  });

  it(`refuses a page larger than ${MAX_PAGE_SIZE} (or below 1) with INVALID_PAGE_SIZE; ${MAX_PAGE_SIZE} passes`, async () => {
    const q = 'query($n: Int) { members(first: $n) { nodes { id } } }';
    for (const n of [MAX_PAGE_SIZE + 1, 0, -1, 2_147_483_647]) {
      const r = await gql(s.url, q, { n }, s.adminKey);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.reason).toBe('INVALID_PAGE_SIZE');
    }
    const ok = await gql<{ members: { nodes: unknown[] } }>(
      s.url,
      q,
      { n: MAX_PAGE_SIZE },
      s.adminKey,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.members.nodes.length).toBe(1);
  });

  it('refuses many aliased value-moving mutations in one document; nothing changes', async () => {
    const adjust = (i: number) =>
      `m${i}: adjustPoints(input: { memberId: "${memberId}", points: "10", reason: "r", operator: "o", idempotencyKey: "alias-${i}" }) { outcome }`;
    const before = await ledgerTotals(s, memberId);
    const direct = await counted(() =>
      gql(
        s.url,
        `mutation { ${Array.from({ length: 20 }, (_, i) => adjust(i)).join(' ')} }`,
        {},
        s.adminKey,
      ),
    );
    refused(direct.result, 'TOO_MANY_VALUE_MUTATIONS');
    expect(direct.result.errors?.[0]?.extensions?.actual).toBe(20);
    expect(direct.sql).toBe(authStatements);
    // Hidden in fragments: still two calls.
    const hidden = await gql(
      s.url,
      `mutation { ...A ... on Mutation { ${adjust(99)} } } fragment A on Mutation { ${adjust(98)} }`,
      {},
      s.adminKey,
    );
    refused(hidden, 'TOO_MANY_VALUE_MUTATIONS');
    // Two different value-moving mutations.
    const mixed = await gql(
      s.url,
      `mutation { ${adjust(97)} redeemPoints(input: { memberId: "${memberId}", points: "1", reference: "x", idempotencyKey: "alias-r" }) { outcome } }`,
      {},
      s.adminKey,
    );
    refused(mixed, 'TOO_MANY_VALUE_MUTATIONS');
    expect(await ledgerTotals(s, memberId)).toEqual(before);
    const balance = await gql<{ pointsBalance: { balance: string } }>(
      s.url,
      BALANCE,
      { id: memberId },
      s.adminKey,
    );
    expect(balance.data?.pointsBalance.balance).toBe('0');
    // One is fine.
    const one = await gql(s.url, `mutation { ${adjust(1)} }`, {}, s.adminKey);
    expect(one.errors).toBeUndefined();
  });

  it(`refuses a document of more than ${MAX_TOKENS} tokens at parse (no deep recursion)`, async () => {
    const deep = `${'{ viewer '.repeat(6_000)}${'}'.repeat(6_000)}`;
    const r = await gql(s.url, deep);
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.errors)).not.toContain('    at ');
  });

  it('refuses a lone surrogate in a variable (string or key) with INVALID_UNICODE before any resolver (0 SQL); pairs pass', async () => {
    // Was INTERNAL: PostgreSQL refused the coupon codes' jsonb ("Unicode low surrogate must follow a high surrogate").
    const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) { coupons { couponCode } } }`;
    const input = (couponCodes: string[], extra: Record<string, unknown> = {}) => ({
      input: {
        memberId,
        lines: [{ id: '1', sku: 'A', quantity: '1', unitPrice: '10' }],
        couponCodes,
        ...extra,
      },
    });
    for (const variables of [
      input(['\ud800', 'OK']),
      input(['x\udfffy']),
      input(['\udc00\ud800']), // low then high: not a pair
      { ...input([]), 'k\ud800': 1 },
    ]) {
      const { result, sql } = await counted(() => gql(s.url, QUOTE, variables, s.adminKey));
      refused(result, 'INVALID_UNICODE');
      expect(sql).toBe(authStatements);
    }
    // NUL keeps its own reason, even next to a lone surrogate.
    refused(await gql(s.url, QUOTE, input(['\ud800', 'a\u0000']), s.adminKey), 'NUL_CHARACTER');
    // Well-formed pairs (emoji, astral letters) are ordinary input.
    const ok = await gql(s.url, QUOTE, input(['\ud83e\udd1f', '𘥷ӭ']), s.adminKey);
    expect(ok.status).toBe(200);
    expect(errorCode(ok)).toBeNull();
  });

  it('refuses a lone surrogate escape in a string literal at parse', async () => {
    const r = await gql(
      s.url,
      'query { purchase(orderId: "\\ud800") { orderId } }',
      {},
      s.adminKey,
    );
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});

describe('coupon validation rate limits per member and per key (RELIABILITY 19)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishCouponConfig(s);
  });
  afterAll(async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 1000, perMinute: 1000 }));
    await s.close();
  });

  it(`issues codes of ${COUPON_CODE_LENGTH} Crockford base32 characters`, async () => {
    const member = await enrol(s, { name: 'Coupon holder' });
    const codes = await issue(s, { templateId: 'ten', memberId: member, count: 20 });
    expect(codes).toHaveLength(20);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(new Set(codes).size).toBe(20);
  });

  it('limits attempts on one member whatever the key, and on one key whatever the member; refills with time', async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 3, perMinute: 1 }));
    const created = await gql<{ createStore: { store: { id: string } } }>(
      s.url,
      `mutation { createStore(input: { code: "S1", name: "One" }) { store { id } } }`,
      {},
      s.adminKey,
    );
    const storeKey = await gql<{ createApiKey: { secret: string } }>(
      s.url,
      `mutation($id: ID!) { createApiKey(input: { role: store, storeId: $id, label: "POS" }) { secret } }`,
      { id: created.data!.createStore.store.id },
      s.adminKey,
    );
    const store = storeKey.data!.createApiKey.secret;
    const [x, y, z] = [
      await enrol(s, { name: 'X' }),
      await enrol(s, { name: 'Y' }),
      await enrol(s, { name: 'Z' }),
    ];
    const attempt = async (key: string, memberId: string) =>
      errorCode(
        await gql(s.url, VALIDATE, { input: { code: 'ZZZZZZZZZZZZ', memberId, lines: MUG } }, key),
      );
    // Member X: 3 attempts from two keys, then the 4th (a third key's) is refused.
    expect(await attempt(s.adminKey, x)).toBeNull();
    expect(await attempt(s.adminKey, x)).toBeNull();
    expect(await attempt(store, x)).toBeNull();
    expect(await attempt(store, x)).toBe('RATE_LIMITED');
    // The admin key: its third attempt (another member) passes, the fourth is refused.
    expect(await attempt(s.adminKey, y)).toBeNull();
    expect(await attempt(s.adminKey, z)).toBe('RATE_LIMITED');
    // Member Z was not limited by the admin key's refusal: the store key's last token works.
    expect(await attempt(store, z)).toBeNull();
    // One token a minute comes back.
    s.clock.advance(60_000);
    expect(await attempt(s.adminKey, z)).toBeNull();
    expect(await attempt(s.adminKey, z)).toBe('RATE_LIMITED');
  });
});

describe('coupon guesses through quotes are rate-limited too (RELIABILITY 19)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishCouponConfig(s);
  });
  afterAll(async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 1000, perMinute: 1000 }));
    await s.close();
  });

  it('charges each unknown code of a checkout quote, never a known one', async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 8, perMinute: 1 }));
    const member = await enrol(s, { name: 'Quoter' });
    const [known] = await issue(s, { templateId: 'multi', memberId: member });
    const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) { coupons { couponCode valid reasonCode } } }`;
    const quote = (codes: string[]) =>
      gql<{ checkoutQuote: { coupons: { valid: boolean; reasonCode: string | null }[] } }>(
        s.url,
        QUOTE,
        { input: { memberId: member, lines: MUG, couponCodes: codes } },
        s.adminKey,
      );
    // A known code is free, however often it is quoted.
    for (let i = 0; i < 12; i++) {
      const r = await quote([known!]);
      expect(r.data?.checkoutQuote.coupons[0]?.valid).toBe(true);
    }
    const guesses = (n: number, at: number) =>
      Array.from({ length: n }, (_, i) => `G${String(at + i).padStart(11, '0')}`);
    // Five guesses, then five more: the second request is refused whole (it tells nothing).
    const first = await quote(guesses(5, 0));
    expect(first.data?.checkoutQuote.coupons.map((c) => c.reasonCode)).toEqual(
      Array(5).fill('UNKNOWN_COUPON'),
    );
    const second = await quote([known!, ...guesses(5, 5)]);
    expect(errorCode(second)).toBe('RATE_LIMITED');
    expect(second.data ?? null).toBeNull();
    // The known code alone still works; validateCoupon shares the budget.
    expect((await quote([known!])).errors).toBeUndefined();
    const validations = [];
    for (let i = 0; i < 4; i++) {
      validations.push(
        errorCode(
          await gql(
            s.url,
            VALIDATE,
            { input: { code: guesses(1, 20 + i)[0], memberId: member, lines: MUG } },
            s.adminKey,
          ),
        ),
      );
    }
    expect(validations).toEqual([null, null, null, 'RATE_LIMITED']);
  });
});

describe('production settings (RELIABILITY 21)', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';
  /** The configuration `NODE_ENV=<env>` loads, on a free loopback port, silent, no sweeps. */
  const envConfig = (env: Record<string, string>) => ({
    ...loadConfig({ PORT: '0', ...env }),
    host: '127.0.0.1',
    logLevel: 'silent',
    sweepIntervalMs: 0,
  });

  it('introspection is off in production unless TESSERA_INTROSPECTION=true', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', TESSERA_INTROSPECTION: 'true' }).introspection,
    ).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', TESSERA_INTROSPECTION: '1' }).introspection).toBe(
      false,
    );
    expect(loadConfig({ NODE_ENV: 'development' }).introspection).toBe(true);
  });

  it('refuses introspection and masks internal errors (no stack, no SQL) in production', async () => {
    const prod = await startTestServer({
      config: envConfig({ NODE_ENV: 'production' }),
    });
    try {
      const r = await gql(prod.url, INTROSPECT);
      expect(r.status).toBe(400);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.data ?? null).toBeNull();
      // Break the database under the server: the SQL error must not reach the caller.
      await prod.db.orm.em.fork().getConnection().execute('drop table store cascade');
      const res = await fetch(prod.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${prod.adminKey}` },
        body: JSON.stringify({ query: '{ stores { nodes { id } } }' }),
      });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      const body = JSON.parse(text) as GqlResponse<unknown>;
      expect(body.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL' },
      });
      expect(text).not.toMatch(/ {4}at |relation "|select |store"|\.ts:|\/work\//);
    } finally {
      await prod.close();
    }
  });

  it('allows introspection in production when enabled', async () => {
    const prod = await startTestServer({
      config: envConfig({ NODE_ENV: 'production', TESSERA_INTROSPECTION: 'true' }),
    });
    try {
      const r = await gql<{ __schema: { queryType: { name: string } } }>(prod.url, INTROSPECT);
      expect(r.data?.__schema.queryType.name).toBe('Query');
    } finally {
      await prod.close();
    }
  });

  it('shows internal error details in development only', async () => {
    const dev = await startTestServer({
      config: envConfig({ NODE_ENV: 'development' }),
    });
    try {
      await dev.db.orm.em.fork().getConnection().execute('drop table store cascade');
      const r = await gql(dev.url, '{ stores { nodes { id } } }', {}, dev.adminKey);
      expect(errorCode(r)).toBe('INTERNAL');
      expect(r.errors?.[0]?.message).not.toBe('Internal server error');
    } finally {
      await dev.close();
    }
  });
});
