import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTesseraClient,
  RequestInProgressError,
  type TesseraClient,
  TesseraNetworkError,
} from '../src/index.js';
import { startTestServer, type TestServer } from './harness.js';
import { TEST_CONFIG } from './program.js';

let server: TestServer;
let admin: TesseraClient;
let memberId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = server.admin();
  await admin.programs.publish({ config: TEST_CONFIG });
  memberId = (await admin.members.enrol({ name: 'Li Wei', channel: 'store' })).id;
});

afterAll(async () => {
  await server?.close();
});

const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

interface Sent {
  operationName: string | undefined;
  idempotencyKey: string | undefined;
}

/**
 * A fetch in front of the real server that records every request and, for
 * the first `failures` requests of a mutation, lets the server process it
 * and then loses the answer (`lose: 'network'`: the connection drops;
 * `lose: 'in-progress'`: a REQUEST_IN_PROGRESS answer comes back instead).
 */
function flaky(lose: 'network' | 'in-progress', failures = 1) {
  const sent: Sent[] = [];
  let failed = 0;
  const wrapped: typeof fetch = async (input, init) => {
    const body = JSON.parse(String(init?.body)) as {
      query: string;
      variables: { input?: { idempotencyKey?: string } };
    };
    sent.push({
      operationName: /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1],
      idempotencyKey: body.variables.input?.idempotencyKey,
    });
    const res = await fetch(input, init);
    if (body.query.trimStart().startsWith('mutation') && failed < failures) {
      failed++;
      await res.text();
      if (lose === 'network') throw new TypeError('fetch failed: connection reset');
      return new Response(
        JSON.stringify({
          errors: [{ message: 'in progress', extensions: { code: 'REQUEST_IN_PROGRESS' } }],
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }
    return res;
  };
  return { fetch: wrapped, sent };
}

function purchase(orderId: string) {
  return {
    memberId,
    orderId,
    channel: 'store' as const,
    currency: 'CNY',
    occurredAt: server.clock.now().toISOString(),
    lines: [{ id: 'a', sku: 'BEANS', quantity: '1', unitPrice: '120.00' }],
  };
}

describe('idempotency keys and retries', () => {
  it('a purchase whose answer was lost is retried with the same key and posted once', async () => {
    const { fetch, sent } = flaky('network');
    const client = createTesseraClient({
      url: server.url,
      apiKey: server.adminKey,
      fetch,
      retry: fast,
    });
    const r = await client.purchases.record(purchase('order-net'));
    expect(r.outcome).toBe('APPLIED');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]?.idempotencyKey).toBe(sent[0]?.idempotencyKey);
    const ledger = await admin.points.ledger(memberId);
    expect(ledger.nodes.filter((e) => e.kind === 'earn')).toHaveLength(1);
    expect((await admin.points.balance(memberId)).available).toBe('120');
  });

  it('a "request in progress" answer is retried with the same key; the replay is the stored answer', async () => {
    const { fetch, sent } = flaky('in-progress');
    const client = createTesseraClient({
      url: server.url,
      apiKey: server.adminKey,
      fetch,
      retry: fast,
    });
    const r = await client.points.redeem({ memberId, points: '20', reference: 'gift' });
    expect(r.outcome).toBe('APPLIED');
    expect(r.balance.available).toBe('100');
    expect(sent.map((s) => s.idempotencyKey)).toEqual([
      sent[0]?.idempotencyKey,
      sent[0]?.idempotencyKey,
    ]);
    const redeems = (await admin.points.ledger(memberId)).nodes.filter((e) => e.kind === 'redeem');
    expect(redeems).toHaveLength(1);
    expect((await admin.points.balance(memberId)).available).toBe('100');
  });

  it('each call gets its own key', async () => {
    const { fetch, sent } = flaky('network', 0);
    const client = createTesseraClient({
      url: server.url,
      apiKey: server.adminKey,
      fetch,
      retry: fast,
    });
    await client.points.adjust({ memberId, points: '1', reason: 'a', operator: 'o' });
    await client.points.adjust({ memberId, points: '1', reason: 'a', operator: 'o' });
    expect(sent[0]?.idempotencyKey).not.toBe(sent[1]?.idempotencyKey);
    expect((await admin.points.balance(memberId)).available).toBe('102');
  });

  it('a caller key is kept as given', async () => {
    const { fetch, sent } = flaky('network');
    const client = createTesseraClient({
      url: server.url,
      apiKey: server.adminKey,
      fetch,
      retry: fast,
    });
    await client.points.adjust({
      memberId,
      points: '3',
      reason: 'a',
      operator: 'o',
      idempotencyKey: 'import-row-7',
    });
    expect(sent.map((s) => s.idempotencyKey)).toEqual(['import-row-7', 'import-row-7']);
    expect((await admin.points.balance(memberId)).available).toBe('105');
  });

  it('attempts are bounded: in progress every time ends with RequestInProgressError', async () => {
    const { fetch, sent } = flaky('in-progress', 100);
    const client = createTesseraClient({
      url: server.url,
      apiKey: server.adminKey,
      fetch,
      retry: { ...fast, attempts: 3 },
    });
    await expect(
      client.points.adjust({ memberId, points: '1', reason: 'a', operator: 'o' }),
    ).rejects.toBeInstanceOf(RequestInProgressError);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.idempotencyKey)).size).toBe(1);
  });

  it('a mutation without a key is not retried (its outcome would be unknown)', async () => {
    const { fetch, sent } = flaky('network');
    const client = createTesseraClient({
      url: server.url,
      apiKey: server.adminKey,
      fetch,
      retry: fast,
    });
    const error = await client.members
      .enrol({ name: 'Once', channel: 'online' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraNetworkError);
    expect((error as TesseraNetworkError).attempts).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('queries are retried after network failures and gateway errors', async () => {
    let calls = 0;
    const failing: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      if (calls === 2) return new Response('<html>Bad gateway</html>', { status: 502 });
      return fetch(input, init);
    };
    const client = createTesseraClient({
      url: server.url,
      apiKey: server.adminKey,
      fetch: failing,
      retry: fast,
    });
    expect((await client.viewer()).kind).toBe('admin');
    expect(calls).toBe(3);
  });

  it('no server: TesseraNetworkError after every attempt', async () => {
    let calls = 0;
    const down: typeof fetch = async () => {
      calls++;
      throw new TypeError('fetch failed: ECONNREFUSED');
    };
    const client = createTesseraClient({ url: server.url, fetch: down, retry: fast });
    const error = await client.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraNetworkError);
    expect((error as TesseraNetworkError).attempts).toBe(4);
    expect(calls).toBe(4);
  });
});
