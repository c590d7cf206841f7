import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seedDemo.js';
import { errorCode, gql, minimalConfig, startTestServer, type TestServer } from './harness.js';

const ENROL = `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id name phone } } }`;
const MEMBER = `query($id: ID!) { member(id: $id) { id name } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id role storeId } } }`;
const CREATE_STORE = `mutation($input: CreateStoreInput!) { createStore(input: $input) { store { id code } } }`;
const MINT = `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token expiresAt } }`;

describe('access: programs, keys, member tokens (O1-O3)', () => {
  let s: TestServer;
  let adminB: string;
  let storeKey: string;
  let storefrontKey: string;
  let storeId: string;
  let memberA1: string;
  let memberA2: string;

  beforeAll(async () => {
    s = await startTestServer();
    adminB = await s.addProgram('prog-b');
    const store = await gql<{ createStore: { store: { id: string } } }>(
      s.url,
      CREATE_STORE,
      { input: { code: 'S1', name: 'Flagship' } },
      s.adminKey,
    );
    storeId = store.data!.createStore.store.id;
    const sk = await gql<{ createApiKey: { secret: string } }>(
      s.url,
      CREATE_KEY,
      { input: { role: 'store', storeId, label: 'POS 1' } },
      s.adminKey,
    );
    storeKey = sk.data!.createApiKey.secret;
    const pk = await gql<{ createApiKey: { secret: string } }>(
      s.url,
      CREATE_KEY,
      { input: { role: 'storefront', label: 'Web' } },
      s.adminKey,
    );
    storefrontKey = pk.data!.createApiKey.secret;
    const enrol = async (key: string, name: string) => {
      const r = await gql<{ enrolMember: { member: { id: string } } }>(
        s.url,
        ENROL,
        { input: { name, channel: 'store' } },
        key,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.enrolMember.member.id;
    };
    memberA1 = await enrol(s.adminKey, 'Ann A1');
    memberA2 = await enrol(storeKey, 'Bob A2');
    // Program B has a member too (foreign ids: see authz.matrix.test.ts).
    await enrol(adminB, 'Cat B1');
  });
  afterAll(() => s.close());

  it('applied the committed migrations once (a second run is a no-op)', async () => {
    const rows = await s.db.orm.em
      .fork()
      .getConnection()
      .execute<{ name: string }[]>('select name from tessera_migrations order by id');
    expect(rows.map((r) => r.name)).toEqual([
      'Migration20261125000000Initial',
      'Migration20261125010000MemberTierState',
      'Migration20261126090000PointsPurchasesTiers',
      'Migration20261126120000Coupons',
      'Migration20261201140000PurchasePricing',
      'Migration20261201150000CouponRedemptionAnswer',
      'Migration20261201170000PeriodCounters',
    ]);
    expect(await s.db.orm.getMigrator().up()).toEqual([]);
  });

  it('loads the demo program once (engine-valid config, base tier from the engine, keys that work)', async () => {
    const logger = pino({ level: 'silent' });
    const keys = await seedDemo(s.db.orm.em.fork(), s.clock, logger);
    expect(keys).not.toBeNull();
    expect(await seedDemo(s.db.orm.em.fork(), s.clock, logger)).toBeNull();
    const r = await gql<{
      program: { id: string };
      members: { nodes: { tierId: string; storedValue: { balance: string } }[] };
    }>(
      s.url,
      `{ program { id } members { nodes { tierId storedValue { balance } } } }`,
      {},
      keys!.store,
    );
    expect(r.data!.program.id).toBe('demo');
    // Wang Fang's demo purchases (1,158.00) reach Silver.
    expect(r.data!.members.nodes.map((m) => m.tierId)).toEqual(['green', 'silver', 'green']);
    expect(r.data!.members.nodes.map((m) => m.storedValue.balance)).toEqual([
      '200.00',
      '500.00',
      '0.00',
    ]);
    const pub = await gql(s.url, `{ stores { nodes { code } } }`, {}, keys!.storefront);
    expect(pub.errors).toBeUndefined();
  });

  it('publishes configuration versions validated by the engine, effective at a date', async () => {
    const PUBLISH = `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version effectiveFrom config } } }`;
    const bad = await gql(
      s.url,
      PUBLISH,
      { input: { config: { currency: 'XXX', timeZone: 'Mars/Base' } } },
      s.adminKey,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const issues = bad.errors![0]!.extensions!.issues as { path: string[] }[];
    expect(issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['currency', 'timeZone']),
    );
    const config = minimalConfig('EUR', 'Europe/Paris');
    const future = await gql<{
      publishProgramVersion: {
        programVersion: { version: number; effectiveFrom: string; config: { id: string } };
      };
    }>(
      s.url,
      PUBLISH,
      { input: { config, effectiveFrom: '2026-06-01T00:00:00+02:00' } },
      s.adminKey,
    );
    expect(future.errors).toBeUndefined();
    expect(future.data!.publishProgramVersion.programVersion).toMatchObject({
      version: 2,
      effectiveFrom: '2026-05-31T22:00:00.000Z',
      config: { id: 'prog-a', version: 2 },
    });
    const earlier = await gql(
      s.url,
      PUBLISH,
      { input: { config, effectiveFrom: '2026-04-01T00:00:00Z' } },
      s.adminKey,
    );
    expect(earlier.errors?.[0]?.extensions?.reason).toBe('EFFECTIVE_BEFORE_PREVIOUS');
    expect(errorCode(await gql(s.url, PUBLISH, { input: { config } }, storeKey))).toBe('FORBIDDEN');
    // Version 1 (CNY) is in force until June; version 2 (EUR) after.
    const currency = async () =>
      (
        await gql<{ member: { storedValue: { currency: string } } }>(
          s.url,
          `query($id: ID!) { member(id: $id) { storedValue { currency } } }`,
          { id: memberA1 },
          s.adminKey,
        )
      ).data!.member.storedValue.currency;
    expect(await currency()).toBe('CNY');
    const saved = s.clock.now();
    s.clock.set('2026-06-02T00:00:00Z');
    expect(await currency()).toBe('EUR');
    s.clock.set(saved);
    const versions = await gql<{ programVersions: { nodes: { version: number }[] } }>(
      s.url,
      `{ programVersions { nodes { version } } }`,
      {},
      s.adminKey,
    );
    expect(versions.data!.programVersions.nodes.map((v) => v.version)).toEqual([2, 1]);
  });

  it('serves /healthz and /readyz', async () => {
    const base = s.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers UNAUTHENTICATED (401) for unknown, malformed or revoked keys', async () => {
    for (const credential of [`tsk_adm_${'x'.repeat(43)}`, 'nonsense', 'mt_abc.def']) {
      const r = await gql(s.url, MEMBER, { id: memberA1 }, credential);
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
    }
    const anon = await gql(s.url, MEMBER, { id: memberA1 });
    expect(errorCode(anon)).toBe('UNAUTHENTICATED');
  });

  it('roles: storefront keys cannot read members; store keys enrol in their own store', async () => {
    expect(errorCode(await gql(s.url, MEMBER, { id: memberA1 }, storefrontKey))).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(s.url, ENROL, { input: { name: 'X', channel: 'store' } }, storefrontKey)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(s.url, CREATE_STORE, { input: { code: 'S2', name: 'No' } }, storeKey)),
    ).toBe('FORBIDDEN');
    const r = await gql<{ member: { enrolStore: { id: string } | null } }>(
      s.url,
      `query($id: ID!) { member(id: $id) { enrolStore { id } } }`,
      { id: memberA2 },
      s.adminKey,
    );
    expect(r.data!.member.enrolStore?.id).toBe(storeId);
  });

  it('a member token reads and acts on its own member only', async () => {
    const minted = await gql<{ createMemberToken: { token: string } }>(
      s.url,
      MINT,
      { input: { memberId: memberA1 } },
      storeKey,
    );
    const token = minted.data!.createMemberToken.token;
    const own = await gql<{ member: { id: string } }>(s.url, MEMBER, { id: memberA1 }, token);
    expect(own.data!.member.id).toBe(memberA1);
    const me = await gql<{ me: { id: string } }>(s.url, `{ me { id } }`, {}, token);
    expect(me.data!.me.id).toBe(memberA1);
    const other = await gql(s.url, MEMBER, { id: memberA2 }, token);
    const missing = await gql(s.url, MEMBER, { id: '0190f5d2-0000-7000-8000-000000000000' }, token);
    expect(errorCode(other)).toBe('NOT_FOUND');
    expect(other.errors).toEqual(missing.errors);
    const update = await gql(
      s.url,
      `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } } }`,
      { input: { memberId: memberA2, name: 'Hijack' } },
      token,
    );
    expect(errorCode(update)).toBe('NOT_FOUND');
    expect(errorCode(await gql(s.url, `{ members { nodes { id } } }`, {}, token))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await gql(s.url, MINT, { input: { memberId: memberA2 } }, token))).toBe(
      'FORBIDDEN',
    );
  });

  it('member tokens expire and cannot be forged or moved to another program', async () => {
    const minted = await gql<{ createMemberToken: { token: string } }>(
      s.url,
      MINT,
      { input: { memberId: memberA1, ttlSeconds: 60 } },
      s.adminKey,
    );
    const token = minted.data!.createMemberToken.token;
    const [body, sig] = token.slice(3).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = `mt_${Buffer.from(JSON.stringify({ ...claims, sub: memberA2 })).toString('base64url')}.${sig}`;
    expect(errorCode(await gql(s.url, MEMBER, { id: memberA2 }, forged))).toBe('UNAUTHENTICATED');
    const moved = `mt_${Buffer.from(JSON.stringify({ ...claims, pid: 'prog-b' })).toString('base64url')}.${sig}`;
    expect(errorCode(await gql(s.url, MEMBER, { id: memberA1 }, moved))).toBe('UNAUTHENTICATED');
    s.clock.advance(61_000);
    expect(errorCode(await gql(s.url, MEMBER, { id: memberA1 }, token))).toBe('UNAUTHENTICATED');
  });

  it('a revoked key stops working at once', async () => {
    const k = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      s.url,
      CREATE_KEY,
      { input: { role: 'admin', label: 'temp' } },
      s.adminKey,
    );
    const { secret, apiKey } = k.data!.createApiKey;
    expect(errorCode(await gql(s.url, MEMBER, { id: memberA1 }, secret))).toBeNull();
    await gql(
      s.url,
      `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { revokedAt } } }`,
      { input: { apiKeyId: apiKey.id } },
      s.adminKey,
    );
    expect(errorCode(await gql(s.url, MEMBER, { id: memberA1 }, secret))).toBe('UNAUTHENTICATED');
  });

  it("a store key cannot be created for another program's store", async () => {
    const storeB = await gql<{ createStore: { store: { id: string } } }>(
      s.url,
      CREATE_STORE,
      { input: { code: 'SB', name: 'B store' } },
      adminB,
    );
    const r = await gql(
      s.url,
      CREATE_KEY,
      { input: { role: 'store', storeId: storeB.data!.createStore.store.id, label: 'x' } },
      s.adminKey,
    );
    expect(errorCode(r)).toBe('NOT_FOUND');
  });

  it('API keys are stored hashed', async () => {
    const rows = await s.db.orm.em
      .fork()
      .getConnection()
      .execute<{ secret_hash: string }[]>('select secret_hash from api_key');
    for (const r of rows) {
      expect(r.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.secret_hash).not.toContain(storeKey.slice(8, 20));
    }
  });
});
