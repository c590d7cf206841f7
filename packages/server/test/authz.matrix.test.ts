/**
 * RELIABILITY.md scenarios 15 and 16: every query and mutation of the built
 * schema x seven callers x (own, other member, other program), each cell a
 * real request through the HTTP server against the one table of
 * `authz.table.ts`. Denied cells change nothing; allowed reads show nothing
 * of another member or program; a foreign id answers exactly like a random
 * well-formed id and like a malformed one.
 */
import {
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../src/graphql/schema.js';
import { Fixture, sameShape, type Target } from './authz.fixture.js';
import {
  AUTHZ_TABLE,
  CALLERS,
  type Caller,
  type Cell,
  expectedCell,
  type FieldSpec,
  matrixMarkdown,
  TARGETS,
} from './authz.table.js';
import { type GqlResponse, gql, startTestServer, type TestServer } from './harness.js';

/** Nesting of the generated selections (connections reach their nodes' fields). */
const SELECTION_DEPTH = 4;

/** Every leaf field of `type` down to `depth` levels (fields with required arguments skipped). */
function selectionOf(type: GraphQLOutputType, depth: number): string | null {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) || depth === 0) return null;
  const parts: string[] = [];
  const fields = named.getFields();
  for (const f of Object.values(fields)) {
    // A connection's `edges` repeat its `nodes` (and double the query's cost).
    if (f.name === 'edges' && 'nodes' in fields) continue;
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const sub = selectionOf(f.type, depth - 1);
    if (sub === '') parts.push(f.name);
    else if (sub) parts.push(`${f.name} { ${sub} }`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The document of one cell: the field with the given arguments as variables and every leaf below it. */
function operationOf(
  kind: 'Query' | 'Mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): string {
  const used = field.args.filter((a) => a.name in args);
  const vars = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const sel = selectionOf(field.type, SELECTION_DEPTH);
  return `${kind === 'Query' ? 'query' : 'mutation'} Cell${vars ? `(${vars})` : ''} { ${field.name}${
    call ? `(${call})` : ''
  }${sel ? ` { ${sel} }` : ''} }`;
}

/**
 * Keys whose values may name another member: the counterparty of one's own
 * transfers (`counterpartyAccountId`, repeated in the engine's replay
 * `fingerprint`) and the credential that posted an entry (`actor`).
 */
const COUNTERPARTY_KEYS = new Set(['counterpartyAccountId', 'fingerprint', 'actor']);

const isMemberCaller = (c: Caller) => c === 'memberA1' || c === 'memberA2';

interface CellResult {
  readonly r: GqlResponse;
  /** Tables whose content changed during the request. */
  readonly changed: string[];
}

describe('authorisation matrix: every field x caller x target (RELIABILITY 15, 16)', () => {
  let s: TestServer;
  let fx: Fixture;
  let schema: GraphQLSchema;
  let last: Record<string, string> | null = null;
  const tally = new Map<string, number>();
  const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
  let started = 0;

  beforeAll(async () => {
    started = performance.now();
    schema = await createSchema();
    s = await startTestServer();
    fx = new Fixture(s);
    await fx.build();
  });

  afterAll(async () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const get = (k: string) => tally.get(k) ?? 0;
    const byCode = [...tally.entries()]
      .filter(([k]) => k.startsWith('cell:'))
      .map(([k, v]) => `${k.slice(5)} ${v}`)
      .join(', ');
    const checked = [...tally.entries()]
      .filter(([k]) => k.startsWith('cell:'))
      .reduce((a, [, v]) => a + v, 0);
    console.log(
      `authz matrix: ${get('fields')} fields x ${CALLERS.length} callers x ${TARGETS.length} targets: ` +
        `${checked} cells checked (${byCode}), ${get('n/a')} n/a; ` +
        `allowed ${get('cell:ok') + get('cell:empty')}, denied ${checked - get('cell:ok') - get('cell:empty')}; ` +
        `${get('same-as-missing')} foreign/other ids compared with random and malformed ids; ` +
        `${get('writes-unchanged')} denied writes left every table unchanged; ${seconds} s ` +
        `(${fx?.fingerprints} snapshots, ${((fx?.fingerprintMs ?? 0) / 1000).toFixed(1)} s)`,
    );
    if (process.env.AUTHZ_PRINT === '1') console.log(matrixMarkdown());
    await s?.close();
  });

  const credentialOf = (caller: Caller): string | undefined =>
    caller === 'anonymous' ? undefined : fx.credentials[caller];

  async function runCell(
    spec: FieldSpec,
    kind: 'Query' | 'Mutation',
    field: GraphQLField<unknown, unknown>,
    t: Target,
  ): Promise<CellResult> {
    const args = await spec.args(t, fx);
    const query = operationOf(kind, field, args);
    if (kind === 'Query') {
      // Reads are checked for writes once per field (see checkField).
      return { r: await gql(s.url, query, args, credentialOf(t.caller)), changed: [] };
    }
    const before = fx.dirty || !last ? await fx.fingerprint() : last;
    fx.dirty = false;
    const r = await gql(s.url, query, args, credentialOf(t.caller));
    const after = await fx.fingerprint();
    last = after;
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) fx.consumed();
    return { r, changed };
  }

  /** Markers an allowed answer to `caller` about `t` must not contain. */
  function forbiddenMarkers(caller: Caller, t: Target, spec: FieldSpec): string[] {
    const own = caller === 'adminB' ? 'B' : caller === 'anonymous' ? null : 'A';
    const out: string[] = [];
    for (const p of ['A', 'B'] as const) {
      if (p !== own) out.push(...fx.programMarkers(p));
    }
    const seen = new Set<string>([t.subject.memberId]);
    if (spec.scope === 'pair' && !isMemberCaller(caller)) seen.add(t.peer.memberId);
    for (const m of Object.values(fx.subjects)) {
      const sameProgram = m.program === own;
      const inScope = sameProgram && spec.scope === 'program' && !isMemberCaller(caller);
      if (!inScope && !seen.has(m.memberId)) out.push(...fx.memberMarkers(m));
      if (isMemberCaller(caller) && m.memberId !== t.subject.memberId && sameProgram) {
        out.push(...fx.memberMarkers(m));
      }
    }
    return [...new Set(out)];
  }

  /** Where (JSON paths) the answer shows any of `markers`, counterparty keys left out. */
  function leaks(r: GqlResponse, markers: string[]): string[] {
    const found: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (typeof v === 'string') {
        for (const m of markers) if (v.includes(m)) found.push(`${path} = ${m}`);
      } else if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, `${path}.${i}`);
      } else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (!COUNTERPARTY_KEYS.has(k)) walk(x, `${path}.${k}`);
        }
      }
    };
    walk(r.data ?? null, 'data');
    return found;
  }

  async function checkField(key: string): Promise<string[]> {
    const spec = AUTHZ_TABLE[key]!;
    const [kind, name] = key.split('.') as ['Query' | 'Mutation', string];
    const root = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
    const field = root?.getFields()[name];
    if (!field) return [`${key} is not in the schema`];
    count('fields');
    const problems: string[] = [];
    const readsFrom = kind === 'Query' ? await fx.fingerprint() : null;
    const unknownAnswers = new Map<Caller, { missing: CellResult; junk: CellResult }>();
    const unknownOf = async (caller: Caller) => {
      let u = unknownAnswers.get(caller);
      if (!u) {
        u = {
          missing: await runCell(spec, kind, field, fx.target(caller, 'missing')),
          junk: await runCell(spec, kind, field, fx.target(caller, 'junk')),
        };
        for (const [label, x] of Object.entries(u)) {
          if (x.changed.length > 0) problems.push(`${caller}/${label}: wrote ${x.changed}`);
        }
        unknownAnswers.set(caller, u);
      }
      return u;
    };
    for (const caller of CALLERS) {
      for (const targetKind of TARGETS) {
        const expected: Cell = expectedCell(spec, caller, targetKind);
        if (expected === 'n/a') {
          count('n/a');
          continue;
        }
        count(`cell:${expected}`);
        const where = `${caller}/${targetKind}`;
        const t = fx.target(caller, targetKind);
        const { r, changed } = await runCell(spec, kind, field, t);
        const error = r.errors?.[0];
        const code = (error?.extensions?.code as string | undefined) ?? null;
        const data = (r.data as Record<string, unknown> | null | undefined)?.[name];
        if (code !== null) {
          if (code !== expected) {
            problems.push(`${where}: expected ${expected}, got ${code} (${error?.message})`);
          }
          if (data != null) problems.push(`${where}: denied but answered data`);
          if (changed.length > 0) problems.push(`${where}: denied but wrote ${changed}`);
          else if (kind === 'Mutation') count('writes-unchanged');
          if (code === 'NOT_FOUND' && expected === 'NOT_FOUND') {
            const u = await unknownOf(caller);
            for (const [label, x] of Object.entries(u)) {
              if (
                JSON.stringify(x.r.errors) !== JSON.stringify(r.errors) ||
                x.r.status !== r.status
              ) {
                problems.push(
                  `${where}: answers ${JSON.stringify(r.errors)} (${r.status}) but a ${label} id ${JSON.stringify(x.r.errors)} (${x.r.status})`,
                );
              }
            }
            count('same-as-missing');
          }
          continue;
        }
        if (data == null) {
          problems.push(`${where}: no error and no data`);
          continue;
        }
        const leaked = leaks(r, forbiddenMarkers(caller, t, spec));
        if (leaked.length > 0) problems.push(`${where}: the answer shows ${leaked.join(', ')}`);
        if (expected === 'empty') {
          const shown = leaks(r, fx.memberMarkers(t.subject));
          if (shown.length > 0)
            problems.push(`${where}: expected nothing of the target, shows ${shown}`);
          const u = await unknownOf(caller);
          for (const [label, x] of Object.entries(u)) {
            const theirs = (x.r.data as Record<string, unknown> | null | undefined)?.[name];
            if (JSON.stringify(theirs) !== JSON.stringify(data)) {
              problems.push(
                `${where}: answers ${JSON.stringify(data)}, a ${label} id ${JSON.stringify(theirs)}`,
              );
            }
          }
          count('same-as-missing');
        } else if (expected !== 'ok') {
          problems.push(`${where}: expected ${expected}, got an answer`);
        }
        const outcome = (data as { outcome?: unknown }).outcome;
        if (outcome !== undefined && outcome !== 'APPLIED') {
          problems.push(`${where}: outcome ${String(outcome)} ${JSON.stringify(data)}`);
        }
        if (kind === 'Mutation' && spec.writes !== false && changed.length === 0) {
          problems.push(`${where}: allowed write changed nothing`);
        }
      }
    }
    if (readsFrom) {
      const after = await fx.fingerprint();
      const wrote = Object.keys(after).filter((k) => after[k] !== readsFrom[k]);
      if (wrote.length > 0) problems.push(`reads of ${key} wrote ${wrote}`);
      fx.dirty = true;
    }
    return problems;
  }

  it('names every query and mutation of the built schema, and no other field', () => {
    const inSchema = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
    ].sort();
    const inTable = Object.keys(AUTHZ_TABLE).sort();
    expect(
      inSchema.filter((f) => !inTable.includes(f)),
      'schema fields missing from the table',
    ).toEqual([]);
    expect(
      inTable.filter((f) => !inSchema.includes(f)),
      'table entries the schema does not have',
    ).toEqual([]);
    for (const [key, spec] of Object.entries(AUTHZ_TABLE)) {
      if (spec.targets !== 'all')
        expect(spec.na, `${key}: say why targets do not apply`).toBeTruthy();
    }
  });

  for (const key of Object.keys(AUTHZ_TABLE).sort()) {
    it(key, async () => {
      expect(await checkField(key)).toEqual([]);
    });
  }

  describe('one id at a time, and the rules the matrix cells do not reach', () => {
    const QUOTE = `query($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) { memberId totals { payable } } }`;
    const VALIDATE = `query($input: ValidateCouponInput!) { validateCoupon(input: $input) { coupon { valid couponCode templateId reasonCode message reason } } }`;
    const TRANSFER = `mutation($input: TransferPointsInput!) { transferPoints(input: $input) { outcome entries { memberId kind } fromBalance { balance } toBalance { balance } } }`;
    const PURCHASE = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { outcome refusal { code message details } coupons { reasonCode message } } }`;
    const REDEEM = `mutation($input: RedeemCouponInput!) { redeemCoupon(input: $input) { outcome coupon { valid reasonCode message } } }`;
    const ENROL = `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id } } }`;
    const lines = [{ id: '1', sku: 'TEA-1', quantity: '1', unitPrice: '80.00' }];
    const randomUuid = () => sameShape(fx.subjects.A1.memberId);
    const randomCode = () => sameShape(fx.subjects.A1.couponCode);

    /** Sends `build(foreign)` and `build(random)`; both must answer the same error, writing nothing. */
    async function sameError(
      caller: Caller,
      query: string,
      build: (id: string) => Record<string, unknown>,
      foreign: string,
      random: string,
      code = 'NOT_FOUND',
    ) {
      const before = await fx.fingerprint();
      const a = await gql(s.url, query, build(foreign), credentialOf(caller));
      const b = await gql(s.url, query, build(random), credentialOf(caller));
      expect(a.errors?.[0]?.extensions?.code, JSON.stringify(a.errors)).toBe(code);
      expect(a.errors).toEqual(b.errors);
      expect(a.status).toBe(b.status);
      expect(await fx.fingerprint()).toEqual(before);
      fx.dirty = true;
    }

    /** A coupon answer with its echoed code blanked, to compare a foreign code with a random one. */
    const withoutCode = (value: unknown, code: string) =>
      JSON.parse(JSON.stringify(value).replaceAll(code, '<code>')) as unknown;

    it('a foreign member, store or recipient in an otherwise valid request answers like a random id', async () => {
      const A1 = fx.subjects.A1;
      const B1 = fx.subjects.B1;
      const [, secondStoreA] = fx.programs.A.storeIds;
      for (const caller of ['adminA', 'memberA1'] as const) {
        await sameError(
          caller,
          TRANSFER,
          (to) => ({
            input: {
              fromMemberId: A1.memberId,
              toMemberId: to,
              points: '1',
              idempotencyKey: `ik-${fx.next()}`,
            },
          }),
          B1.memberId,
          randomUuid(),
        );
        await sameError(
          caller,
          QUOTE,
          (storeId) => ({ input: { memberId: A1.memberId, lines, storeId } }),
          B1.storeId,
          randomUuid(),
        );
      }
      await sameError(
        'adminA',
        PURCHASE,
        (storeId) => ({
          input: { ...fx.purchaseInput(A1.memberId, `ORD-1ID-${fx.next()}`), storeId },
        }),
        B1.storeId,
        randomUuid(),
      );
      // A store key acts in its own store only: another store of its program is not found either.
      for (const other of [secondStoreA!, B1.storeId]) {
        await sameError(
          'store',
          QUOTE,
          (storeId) => ({ input: { memberId: A1.memberId, lines, storeId } }),
          other,
          randomUuid(),
        );
        await sameError(
          'store',
          ENROL,
          (storeId) => ({ input: { name: 'Nobody', channel: 'store', storeId } }),
          other,
          randomUuid(),
        );
      }
    });

    it("another program's coupon code is refused exactly like a random code (UNKNOWN_COUPON), nothing redeemed", async () => {
      const A1 = fx.subjects.A1;
      const foreignCodes = [fx.subjects.B1.couponCode, fx.programs.B.publicCode];
      const compare = async (
        caller: Caller,
        query: string,
        build: (code: string) => Record<string, unknown>,
      ) => {
        for (const foreign of foreignCodes) {
          const random = randomCode();
          const a = await gql(s.url, query, build(foreign), credentialOf(caller));
          const b = await gql(s.url, query, build(random), credentialOf(caller));
          expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
          expect(JSON.stringify(a.data)).toContain('UNKNOWN_COUPON');
          expect(withoutCode(a.data, foreign)).toEqual(withoutCode(b.data, random));
        }
      };
      const before = await fx.fingerprint();
      await compare('adminA', VALIDATE, (code) => ({
        input: { code, memberId: A1.memberId, lines },
      }));
      await compare('memberA1', VALIDATE, (code) => ({ input: { code, lines } }));
      await compare('storefront', VALIDATE, (code) => ({ input: { code, lines } }));
      await compare('memberA1', REDEEM, (code) => ({
        input: { code, lines, orderId: `CPN-1ID-${fx.next()}`, idempotencyKey: `ik-${fx.next()}` },
      }));
      await compare('store', PURCHASE, (code) => ({
        input: {
          ...fx.purchaseInput(A1.memberId, `ORD-1ID-${fx.next()}`),
          couponCodes: [code],
          idempotencyKey: `ik-${fx.next()}`,
        },
      }));
      const after = await fx.fingerprint();
      fx.dirty = true;
      // Refusals keep their idempotent answer; nothing else changed.
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      expect(changed.filter((t) => t !== 'idempotency_record')).toEqual([]);
    });

    it('a storefront key prices, quotes and validates guest carts of its own program only', async () => {
      const front = credentialOf('storefront');
      const own = await gql<{ validateCoupon: { coupon: { valid: boolean } } }>(
        s.url,
        VALIDATE,
        { input: { code: fx.programs.A.publicCode, lines } },
        front,
      );
      expect(own.data?.validateCoupon.coupon.valid).toBe(true);
      const quote = await gql<{ checkoutQuote: { memberId: string | null } }>(
        s.url,
        QUOTE,
        { input: { lines, storeId: fx.programs.A.storeIds[0] } },
        front,
      );
      expect(quote.errors).toBeUndefined();
      expect(quote.data?.checkoutQuote.memberId).toBeNull();
      await sameError(
        'storefront',
        QUOTE,
        (storeId) => ({ input: { lines, storeId } }),
        fx.programs.B.storeIds[0]!,
        randomUuid(),
      );
      // A guest's context with a member's code shows nothing of its owner.
      const def = schema.getQueryType()!.getFields().quoteContext!;
      const context = await gql(
        s.url,
        `query($input: QuoteContextInput) { quoteContext(input: $input) { ${selectionOf(def.type, SELECTION_DEPTH)} } }`,
        { input: { couponCodes: [fx.subjects.A1.couponCode] } },
        front,
      );
      expect(context.errors).toBeUndefined();
      expect(
        leaks(
          context,
          fx.memberMarkers(fx.subjects.A1).filter((m) => m !== fx.subjects.A1.couponCode),
        ),
      ).toEqual([]);
    });

    it('the same idempotency key from another program or member is its own request (no replay, no conflict)', async () => {
      const TOP_UP = `mutation($input: TopUpStoredValueInput!) { topUpStoredValue(input: $input) { outcome memberId balance entry { id memberId } } }`;
      const PAY = `mutation($input: PayWithStoredValueInput!) { payWithStoredValue(input: $input) { outcome memberId entry { id memberId } } }`;
      type R = { outcome: string; memberId: string; entry: { id: string; memberId: string } };
      const key = `shared-${fx.next()}`;
      const send = async (query: string, caller: Caller, memberId: string, amount: string) => {
        const r = await gql<Record<string, R>>(
          s.url,
          query,
          { input: { memberId, amount, idempotencyKey: key } },
          credentialOf(caller),
        );
        expect(r.errors, caller).toBeUndefined();
        return Object.values(r.data!)[0]!;
      };
      const a = await send(TOP_UP, 'adminA', fx.subjects.A1.memberId, '1.00');
      const b = await send(TOP_UP, 'adminB', fx.subjects.B1.memberId, '2.00');
      expect([a.outcome, b.outcome]).toEqual(['APPLIED', 'APPLIED']);
      expect(b.memberId).toBe(fx.subjects.B1.memberId);
      expect(b.entry.id).not.toBe(a.entry.id);
      const m1 = await send(PAY, 'memberA1', fx.subjects.A1.memberId, '1.00');
      const m2 = await send(PAY, 'memberA2', fx.subjects.A2.memberId, '2.00');
      expect(m2.entry.memberId).toBe(fx.subjects.A2.memberId);
      expect(m2.entry.id).not.toBe(m1.entry.id);
      fx.dirty = true;
    });

    it('a member token sees only its own side of a transfer; staff see both', async () => {
      const A1 = fx.subjects.A1;
      const A2 = fx.subjects.A2;
      type T = {
        transferPoints: {
          outcome: string;
          entries: { memberId: string }[];
          toBalance: { balance: string } | null;
        };
      };
      const send = (caller: Caller) =>
        gql<T>(
          s.url,
          TRANSFER,
          {
            input: {
              fromMemberId: A1.memberId,
              toMemberId: A2.memberId,
              points: '1',
              idempotencyKey: `ik-${fx.next()}`,
            },
          },
          credentialOf(caller),
        );
      const mine = (await send('memberA1')).data!.transferPoints;
      expect(mine.outcome).toBe('APPLIED');
      expect(mine.toBalance).toBeNull();
      expect(mine.entries.map((e) => e.memberId)).toEqual([A1.memberId]);
      const staffAnswer = await send('adminA');
      const staff = staffAnswer.data!.transferPoints;
      // The leak detector finds a member where one is shown (a canary for the matrix's checks).
      expect(leaks(staffAnswer, [A2.memberId])).not.toEqual([]);
      expect(staff.toBalance).not.toBeNull();
      expect(staff.entries.map((e) => e.memberId).sort()).toEqual(
        [A1.memberId, A2.memberId].sort(),
      );
      fx.dirty = true;
    });

    it("member tokens cannot change their tags or quote as of another instant; another member's code is theirs, not the caller's", async () => {
      const A1 = fx.subjects.A1;
      const A2 = fx.subjects.A2;
      const before = await fx.fingerprint();
      const tags = await gql(
        s.url,
        `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } } }`,
        { input: { memberId: A1.memberId, tags: ['vip'] } },
        credentialOf('memberA1'),
      );
      expect(tags.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      for (const caller of ['memberA1', 'store', 'storefront'] as const) {
        const asOf = await gql(
          s.url,
          QUOTE,
          { input: { lines, asOf: '2026-03-02T00:00:00Z' } },
          credentialOf(caller),
        );
        expect(asOf.errors?.[0]?.extensions?.code, caller).toBe('FORBIDDEN');
      }
      const asOfAdmin = await gql(
        s.url,
        QUOTE,
        { input: { lines, asOf: '2026-03-02T00:00:00Z' } },
        credentialOf('adminA'),
      );
      expect(asOfAdmin.errors).toBeUndefined();
      // The engine refuses another member's coupon as NOT_OWNED_BY_MEMBER (the caller typed the
      // code): nothing of its owner is shown.
      const other = await gql(
        s.url,
        VALIDATE,
        { input: { code: A2.couponCode, lines } },
        credentialOf('memberA1'),
      );
      expect(JSON.stringify(other.data)).toContain('NOT_OWNED_BY_MEMBER');
      const ofA2 = fx.memberMarkers(A2).filter((m) => m !== A2.couponCode);
      expect(leaks(other, ofA2)).toEqual([]);
      for (const [field, input] of [
        ['checkoutQuote', { lines, couponCodes: [A2.couponCode] }],
        ['qualify', { lines, couponCodes: [A2.couponCode] }],
        ['quoteContext', { couponCodes: [A2.couponCode] }],
      ] as const) {
        const type = field === 'quoteContext' ? 'QuoteContextInput' : 'CheckoutQuoteInput!';
        const def = schema.getQueryType()!.getFields()[field]!;
        const answer = await gql(
          s.url,
          `query($input: ${type}) { ${field}(input: $input) { ${selectionOf(def.type, SELECTION_DEPTH)} } }`,
          { input },
          credentialOf('memberA1'),
        );
        expect(answer.errors, field).toBeUndefined();
        expect(leaks(answer, ofA2), field).toEqual([]);
      }
      expect(await fx.fingerprint()).toEqual(before);
      fx.dirty = true;
    });
  });
});
