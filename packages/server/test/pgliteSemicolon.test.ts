import { PostgreSqlKnexDialect } from '@mikro-orm/postgresql';
import { PGliteKnexDialect } from 'mikro-orm-pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openMemoryDatabase } from '../src/db/orm.js';
import { Member } from '../src/entities/index.js';
import {
  createPostgresDatabase,
  gql,
  startTestServer,
  TEST_DATABASE_URL,
  type TestServer,
} from './harness.js';
import { BALANCE, ENROL, purchaseInput, RECORD, REDEEM, setUpPoints } from './pointsKit.js';

type Payload = Record<string, unknown>;
type MemberDto = { id: string; name: string };
type Balance = { pointsBalance: { balance: string } };

/** The PostgreSQL dialect's `_query` (knex's `pg` one) before any PGlite database opens. */
const postgresQuery: unknown = Reflect.get(PostgreSqlKnexDialect.prototype, '_query');

/**
 * MikroORM inlines every value into the SQL text, and the PGlite dialect used
 * to send a raw query holding `;` followed by more text through `exec`, whose
 * result rows never reach the ORM. `patchPGliteQuery` replaces that test, but
 * it was installed on the knex client object only, and knex builds each
 * transaction's client from the dialect class's prototype: every statement in
 * a transaction still took the old path.
 */
describe('values holding ";" inside a transaction (PGlite dialect, patchPGliteQuery)', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openMemoryDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('findOne by a value with ";" answers null, outside and inside em.transactional', async () => {
    const em = db.orm.em.fork();
    expect(await em.findOne(Member, { name: 'a;b' })).toBeNull();
    await em.transactional(async (tx) => {
      expect(await tx.findOne(Member, { name: 'a;b' })).toBeNull();
    });
  });

  it('raw rows with ";" in a value come back, outside and inside em.transactional', async () => {
    const em = db.orm.em.fork();
    const sql = 'select ? as x, ? as y';
    const params = ['a;b', "it's; -- not a comment"];
    const want = [{ x: 'a;b', y: "it's; -- not a comment" }];
    expect(await em.execute(sql, params)).toEqual(want);
    await em.transactional(async (tx) => {
      expect(await tx.execute(sql, params)).toEqual(want);
      // A nested transaction (a savepoint) gets its own client too.
      await tx.transactional(async (inner) => {
        expect(await inner.execute(sql, params)).toEqual(want);
      });
    });
  });

  it('patches the PGlite dialect class only, not the PostgreSQL dialect it extends', async () => {
    const pgliteQuery: unknown = Reflect.get(PGliteKnexDialect.prototype, '_query');
    expect(Reflect.get(PostgreSqlKnexDialect.prototype, '_query')).toBe(postgresQuery);
    expect(pgliteQuery).not.toBe(postgresQuery);
    // Opening another PGlite database patches nothing twice.
    const other = await openMemoryDatabase();
    await other.close();
    expect(Reflect.get(PGliteKnexDialect.prototype, '_query')).toBe(pgliteQuery);
    expect(Reflect.get(PostgreSqlKnexDialect.prototype, '_query')).toBe(postgresQuery);
  });

  it('real multi-statement text still runs whole, inside a transaction too', async () => {
    const em = db.orm.em.fork();
    await em.transactional(async (tx) => {
      await tx.execute(
        `create temp table semi (v text) on commit drop; insert into semi values ('p;q'), ('r')`,
      );
      expect(await tx.execute('select v from semi order by v')).toEqual([{ v: 'p;q' }, { v: 'r' }]);
    });
  });
});

const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id name } } }`;
const MEMBER = `query($id: ID!) { member(id: $id) { id name } }`;

/** The same scenario through the GraphQL API on PGlite and, when configured, PostgreSQL. */
function scenario(target: 'pglite' | 'postgres') {
  let s: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let memberId: string;

  beforeAll(async () => {
    if (target === 'postgres' && TEST_DATABASE_URL) {
      const created = await createPostgresDatabase(TEST_DATABASE_URL);
      drop = created.drop;
      s = await startTestServer({ databaseUrl: created.url });
    } else {
      s = await startTestServer();
    }
    [memberId] = (await setUpPoints(s, 1)) as [string];
  });
  afterAll(async () => {
    await s?.close();
    await drop?.();
  });

  it('enrols and renames a member whose name holds ";" (both in a transaction)', async () => {
    // This one passed before the fix too: through `exec` the insert and the update ran
    // whole and nothing read their rows. It keeps writes of such values covered.
    const r = await gql<{ enrolMember: { member: { id: string } } }>(
      s.url,
      ENROL,
      { input: { name: 'Smith; Jones', channel: 'store' } },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    const id = r.data!.enrolMember.member.id;
    const u = await gql<{ updateMember: { member: MemberDto } }>(
      s.url,
      UPDATE,
      { input: { memberId: id, name: "O'Brien; Smith" } },
      s.adminKey,
    );
    expect(u.errors).toBeUndefined();
    expect(u.data!.updateMember.member).toEqual({ id, name: "O'Brien; Smith" });
    const read = await gql<{ member: MemberDto | null }>(s.url, MEMBER, { id }, s.adminKey);
    expect(read.data!.member).toEqual({ id, name: "O'Brien; Smith" });
  });

  it('records a purchase whose idempotency key holds ";", once', async () => {
    // Order ids refuse ';'; idempotency keys take any printable ASCII.
    const input = purchaseInput(memberId, 'o-1', '120.00', { idempotencyKey: 'k;1' });
    const first = await gql<{ recordPurchase: Payload }>(s.url, RECORD, { input }, s.adminKey);
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordPurchase).toMatchObject({
      outcome: 'APPLIED',
      purchase: { orderId: 'o-1', pointsEarned: '120' },
      balance: { balance: '120' },
    });
    // The replay finds the stored answer by its key, in the transaction.
    const again = await gql<{ recordPurchase: Payload }>(s.url, RECORD, { input }, s.adminKey);
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordPurchase).toEqual(first.data!.recordPurchase);
    const other = await gql<{ recordPurchase: Payload }>(
      s.url,
      RECORD,
      { input: { ...input, idempotencyKey: 'k;2' } },
      s.adminKey,
    );
    expect(other.data!.recordPurchase).toEqual(first.data!.recordPurchase);
    const b = await gql<Balance>(s.url, BALANCE, { id: memberId }, s.adminKey);
    expect(b.data!.pointsBalance.balance).toBe('120');
  });

  it('redeems points under a key holding ";" and a quote, once', async () => {
    const input = { memberId, points: '20', reference: 'mug', idempotencyKey: "r;1'--x" };
    const first = await gql<{ redeemPoints: Payload }>(s.url, REDEEM, { input }, s.adminKey);
    expect(first.errors).toBeUndefined();
    expect(first.data!.redeemPoints).toMatchObject({
      outcome: 'APPLIED',
      balance: { available: '100', balance: '100' },
    });
    const again = await gql<{ redeemPoints: Payload }>(s.url, REDEEM, { input }, s.adminKey);
    expect(again.data!.redeemPoints).toEqual(first.data!.redeemPoints);
    const b = await gql<Balance>(s.url, BALANCE, { id: memberId }, s.adminKey);
    expect(b.data!.pointsBalance.balance).toBe('100');
  });
}

describe('GraphQL mutations with ";" in values, on PGlite', () => scenario('pglite'));
describe.skipIf(!TEST_DATABASE_URL)('GraphQL mutations with ";" in values, on PostgreSQL', () =>
  scenario('postgres'),
);
