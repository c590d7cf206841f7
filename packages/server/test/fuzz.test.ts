import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../src/graphql/schema.js';
import { setCouponValidationLimiter, tokenBucket } from '../src/services/rateLimit.js';
import { publishCouponConfig } from './coupons.fixture.js';
import { gql, startTestServer, type TestServer } from './harness.js';

/**
 * RELIABILITY 20: thousands of GraphQL documents and variables generated from
 * the schema (valid-shaped and hostile), plus raw malformed bodies, sent over
 * HTTP to the real server on PGlite as admin, member, storefront and anonymous callers.
 * Every answer: status < 500, JSON, no stack trace, no SQL, no file path, and
 * no INTERNAL error (an unexpected exception is a bug even when masked).
 * `FUZZ_RUNS` sets the number of documents, `FUZZ_SEED` replays a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** What no answer may contain. */
const LEAKS: readonly [string, RegExp][] = [
  ['stack trace', / {4}at /],
  ['SQL', /\bselect |insert into|\bupdate |relation "|syntax error at/i],
  ['file path', /\/work\/|node_modules|file:\/\/|\.[cm]?[jt]s:\d/],
];

/** Pools of ids and codes that exist (valid-shaped answers reach the services). */
interface Pools {
  ids: string[];
  codes: string[];
  orderIds: string[];
}

type Gen = fc.GeneratorValue;

const HUGE = 'x'.repeat(100_000);
/** Percent of the leaves of a valid-shaped input that are hostile anyway. */
const ONE_HOSTILE_LEAF = 8;
const HOSTILE_STRINGS = [
  '',
  ' ',
  HUGE,
  "' OR 1=1 --",
  '"; DROP TABLE member; --',
  '\u0000',
  '\ud800',
  '👩‍👩‍👧‍👦',
  'ＡＢＣ',
  'e\u0301',
  '%s%n',
  '../../etc/passwd',
  '{{7*7}}',
  '__proto__',
];
const HOSTILE_DECIMALS = [
  '1234567890123456789012345678901234567890',
  '0.000000000000000000000000000000000000001',
  '-1234567890123456789012345678901234567890',
  '12345678901234567890123456789012345678901',
  '99999999999999999999.99',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e5',
  '1e400',
  '0x10',
  '',
  ' 1',
  '-0',
  '-1',
  '-0.01',
  '1.000000001',
  '١٢',
];
const VALID_DECIMALS = ['0', '1', '10', '12.50', '100', '0.01', '1000', '5'];
const DATES = [
  '2026-03-01T10:00:00Z',
  '2026-02-28T23:59:59.999Z',
  '2024-02-29T12:00:00Z',
  '2026-02-30T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2100-01-01T00:00:00Z',
  'not a date',
  '',
  '2026-03-01',
];
const INTS = [
  0, 1, -1, 20, 100, 101, 2_147_483_647, -2_147_483_648, 2_147_483_648, 1e300, 1.5, -1e15,
];

/** A uniform integer in [min, max] (fast-check's bias towards small values would skew choices). */
function uniform(g: Gen, min: number, max: number): number {
  return g(() => fc.noBias(fc.integer({ min, max })));
}

function oneOf<T>(g: Gen, values: readonly T[]): T {
  return values[uniform(g, 0, values.length - 1)] as T;
}

function chance(g: Gen, percent: number): boolean {
  return uniform(g, 1, 100) <= percent;
}

/** A deeply nested JSON value (objects or arrays), `levels` deep. */
function nested(levels: number, asArray: boolean): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** A string: usually short unicode, sometimes hostile. */
function stringValue(g: Gen, pools: Pools, hostile: boolean): unknown {
  if (hostile && chance(g, 50)) return oneOf(g, HOSTILE_STRINGS);
  if (chance(g, 30)) return oneOf(g, [...pools.ids, ...pools.codes, ...pools.orderIds]);
  return g(fc.string, { maxLength: 12, unit: chance(g, 50) ? 'grapheme' : 'grapheme-ascii' });
}

/** A value of a named scalar or enum type (or of a wrong type when hostile). */
function leafValue(g: Gen, type: GraphQLNamedType, pools: Pools, hostile: boolean): unknown {
  if (hostile && chance(g, 15)) {
    return oneOf<unknown>(g, [true, 3.5, -7, 'text', [], {}, [1, 2], { a: 1 }, NaN, HUGE]);
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return hostile && chance(g, 40)
      ? oneOf(g, ['nope', values[0]?.toUpperCase() ?? 'X', '', 'APPLIED'])
      : oneOf(g, values);
  }
  switch (type.name) {
    case 'Int':
      return hostile ? oneOf(g, INTS) : g(fc.integer, { min: -5, max: 120 });
    case 'Float':
      return g(fc.double);
    case 'Boolean':
      return g(fc.boolean);
    case 'ID':
      return hostile && chance(g, 30) ? oneOf(g, HOSTILE_STRINGS) : oneOf(g, pools.ids);
    case 'Decimal':
      return hostile ? oneOf(g, HOSTILE_DECIMALS) : oneOf(g, VALID_DECIMALS);
    case 'DateTimeISO':
      return oneOf(g, hostile ? DATES : DATES.slice(0, 3));
    case 'JSONObject':
      if (!hostile) return {};
      return oneOf<unknown>(g, [
        {},
        { currency: 'CNY', timeZone: 'Mars/Olympus' },
        { currency: 'XXX', timeZone: 'UTC', earning: { rate: { points: 'NaN', per: '0' } } },
        nested(2_000, false),
        nested(2_000, true),
        [],
        'text',
        { __proto__: { polluted: true } },
        { constructor: { prototype: { polluted: true } } },
      ]);
    default:
      return stringValue(g, pools, hostile);
  }
}

/** A value for an input type (valid-shaped, or hostile in any part). */
function inputValue(
  g: Gen,
  type: GraphQLInputType,
  pools: Pools,
  hostile: boolean,
  depth: number,
): unknown {
  if (isNonNullType(type)) {
    if (hostile && chance(g, 5)) return null;
    return inputValue(g, type.ofType, pools, hostile, depth);
  }
  if (chance(g, hostile ? 10 : 3)) return null;
  if (isListType(type)) {
    if (hostile && chance(g, 10)) return inputValue(g, type.ofType, pools, hostile, depth);
    const length = hostile && chance(g, 5) ? 200 : g(fc.nat, 3);
    return Array.from({ length }, () => inputValue(g, type.ofType, pools, hostile, depth + 1));
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return {};
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required ? hostile && chance(g, 5) : chance(g, 50)) continue;
      value[field.name] = inputValue(g, field.type, pools, hostile, depth + 1);
    }
    if (hostile && chance(g, 5)) value.unknownField = 'x';
    return value;
  }
  // In a valid-shaped input, now and then one hostile leaf: it gets past the
  // other fields' checks and reaches the services.
  return leafValue(g, getNamedType(type), pools, hostile || chance(g, ONE_HOSTILE_LEAF));
}

/** A GraphQL literal of `value` for `type` (enum names bare; anything else as JSON-like). */
function literal(value: unknown, type: GraphQLInputType | null, depth = 0): string {
  if (depth > 200) return 'null'; // deep values go as variables; a literal that deep is only noise
  const named = type ? getNamedType(type) : null;
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)
      ? value
      : JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const item = inner && isListType(inner) ? inner.ofType : null;
    return `[${value.map((v) => literal(v, item, depth + 1)).join(', ')}]`;
  }
  const fields = named && isInputObjectType(named) ? named.getFields() : {};
  return `{ ${Object.entries(value as Record<string, unknown>)
    .filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k))
    .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? null, depth + 1)}`)
    .join(', ')} }`;
}

/** A selection set for an output type: some fields, nested up to `budget` levels. */
function selection(g: Gen, type: GraphQLOutputType, budget: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const object = named as GraphQLObjectType;
  const fields = Object.values(object.getFields());
  const picked = fields.filter(() => chance(g, 35));
  const chosen = picked.length > 0 ? picked : [fields[uniform(g, 0, fields.length - 1)]];
  const parts: string[] = [];
  for (const f of chosen) {
    if (!f) continue;
    const leaf = isLeafType(getNamedType(f.type));
    if (leaf) parts.push(f.name);
    else if (budget > 0) parts.push(`${f.name} ${selection(g, f.type, budget - 1)}`);
  }
  if (parts.length === 0 || chance(g, 10)) parts.push('__typename');
  return `{ ${parts.join(' ')} }`;
}

/** One root field call with its arguments (inline or as variables) and a selection. */
function rootCall(
  g: Gen,
  field: GraphQLField<unknown, unknown>,
  pools: Pools,
  hostile: boolean,
  alias: string,
  vars: { defs: string[]; values: Record<string, unknown> },
): string {
  const args: string[] = [];
  for (const arg of field.args as readonly GraphQLArgument[]) {
    const required = isNonNullType(arg.type);
    if (!required && chance(g, 50)) continue;
    if (required && hostile && chance(g, 3)) continue;
    const value = inputValue(g, arg.type, pools, hostile, 0);
    if (chance(g, 60)) {
      const name = `v${vars.defs.length}`;
      // Sometimes a wrong variable type (validation must refuse it).
      const declared = hostile && chance(g, 5) ? 'String' : String(arg.type);
      vars.defs.push(`$${name}: ${declared}`);
      vars.values[name] = value;
      args.push(`${arg.name}: $${name}`);
    } else {
      args.push(`${arg.name}: ${literal(value, arg.type)}`);
    }
  }
  const argText = args.length > 0 ? `(${args.join(', ')})` : '';
  return `${alias}: ${field.name}${argText} ${selection(g, field.type, g(fc.nat, 4))}`.trim();
}

/** A generated request: a GraphQL document with variables, or a raw body. */
type Request =
  | { kind: 'graphql'; query: string; variables: Record<string, unknown>; operationName?: string }
  | { kind: 'raw'; body: string; contentType: string; method: 'POST' | 'GET'; search?: string };

function graphqlRequest(g: Gen, schema: GraphQLSchema, pools: Pools): Request {
  const hostile = chance(g, 60);
  const mutation = chance(g, 45);
  const root = (mutation ? schema.getMutationType() : schema.getQueryType()) as GraphQLObjectType;
  const fields = Object.values(root.getFields());
  const vars = { defs: [] as string[], values: {} as Record<string, unknown> };
  const count = hostile && chance(g, 20) ? g(fc.integer, { min: 2, max: 4 }) : 1;
  const calls: string[] = [];
  for (let i = 0; i < count; i++) {
    const field = fields[uniform(g, 0, fields.length - 1)];
    if (!field) continue;
    // Duplicated aliases with other arguments (validation must refuse the conflict).
    const alias = hostile && chance(g, 20) ? 'dup' : `f${i}`;
    calls.push(rootCall(g, field, pools, hostile, alias, vars));
  }
  let body = calls.join(' ');
  if (hostile && chance(g, 5)) body = `${'... on Query { '.repeat(50)}${body}${' }'.repeat(50)}`;
  if (hostile && chance(g, 5)) body = `f: viewer @skip(if: $skip) { kind } ${body}`;
  const defs = vars.defs.length > 0 ? `(${vars.defs.join(', ')})` : '';
  const query = `${mutation ? 'mutation' : 'query'} Op${defs} { ${body} }`;
  if (hostile && chance(g, 5)) {
    // Variables of the wrong shape, unknown operation names, cut documents.
    return oneOf<Request>(g, [
      { kind: 'graphql', query, variables: { ...vars.values, extra: HUGE } },
      { kind: 'graphql', query, variables: vars.values, operationName: 'Missing' },
      { kind: 'graphql', query: query.slice(0, g(fc.nat, query.length)), variables: {} },
      { kind: 'graphql', query: `${query} ${query}`, variables: vars.values },
    ]);
  }
  return { kind: 'graphql', query, variables: vars.values };
}

function rawRequest(g: Gen): Request {
  const json = 'application/json';
  return oneOf<Request>(g, [
    { kind: 'raw', method: 'POST', contentType: json, body: '{"query": "{ viewer { kind } "' },
    { kind: 'raw', method: 'POST', contentType: json, body: 'not json at all' },
    { kind: 'raw', method: 'POST', contentType: json, body: '' },
    { kind: 'raw', method: 'POST', contentType: json, body: 'null' },
    { kind: 'raw', method: 'POST', contentType: json, body: '[]' },
    { kind: 'raw', method: 'POST', contentType: json, body: '"{ viewer { kind } }"' },
    { kind: 'raw', method: 'POST', contentType: json, body: '{"query": 42}' },
    { kind: 'raw', method: 'POST', contentType: json, body: '{"query": null}' },
    { kind: 'raw', method: 'POST', contentType: json, body: '{}' },
    {
      kind: 'raw',
      method: 'POST',
      contentType: json,
      body: '{"query": "{ viewer { kind } }", "variables": "x"}',
    },
    {
      kind: 'raw',
      method: 'POST',
      contentType: json,
      body: '{"query": "{ viewer { kind } }", "variables": [1]}',
    },
    {
      kind: 'raw',
      method: 'POST',
      contentType: json,
      body: '{"query": "{ viewer { kind } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
    },
    {
      kind: 'raw',
      method: 'POST',
      contentType: json,
      body: '[{"query": "{ viewer { kind } }"}, {"query": "{ viewer { kind } }"}]',
    },
    { kind: 'raw', method: 'POST', contentType: json, body: `{"query": "${'{a'.repeat(20_000)}"}` },
    { kind: 'raw', method: 'POST', contentType: json, body: `${'['.repeat(50_000)}` },
    { kind: 'raw', method: 'POST', contentType: json, body: `"${'x'.repeat(1_100_000)}"` },
    {
      kind: 'raw',
      method: 'POST',
      contentType: 'text/plain',
      body: '{"query":"{ viewer { kind } }"}',
    },
    {
      kind: 'raw',
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      body: 'query=%7B%20viewer%20%7B%20kind%20%7D%20%7D',
    },
    {
      kind: 'raw',
      method: 'POST',
      contentType: json,
      body: `{"query": ${JSON.stringify(g(fc.string, { maxLength: 200, unit: 'binary' }))}}`,
    },
    { kind: 'raw', method: 'POST', contentType: json, body: g(fc.string, { maxLength: 300 }) },
    {
      kind: 'raw',
      method: 'GET',
      contentType: '',
      body: '',
      search: '?query=%7B%20viewer%20%7B%20kind%20%7D%20%7D',
    },
    {
      kind: 'raw',
      method: 'GET',
      contentType: '',
      body: '',
      search: '?query=mutation%20%7B%20x%20%7D',
    },
    { kind: 'raw', method: 'GET', contentType: '', body: '', search: '?query=%7B&variables=%7Bx' },
  ]);
}

describe('fuzzing the HTTP API from the schema (RELIABILITY 20)', () => {
  let s: TestServer;
  let schema: GraphQLSchema;
  const pools: Pools = { ids: [], codes: [], orderIds: ['o-1', 'o-missing'] };
  const credentials: Record<string, string | undefined> = { anonymous: undefined };

  beforeAll(async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 1_000_000, perMinute: 1_000_000 }));
    s = await startTestServer();
    schema = await createSchema();
    await publishCouponConfig(s);
    const enrol = await gql<{ enrolMember: { member: { id: string } } }>(
      s.url,
      `mutation { enrolMember(input: { name: "Fuzz", channel: store }) { member { id } } }`,
      {},
      s.adminKey,
    );
    const memberId = enrol.data!.enrolMember.member.id;
    const token = await gql<{ createMemberToken: { token: string } }>(
      s.url,
      `mutation($id: ID!) { createMemberToken(input: { memberId: $id, ttlSeconds: 3600 }) { token } }`,
      { id: memberId },
      s.adminKey,
    );
    const issued = await gql<{ issueCoupons: { coupons: { code: string }[] } }>(
      s.url,
      `mutation($id: ID!) { issueCoupons(input: { templateId: "multi", memberId: $id, count: 3, idempotencyKey: "fuzz" }) { coupons { code } } }`,
      { id: memberId },
      s.adminKey,
    );
    const otherAdmin = await s.addProgram('prog-fuzz-b');
    const other = await gql<{ enrolMember: { member: { id: string } } }>(
      s.url,
      `mutation { enrolMember(input: { name: "Other", channel: store }) { member { id } } }`,
      {},
      otherAdmin,
    );
    pools.ids.push(
      memberId,
      other.data!.enrolMember.member.id,
      '00000000-0000-0000-0000-000000000000',
    );
    pools.codes.push(...issued.data!.issueCoupons.coupons.map((c) => c.code));
    const storefront = await gql<{ createApiKey: { secret: string } }>(
      s.url,
      `mutation { createApiKey(input: { role: storefront, label: "Web" }) { secret } }`,
      {},
      s.adminKey,
    );
    credentials.storefront = storefront.data!.createApiKey.secret;
    credentials.admin = s.adminKey;
    credentials.member = token.data!.createMemberToken.token;
  });
  afterAll(async () => {
    setCouponValidationLimiter(tokenBucket({ capacity: 30, perMinute: 30 }));
    await s.close();
  });

  const send = async (req: Request, credential: string | undefined): Promise<Response> => {
    const auth: Record<string, string> = credential
      ? { authorization: `Bearer ${credential}` }
      : {};
    if (req.kind === 'raw') {
      return fetch(`${s.url}${req.search ?? ''}`, {
        method: req.method,
        headers: {
          ...auth,
          ...(req.contentType ? { 'content-type': req.contentType } : {}),
          ...(req.method === 'GET' ? { 'apollo-require-preflight': 'true' } : {}),
        },
        ...(req.method === 'POST' ? { body: req.body } : {}),
      });
    }
    return fetch(s.url, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: req.query,
        variables: req.variables,
        ...(req.operationName ? { operationName: req.operationName } : {}),
      }),
    });
  };

  /** Problems of one answer (empty when it is fine). */
  const problems = (status: number, text: string): string[] => {
    const found: string[] = [];
    if (status >= 500) found.push(`status ${status}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      found.push('body is not JSON');
    }
    for (const [what, re] of LEAKS) if (re.test(text)) found.push(`${what} in the answer`);
    const errors = (body as { errors?: { extensions?: { code?: string } }[] } | null)?.errors;
    if (errors?.some((e) => e.extensions?.code === 'INTERNAL')) found.push('INTERNAL error');
    return found;
  };

  /** Inputs the fuzzer found (each was a 5xx, a reset or an INTERNAL error before its fix). */
  const REGRESSIONS: [string, Request, string, number][] = [
    [
      'a persisted-query hash that does not match the query (was INTERNAL)',
      {
        kind: 'raw',
        method: 'POST',
        contentType: 'application/json',
        body: '{"query": "{ viewer { kind } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
      },
      'anonymous',
      400,
    ],
    [
      'a NUL character in a string literal (was INTERNAL: PostgreSQL refuses it)',
      {
        kind: 'graphql',
        query: 'query Op { f0: purchase(orderId: "\\u0000") { orderId } }',
        variables: {},
      },
      'member',
      400,
    ],
    [
      'a NUL character in a variable, in a JSON key',
      {
        kind: 'graphql',
        query: 'query($id: String!) { purchase(orderId: $id) { orderId } }',
        variables: { id: 'a\u0000b', nested: { 'k\u0000': 1 } },
      },
      'admin',
      400,
    ],
    [
      'a lone surrogate in a variable, in checkoutQuote coupon codes (was INTERNAL: PostgreSQL refused the jsonb)',
      {
        kind: 'graphql',
        query:
          'query Op($v0: CheckoutQuoteInput!) { f0: checkoutQuote(input: $v0) { asOf totals { couponDiscount } } }',
        variables: {
          v0: {
            memberId: '019ca8d7-2d00-7003-8ab8-fc723f26fab0',
            lines: [{ id: '1', sku: 'A', quantity: '10', unitPrice: '12.50' }],
            couponCodes: ['\ud800', '𘥷ӭ🤟'],
            pointsToSpend: '5',
          },
        },
      },
      'admin',
      400,
    ],
    [
      'an id that is not a UUID in revokeApiKey (was INTERNAL: a uuid column)',
      {
        kind: 'graphql',
        query: 'mutation($v0: RevokeApiKeyInput!) { revokeApiKey(input: $v0) { apiKey { id } } }',
        variables: { v0: { apiKeyId: '%s%n' } },
      },
      'admin',
      200,
    ],
    [
      'a program configuration with "NaN" amounts (was INTERNAL: the engine threw from a refinement)',
      {
        kind: 'graphql',
        query:
          'mutation($v0: PublishProgramVersionInput!) { publishProgramVersion(input: $v0) { __typename } }',
        variables: {
          v0: {
            config: {
              currency: 'XXX',
              timeZone: 'UTC',
              earning: { rate: { points: 'NaN', per: '0' } },
            },
          },
        },
      },
      'admin',
      200,
    ],
    [
      'a ";" in a looked-up value on PGlite (was INTERNAL: the dialect ran it through exec)',
      {
        kind: 'graphql',
        query: 'query { purchase(orderId: "\\"; DROP TABLE member; --") { orderId } }',
        variables: {},
      },
      'admin',
      200,
    ],
    [
      'a body over 1 MB (was a reset connection: the server stopped reading)',
      {
        kind: 'raw',
        method: 'POST',
        contentType: 'application/json',
        body: `"${'x'.repeat(1_100_000)}"`,
      },
      'anonymous',
      413,
    ],
  ];

  /** Every hostile amount in each amount of otherwise valid value-moving requests. */
  const AMOUNT_CASES: [string, (amount: string, i: number) => Record<string, unknown>][] = [
    [
      'mutation($i: TopUpStoredValueInput!) { topUpStoredValue(input: $i) { outcome } }',
      (amount, i) => ({ memberId: pools.ids[0], amount, idempotencyKey: `amt-t-${i}` }),
    ],
    [
      'mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { outcome } }',
      (points, i) => ({
        memberId: pools.ids[0],
        points,
        reason: 'r',
        operator: 'o',
        idempotencyKey: `amt-a-${i}`,
      }),
    ],
    [
      'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { outcome } }',
      (points, i) => ({
        memberId: pools.ids[0],
        points,
        reference: 'x',
        idempotencyKey: `amt-r-${i}`,
      }),
    ],
    [
      'mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { outcome } }',
      (amount, i) => ({
        memberId: pools.ids[0],
        orderId: `amt-o-${i}`,
        channel: 'store',
        occurredAt: '2026-03-01T10:00:00Z',
        currency: 'CNY',
        lines: [{ id: '1', sku: 'A', quantity: amount, unitPrice: amount }],
        idempotencyKey: `amt-p-${i}`,
      }),
    ],
    [
      'query($i: CheckoutQuoteInput!) { checkoutQuote(input: $i) { totals { payable } } }',
      (amount) => ({
        memberId: pools.ids[0],
        lines: [{ id: '1', sku: 'A', quantity: '1', unitPrice: amount, discount: amount }],
        pointsToSpend: amount,
      }),
    ],
  ];

  it('answers hostile amounts in otherwise valid value-moving requests without an internal error', async () => {
    let i = 0;
    let sent = 0;
    for (const [query, input] of AMOUNT_CASES) {
      for (const amount of [...HOSTILE_DECIMALS, '99999999999999999999999999999999.9999']) {
        i += 1;
        const res = await send(
          { kind: 'graphql', query, variables: { i: input(amount, i) } },
          credentials.admin,
        );
        const text = await res.text();
        expect(problems(res.status, text), `${query} with ${amount}: ${text}`).toEqual([]);
        sent += 1;
      }
    }
    expect(sent).toBe(AMOUNT_CASES.length * (HOSTILE_DECIMALS.length + 1));
  });

  it.each(REGRESSIONS)('regression: %s', async (_name, req, role, status) => {
    const res = await send(req, credentials[role]);
    const text = await res.text();
    expect(problems(res.status, text)).toEqual([]);
    expect(res.status).toBe(status);
    const code = JSON.parse(text).errors[0].extensions.code;
    expect(status === 200 ? ['NOT_FOUND', 'BAD_USER_INPUT'] : ['BAD_USER_INPUT']).toContain(code);
  });

  it(`answers ${RUNS} generated documents and bodies without 5xx, crash, leak or internal error`, async () => {
    const started = Date.now();
    const stats = {
      httpMs: 0,
      crashes: 0,
      documents: 0,
      raw: 0,
      status5xx: 0,
      leaks: 0,
      internal: 0,
      byStatus: {} as Record<number, number>,
    };
    const roles = Object.keys(credentials);
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.constantFrom(...roles), async (g, role) => {
        const req = chance(g, 8) ? rawRequest(g) : graphqlRequest(g, schema, pools);
        if (req.kind === 'raw') stats.raw += 1;
        else stats.documents += 1;
        const t0 = performance.now();
        let res: Response;
        let text: string;
        try {
          res = await send(req, credentials[role]);
          text = await res.text();
        } catch (e) {
          stats.crashes += 1;
          const alive = await fetch(s.url.replace('/graphql', '/healthz')).then(
            (r) => r.status,
            (err: unknown) => String(err),
          );
          throw new Error(
            `no answer (${String(e)}: ${String((e as Error).cause)}; /healthz: ${alive}) for ${role}: ${JSON.stringify(req).slice(0, 2_000)}`,
          );
        }
        const ms = performance.now() - t0;
        stats.httpMs += ms;
        stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
        const found = problems(res.status, text);
        if (res.status >= 500) stats.status5xx += 1;
        if (found.some((f) => f.endsWith('in the answer'))) stats.leaks += 1;
        if (found.includes('INTERNAL error')) stats.internal += 1;
        if (found.length > 0) {
          throw new Error(
            `${found.join(', ')} for ${role}: ${JSON.stringify(req).slice(0, 2_000)}\nanswer: ${text.slice(0, 2_000)}`,
          );
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
    );
    // The process is alive and still serves.
    const health = await fetch(s.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    const viewer = await gql<{ viewer: { kind: string } }>(
      s.url,
      '{ viewer { kind } }',
      {},
      s.adminKey,
    );
    expect(viewer.data?.viewer.kind).toBe('admin');
    console.log(
      `fuzz: ${stats.documents} documents + ${stats.raw} raw bodies in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `(${(stats.httpMs / 1000).toFixed(1)} s waiting for answers); 5xx ${stats.status5xx}, leaks ${stats.leaks}, internal errors ${stats.internal}; statuses ${JSON.stringify(stats.byStatus)}`,
    );
  });
});
