/**
 * A record (purchase, stored-value payment, card) whose member the caller may
 * not see answers NOT_FOUND, like a missing id; a database failure while that
 * member is read must not: it answers a retryable INTERNAL and writes nothing.
 * The crash harness once got a definitive `NOT_FOUND Purchase not found` for a
 * return cut off by a PostgreSQL stop, because the member lookup's every error
 * was turned into NOT_FOUND (see `loadOwnerFor`).
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorCode, type GqlResponse, gql, startTestServer, type TestServer } from './harness.js';
import { PAY, type SvPayload, TOP_UP } from './operations.js';
import { purchaseInput, RECORD, RETURN, setUpPoints } from './pointsKit.js';

const REFUND = `mutation($input: RefundStoredValueInput!) { refundStoredValue(input: $input) { outcome } }`;
const ISSUE = `mutation($input: IssueCardInput!) { issueCard(input: $input) { card { id } } }`;
const LOST = `mutation($input: ReportCardLostInput!) { reportCardLost(input: $input) { card { status } } }`;
const CARD = `query($id: ID!) { card(id: $id) { status } }`;
const DELETE = `mutation($input: DeleteMemberInput!) { deleteMember(input: $input) { deletedMemberId } }`;
const MINT = `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token } }`;

/** What pg says when the server goes away under an open connection. */
const DROPPED = 'Connection terminated unexpectedly';

/** A well-formed id that names nothing. */
const RANDOM_ID = '0190f5d2-0000-7000-8000-000000000000';

/** The records one member owns here. */
interface Owned {
  memberId: string;
  orderId: string;
  paymentEntryId: string;
  cardId: string;
}

describe('a hidden member makes its records NOT_FOUND; a database failure reading it is INTERNAL', () => {
  let s: TestServer;
  let live: Owned;
  let deleted: Owned;
  let otherMemberToken: string;
  let failNextMemberRead = false;
  let failedMemberReads = 0;

  const call = (query: string, variables: Record<string, unknown>, credential = s.adminKey) =>
    gql(s.url, query, variables, credential);

  /** Gives `memberId` a purchase, a stored-value payment and a card. */
  async function own(memberId: string, n: string): Promise<Owned> {
    const orderId = `o-${n}`;
    const bought = await call(RECORD, { input: purchaseInput(memberId, orderId, '100.00') });
    expect(bought.errors).toBeUndefined();
    const topUp = { memberId, amount: '50', idempotencyKey: `top-${n}` };
    expect((await call(TOP_UP, { input: topUp })).errors).toBeUndefined();
    const paid = await gql<{ payWithStoredValue: SvPayload }>(
      s.url,
      PAY,
      { input: { memberId, amount: '20', idempotencyKey: `pay-${n}` } },
      s.adminKey,
    );
    const paymentEntryId = paid.data?.payWithStoredValue.entry?.id;
    const issued = await gql<{ issueCard: { card: { id: string } } }>(
      s.url,
      ISSUE,
      { input: { memberId } },
      s.adminKey,
    );
    const cardId = issued.data?.issueCard.card.id;
    if (!paymentEntryId || !cardId) throw new Error(`setup failed for ${n}`);
    return { memberId, orderId, paymentEntryId, cardId };
  }

  /** An md5 of every table: equal digests mean the request wrote nothing. */
  async function digest(): Promise<Record<string, string>> {
    const conn = s.db.orm.em.fork().getConnection();
    const tables = await conn.execute<{ tablename: string }[]>(
      `select tablename from pg_tables where schemaname = 'public' order by tablename`,
    );
    const columns = tables.map(
      ({ tablename: t }) =>
        `(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from "${t}" x) as "${t}"`,
    );
    const [row] = await conn.execute<Record<string, string>[]>(`select ${columns.join(', ')}`);
    if (!row) throw new Error('no digest');
    return row;
  }

  beforeAll(async () => {
    s = await startTestServer();
    const [a, b, c] = (await setUpPoints(s, 3)) as [string, string, string];
    live = await own(a, 'live');
    deleted = await own(b, 'deleted');
    expect((await call(DELETE, { input: { memberId: b } })).errors).toBeUndefined();
    const minted = await gql<{ createMemberToken: { token: string } }>(
      s.url,
      MINT,
      { input: { memberId: c } },
      s.adminKey,
    );
    otherMemberToken = minted.data?.createMemberToken.token ?? '';
    expect(otherMemberToken).not.toBe('');

    // The failure is injected below MikroORM, in PGlite itself (the one database of
    // this test file), so it takes the path a real driver error takes: through the
    // ORM's exception conversion and the transaction's rollback.
    const query = PGlite.prototype.query;
    vi.spyOn(PGlite.prototype, 'query').mockImplementation(function (
      this: PGlite,
      ...args: Parameters<PGlite['query']>
    ) {
      if (failNextMemberRead && /\bfrom "member"/.test(args[0])) {
        failNextMemberRead = false;
        failedMemberReads++;
        return Promise.reject(new Error(DROPPED));
      }
      return query.apply(this, args);
    });
  });
  afterEach(() => {
    failNextMemberRead = false;
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await s?.close();
  });

  /**
   * Sends `query` with the next read of the member table failing: the answer must
   * be INTERNAL, the failure must have happened (else the test proves nothing),
   * and every table must be unchanged.
   */
  async function withMemberReadFailing(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<void> {
    const before = await digest();
    const reads = failedMemberReads;
    failNextMemberRead = true;
    const r = await call(query, variables);
    expect(failedMemberReads, 'the member read was reached and failed').toBe(reads + 1);
    expect(errorCode(r), JSON.stringify(r.errors)).toBe('INTERNAL');
    expect(r.errors?.[0]?.message).toBe('Internal server error');
    expect(await digest()).toEqual(before);
  }

  /** `a` answers exactly (errors and HTTP status) like `b`, a NOT_FOUND, and writes nothing. */
  async function sameNotFound(
    send: (id: string) => Promise<GqlResponse>,
    hidden: string,
    random: string,
  ): Promise<void> {
    const before = await digest();
    const a = await send(hidden);
    const b = await send(random);
    expect(errorCode(a), JSON.stringify(a.errors)).toBe('NOT_FOUND');
    expect(a.errors).toEqual(b.errors);
    expect(a.status).toBe(b.status);
    expect(await digest()).toEqual(before);
  }

  it('recordReturn: INTERNAL, nothing written; the retry with the same key applies', async () => {
    const input = { orderId: live.orderId, returnId: 'r-live', idempotencyKey: 'ret-live' };
    await withMemberReadFailing(RETURN, { input });
    const retry = await gql<{ recordReturn: { outcome: string } }>(
      s.url,
      RETURN,
      { input },
      s.adminKey,
    );
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.recordReturn.outcome).toBe('APPLIED');
  });

  it('refundStoredValue: INTERNAL, nothing written; the retry with the same key applies', async () => {
    const input = { paymentEntryId: live.paymentEntryId, amount: '5', idempotencyKey: 'ref-live' };
    await withMemberReadFailing(REFUND, { input });
    const retry = await gql<{ refundStoredValue: { outcome: string } }>(
      s.url,
      REFUND,
      { input },
      s.adminKey,
    );
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.refundStoredValue.outcome).toBe('APPLIED');
  });

  it('reportCardLost and card: INTERNAL, the card stays active; the retry blocks it', async () => {
    await withMemberReadFailing(LOST, { input: { cardId: live.cardId } });
    await withMemberReadFailing(CARD, { id: live.cardId });
    const card = await gql<{ card: { status: string } }>(
      s.url,
      CARD,
      { id: live.cardId },
      s.adminKey,
    );
    expect(card.data?.card.status).toBe('active');
    const retry = await gql<{ reportCardLost: { card: { status: string } } }>(
      s.url,
      LOST,
      { input: { cardId: live.cardId } },
      s.adminKey,
    );
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.reportCardLost.card.status).toBe('lost');
  });

  it("a deleted member's purchase, payment and card answer NOT_FOUND like random ids", async () => {
    await sameNotFound(
      (orderId) =>
        call(RETURN, { input: { orderId, returnId: `r-${orderId}`, idempotencyKey: orderId } }),
      deleted.orderId,
      'o-never-recorded',
    );
    await sameNotFound(
      (paymentEntryId) =>
        call(REFUND, { input: { paymentEntryId, amount: '1', idempotencyKey: paymentEntryId } }),
      deleted.paymentEntryId,
      RANDOM_ID,
    );
    await sameNotFound((cardId) => call(LOST, { input: { cardId } }), deleted.cardId, RANDOM_ID);
    await sameNotFound((id) => call(CARD, { id }), deleted.cardId, RANDOM_ID);
  });

  it("another member's card answers a member token NOT_FOUND like a random id", async () => {
    const send = (cardId: string) => call(LOST, { input: { cardId } }, otherMemberToken);
    await sameNotFound(send, live.cardId, RANDOM_ID);
    await sameNotFound((id) => call(CARD, { id }, otherMemberToken), live.cardId, RANDOM_ID);
  });
});
