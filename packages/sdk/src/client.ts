import * as D from './generated/graphql.js';
import { newIdempotencyKey } from './idempotency.js';
import {
  DEFAULT_RETRY,
  execute,
  type FetchLike,
  type RetryPolicy,
  type TesseraDocument,
  type TransportOptions,
} from './transport.js';

/** Credentials: an API key, a member token, or neither (anonymous), never both. */
export type TesseraCredentials =
  | { apiKey: string; memberToken?: undefined }
  | {
      /** A member token, or a function returning the current one (called per request). */
      memberToken: string | (() => string | Promise<string>);
      apiKey?: undefined;
    }
  | { apiKey?: undefined; memberToken?: undefined };

/** Options of `createTesseraClient`. */
export type TesseraClientOptions = TesseraCredentials & {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** A `fetch` implementation; default the platform's `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Retry policy for network failures and "request in progress" answers. */
  retry?: Partial<RetryPolicy>;
  /** Abort an attempt after this many milliseconds. Default 30,000. */
  timeoutMs?: number;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string>;
};

/** The variables argument: optional when the document has no required variable. */
export type VariablesArg<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** An input whose idempotency key the client fills in when absent. */
export type WithIdempotencyKey<T extends { idempotencyKey: string }> = Omit<T, 'idempotencyKey'> & {
  /** Default: a fresh random UUID, reused for every retry of this call. */
  idempotencyKey?: string;
};

/** An input whose `memberId` a member-token client may omit (its own member). */
export type MemberInput<T extends { memberId: string | number }> = Omit<T, 'memberId'> & {
  /** Default with a member token: the signed-in member. */
  memberId?: T['memberId'];
};

/** Page arguments of every list. */
export interface PageOptions {
  /** Page size, 1..100 (default 20). */
  first?: number;
  /** `pageInfo.endCursor` of the previous page. */
  after?: string;
}

type Id = string | number;

/** A Tessera API client; create it with `createTesseraClient`. */
export type TesseraClient = ReturnType<typeof createTesseraClient>;

/**
 * A typed client of the Tessera GraphQL API, for browsers and Node 20+ with
 * the platform `fetch`. Methods are grouped by domain; every document of the
 * SDK (and any typed document) can also be sent with `request`.
 *
 * Value-moving calls get an idempotency key when none is given, and every
 * retry of the call reuses it: the server replays the first answer, so a
 * retried purchase or redemption is never applied twice.
 *
 * @example
 * const tessera = createTesseraClient({ url, memberToken });
 * const { points, tier } = await tessera.member.profile();
 */
export function createTesseraClient(options: TesseraClientOptions) {
  if (options.apiKey !== undefined && options.memberToken !== undefined) {
    throw new TypeError('Give apiKey or memberToken, not both');
  }
  const platformFetch = (globalThis as { fetch?: FetchLike }).fetch;
  const fetchImpl = options.fetch ?? platformFetch?.bind(globalThis);
  if (!fetchImpl) throw new TypeError('No fetch: pass options.fetch');
  const token = options.memberToken;
  const transport: TransportOptions = {
    url: options.url,
    fetch: fetchImpl,
    credential: typeof token === 'function' ? token : () => options.apiKey ?? token ?? undefined,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    headers: { ...options.headers },
  };

  /** Sends any typed document (e.g. one of the SDK's `...Document` exports). */
  function request<TResult, TVariables>(
    document: TesseraDocument<TResult, TVariables>,
    ...[variables]: VariablesArg<NoInfer<TVariables>>
  ): Promise<TResult> {
    return execute<TResult>(
      transport,
      document.toString(),
      (variables ?? {}) as Record<string, unknown>,
    );
  }

  let viewerMemberId: Promise<string> | null = null;
  /** The given member id, or the signed-in member's for a member-token client. */
  function memberIdOf(given: Id | undefined | null): Promise<Id> {
    if (given != null) return Promise.resolve(given);
    if (options.memberToken === undefined) {
      return Promise.reject(
        new TypeError('memberId is required unless the client uses a member token'),
      );
    }
    viewerMemberId ??= request(D.ViewerDocument).then(({ viewer }) => {
      if (!viewer.memberId) throw new TypeError('The member token names no member');
      return viewer.memberId;
    });
    viewerMemberId.catch(() => {
      viewerMemberId = null;
    });
    return viewerMemberId;
  }

  async function withMember<T extends { memberId?: Id | null }>(
    input: T,
  ): Promise<T & { memberId: Id }> {
    return { ...input, memberId: await memberIdOf(input.memberId) };
  }

  function withKey<T extends { idempotencyKey?: string }>(
    input: T,
  ): T & { idempotencyKey: string } {
    return { ...input, idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() };
  }

  return {
    request,

    /** Who the credential is (works without a credential). */
    viewer: async () => (await request(D.ViewerDocument)).viewer,

    /** Storefront and member side: the signed-in member (or any member for admin and store keys). */
    member: {
      /** Member token: the signed-in member. */
      me: async () => (await request(D.MeDocument)).me,
      /** The profile summary: member, points, stored value, tier, coupons held, orders, spend. */
      profile: async (memberId?: Id) =>
        (await request(D.MemberProfileDocument, { memberId: memberId ?? null })).memberProfile,
    },

    /** Back office and POS: members, enrolment, member tokens. */
    members: {
      /** Admin, store: live members, oldest first, filtered. */
      list: async (args: { filter?: D.MemberFilterInput } & PageOptions = {}) =>
        (
          await request(D.MembersDocument, {
            filter: args.filter ?? null,
            first: args.first ?? null,
            after: args.after ?? null,
          })
        ).members,
      /** A member by id (NOT_FOUND for a missing or foreign id). */
      get: async (id: Id) => (await request(D.MemberDocument, { id })).member,
      /** Admin, store: enrols a member. */
      enrol: async (input: D.EnrolMemberInput) =>
        (await request(D.EnrolMemberDocument, { input })).enrolMember.member,
      /** Changes the given fields (absent: unchanged; null clears). */
      update: async (input: D.UpdateMemberInput) =>
        (await request(D.UpdateMemberDocument, { input })).updateMember.member,
      /** Admin: soft-deletes a member. */
      delete: async (memberId: Id) =>
        (await request(D.DeleteMemberDocument, { input: { memberId } })).deleteMember,
      /** Admin, store: a short-lived token acting only on one member (send it to that member's browser). */
      createToken: async (input: D.CreateMemberTokenInput) =>
        (await request(D.CreateMemberTokenDocument, { input })).createMemberToken,
    },

    /** Membership cards. */
    cards: {
      get: async (id: Id) => (await request(D.CardDocument, { id })).card,
      /** Status history of a card, oldest first. */
      history: async (cardId: Id, page: PageOptions = {}) =>
        (
          await request(D.CardHistoryDocument, {
            cardId,
            first: page.first ?? null,
            after: page.after ?? null,
          })
        ).cardHistory,
      /** Admin, store: issues the member's active card. */
      issue: async (input: D.IssueCardInput) =>
        (await request(D.IssueCardDocument, { input })).issueCard.card,
      /** Admin, store: new number, old number dead, balances carried over. */
      replace: async (input: D.ReplaceCardInput) =>
        (await request(D.ReplaceCardDocument, { input })).replaceCard,
      /** Blocks a card. */
      reportLost: async (cardId: Id) =>
        (await request(D.ReportCardLostDocument, { input: { cardId } })).reportCardLost.card,
    },

    /** Points: balance, ledger, redemption, holds, adjustments, transfers. */
    points: {
      /** Available, pending, held, debt and expiring points as of now. */
      balance: async (memberId?: Id, options: { expiringWithinDays?: number } = {}) =>
        (
          await request(D.PointsBalanceDocument, {
            memberId: await memberIdOf(memberId),
            expiringWithinDays: options.expiringWithinDays ?? 30,
          })
        ).pointsBalance,
      /** Ledger entries with their causes, newest first. */
      ledger: async (memberId?: Id, options: PageOptions & { kinds?: string[] } = {}) =>
        (
          await request(D.PointsLedgerDocument, {
            memberId: await memberIdOf(memberId),
            first: options.first ?? null,
            after: options.after ?? null,
            kinds: options.kinds ?? null,
          })
        ).pointsLedger,
      /** Redeems points; `outcome: 'REFUSED'` with INSUFFICIENT_POINTS when short. */
      redeem: async (input: MemberInput<WithIdempotencyKey<D.RedeemPointsInput>>) =>
        (await request(D.RedeemPointsDocument, { input: withKey(await withMember(input)) }))
          .redeemPoints,
      /** Reserves points under your hold id (cart, checkout). */
      reserve: async (input: MemberInput<WithIdempotencyKey<D.ReservePointsInput>>) =>
        (await request(D.ReservePointsDocument, { input: withKey(await withMember(input)) }))
          .reservePoints,
      /** Captures a hold. */
      capture: async (input: MemberInput<WithIdempotencyKey<D.HoldActionInput>>) =>
        (await request(D.CaptureHoldDocument, { input: withKey(await withMember(input)) }))
          .captureHold,
      /** Releases a hold. */
      release: async (input: MemberInput<WithIdempotencyKey<D.HoldActionInput>>) =>
        (await request(D.ReleaseHoldDocument, { input: withKey(await withMember(input)) }))
          .releaseHold,
      /** Admin: a signed manual adjustment with reason and operator (audited). */
      adjust: async (input: WithIdempotencyKey<D.AdjustPointsInput>) =>
        (await request(D.AdjustPointsDocument, { input: withKey(input) })).adjustPoints,
      /** Member to member, if the program allows it. */
      transfer: async (input: WithIdempotencyKey<D.TransferPointsInput>) =>
        (await request(D.TransferPointsDocument, { input: withKey(input) })).transferPoints,
    },

    /** Tiers: current tier and progress, history, manual assignment. */
    tiers: {
      /** Current tier, dates and the engine's progress (toNext, toKeep...). */
      get: async (memberId?: Id) =>
        (await request(D.MemberTierDocument, { memberId: await memberIdOf(memberId) })).memberTier,
      /** Tier changes, newest first. */
      history: async (memberId?: Id, page: PageOptions = {}) =>
        (
          await request(D.TierHistoryDocument, {
            memberId: await memberIdOf(memberId),
            first: page.first ?? null,
            after: page.after ?? null,
          })
        ).tierHistory,
      /** Admin: manual tier assignment (audited). */
      assign: async (input: D.AssignTierInput) =>
        (await request(D.AssignTierDocument, { input })).assignTier.tier,
    },

    /** Coupons: wallet, validation, redemption, issuing. */
    coupons: {
      /** The member's coupons, newest first. */
      wallet: async (memberId?: Id, options: PageOptions & { status?: D.CouponStatus } = {}) =>
        (
          await request(D.MemberCouponsDocument, {
            memberId: await memberIdOf(memberId),
            status: options.status ?? null,
            first: options.first ?? null,
            after: options.after ?? null,
          })
        ).memberCoupons,
      /** Checks a code on a cart as checkout would (rate-limited); the reason when refused. */
      validate: async (input: D.ValidateCouponInput) =>
        (await request(D.ValidateCouponDocument, { input })).validateCoupon,
      /** Applies a code to an order; `outcome: 'REFUSED'` with the engine's reason. */
      redeem: async (input: WithIdempotencyKey<D.RedeemCouponInput>) =>
        (await request(D.RedeemCouponDocument, { input: withKey(input) })).redeemCoupon,
      /** Admin (member, tag or public codes), store (one member): issues coupons. */
      issue: async (input: WithIdempotencyKey<D.IssueCouponsInput>) =>
        (await request(D.IssueCouponsDocument, { input: withKey(input) })).issueCoupons,
      /** Admin, store: gives back an order's coupon use on return or cancellation. */
      rollback: async (input: WithIdempotencyKey<D.RollbackCouponRedemptionsInput>) =>
        (await request(D.RollbackCouponRedemptionsDocument, { input: withKey(input) }))
          .rollbackCouponRedemptions,
      /** Admin, store: coupon templates of the configuration in force. */
      templates: async () => (await request(D.CouponTemplatesDocument)).couponTemplates,
      /** Admin: the coupons of an issuing batch. */
      batch: async (batchId: Id, page: PageOptions = {}) =>
        (
          await request(D.CouponBatchDocument, {
            batchId,
            first: page.first ?? null,
            after: page.after ?? null,
          })
        ).couponBatch,
    },

    /** The checkout quote and friends: read-only, nothing is written. */
    quote: {
      /** What the cart costs, saves and earns, and why. */
      checkout: async (input: D.CheckoutQuoteInput) =>
        (await request(D.CheckoutQuoteDocument, { input })).checkoutQuote,
      /** Where each promotion and code stands, with nudges. */
      qualify: async (input: D.CheckoutQuoteInput) =>
        (await request(D.QualifyDocument, { input })).qualify,
      /**
       * The configuration in force and the quote state without a cart (points,
       * tier activity, counters, the given coupons): the context of an offline
       * preview, see `@tessera/sdk/preview`.
       */
      context: async (input: D.QuoteContextInput = {}) =>
        (await request(D.QuoteContextDocument, { input })).quoteContext,
      /** Member prices for listings (strike-through prices). */
      memberPrices: async (input: D.MemberPricesInput) =>
        (await request(D.MemberPricesDocument, { input })).memberPrices,
    },

    /** Purchases and returns. */
    purchases: {
      /** Admin, store: records a purchase once per order id (points, tier, coupons, payments). */
      record: async (input: WithIdempotencyKey<D.RecordPurchaseInput>) =>
        (await request(D.RecordPurchaseDocument, { input: withKey(input) })).recordPurchase,
      /** Admin, store: a full or partial return. */
      recordReturn: async (input: WithIdempotencyKey<D.RecordReturnInput>) =>
        (await request(D.RecordReturnDocument, { input: withKey(input) })).recordReturn,
      /** A purchase by your order id. */
      get: async (orderId: string) => (await request(D.PurchaseDocument, { orderId })).purchase,
      /** Purchases, newest first (member tokens: their own). */
      list: async (args: { filter?: D.PurchaseFilterInput } & PageOptions = {}) =>
        (
          await request(D.PurchasesDocument, {
            filter: args.filter ?? null,
            first: args.first ?? null,
            after: args.after ?? null,
          })
        ).purchases,
    },

    /** Stored value (prepaid balance in the program currency). */
    storedValue: {
      /** Stored-value ledger entries, newest first. */
      history: async (memberId?: Id, page: PageOptions = {}) =>
        (
          await request(D.StoredValueHistoryDocument, {
            memberId: await memberIdOf(memberId),
            first: page.first ?? null,
            after: page.after ?? null,
          })
        ).storedValueHistory,
      /** Admin, store: adds stored value. */
      topUp: async (input: WithIdempotencyKey<D.TopUpStoredValueInput>) =>
        (await request(D.TopUpStoredValueDocument, { input: withKey(input) })).topUpStoredValue,
      /** Pays; `outcome: 'REFUSED'` with INSUFFICIENT_FUNDS when short. */
      pay: async (input: MemberInput<WithIdempotencyKey<D.PayWithStoredValueInput>>) =>
        (await request(D.PayWithStoredValueDocument, { input: withKey(await withMember(input)) }))
          .payWithStoredValue,
      /** Admin, store: refunds (part of) a payment. */
      refund: async (input: WithIdempotencyKey<D.RefundStoredValueInput>) =>
        (await request(D.RefundStoredValueDocument, { input: withKey(input) })).refundStoredValue,
    },

    /** The program: configuration versions, stores, API keys. */
    programs: {
      /** The caller's program. */
      get: async () => (await request(D.ProgramDocument)).program,
      /** Admin: configuration versions, newest first. */
      versions: async (page: PageOptions = {}) =>
        (
          await request(D.ProgramVersionsDocument, {
            first: page.first ?? null,
            after: page.after ?? null,
          })
        ).programVersions,
      /** Admin: validates a configuration with the engine and stores it as the next version. */
      publish: async (input: D.PublishProgramVersionInput) =>
        (await request(D.PublishProgramVersionDocument, { input })).publishProgramVersion
          .programVersion,
      stores: async (page: PageOptions = {}) =>
        (
          await request(D.StoresDocument, {
            first: page.first ?? null,
            after: page.after ?? null,
          })
        ).stores,
      /** Admin: adds a store. */
      createStore: async (input: D.CreateStoreInput) =>
        (await request(D.CreateStoreDocument, { input })).createStore.store,
      /** Admin: API keys of the program. */
      apiKeys: async (page: PageOptions = {}) =>
        (
          await request(D.ApiKeysDocument, {
            first: page.first ?? null,
            after: page.after ?? null,
          })
        ).apiKeys,
      /** Admin: creates an API key; its secret is shown only now. */
      createApiKey: async (input: D.CreateApiKeyInput) =>
        (await request(D.CreateApiKeyDocument, { input })).createApiKey,
      /** Admin: revokes an API key at once. */
      revokeApiKey: async (apiKeyId: Id) =>
        (await request(D.RevokeApiKeyDocument, { input: { apiKeyId } })).revokeApiKey.apiKey,
    },
  };
}
