import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';

const ENROL = `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id name phone email tags gender birthday } } }`;
const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id name phone tags updatedAt } } }`;
const SEARCH = `query($filter: MemberFilterInput, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) { nodes { id name } pageInfo { endCursor hasNextPage } } }`;
const ISSUE = `mutation($input: IssueCardInput!) { issueCard(input: $input) { card { id number status memberId } } }`;

type Enrolled = {
  enrolMember: {
    member: { id: string; phone: string | null; email: string | null; tags: string[] };
  };
};
type Search = {
  members: {
    nodes: { id: string; name: string }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
};

describe('members and cards (M1, M3)', () => {
  let s: TestServer;
  let queries: string[] = [];
  const enrol = async (input: Record<string, unknown>) => {
    const r = await gql<Enrolled>(
      s.url,
      ENROL,
      { input: { channel: 'store', ...input } },
      s.adminKey,
    );
    return r;
  };

  beforeAll(async () => {
    s = await startTestServer({ onQuery: (q) => queries.push(q) });
  });
  afterAll(() => s.close());

  it('enrols with normalised contact data and writes member.enrolled to the outbox', async () => {
    const r = await enrol({
      name: '  Li   Wei ',
      phone: '+86 138-0000-0001',
      email: 'Li.Wei@Example.com',
      tags: ['vip', 'staff', 'vip'],
      birthday: '1990-02-28',
      gender: 'female',
    });
    expect(r.errors).toBeUndefined();
    const m = r.data!.enrolMember.member;
    expect(m).toMatchObject({
      phone: '+8613800000001',
      email: 'li.wei@example.com',
      tags: ['staff', 'vip'],
    });
    const events = await s.db.orm.em
      .fork()
      .getConnection()
      .execute<{ type: string; subject_id: string }[]>(
        `select type, subject_id from outbox_event where program_id = 'prog-a'`,
      );
    expect(events).toContainEqual({ type: 'member.enrolled', subject_id: m.id });
  });

  it.each([
    [{ name: '' }, 'INVALID_NAME'],
    [{ name: 'A', phone: '12' }, 'INVALID_PHONE'],
    [{ name: 'A', email: 'nope' }, 'INVALID_EMAIL'],
    [{ name: 'A', birthday: '1990-02-30' }, 'INVALID_BIRTHDAY'],
    [{ name: 'A', tags: ['has space'] }, 'INVALID_TAG'],
    [{ name: 'A', phone: '+86 138 0000 0001' }, 'PHONE_TAKEN'],
    [{ name: 'A', email: 'LI.WEI@example.com' }, 'EMAIL_TAKEN'],
  ])('refuses %j with BAD_USER_INPUT / %s', async (input, reason) => {
    const r = await enrol(input);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.reason).toBe(reason);
  });

  it('searches by name, phone, email, tag and tier with cursor pages and a page-size cap', async () => {
    for (let i = 0; i < 5; i++)
      await enrol({ name: `Page Person ${i}`, tags: i % 2 ? ['odd'] : [] });
    const byName = await gql<Search>(
      s.url,
      SEARCH,
      { filter: { name: 'page person' }, first: 2 },
      s.adminKey,
    );
    expect(byName.data!.members.nodes.map((n) => n.name)).toEqual([
      'Page Person 0',
      'Page Person 1',
    ]);
    expect(byName.data!.members.pageInfo.hasNextPage).toBe(true);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof gql<Search>>> = await gql<Search>(
        s.url,
        SEARCH,
        { filter: { name: 'Page' }, first: 2, after },
        s.adminKey,
      );
      seen.push(...page.data!.members.nodes.map((n) => n.name));
      after = page.data!.members.pageInfo.hasNextPage
        ? page.data!.members.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `Page Person ${i}`));
    const odd = await gql<Search>(s.url, SEARCH, { filter: { tag: 'odd' } }, s.adminKey);
    expect(odd.data!.members.nodes.map((n) => n.name)).toEqual(['Page Person 1', 'Page Person 3']);
    const phone = await gql<Search>(
      s.url,
      SEARCH,
      { filter: { phone: '+8613800000001' } },
      s.adminKey,
    );
    const email = await gql<Search>(
      s.url,
      SEARCH,
      { filter: { email: 'LI.WEI@EXAMPLE.COM' } },
      s.adminKey,
    );
    expect(phone.data!.members.nodes.map((n) => n.name)).toEqual(['Li Wei']);
    expect(email.data!.members.nodes).toEqual(phone.data!.members.nodes);
    const tier = await gql<Search>(s.url, SEARCH, { filter: { tierId: 'gold' } }, s.adminKey);
    expect(tier.data!.members.nodes).toEqual([]);
    const escaped = await gql<Search>(s.url, SEARCH, { filter: { name: '%' } }, s.adminKey);
    expect(escaped.data!.members.nodes).toEqual([]);
    expect(errorCode(await gql(s.url, SEARCH, { first: 101 }, s.adminKey))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(s.url, SEARCH, { after: 'garbage' }, s.adminKey))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('updates, and soft delete makes a member answer like a missing one and frees its phone', async () => {
    const created = await enrol({ name: 'Temp', phone: '+15550001111' });
    const id = created.data!.enrolMember.member.id;
    const upd = await gql<{ updateMember: { member: { name: string; tags: string[] } } }>(
      s.url,
      UPDATE,
      { input: { memberId: id, name: 'Temp Renamed', tags: ['x'] } },
      s.adminKey,
    );
    expect(upd.data!.updateMember.member).toMatchObject({ name: 'Temp Renamed', tags: ['x'] });
    const del = await gql(
      s.url,
      `mutation($input: DeleteMemberInput!) { deleteMember(input: $input) { deletedMemberId } }`,
      { input: { memberId: id } },
      s.adminKey,
    );
    expect(del.errors).toBeUndefined();
    const read = await gql(s.url, `query($id: ID!) { member(id: $id) { id } }`, { id }, s.adminKey);
    expect(errorCode(read)).toBe('NOT_FOUND');
    expect(
      errorCode(await gql(s.url, UPDATE, { input: { memberId: id, name: 'Back' } }, s.adminKey)),
    ).toBe('NOT_FOUND');
    const again = await enrol({ name: 'New Owner', phone: '+1 555 000 1111' });
    expect(again.errors).toBeUndefined();
  });

  it('cards: one active card, lost blocks at once, replacement kills the old number, history', async () => {
    const owner = (await enrol({ name: 'Card Owner' })).data!.enrolMember.member.id;
    const issued = await gql<{
      issueCard: { card: { id: string; number: string; status: string } };
    }>(s.url, ISSUE, { input: { memberId: owner } }, s.adminKey);
    const card = issued.data!.issueCard.card;
    expect(card.number).toMatch(/^[1-9]\d{15}$/);
    expect(card.status).toBe('active');
    const second = await gql(s.url, ISSUE, { input: { memberId: owner } }, s.adminKey);
    expect(second.errors?.[0]?.extensions?.reason).toBe('ACTIVE_CARD_EXISTS');
    const byCard = await gql<Search>(
      s.url,
      SEARCH,
      { filter: { cardNumber: card.number } },
      s.adminKey,
    );
    expect(byCard.data!.members.nodes.map((n) => n.id)).toEqual([owner]);

    const lost = await gql<{ reportCardLost: { card: { status: string } } }>(
      s.url,
      `mutation($input: ReportCardLostInput!) { reportCardLost(input: $input) { card { status } } }`,
      { input: { cardId: card.id } },
      s.adminKey,
    );
    expect(lost.data!.reportCardLost.card.status).toBe('lost');
    const dead = await gql<Search>(
      s.url,
      SEARCH,
      { filter: { cardNumber: card.number } },
      s.adminKey,
    );
    expect(dead.data!.members.nodes).toEqual([]);

    const replaced = await gql<{
      replaceCard: {
        oldCard: { status: string; replacedById: string };
        newCard: { id: string; number: string; status: string };
      };
    }>(
      s.url,
      `mutation($input: ReplaceCardInput!) { replaceCard(input: $input) { oldCard { status replacedById } newCard { id number status } } }`,
      { input: { cardId: card.id, number: 'VIP-000123' } },
      s.adminKey,
    );
    expect(replaced.errors).toBeUndefined();
    const { oldCard, newCard } = replaced.data!.replaceCard;
    expect(oldCard).toEqual({ status: 'replaced', replacedById: newCard.id });
    expect(newCard).toMatchObject({ number: 'VIP000123', status: 'active' });
    const reuse = await gql(
      s.url,
      ISSUE,
      {
        input: {
          memberId: (await enrol({ name: 'Other' })).data!.enrolMember.member.id,
          number: card.number,
        },
      },
      s.adminKey,
    );
    expect(reuse.errors?.[0]?.extensions?.reason).toBe('CARD_NUMBER_TAKEN');
    const history = await gql<{ cardHistory: { nodes: { type: string }[] } }>(
      s.url,
      `query($id: ID!) { cardHistory(cardId: $id) { nodes { type } } }`,
      { id: card.id },
      s.adminKey,
    );
    expect(history.data!.cardHistory.nodes.map((e) => e.type)).toEqual([
      'issued',
      'lost',
      'replaced',
    ]);
    const member = await gql<{ member: { activeCard: { id: string } } }>(
      s.url,
      `query($id: ID!) { member(id: $id) { activeCard { id } } }`,
      { id: owner },
      s.adminKey,
    );
    expect(member.data!.member.activeCard.id).toBe(newCard.id);
  });

  it('loads a page of members with their store, card and balance in a constant number of statements (no N+1)', async () => {
    const page = `query($first: Int) { members(first: $first) { nodes { id enrolStore { id } activeCard { number } storedValue { balance } } } }`;
    const count = async (first: number) => {
      queries = [];
      const r = await gql<Search>(s.url, page, { first }, s.adminKey);
      expect(r.errors).toBeUndefined();
      return { n: r.data!.members.nodes.length, statements: queries.length };
    };
    const small = await count(2);
    const large = await count(12);
    expect(large.n).toBeGreaterThan(small.n);
    expect(large.statements).toBe(small.statements);
    // auth (1) + page (1) + store, card, accounts and program-version loaders (4).
    expect(large.statements).toBeLessThanOrEqual(6);
  });
});
