import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadUserInputError,
  createTesseraClient,
  ERROR_CLASSES,
  ERROR_CODES,
  IdempotencyConflictError,
  InternalError,
  NotFoundError,
  type TesseraClient,
  TesseraError,
  UnauthenticatedError,
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

/** A fetch answering one fixed GraphQL error, without a server. */
function answering(code: string): typeof fetch {
  return async () =>
    new Response(JSON.stringify({ errors: [{ message: `says ${code}`, extensions: { code } }] }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
}

describe('typed errors', () => {
  it.each(ERROR_CODES.filter((c) => c !== 'REQUEST_IN_PROGRESS'))(
    '%s becomes its own TesseraError subclass',
    async (code) => {
      const client = createTesseraClient({
        url: 'http://test.invalid/graphql',
        fetch: answering(code),
      });
      const error = await client.viewer().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ERROR_CLASSES[code]);
      expect(error).toBeInstanceOf(TesseraError);
      expect(error).toMatchObject({ code, message: `says ${code}` });
    },
  );

  it('a code the SDK does not know is INTERNAL', async () => {
    const client = createTesseraClient({
      url: 'http://test.invalid/graphql',
      fetch: answering('SOMETHING_NEW'),
    });
    await expect(client.viewer()).rejects.toBeInstanceOf(InternalError);
  });

  it('UNAUTHENTICATED for an unknown key', async () => {
    const client = createTesseraClient({ url: server.url, apiKey: 'tsk_not_a_real_key' });
    const error = await client.members.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('BAD_USER_INPUT names the field and the reason', async () => {
    const error = await admin.points
      .redeem({ memberId, points: '-5', reference: 'bad' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadUserInputError);
    const e = error as BadUserInputError;
    expect(e.field).toBe('points');
    expect(e.reason).toBeTruthy();
    expect(e.path).toEqual(['redeemPoints']);
  });

  it('BAD_USER_INPUT for a document the schema refuses', async () => {
    const doc = { toString: () => 'query { nope }' } as const;
    await expect(admin.request(doc)).rejects.toBeInstanceOf(BadUserInputError);
  });

  it('NOT_FOUND for an id of another program', async () => {
    const otherKey = await server.addProgram('other-program');
    const other = createTesseraClient({ url: server.url, apiKey: otherKey });
    await expect(other.members.get(memberId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('IDEMPOTENCY_CONFLICT: the same key with another input changes nothing', async () => {
    const key = 'sdk-conflict-1';
    await admin.points.adjust({
      memberId,
      points: '10',
      reason: 'goodwill',
      operator: 'alice',
      idempotencyKey: key,
    });
    const error = await admin.points
      .adjust({
        memberId,
        points: '99',
        reason: 'goodwill',
        operator: 'alice',
        idempotencyKey: key,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect((await admin.points.balance(memberId)).available).toBe('10');
  });

  it('a value-moving call with a member id is refused without a member token', async () => {
    await expect(admin.points.balance()).rejects.toThrow(/memberId is required/);
  });

  it('apiKey and memberToken together are refused', () => {
    expect(() =>
      createTesseraClient({ url: server.url, apiKey: 'a', memberToken: 'b' } as never),
    ).toThrow(/not both/);
  });
});
