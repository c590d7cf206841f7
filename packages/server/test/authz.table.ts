/**
 * The authorisation matrix of RELIABILITY.md scenarios 15 and 16: the ONE
 * table of what every caller may do with every query and mutation, on its
 * own data, another member's and another program's. `authz.matrix.test.ts`
 * reads the field list from the built schema and fails when a field is
 * missing here or when this table names a field the schema does not have.
 *
 * Outcomes of a cell:
 * - `ok`: answered without error; a write is applied (payload `outcome` is
 *   APPLIED where it has one, the database changed); the answer holds no
 *   marker of a member or program outside the cell's scope;
 * - `empty`: answered without error but with nothing of the target (a search
 *   or list scoped to the caller's program finds no foreign row), exactly
 *   like for a random id;
 * - `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`: that GraphQL error code, no
 *   data, the database unchanged; NOT_FOUND answers exactly (code, message,
 *   HTTP status) like a random well-formed id and like a malformed one
 *   (scenario 16);
 * - `n/a`: the target does not apply to the field (the reason is `na`).
 *
 * Targets, relative to the caller: `own` is the caller's own member (member
 * tokens) or a member of the caller's program (keys; anonymous callers are
 * compared against program A); `other` is another member of the same
 * program; `foreign` is a member of the other program. Every id of a cell
 * (member, card, coupon, order, payment, batch, store, key) belongs to the
 * target.
 */
import type { Fixture, Target } from './authz.fixture.js';

/** What a cell answers. */
export type Outcome = 'ok' | 'empty' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
/** A cell: an outcome, or `n/a` when the target does not apply. */
export type Cell = Outcome | 'n/a';

export const CALLERS = [
  'anonymous',
  'storefront',
  'memberA1',
  'memberA2',
  'store',
  'adminA',
  'adminB',
] as const;
export type Caller = (typeof CALLERS)[number];

export const TARGETS = ['own', 'other', 'foreign'] as const;
export type TargetKind = (typeof TARGETS)[number];

/** One caller's outcomes on (own, other, foreign), or one outcome for all three. */
type Row = Outcome | readonly [Outcome, Outcome, Outcome];
/** A policy: each caller's row. */
type Policy = Readonly<Record<Caller, Row>>;

const ok = 'ok';
const empty = 'empty';
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const NF = 'NOT_FOUND';

/** The policies every field uses (one per distinct rule). */
export const POLICIES = {
  /** Anyone, with or without a credential. */
  public: {
    anonymous: ok,
    storefront: ok,
    memberA1: ok,
    memberA2: ok,
    store: ok,
    adminA: ok,
    adminB: ok,
  },
  /** Any valid credential, on its own program. */
  anyCredential: {
    anonymous: U,
    storefront: ok,
    memberA1: ok,
    memberA2: ok,
    store: ok,
    adminA: ok,
    adminB: ok,
  },
  /** A member token, on itself only. */
  memberToken: {
    anonymous: U,
    storefront: F,
    memberA1: ok,
    memberA2: ok,
    store: F,
    adminA: F,
    adminB: F,
  },
  /** Admin keys, on their own program. */
  admin: {
    anonymous: U,
    storefront: F,
    memberA1: F,
    memberA2: F,
    store: F,
    adminA: [ok, ok, NF],
    adminB: [ok, ok, NF],
  },
  /** Admin keys; a foreign id finds nothing (a list, like a random id). */
  adminList: {
    anonymous: U,
    storefront: F,
    memberA1: F,
    memberA2: F,
    store: F,
    adminA: [ok, ok, empty],
    adminB: [ok, ok, empty],
  },
  /** Admin and store keys, on any member of their own program. */
  staff: {
    anonymous: U,
    storefront: F,
    memberA1: F,
    memberA2: F,
    store: [ok, ok, NF],
    adminA: [ok, ok, NF],
    adminB: [ok, ok, NF],
  },
  /** Admin and store keys; a search in the own program finds no foreign member. */
  staffSearch: {
    anonymous: U,
    storefront: F,
    memberA1: F,
    memberA2: F,
    store: [ok, ok, empty],
    adminA: [ok, ok, empty],
    adminB: [ok, ok, empty],
  },
  /** Admin and store keys, and a member token on its own member only. */
  ownMemberOrStaff: {
    anonymous: U,
    storefront: F,
    memberA1: [ok, NF, NF],
    memberA2: [ok, NF, NF],
    store: [ok, ok, NF],
    adminA: [ok, ok, NF],
    adminB: [ok, ok, NF],
  },
} as const satisfies Record<string, Policy>;

type Args = Record<string, unknown>;

/** One row of the table: a schema field, its rule, and how a cell calls it. */
export interface FieldSpec {
  /** The rule, in one line. */
  readonly why: string;
  readonly policy: keyof typeof POLICIES;
  /** Targets that apply; the others are `n/a` for the reason `na`. */
  readonly targets: 'all' | 'own' | 'own+foreign';
  readonly na?: string;
  /**
   * Whose data an allowed answer may show: `member` (the target's only),
   * `pair` (the target and its peer: transfers), `program` (any member of the
   * caller's program). A member token's answer never shows another member.
   */
  readonly scope: 'member' | 'pair' | 'program';
  /** False for a mutation that writes nothing (a signed token). */
  readonly writes?: boolean;
  /** The field's arguments for a target (may prepare fresh data with admin keys first). */
  readonly args: (t: Target, fx: Fixture) => Args | Promise<Args>;
}

const NO_ID = 'no id argument: the answer is always about the caller or its program';
const PROGRAM_ONLY =
  'no member argument: own program (other member is the same cell), foreign store or key';

const cart = [
  { id: '1', sku: 'TEA-1', categories: ['tea'], quantity: '2', unitPrice: '50.00' },
] as const;

const quoteArgs = (t: Target): Args => ({
  input: {
    memberId: t.subject.memberId,
    lines: cart,
    couponCodes: [t.subject.couponCode],
    ...(t.caller === 'store' ? {} : { storeId: t.subject.storeId }),
  },
});

/** Every query and mutation: the one table. */
export const AUTHZ_TABLE: Readonly<Record<string, FieldSpec>> = {
  // Queries
  'Query.viewer': {
    why: 'who the caller is; works without a credential',
    policy: 'public',
    targets: 'own',
    na: NO_ID,
    scope: 'member',
    args: () => ({}),
  },
  'Query.program': {
    why: "the caller's program",
    policy: 'anyCredential',
    targets: 'own',
    na: NO_ID,
    scope: 'program',
    args: () => ({}),
  },
  'Query.stores': {
    why: 'stores are public data of the program',
    policy: 'anyCredential',
    targets: 'own',
    na: NO_ID,
    scope: 'program',
    args: () => ({ first: 20 }),
  },
  'Query.programVersions': {
    why: 'configuration history is back office',
    policy: 'admin',
    targets: 'own',
    na: NO_ID,
    scope: 'program',
    args: () => ({ first: 20 }),
  },
  'Query.apiKeys': {
    why: 'API keys are back office',
    policy: 'admin',
    targets: 'own',
    na: NO_ID,
    scope: 'program',
    args: () => ({ first: 20 }),
  },
  'Query.couponTemplates': {
    why: 'templates of the configuration in force, for staff',
    policy: 'staff',
    targets: 'own',
    na: NO_ID,
    scope: 'program',
    args: () => ({}),
  },
  'Query.me': {
    why: 'the signed-in member',
    policy: 'memberToken',
    targets: 'own',
    na: NO_ID,
    scope: 'member',
    args: () => ({}),
  },
  'Query.member': {
    why: 'a member by id',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ id: t.subject.memberId }),
  },
  'Query.members': {
    why: 'member search (by email here) within the own program',
    policy: 'staffSearch',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ filter: { email: t.subject.email }, first: 20 }),
  },
  'Query.memberProfile': {
    why: 'the profile summary',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ memberId: t.subject.memberId }),
  },
  'Query.card': {
    why: 'a card by id',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ id: t.subject.cardId }),
  },
  'Query.cardHistory': {
    why: "a card's status history",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ cardId: t.subject.cardId }),
  },
  'Query.pointsBalance': {
    why: 'points balance',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ memberId: t.subject.memberId }),
  },
  'Query.pointsLedger': {
    why: 'points ledger (a member sees the counterparty id of its own transfers)',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ memberId: t.subject.memberId, first: 20 }),
  },
  'Query.storedValueHistory': {
    why: 'stored-value entries',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ memberId: t.subject.memberId, first: 20 }),
  },
  'Query.memberTier': {
    why: 'tier, dates and progress',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ memberId: t.subject.memberId }),
  },
  'Query.tierHistory': {
    why: 'tier changes',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ memberId: t.subject.memberId, first: 20 }),
  },
  'Query.memberCoupons': {
    why: "a member's coupon wallet",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ memberId: t.subject.memberId, first: 20 }),
  },
  'Query.couponBatch': {
    why: 'coupons of an issuing batch (back office); a foreign batch lists nothing',
    policy: 'adminList',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ batchId: t.subject.batchId, first: 20 }),
  },
  'Query.purchase': {
    why: 'a purchase by order id',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ orderId: t.subject.orderId }),
  },
  'Query.purchases': {
    why: "a member's purchases (implied for member tokens)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({ filter: { memberId: t.subject.memberId }, first: 20 }),
  },
  'Query.checkoutQuote': {
    why: "a member's cart (storefront keys quote guest carts only: see the guest tests)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: quoteArgs,
  },
  'Query.qualify': {
    why: "where a member's cart stands (storefront: guest carts only)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: quoteArgs,
  },
  'Query.quoteContext': {
    why: "a member's offline-preview context (storefront: guests only)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => {
      const { lines: _cart, ...input } = quoteArgs(t).input as Record<string, unknown>;
      return { input };
    },
  },
  'Query.memberPrices': {
    why: 'listing prices for a member (storefront: guests only)',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({
      input: {
        memberId: t.subject.memberId,
        items: [{ sku: 'TEA-1', categories: ['tea'], unitPrice: '50.00' }],
        ...(t.caller === 'store' ? {} : { storeId: t.subject.storeId }),
      },
    }),
  },
  'Query.validateCoupon': {
    why: "a member's own code on a cart (storefront: guest carts only)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t) => ({
      input: {
        code: t.subject.couponCode,
        memberId: t.subject.memberId,
        lines: cart,
        ...(t.caller === 'store' ? {} : { storeId: t.subject.storeId }),
      },
    }),
  },

  // Mutations: program and keys
  'Mutation.publishProgramVersion': {
    why: 'configuration is back office',
    policy: 'admin',
    targets: 'own',
    na: NO_ID,
    scope: 'program',
    args: (_t, fx) => ({ input: { config: fx.config } }),
  },
  'Mutation.createStore': {
    why: 'stores are back office',
    policy: 'admin',
    targets: 'own',
    na: NO_ID,
    scope: 'program',
    args: (_t, fx) => ({ input: { code: `ST-${fx.next()}`, name: 'Matrix store' } }),
  },
  'Mutation.createApiKey': {
    why: 'keys are back office; a store key names a store of the own program',
    policy: 'admin',
    targets: 'own+foreign',
    na: PROGRAM_ONLY,
    scope: 'program',
    args: (t) => ({ input: { role: 'store', storeId: t.subject.storeId, label: 'matrix' } }),
  },
  'Mutation.revokeApiKey': {
    why: 'keys are back office (a fresh key of the target program is revoked)',
    policy: 'admin',
    targets: 'own+foreign',
    na: PROGRAM_ONLY,
    scope: 'program',
    args: async (t, fx) => ({ input: { apiKeyId: await fx.freshApiKey(t) } }),
  },
  'Mutation.createMemberToken': {
    why: 'staff mint a token for a member of their program',
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    writes: false,
    args: (t) => ({ input: { memberId: t.subject.memberId, ttlSeconds: 60 } }),
  },

  // Mutations: members and cards
  'Mutation.enrolMember': {
    why: 'staff enrol into a store of their own program',
    policy: 'staff',
    targets: 'own+foreign',
    na: 'a new member belongs to no one yet: own program store, or a foreign store',
    scope: 'program',
    args: (t, fx) => ({
      input: { name: `Enrolled ${fx.next()}`, channel: 'store', storeId: t.subject.storeId },
    }),
  },
  'Mutation.updateMember': {
    why: 'profile changes (member tokens: own profile, never tags)',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: { memberId: t.subject.memberId, address: { city: `City ${fx.next()}` } },
    }),
  },
  'Mutation.deleteMember': {
    why: 'deletion is back office (a fresh member of the target program is deleted)',
    policy: 'admin',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({ input: { memberId: await fx.freshMember(t) } }),
  },
  'Mutation.issueCard': {
    why: 'staff issue cards (to a fresh member of the target program)',
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({ input: { memberId: await fx.freshMember(t) } }),
  },
  'Mutation.reportCardLost': {
    why: "blocking a card (the target's active card)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({ input: { cardId: await fx.activeCard(t) } }),
  },
  'Mutation.replaceCard': {
    why: "replacing a card is staff work (the target's active card)",
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({ input: { cardId: await fx.activeCard(t) } }),
  },

  // Mutations: points
  'Mutation.redeemPoints': {
    why: 'spending points',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: {
        memberId: t.subject.memberId,
        points: '1',
        reference: 'matrix',
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.reservePoints': {
    why: 'holding points at checkout',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: {
        memberId: t.subject.memberId,
        holdId: `hold-${fx.next()}`,
        points: '1',
        reference: 'matrix',
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.captureHold': {
    why: "capturing a hold (a fresh hold on the target's account)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({
      input: {
        memberId: t.subject.memberId,
        holdId: await fx.freshHold(t),
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.releaseHold': {
    why: "releasing a hold (a fresh hold on the target's account)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({
      input: {
        memberId: t.subject.memberId,
        holdId: await fx.freshHold(t),
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.adjustPoints': {
    why: 'manual adjustments are back office',
    policy: 'admin',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: {
        memberId: t.subject.memberId,
        points: '5',
        reason: 'matrix',
        operator: 'ops',
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.transferPoints': {
    why: "from the target to its peer (member tokens: only as the sender; the recipient's balance is not shown to them)",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'pair',
    args: (t, fx) => ({
      input: {
        fromMemberId: t.subject.memberId,
        toMemberId: t.peer.memberId,
        points: '1',
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.assignTier': {
    why: 'manual tier assignment is back office',
    policy: 'admin',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: {
        memberId: t.subject.memberId,
        tierId: 'silver',
        mode: 'floor',
        until: new Date(Date.UTC(2027, 0, 1 + fx.next())).toISOString(),
        reason: 'correction',
      },
    }),
  },

  // Mutations: purchases and stored value
  'Mutation.recordPurchase': {
    why: 'purchases are recorded by staff (store keys in their own store)',
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({ input: fx.purchaseInput(t.subject.memberId, `ORD-M${fx.next()}`) }),
  },
  'Mutation.recordReturn': {
    why: "returns are recorded by staff (a fresh purchase of the target's)",
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({
      input: {
        orderId: await fx.freshPurchase(t),
        returnId: `RET-${fx.next()}`,
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.topUpStoredValue': {
    why: 'adding stored value is staff work',
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: { memberId: t.subject.memberId, amount: '1.00', idempotencyKey: `ik-${fx.next()}` },
    }),
  },
  'Mutation.payWithStoredValue': {
    why: 'paying with stored value',
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: { memberId: t.subject.memberId, amount: '1.00', idempotencyKey: `ik-${fx.next()}` },
    }),
  },
  'Mutation.refundStoredValue': {
    why: "refunds are staff work (a fresh payment of the target's)",
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({
      input: {
        paymentEntryId: await fx.freshPayment(t),
        amount: '1.00',
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },

  // Mutations: coupons
  'Mutation.issueCoupons': {
    why: 'issuing coupons to a member is staff work',
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: {
        templateId: 'multi',
        memberId: t.subject.memberId,
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.redeemCoupon': {
    why: "redeeming the target's own coupon on an order",
    policy: 'ownMemberOrStaff',
    targets: 'all',
    scope: 'member',
    args: (t, fx) => ({
      input: {
        code: t.subject.couponCode,
        memberId: t.subject.memberId,
        orderId: `CPN-M${fx.next()}`,
        lines: cart,
        idempotencyKey: `ik-${fx.next()}`,
      },
    }),
  },
  'Mutation.rollbackCouponRedemptions': {
    why: "rolling back an order's coupons is staff work (a fresh redemption of the target's)",
    policy: 'staff',
    targets: 'all',
    scope: 'member',
    args: async (t, fx) => ({
      input: { orderId: await fx.freshCouponOrder(t), idempotencyKey: `ik-${fx.next()}` },
    }),
  },
};

/** The expected cell of `field` for `caller` on `target`. */
export function expectedCell(spec: FieldSpec, caller: Caller, target: TargetKind): Cell {
  const applies =
    spec.targets === 'all' ||
    target === 'own' ||
    (spec.targets === 'own+foreign' && target === 'foreign');
  if (!applies) return 'n/a';
  const row: Row = POLICIES[spec.policy][caller];
  return typeof row === 'string' ? row : row[TARGETS.indexOf(target)]!;
}

const CALLER_NAMES: Readonly<Record<Caller, string>> = {
  anonymous: 'Anonymous (no credential)',
  storefront: 'Storefront key (publishable, program A)',
  memberA1: 'Member token (A1)',
  memberA2: 'Member token (A2)',
  store: 'Store key (one store of program A)',
  adminA: 'Admin key (program A)',
  adminB: 'Admin key (program B)',
};

/**
 * The table as Markdown, one table per caller, fields grouped by their
 * (own, other member, other program) cells (`AUTHZ_PRINT=1` prints it).
 */
export function matrixMarkdown(): string {
  const out: string[] = [];
  for (const caller of CALLERS) {
    const groups = new Map<string, string[]>();
    for (const [key, spec] of Object.entries(AUTHZ_TABLE).sort(([a], [b]) => a.localeCompare(b))) {
      const cells = TARGETS.map((t) => expectedCell(spec, caller, t)).join(' | ');
      groups.set(cells, [...(groups.get(cells) ?? []), `\`${key.split('.')[1]}\``]);
    }
    out.push(`### ${CALLER_NAMES[caller]}`, '', '| Own | Other member | Other program | Fields |');
    out.push('|---|---|---|---|');
    for (const [cells, fields] of groups) out.push(`| ${cells} | ${fields.join(', ')} |`);
    out.push('');
  }
  return out.join('\n');
}
