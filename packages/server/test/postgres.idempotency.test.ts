import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/orm.js';
import type { ServiceContext } from '../src/services/context.js';
import { idempotent } from '../src/services/idempotency.js';
import type { Authenticated } from '../src/services/principal.js';
import {
  createPostgresDatabase,
  errorCode,
  gql,
  startTestServer,
  TEST_DATABASE_URL,
  type TestServer,
} from './harness.js';
import { ledgerTotals, setUpPoints } from './pointsKit.js';

if (!TEST_DATABASE_URL) {
  console.warn(
    '[tessera] PostgreSQL idempotency-after-crash test SKIPPED: set TEST_DATABASE_URL to run it.',
  );
}

const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) {
  outcome entries { id amount } } }`;

type AdjustAnswer = {
  adjustPoints: { outcome: string; entries: { id: string; amount: string }[] };
};

/** The old lease a crashed claim used to block its key for (docs/operations.md before the fix). */
const OLD_LEASE_MS = 30_000;

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL idempotency after a crash', () => {
  let s: TestServer;
  let url: string;
  let drop: () => Promise<void>;
  let member: string;

  beforeAll(async () => {
    const created = await createPostgresDatabase(TEST_DATABASE_URL!);
    drop = created.drop;
    url = created.url;
    s = await startTestServer({ databaseUrl: created.url });
    [member] = (await setUpPoints(s, 1)) as [string];
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await drop?.();
  });

  const adjust = (key: string) =>
    gql<AdjustAnswer>(
      s.url,
      ADJUST,
      {
        input: {
          memberId: member,
          points: '7',
          reason: 'goodwill',
          operator: 'test',
          idempotencyKey: key,
        },
      },
      s.adminKey,
    );

  it('a key claimed by a server that died mid-request runs on the retry as soon as its session is gone', async () => {
    const conn = s.db.orm.em.fork().getConnection();
    // The admin key's claim scope, read from a completed request.
    expect((await adjust('probe')).errors).toBeUndefined();
    const [scope] = await conn.execute<{ program_id: string; credential: string }[]>(
      `select program_id, credential from idempotency_record where key = 'probe'`,
    );
    // A second server (its own connection pool) starts the same request through the real
    // `idempotent` and dies mid-request: the operation never returns, and its database
    // session ends the way a killed process's does (the connection goes away).
    const dying = await openDatabase({ kind: 'postgres', url });
    let pid = 0;
    let claimed!: () => void;
    const isClaimed = new Promise<void>((r) => {
      claimed = r;
    });
    let resume!: () => void;
    const frozen = new Promise<void>((r) => {
      resume = r;
    });
    const caller: Authenticated = {
      kind: 'admin',
      programId: scope!.program_id,
      credential: scope!.credential,
      apiKeyId: scope!.credential.slice('key:'.length),
      storeId: null,
    };
    const dyingCtx: ServiceContext = {
      em: dying.orm.em.fork(),
      principal: caller,
      clock: s.clock,
      logger: pino({ level: 'silent' }),
    };
    const dyingRequest = idempotent(
      dyingCtx,
      caller,
      {
        operation: 'adjustPoints',
        key: 'crash-key',
        input: { memberId: member, points: '7', reason: 'goodwill', operator: 'test' },
      },
      async (tx) => {
        [{ pid }] = (await tx.execute<{ pid: number }[]>('select pg_backend_pid() as pid')) as [
          { pid: number },
        ];
        claimed();
        await frozen;
        await tx.execute('select 1');
        return { never: 'answered' };
      },
    ).catch((e: unknown) => e);
    await isClaimed;

    // While the claiming process lives, the retry waits for it (no REQUEST_IN_PROGRESS, no effect).
    let answered = false;
    const retry = adjust('crash-key').finally(() => {
      answered = true;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(answered).toBe(false);

    const killedAt = Date.now();
    await conn.execute('select pg_terminate_backend(?)', [pid]);
    const first = await retry;
    const waitedMs = Date.now() - killedAt;
    resume();
    expect(await dyingRequest).toBeInstanceOf(Error);
    await dying.close();
    console.info(
      `[tessera] retry after a crashed claim answered ${waitedMs} ms after the claiming process died (old lease: ${OLD_LEASE_MS} ms)`,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.adjustPoints.outcome).toBe('APPLIED');
    expect(waitedMs).toBeLessThan(OLD_LEASE_MS / 3);

    // Exactly once: the replay is the stored answer, the ledger has one entry for it.
    const again = await adjust('crash-key');
    expect(errorCode(again)).toBeNull();
    expect(again.data).toEqual(first.data);
    expect(await ledgerTotals(s, member)).toEqual({ ledger: 14, balance: 14, lots: 14 });
  }, 60_000);
});
