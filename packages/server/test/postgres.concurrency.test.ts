import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  errorCode,
  gql,
  startTestServer,
  TEST_DATABASE_URL,
  type TestServer,
} from './harness.js';
import { PAY, type SvPayload, TOP_UP } from './operations.js';

if (!TEST_DATABASE_URL) {
  console.warn(
    '[tessera] PostgreSQL concurrency tests SKIPPED: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them.',
  );
}

describe.skipIf(!TEST_DATABASE_URL)(
  'PostgreSQL concurrency (RELIABILITY scenarios 3, 4 and stored value)',
  () => {
    let s: TestServer;
    let drop: () => Promise<void>;
    let member: string;

    const ledger = async () => {
      const conn = s.db.orm.em.fork().getConnection();
      const [sum] = await conn.execute<{ total: string | null; n: string }[]>(
        `select sum(amount)::text as total, count(*)::text as n from ledger_entry where member_id = ?`,
        [member],
      );
      const [acc] = await conn.execute<{ balance: string }[]>(
        `select balance::text as balance from account where member_id = ?`,
        [member],
      );
      return {
        total: sum?.total ?? '0',
        entries: Number(sum?.n ?? 0),
        balance: acc?.balance ?? '0',
      };
    };

    beforeAll(async () => {
      const created = await createPostgresDatabase(TEST_DATABASE_URL!);
      drop = created.drop;
      s = await startTestServer({ databaseUrl: created.url });
      const r = await gql<{ enrolMember: { member: { id: string } } }>(
        s.url,
        `mutation { enrolMember(input: { name: "Concurrent", channel: store }) { member { id } } }`,
        {},
        s.adminKey,
      );
      member = r.data!.enrolMember.member.id;
    });
    afterAll(async () => {
      await s?.close();
      await drop?.();
    });

    it('200 concurrent payments of 10.00 against 1000.00: exactly 100 apply, balance never negative, ledger = balance', async () => {
      const t = await gql(
        s.url,
        TOP_UP,
        { input: { memberId: member, amount: '1000', idempotencyKey: 'seed' } },
        s.adminKey,
      );
      expect(t.errors).toBeUndefined();
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          gql<{ payWithStoredValue: SvPayload }>(
            s.url,
            PAY,
            { input: { memberId: member, amount: '10', idempotencyKey: `c-${i}` } },
            s.adminKey,
          ),
        ),
      );
      expect(answers.filter((a) => a.errors).map((a) => a.errors)).toEqual([]);
      const outcomes = answers.map((a) => a.data!.payWithStoredValue);
      expect(outcomes.filter((o) => o.outcome === 'APPLIED').length).toBe(100);
      expect(outcomes.filter((o) => o.refusal?.code === 'INSUFFICIENT_FUNDS').length).toBe(100);
      expect(outcomes.every((o) => !o.balance.startsWith('-'))).toBe(true);
      const l = await ledger();
      expect(l.balance).toBe('0.0000');
      expect(l.total).toBe('0.0000');
      expect(l.entries).toBe(101);
    });

    it('the same key sent 50 times at once: one ledger effect; the others wait and replay it', async () => {
      const before = await ledger();
      await gql(
        s.url,
        TOP_UP,
        { input: { memberId: member, amount: '500', idempotencyKey: 'refill' } },
        s.adminKey,
      );
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          gql<{ payWithStoredValue: SvPayload }>(
            s.url,
            PAY,
            { input: { memberId: member, amount: '7.25', idempotencyKey: 'same-key' } },
            s.adminKey,
          ),
        ),
      );
      // The key is claimed in the effect's transaction: duplicates wait on
      // the claim and replay its answer, none says REQUEST_IN_PROGRESS.
      expect(answers.map(errorCode).filter((c) => c !== null)).toEqual([]);
      const applied = answers.filter((a) => a.data?.payWithStoredValue?.outcome === 'APPLIED');
      expect(applied.length).toBe(50);
      expect(new Set(applied.map((a) => a.data!.payWithStoredValue.entry!.id)).size).toBe(1);
      const after = await ledger();
      expect(after.entries).toBe(before.entries + 2);
      expect(after.balance).toBe('492.7500');
    });

    it('same key with a different amount, concurrently: at most one input wins, nothing else changes', async () => {
      const before = await ledger();
      const answers = await Promise.all(
        ['1.00', '2.00', '1.00', '2.00'].map((amount) =>
          gql<{ payWithStoredValue: SvPayload }>(
            s.url,
            PAY,
            { input: { memberId: member, amount, idempotencyKey: 'racy' } },
            s.adminKey,
          ),
        ),
      );
      const amounts = new Set(
        answers
          .filter((a) => a.data?.payWithStoredValue)
          .map((a) => a.data!.payWithStoredValue.entry!.amount),
      );
      expect(amounts.size).toBe(1);
      for (const a of answers.filter((x) => x.errors)) {
        expect(errorCode(a)).toBe('IDEMPOTENCY_CONFLICT');
      }
      expect((await ledger()).entries).toBe(before.entries + 1);
    });
  },
);
