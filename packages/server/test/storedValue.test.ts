import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, IDEMPOTENCY_LEASE_MS } from '../src/services/idempotency.js';
import { sha256Hex, uuidv7 } from '../src/services/ids.js';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';
import { PAY, type SvPayload, TOP_UP } from './operations.js';

const REFUND = `mutation($input: RefundStoredValueInput!) { refundStoredValue(input: $input) {
  outcome balance refusal { code refundable requested } entry { id kind amount relatedEntryId } } }`;

describe('stored value (M4) and idempotency', () => {
  let s: TestServer;
  let member: string;
  let other: string;
  let adminB: string;
  const top = (input: Record<string, unknown>, key = s.adminKey) =>
    gql<{ topUpStoredValue: SvPayload }>(
      s.url,
      TOP_UP,
      { input: { memberId: member, ...input } },
      key,
    );
  const pay = (input: Record<string, unknown>, key = s.adminKey) =>
    gql<{ payWithStoredValue: SvPayload }>(
      s.url,
      PAY,
      { input: { memberId: member, ...input } },
      key,
    );
  const entries = async () =>
    s.db.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string; amount: string; kind: string }[]>(
        `select id, amount, kind from ledger_entry where member_id = ? order by occurred_at, posting_id`,
        [member],
      );
  const balance = async () => {
    const rows = await s.db.orm.em
      .fork()
      .getConnection()
      .execute<{ balance: string }[]>(`select balance from account where member_id = ?`, [member]);
    return rows[0]?.balance ?? '0';
  };

  beforeAll(async () => {
    s = await startTestServer();
    adminB = await s.addProgram('prog-b');
    const enrol = `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id } } }`;
    member = (
      await gql<{ enrolMember: { member: { id: string } } }>(
        s.url,
        enrol,
        { input: { name: 'Payer', channel: 'store' } },
        s.adminKey,
      )
    ).data!.enrolMember.member.id;
    other = (
      await gql<{ enrolMember: { member: { id: string } } }>(
        s.url,
        enrol,
        { input: { name: 'Other', channel: 'store' } },
        s.adminKey,
      )
    ).data!.enrolMember.member.id;
  });
  afterAll(() => s.close());

  it('tops up, pays and refuses to overdraw with INSUFFICIENT_FUNDS (a result, nothing posted)', async () => {
    const t = await top({ amount: '100.50', idempotencyKey: 'top-1' });
    expect(t.errors).toBeUndefined();
    expect(t.data!.topUpStoredValue).toMatchObject({
      outcome: 'APPLIED',
      balance: '100.50',
      currency: 'CNY',
    });
    const p = await pay({ amount: '60', idempotencyKey: 'pay-1', reference: 'order-1' });
    expect(p.data!.payWithStoredValue).toMatchObject({ outcome: 'APPLIED', balance: '40.50' });
    expect(p.data!.payWithStoredValue.entry).toMatchObject({
      amount: '-60.00',
      balanceAfter: '40.50',
    });
    const short = await pay({ amount: '40.51', idempotencyKey: 'pay-2' });
    expect(short.data!.payWithStoredValue).toMatchObject({
      outcome: 'REFUSED',
      balance: '40.50',
      entry: null,
      refusal: { code: 'INSUFFICIENT_FUNDS', available: '40.50', requested: '40.51' },
    });
    expect((await entries()).length).toBe(2);
    expect(await balance()).toBe('40.5000');
  });

  it('same key + same input replays the stored answer; one ledger effect', async () => {
    const first = await pay({ amount: '10', idempotencyKey: 'pay-replay' });
    const again = await pay({ amount: '10.00', idempotencyKey: 'pay-replay' });
    expect(again.data).toEqual(first.data);
    const rows = (await entries()).filter((e) => e.id === first.data!.payWithStoredValue.entry!.id);
    expect(rows.length).toBe(1);
    expect(await balance()).toBe('30.5000');
  });

  it('same key + other input is IDEMPOTENCY_CONFLICT and changes nothing', async () => {
    const before = await entries();
    const r = await pay({ amount: '11', idempotencyKey: 'pay-replay' });
    expect(errorCode(r)).toBe('IDEMPOTENCY_CONFLICT');
    const onOtherMember = await gql(
      s.url,
      PAY,
      { input: { memberId: other, amount: '10', idempotencyKey: 'pay-replay' } },
      s.adminKey,
    );
    expect(errorCode(onOtherMember)).toBe('IDEMPOTENCY_CONFLICT');
    const otherOperation = await top({ amount: '10', idempotencyKey: 'pay-replay' });
    expect(errorCode(otherOperation)).toBe('IDEMPOTENCY_CONFLICT');
    expect(await entries()).toEqual(before);
  });

  it('keys are scoped to program + credential: another program reaches nothing of the first', async () => {
    const foreign = await gql(
      s.url,
      PAY,
      { input: { memberId: member, amount: '10', idempotencyKey: 'pay-replay' } },
      adminB,
    );
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.data).toBeNull();
    const second = await gql<{ createApiKey: { secret: string } }>(
      s.url,
      `mutation { createApiKey(input: { role: admin, label: "second" }) { secret } }`,
      {},
      s.adminKey,
    );
    const fresh = await pay(
      { amount: '10', idempotencyKey: 'pay-replay' },
      second.data!.createApiKey.secret,
    );
    expect(fresh.data!.payWithStoredValue.outcome).toBe('APPLIED');
    expect(await balance()).toBe('20.5000');
  });

  it('a failed request releases its key so a retry runs', async () => {
    const bad = await pay({
      amount: '1',
      idempotencyKey: 'retry-me',
      memberId: '0190f5d2-0000-7000-8000-000000000000',
    });
    expect(errorCode(bad)).toBe('NOT_FOUND');
    const ok = await pay({
      amount: '1',
      idempotencyKey: 'retry-me',
      memberId: '0190f5d2-0000-7000-8000-000000000000',
    });
    expect(errorCode(ok)).toBe('NOT_FOUND');
  });

  it('a claim committed in progress by an older server version blocks until its lease ends, then a retry takes over and runs once', async () => {
    const input = { memberId: member, amount: '1', reference: null };
    const hash = sha256Hex(`payWithStoredValue\n${canonicalJson(input)}`);
    const credential = `key:${(await s.db.orm.em.fork().getConnection().execute<{ id: string }[]>(`select id from api_key where program_id = 'prog-a' order by id limit 1`))[0]!.id}`;
    const now = s.clock.now();
    await s.db.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into idempotency_record (id, program_id, credential, key, operation, request_hash, status, lease_token, lease_until, created_at)
         values (?, 'prog-a', ?, 'crashed', 'payWithStoredValue', ?, 'in_progress', ?, ?, ?)`,
        [
          uuidv7(now),
          credential,
          hash,
          randomUUID(),
          new Date(now.getTime() + IDEMPOTENCY_LEASE_MS),
          now,
        ],
      );
    const blocked = await pay({ amount: '1', idempotencyKey: 'crashed' });
    expect(errorCode(blocked)).toBe('REQUEST_IN_PROGRESS');
    s.clock.advance(IDEMPOTENCY_LEASE_MS);
    const taken = await pay({ amount: '1', idempotencyKey: 'crashed' });
    expect(taken.data!.payWithStoredValue.outcome).toBe('APPLIED');
    const replay = await pay({ amount: '1', idempotencyKey: 'crashed' });
    expect(replay.data).toEqual(taken.data);
  });

  it('refunds never exceed the payment', async () => {
    const p = await pay({ amount: '5', idempotencyKey: 'pay-for-refund' });
    const paymentEntryId = p.data!.payWithStoredValue.entry!.id;
    const refund = (amount: string, key: string) =>
      gql<{ refundStoredValue: SvPayload & { entry: { relatedEntryId: string } | null } }>(
        s.url,
        REFUND,
        { input: { paymentEntryId, amount, idempotencyKey: key } },
        s.adminKey,
      );
    const r1 = await refund('3', 'refund-1');
    expect(r1.data!.refundStoredValue).toMatchObject({
      outcome: 'APPLIED',
      entry: { relatedEntryId: paymentEntryId },
    });
    const r2 = await refund('2.01', 'refund-2');
    expect(r2.data!.refundStoredValue.refusal).toEqual({
      code: 'REFUND_EXCEEDS_PAYMENT',
      refundable: '2.00',
      requested: '2.01',
    });
    const r3 = await refund('2', 'refund-3');
    expect(r3.data!.refundStoredValue.outcome).toBe('APPLIED');
    const foreign = await gql(
      s.url,
      REFUND,
      { input: { paymentEntryId, amount: '1', idempotencyKey: 'x' } },
      adminB,
    );
    expect(errorCode(foreign)).toBe('NOT_FOUND');
  });

  it.each([
    ['a float', 10.5, 'BAD_USER_INPUT'],
    ['an exponent', '1e3', 'BAD_USER_INPUT'],
    ['too many decimals', '1.001', 'BAD_USER_INPUT'],
    ['zero', '0', 'BAD_USER_INPUT'],
    ['a negative amount', '-5', 'BAD_USER_INPUT'],
    ['40 digits', '1'.repeat(41), 'BAD_USER_INPUT'],
  ])('refuses %s', async (_label, amount, code) => {
    expect(errorCode(await top({ amount, idempotencyKey: `bad-${String(amount)}` }))).toBe(code);
  });

  it('balance equals the sum of the ledger, and history pages newest first', async () => {
    const sum = (await entries()).reduce((acc, e) => acc + Math.round(Number(e.amount) * 100), 0);
    expect(Math.round(Number(await balance()) * 100)).toBe(sum);
    const h = await gql<{
      storedValueHistory: { nodes: { kind: string }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      s.url,
      `query($id: ID!) { storedValueHistory(memberId: $id, first: 2) { nodes { kind } pageInfo { hasNextPage } } }`,
      { id: member },
      s.adminKey,
    );
    expect(h.data!.storedValueHistory.nodes.map((n) => n.kind)).toEqual(['refund', 'refund']);
    expect(h.data!.storedValueHistory.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses two value-moving mutations in one document', async () => {
    const r = await gql(
      s.url,
      `mutation { a: topUpStoredValue(input: { memberId: "${member}", amount: "1", idempotencyKey: "a1" }) { outcome }
                  b: topUpStoredValue(input: { memberId: "${member}", amount: "1", idempotencyKey: "a2" }) { outcome } }`,
      {},
      s.adminKey,
    );
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
