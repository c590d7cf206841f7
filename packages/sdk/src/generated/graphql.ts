/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '../documentType.js';
export type AddressInput = {
  city?: string | null | undefined;
  country?: string | null | undefined;
  line1?: string | null | undefined;
  line2?: string | null | undefined;
  postalCode?: string | null | undefined;
  region?: string | null | undefined;
};

export type AdjustPointsInput = {
  idempotencyKey: string;
  memberId: string | number;
  /** Who asked for it (audited with the API key). */
  operator: string;
  /** Signed: credit (> 0) or debit (< 0). */
  points: string;
  reason: string;
};

/** admin: back office; store: one store (POS); storefront: publishable, public data only. */
export type ApiKeyRole =
  | 'admin'
  | 'store'
  | 'storefront';

export type AssignTierInput = {
  memberId: string | number;
  /** fixed (pinned) or floor (may rise above). */
  mode: string;
  note?: string | null | undefined;
  /** status_match, invitation, correction or other. */
  reason: string;
  tierId: string;
  /** When the assignment ends (a review point). */
  until: string;
};

export type CardEventType =
  | 'issued'
  | 'lost'
  | 'replaced';

/** Only active cards identify a member; lost and replaced numbers are dead. */
export type CardStatus =
  | 'active'
  | 'lost'
  | 'replaced';

/** One cart line; amounts as Decimal strings. */
export type CartLineInput = {
  /** Category ids, most specific first. */
  categories?: Array<string> | null | undefined;
  /** Your own discount on the whole line (not Tessera’s). */
  discount?: string | null | undefined;
  /** Unique within the cart. */
  id: string;
  /** Default product. */
  kind?: LineKind | null | undefined;
  quantity: string;
  sku: string;
  /** Price of one unit before any discount. */
  unitPrice: string;
};

export type Channel =
  | 'app'
  | 'online'
  | 'store';

/** A cart for a member (or a guest) at a store and channel. */
export type CheckoutQuoteInput = {
  /** Admin only: evaluate as of this instant. */
  asOf?: string | null | undefined;
  channel?: Channel | null | undefined;
  /** Codes entered (at most 20). */
  couponCodes?: Array<string> | null | undefined;
  lines: Array<CartLineInput>;
  /** Member tokens: their own (the default). */
  memberId?: string | number | null | undefined;
  /** Points to pay with. */
  pointsToSpend?: string | null | undefined;
  /** Store keys: their own store. */
  storeId?: string | number | null | undefined;
};

export type CouponStatus =
  | 'active'
  | 'cancelled'
  | 'used';

export type CreateApiKeyInput = {
  label: string;
  role: ApiKeyRole;
  /** Required for store keys. */
  storeId?: string | number | null | undefined;
};

export type CreateMemberTokenInput = {
  memberId: string | number;
  /** Lifetime in seconds, 60..3600 (default 900). */
  ttlSeconds?: number | null | undefined;
};

export type CreateStoreInput = {
  code: string;
  name: string;
};

export type DeleteMemberInput = {
  memberId: string | number;
};

export type EnrolMemberInput = {
  address?: AddressInput | null | undefined;
  /** YYYY-MM-DD */
  birthday?: string | null | undefined;
  channel: Channel;
  email?: string | null | undefined;
  gender?: Gender | null | undefined;
  marketingConsent?: boolean | null | undefined;
  name: string;
  phone?: string | null | undefined;
  /** Store of enrolment (store keys: their own). */
  storeId?: string | number | null | undefined;
  tags?: Array<string> | null | undefined;
};

export type Gender =
  | 'female'
  | 'male'
  | 'other'
  | 'unspecified';

export type HoldActionInput = {
  holdId: string;
  idempotencyKey: string;
  memberId: string | number;
};

export type IssueCardInput = {
  memberId: string | number;
  /** Default: a random 16-digit number. */
  number?: string | null | undefined;
};

/** To one member, to every live member with a tag, or public codes. */
export type IssueCouponsInput = {
  /** Coupons per member (1..100, default 1); public codes without member or tag. */
  count?: number | null | undefined;
  idempotencyKey: string;
  memberId?: string | number | null | undefined;
  /** Admin: every live member with this tag. */
  tag?: string | null | undefined;
  /** A template id of the configuration in force. */
  templateId: string;
};

export type LedgerKind =
  | 'adjust'
  | 'clawback'
  | 'earn'
  | 'expire'
  | 'merge'
  | 'payment'
  | 'redeem'
  | 'refund'
  | 'topup'
  | 'transfer'
  | 'vest';

export type LineKind =
  | 'deposit'
  | 'gift_card'
  | 'product'
  | 'service'
  | 'shipping'
  | 'tax';

export type ListingItemInput = {
  categories?: Array<string> | null | undefined;
  kind?: LineKind | null | undefined;
  sku: string;
  unitPrice: string;
};

/** Search filters, combined with AND. */
export type MemberFilterInput = {
  /** Number of an active card. */
  cardNumber?: string | null | undefined;
  email?: string | null | undefined;
  /** Case-insensitive part of the name. */
  name?: string | null | undefined;
  phone?: string | null | undefined;
  tag?: string | null | undefined;
  tierId?: string | null | undefined;
};

export type MemberPricesInput = {
  channel?: Channel | null | undefined;
  items: Array<ListingItemInput>;
  memberId?: string | number | null | undefined;
  storeId?: string | number | null | undefined;
};

export type Outcome =
  | 'APPLIED'
  | 'REFUSED';

export type PayWithStoredValueInput = {
  /** Positive, at most the currency minor unit. */
  amount: string;
  /** Same key + same input replays the answer; same key + other input is an error. */
  idempotencyKey: string;
  memberId: string | number;
  /** Your order or receipt reference. */
  reference?: string | null | undefined;
};

/** Points used as payment of the purchase. */
export type PointsPaymentInput = {
  points: string;
};

export type PublishProgramVersionInput = {
  /** The program JSON; `id`, `version` and `effectiveFrom` are filled in by the server. */
  config: Record<string, unknown>;
  /** When it takes effect (default now). */
  effectiveFrom?: string | null | undefined;
};

/** Purchase history filters, combined with AND. */
export type PurchaseFilterInput = {
  category?: string | null | undefined;
  channel?: Channel | null | undefined;
  /** occurredAt >= from. */
  from?: string | null | undefined;
  /** Implied for member tokens. */
  memberId?: string | number | null | undefined;
  storeId?: string | number | null | undefined;
  /** occurredAt < to. */
  to?: string | null | undefined;
};

export type PurchaseLineInput = {
  categories?: Array<string> | null | undefined;
  /** Discount on the whole line applied outside Tessera (e.g. a manual POS discount). Never the program’s promotions or coupons: Tessera applies those itself, as checkoutQuote does. */
  discount?: string | null | undefined;
  /** Unique within the purchase. */
  id: string;
  /** product (default), service, gift_card, shipping, tax, deposit. */
  kind?: string | null | undefined;
  quantity: string;
  sku: string;
  /** Price of one unit before discounts. */
  unitPrice: string;
};

export type PurchasePaymentInput = {
  amount: string;
  /** card, cash... `stored_value` is debited from the member’s stored value. */
  method: string;
};

/** Whose quote state, at which store and channel, with which codes. */
export type QuoteContextInput = {
  channel?: Channel | null | undefined;
  /** Codes to include with their usage (at most 20), e.g. the wallet. */
  couponCodes?: Array<string> | null | undefined;
  /** Member tokens: their own (the default). */
  memberId?: string | number | null | undefined;
  /** Store keys: their own store. */
  storeId?: string | number | null | undefined;
};

/** A purchase, priced by Tessera exactly as checkoutQuote priced the same input at its occurredAt (promotions, coupons, points as payment, earning: the program version, windows and coupon validity of that instant; balances and coupon usage as of now); points, stored value and coupons used on it are applied in one transaction. */
export type RecordPurchaseInput = {
  channel: Channel;
  /** Coupons redeemed on the order (all or none: a refused code refuses the purchase). */
  couponCodes?: Array<string> | null | undefined;
  currency: string;
  idempotencyKey: string;
  lines: Array<PurchaseLineInput>;
  memberId: string | number;
  /** When the purchase happened (at most 5 minutes after now): it is priced as of this instant, also when synced later. */
  occurredAt: string;
  /** Your order id: recorded once per program. */
  orderId: string;
  payments?: Array<PurchasePaymentInput> | null | undefined;
  pointsPayment?: PointsPaymentInput | null | undefined;
  /** A store key always records in its store. */
  storeId?: string | number | null | undefined;
};

/** A full (amount omitted) or partial return of a purchase. */
export type RecordReturnInput = {
  /** Money returned; default all. */
  amount?: string | null | undefined;
  idempotencyKey: string;
  lines?: Array<ReturnLineInput> | null | undefined;
  occurredAt?: string | null | undefined;
  orderId: string;
  /** Your return id: recorded once per program. */
  returnId: string;
};

export type RedeemCouponInput = {
  channel?: Channel | null | undefined;
  code: string;
  idempotencyKey: string;
  lines: Array<CartLineInput>;
  /** Member tokens: their own (the default). */
  memberId?: string | number | null | undefined;
  /** Your order id; the redemption is kept with it. */
  orderId: string;
  /** Store keys: their own store. */
  storeId?: string | number | null | undefined;
};

export type RedeemPointsInput = {
  idempotencyKey: string;
  memberId: string | number;
  points: string;
  /** What the points paid for, as an id: 1 to 128 letters, digits and `_ . : - / #` (e.g. `order-1001`, `reward:mug`); anything else is BAD_USER_INPUT on `reference`. */
  reference: string;
};

export type RefundStoredValueInput = {
  amount: string;
  idempotencyKey: string;
  /** The payment ledger entry to refund. */
  paymentEntryId: string | number;
  reference?: string | null | undefined;
};

export type ReplaceCardInput = {
  cardId: string | number;
  number?: string | null | undefined;
};

export type ReportCardLostInput = {
  cardId: string | number;
};

export type ReservePointsInput = {
  /** Your hold id (cart, checkout). */
  holdId: string;
  idempotencyKey: string;
  memberId: string | number;
  points: string;
  /** What the points are held for, as an id: 1 to 128 letters, digits and `_ . : - / #` (e.g. `checkout:cart-9`); anything else is BAD_USER_INPUT on `reference`. */
  reference: string;
};

export type ReturnLineInput = {
  lineId: string;
  quantity: string;
};

export type ReturnedLineInput = {
  lineId: string;
  /** Quantity returned by this return. */
  quantity: string;
};

export type RevokeApiKeyInput = {
  apiKeyId: string | number;
};

export type RollbackCouponRedemptionsInput = {
  idempotencyKey: string;
  orderId: string;
  /** Lines returned now; omit for a cancellation (everything not yet returned). */
  returnedLines?: Array<ReturnedLineInput> | null | undefined;
};

export type StoredValueRefusalCode =
  | 'INSUFFICIENT_FUNDS'
  | 'REFUND_EXCEEDS_PAYMENT';

export type TopUpStoredValueInput = {
  /** Positive, at most the currency minor unit. */
  amount: string;
  /** Same key + same input replays the answer; same key + other input is an error. */
  idempotencyKey: string;
  memberId: string | number;
  /** Your order or receipt reference. */
  reference?: string | null | undefined;
};

export type TransferPointsInput = {
  fromMemberId: string | number;
  idempotencyKey: string;
  points: string;
  toMemberId: string | number;
};

/** Absent fields are unchanged; null clears a nullable field. */
export type UpdateMemberInput = {
  address?: AddressInput | null | undefined;
  birthday?: string | null | undefined;
  email?: string | null | undefined;
  gender?: Gender | null | undefined;
  marketingConsent?: boolean | null | undefined;
  memberId: string | number;
  name?: string | null | undefined;
  phone?: string | null | undefined;
  /** Not for member tokens. */
  tags?: Array<string> | null | undefined;
};

/** A code on a cart, for a member (or a guest) at a store and channel. */
export type ValidateCouponInput = {
  channel?: Channel | null | undefined;
  code: string;
  lines: Array<CartLineInput>;
  /** Member tokens: their own (the default). */
  memberId?: string | number | null | undefined;
  /** Store keys: their own store. */
  storeId?: string | number | null | undefined;
};

export type ViewerKind =
  | 'admin'
  | 'anonymous'
  | 'member'
  | 'store'
  | 'storefront';

export type CardQueryVariables = Exact<{
  id: string | number;
}>;


export type CardQuery = { card: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } };

export type CardHistoryQueryVariables = Exact<{
  cardId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CardHistoryQuery = { cardHistory: { nodes: Array<{ id: string, type: CardEventType, actor: string, occurredAt: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type IssueCardMutationVariables = Exact<{
  input: IssueCardInput;
}>;


export type IssueCardMutation = { issueCard: { card: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } } };

export type ReplaceCardMutationVariables = Exact<{
  input: ReplaceCardInput;
}>;


export type ReplaceCardMutation = { replaceCard: { oldCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null }, newCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } } };

export type ReportCardLostMutationVariables = Exact<{
  input: ReportCardLostInput;
}>;


export type ReportCardLostMutation = { reportCardLost: { card: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } } };

export type MemberCouponsQueryVariables = Exact<{
  memberId: string | number;
  status?: CouponStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MemberCouponsQuery = { memberCoupons: { nodes: Array<{ id: string, code: string, templateId: string, templateName: string | null, batchId: string, ownerMemberId: string | null, status: CouponStatus, timesUsed: number, usesPerCoupon: number, issuedAt: string, validFrom: string | null, validUntil: string | null }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ValidateCouponQueryVariables = Exact<{
  input: ValidateCouponInput;
}>;


export type ValidateCouponQuery = { validateCoupon: { asOf: string, currency: string, coupon: { couponCode: string, valid: boolean, templateId: string | null, discount: string | null, freeShipping: boolean, reasonCode: string | null, reason: Record<string, unknown> | null, message: string | null, lines: Array<{ lineId: string, amount: string }>, entitlement: { service: string, units: number } | null, budgetCapped: { limitId: string, uncapped: string } | null } } };

export type RedeemCouponMutationVariables = Exact<{
  input: RedeemCouponInput;
}>;


export type RedeemCouponMutation = { redeemCoupon: { outcome: Outcome, orderId: string, redemptionId: string | null, coupon: { couponCode: string, valid: boolean, templateId: string | null, discount: string | null, freeShipping: boolean, reasonCode: string | null, reason: Record<string, unknown> | null, message: string | null, lines: Array<{ lineId: string, amount: string }>, entitlement: { service: string, units: number } | null, budgetCapped: { limitId: string, uncapped: string } | null } } };

export type IssueCouponsMutationVariables = Exact<{
  input: IssueCouponsInput;
}>;


export type IssueCouponsMutation = { issueCoupons: { batchId: string, templateId: string, count: number, coupons: Array<{ code: string, memberId: string | null }> } };

export type RollbackCouponRedemptionsMutationVariables = Exact<{
  input: RollbackCouponRedemptionsInput;
}>;


export type RollbackCouponRedemptionsMutation = { rollbackCouponRedemptions: { orderId: string, rollbacks: Array<{ redemptionId: string, couponCode: string, couponStatus: CouponStatus, timesUsed: number, restoresUse: boolean, discountReturned: string }> } };

export type CouponTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type CouponTemplatesQuery = { couponTemplates: Array<{ id: string, name: string | null, benefit: Record<string, unknown>, minSpend: string | null, usesPerCoupon: number, validity: Record<string, unknown>, limits: Array<Record<string, unknown>>, template: Record<string, unknown> }> };

export type CouponBatchQueryVariables = Exact<{
  batchId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CouponBatchQuery = { couponBatch: { nodes: Array<{ id: string, code: string, templateId: string, templateName: string | null, batchId: string, ownerMemberId: string | null, status: CouponStatus, timesUsed: number, usesPerCoupon: number, issuedAt: string, validFrom: string | null, validUntil: string | null }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type MemberFieldsFragment = { id: string, name: string, email: string | null, phone: string | null, birthday: string | null, gender: Gender, channel: Channel, tags: Array<string>, tierId: string | null, marketingConsent: boolean, enrolledAt: string, updatedAt: string, address: { line1: string | null, line2: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null } | null, activeCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } | null, enrolStore: { id: string, code: string, name: string } | null, storedValue: { balance: string, currency: string } };

export type CardFieldsFragment = { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null };

export type PageInfoFieldsFragment = { endCursor: string | null, hasNextPage: boolean };

export type PointsBalanceFieldsFragment = { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> };

export type PointsEntryFieldsFragment = { id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null };

export type RefusalFieldsFragment = { code: string, message: string, details: Record<string, unknown> };

export type PointsPayloadFieldsFragment = { outcome: Outcome, memberId: string, refusal: { code: string, message: string, details: Record<string, unknown> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, hold: { holdId: string, points: string, reference: string, status: string, expiresAt: string } | null };

export type CouponFieldsFragment = { id: string, code: string, templateId: string, templateName: string | null, batchId: string, ownerMemberId: string | null, status: CouponStatus, timesUsed: number, usesPerCoupon: number, issuedAt: string, validFrom: string | null, validUntil: string | null };

export type CouponResultFieldsFragment = { couponCode: string, valid: boolean, templateId: string | null, discount: string | null, freeShipping: boolean, reasonCode: string | null, reason: Record<string, unknown> | null, message: string | null, lines: Array<{ lineId: string, amount: string }>, entitlement: { service: string, units: number } | null, budgetCapped: { limitId: string, uncapped: string } | null };

export type TierOutcomeFieldsFragment = { changed: boolean, code: string, previousTierId: string, tierId: string };

export type PurchaseFieldsFragment = { id: string, orderId: string, memberId: string, storeId: string | null, storeCode: string | null, channel: string, currency: string, amount: string, returnedAmount: string, pointsEarned: string, pointsPaid: string, promotionDiscount: string, couponDiscount: string, promotions: Array<Record<string, unknown>>, programVersion: number, occurredAt: string, accrual: Record<string, unknown>, lines: Array<{ id: string, sku: string, kind: string, categories: Array<string>, quantity: string, unitPrice: string, discount: string, total: string | null, paidWithPoints: string | null, payable: string | null, discounts: Array<{ kind: string, sourceId: string, amount: string }> }>, payments: Array<{ method: string, amount: string, points: string | null, entryId: string | null }> };

export type LedgerEntryFieldsFragment = { id: string, memberId: string, kind: LedgerKind, unit: string, amount: string, balanceAfter: string, reference: string | null, relatedEntryId: string | null, occurredAt: string, programVersion: number | null };

export type StoredValuePayloadFieldsFragment = { outcome: Outcome, memberId: string, balance: string, currency: string, entry: { id: string, memberId: string, kind: LedgerKind, unit: string, amount: string, balanceAfter: string, reference: string | null, relatedEntryId: string | null, occurredAt: string, programVersion: number | null } | null, refusal: { code: StoredValueRefusalCode, requested: string, available: string | null, refundable: string | null } | null };

export type ProgramVersionFieldsFragment = { id: string, version: number, config: Record<string, unknown>, effectiveFrom: string, createdAt: string, createdBy: string };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { kind: ViewerKind, programId: string | null, storeId: string | null, memberId: string | null } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, email: string | null, phone: string | null, birthday: string | null, gender: Gender, channel: Channel, tags: Array<string>, tierId: string | null, marketingConsent: boolean, enrolledAt: string, updatedAt: string, address: { line1: string | null, line2: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null } | null, activeCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } | null, enrolStore: { id: string, code: string, name: string } | null, storedValue: { balance: string, currency: string } } };

export type MemberProfileQueryVariables = Exact<{
  memberId?: string | number | null | undefined;
}>;


export type MemberProfileQuery = { memberProfile: { couponsHeld: number, orders: number, lifetimeSpend: string, member: { id: string, name: string, email: string | null, phone: string | null, birthday: string | null, gender: Gender, channel: Channel, tags: Array<string>, tierId: string | null, marketingConsent: boolean, enrolledAt: string, updatedAt: string, address: { line1: string | null, line2: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null } | null, activeCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } | null, enrolStore: { id: string, code: string, name: string } | null, storedValue: { balance: string, currency: string } }, points: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, storedValue: { balance: string, currency: string }, tier: { id: string, name: string } | null, lastPurchase: { orderId: string, amount: string, occurredAt: string, storeCode: string | null } | null } };

export type MembersQueryVariables = Exact<{
  filter?: MemberFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MembersQuery = { members: { nodes: Array<{ id: string, name: string, email: string | null, phone: string | null, birthday: string | null, gender: Gender, channel: Channel, tags: Array<string>, tierId: string | null, marketingConsent: boolean, enrolledAt: string, updatedAt: string, address: { line1: string | null, line2: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null } | null, activeCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } | null, enrolStore: { id: string, code: string, name: string } | null, storedValue: { balance: string, currency: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type MemberQueryVariables = Exact<{
  id: string | number;
}>;


export type MemberQuery = { member: { id: string, name: string, email: string | null, phone: string | null, birthday: string | null, gender: Gender, channel: Channel, tags: Array<string>, tierId: string | null, marketingConsent: boolean, enrolledAt: string, updatedAt: string, address: { line1: string | null, line2: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null } | null, activeCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } | null, enrolStore: { id: string, code: string, name: string } | null, storedValue: { balance: string, currency: string } } };

export type EnrolMemberMutationVariables = Exact<{
  input: EnrolMemberInput;
}>;


export type EnrolMemberMutation = { enrolMember: { member: { id: string, name: string, email: string | null, phone: string | null, birthday: string | null, gender: Gender, channel: Channel, tags: Array<string>, tierId: string | null, marketingConsent: boolean, enrolledAt: string, updatedAt: string, address: { line1: string | null, line2: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null } | null, activeCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } | null, enrolStore: { id: string, code: string, name: string } | null, storedValue: { balance: string, currency: string } } } };

export type UpdateMemberMutationVariables = Exact<{
  input: UpdateMemberInput;
}>;


export type UpdateMemberMutation = { updateMember: { member: { id: string, name: string, email: string | null, phone: string | null, birthday: string | null, gender: Gender, channel: Channel, tags: Array<string>, tierId: string | null, marketingConsent: boolean, enrolledAt: string, updatedAt: string, address: { line1: string | null, line2: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null } | null, activeCard: { id: string, number: string, memberId: string, status: CardStatus, issuedAt: string, statusChangedAt: string, replacedById: string | null } | null, enrolStore: { id: string, code: string, name: string } | null, storedValue: { balance: string, currency: string } } } };

export type DeleteMemberMutationVariables = Exact<{
  input: DeleteMemberInput;
}>;


export type DeleteMemberMutation = { deleteMember: { deletedMemberId: string } };

export type CreateMemberTokenMutationVariables = Exact<{
  input: CreateMemberTokenInput;
}>;


export type CreateMemberTokenMutation = { createMemberToken: { token: string, expiresAt: string } };

export type PointsBalanceQueryVariables = Exact<{
  memberId: string | number;
  expiringWithinDays?: number | null | undefined;
}>;


export type PointsBalanceQuery = { pointsBalance: { memberId: string, available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> } };

export type PointsLedgerQueryVariables = Exact<{
  memberId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  kinds?: Array<string> | string | null | undefined;
}>;


export type PointsLedgerQuery = { pointsLedger: { nodes: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type RedeemPointsMutationVariables = Exact<{
  input: RedeemPointsInput;
}>;


export type RedeemPointsMutation = { redeemPoints: { outcome: Outcome, memberId: string, refusal: { code: string, message: string, details: Record<string, unknown> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, hold: { holdId: string, points: string, reference: string, status: string, expiresAt: string } | null } };

export type ReservePointsMutationVariables = Exact<{
  input: ReservePointsInput;
}>;


export type ReservePointsMutation = { reservePoints: { outcome: Outcome, memberId: string, refusal: { code: string, message: string, details: Record<string, unknown> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, hold: { holdId: string, points: string, reference: string, status: string, expiresAt: string } | null } };

export type CaptureHoldMutationVariables = Exact<{
  input: HoldActionInput;
}>;


export type CaptureHoldMutation = { captureHold: { outcome: Outcome, memberId: string, refusal: { code: string, message: string, details: Record<string, unknown> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, hold: { holdId: string, points: string, reference: string, status: string, expiresAt: string } | null } };

export type ReleaseHoldMutationVariables = Exact<{
  input: HoldActionInput;
}>;


export type ReleaseHoldMutation = { releaseHold: { outcome: Outcome, memberId: string, refusal: { code: string, message: string, details: Record<string, unknown> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, hold: { holdId: string, points: string, reference: string, status: string, expiresAt: string } | null } };

export type AdjustPointsMutationVariables = Exact<{
  input: AdjustPointsInput;
}>;


export type AdjustPointsMutation = { adjustPoints: { outcome: Outcome, memberId: string, refusal: { code: string, message: string, details: Record<string, unknown> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, hold: { holdId: string, points: string, reference: string, status: string, expiresAt: string } | null } };

export type TransferPointsMutationVariables = Exact<{
  input: TransferPointsInput;
}>;


export type TransferPointsMutation = { transferPoints: { outcome: Outcome, refusal: { code: string, message: string, details: Record<string, unknown> } | null, fromBalance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> }, toBalance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> } | null, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }> } };

export type ProgramQueryVariables = Exact<{ [key: string]: never; }>;


export type ProgramQuery = { program: { id: string, name: string, createdAt: string } };

export type ProgramVersionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProgramVersionsQuery = { programVersions: { nodes: Array<{ id: string, version: number, config: Record<string, unknown>, effectiveFrom: string, createdAt: string, createdBy: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type PublishProgramVersionMutationVariables = Exact<{
  input: PublishProgramVersionInput;
}>;


export type PublishProgramVersionMutation = { publishProgramVersion: { programVersion: { id: string, version: number, config: Record<string, unknown>, effectiveFrom: string, createdAt: string, createdBy: string } } };

export type StoresQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StoresQuery = { stores: { nodes: Array<{ id: string, code: string, name: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type CreateStoreMutationVariables = Exact<{
  input: CreateStoreInput;
}>;


export type CreateStoreMutation = { createStore: { store: { id: string, code: string, name: string } } };

export type ApiKeysQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ApiKeysQuery = { apiKeys: { nodes: Array<{ id: string, label: string, role: ApiKeyRole, prefix: string, storeId: string | null, createdAt: string, revokedAt: string | null }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, label: string, role: ApiKeyRole, prefix: string, storeId: string | null, createdAt: string, revokedAt: string | null } } };

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { apiKey: { id: string, revokedAt: string | null } } };

export type RecordPurchaseMutationVariables = Exact<{
  input: RecordPurchaseInput;
}>;


export type RecordPurchaseMutation = { recordPurchase: { outcome: Outcome, refusal: { code: string, message: string, details: Record<string, unknown> } | null, purchase: { id: string, orderId: string, memberId: string, storeId: string | null, storeCode: string | null, channel: string, currency: string, amount: string, returnedAmount: string, pointsEarned: string, pointsPaid: string, promotionDiscount: string, couponDiscount: string, promotions: Array<Record<string, unknown>>, programVersion: number, occurredAt: string, accrual: Record<string, unknown>, lines: Array<{ id: string, sku: string, kind: string, categories: Array<string>, quantity: string, unitPrice: string, discount: string, total: string | null, paidWithPoints: string | null, payable: string | null, discounts: Array<{ kind: string, sourceId: string, amount: string }> }>, payments: Array<{ method: string, amount: string, points: string | null, entryId: string | null }> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> } | null, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, coupons: Array<{ couponCode: string, valid: boolean, templateId: string | null, discount: string | null, freeShipping: boolean, reasonCode: string | null, reason: Record<string, unknown> | null, message: string | null, lines: Array<{ lineId: string, amount: string }>, entitlement: { service: string, units: number } | null, budgetCapped: { limitId: string, uncapped: string } | null }>, storedValue: { paid: string, balance: string } | null, tier: { changed: boolean, code: string, previousTierId: string, tierId: string } | null } };

export type RecordReturnMutationVariables = Exact<{
  input: RecordReturnInput;
}>;


export type RecordReturnMutation = { recordReturn: { outcome: Outcome, returnId: string, amount: string, pointsClawedBack: string, pointsRefunded: string, storedValueRefunded: string, refusal: { code: string, message: string, details: Record<string, unknown> } | null, purchase: { id: string, orderId: string, memberId: string, storeId: string | null, storeCode: string | null, channel: string, currency: string, amount: string, returnedAmount: string, pointsEarned: string, pointsPaid: string, promotionDiscount: string, couponDiscount: string, promotions: Array<Record<string, unknown>>, programVersion: number, occurredAt: string, accrual: Record<string, unknown>, lines: Array<{ id: string, sku: string, kind: string, categories: Array<string>, quantity: string, unitPrice: string, discount: string, total: string | null, paidWithPoints: string | null, payable: string | null, discounts: Array<{ kind: string, sourceId: string, amount: string }> }>, payments: Array<{ method: string, amount: string, points: string | null, entryId: string | null }> } | null, balance: { available: string, pending: string, held: string, debt: string, balance: string, expiringPoints: string, expiringThrough: string, expiringWithinDays: number, schedule: Array<{ date: string, points: string }> } | null, entries: Array<{ id: string, memberId: string, kind: string, amount: string, quantity: string, balanceAfter: string, cause: Record<string, unknown>, actor: string, occurredAt: string, programVersion: number | null }>, coupons: Array<{ redemptionId: string, couponCode: string, couponStatus: CouponStatus, timesUsed: number, restoresUse: boolean, discountReturned: string }>, tier: { changed: boolean, code: string, previousTierId: string, tierId: string } | null } };

export type PurchaseQueryVariables = Exact<{
  orderId: string;
}>;


export type PurchaseQuery = { purchase: { id: string, orderId: string, memberId: string, storeId: string | null, storeCode: string | null, channel: string, currency: string, amount: string, returnedAmount: string, pointsEarned: string, pointsPaid: string, promotionDiscount: string, couponDiscount: string, promotions: Array<Record<string, unknown>>, programVersion: number, occurredAt: string, accrual: Record<string, unknown>, lines: Array<{ id: string, sku: string, kind: string, categories: Array<string>, quantity: string, unitPrice: string, discount: string, total: string | null, paidWithPoints: string | null, payable: string | null, discounts: Array<{ kind: string, sourceId: string, amount: string }> }>, payments: Array<{ method: string, amount: string, points: string | null, entryId: string | null }> } };

export type PurchasesQueryVariables = Exact<{
  filter?: PurchaseFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PurchasesQuery = { purchases: { nodes: Array<{ id: string, orderId: string, memberId: string, storeId: string | null, storeCode: string | null, channel: string, currency: string, amount: string, returnedAmount: string, pointsEarned: string, pointsPaid: string, promotionDiscount: string, couponDiscount: string, promotions: Array<Record<string, unknown>>, programVersion: number, occurredAt: string, accrual: Record<string, unknown>, lines: Array<{ id: string, sku: string, kind: string, categories: Array<string>, quantity: string, unitPrice: string, discount: string, total: string | null, paidWithPoints: string | null, payable: string | null, discounts: Array<{ kind: string, sourceId: string, amount: string }> }>, payments: Array<{ method: string, amount: string, points: string | null, entryId: string | null }> }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type CheckoutQuoteQueryVariables = Exact<{
  input: CheckoutQuoteInput;
}>;


export type CheckoutQuoteQuery = { checkoutQuote: { programVersion: number, currency: string, asOf: string, memberId: string | null, promotionsApplied: Array<Record<string, unknown>>, promotionsSkipped: Array<Record<string, unknown>>, pointsPayment: Record<string, unknown>, pointsToEarn: string | null, tier: Record<string, unknown> | null, freeShipping: boolean, engine: Record<string, unknown>, lines: Array<{ lineId: string, sku: string, quantity: string, unitPrice: string, subtotal: string, discount: string, total: string, paidWithPoints: string, payable: string, discounts: Array<{ kind: string, sourceId: string, amount: string }> }>, totals: { subtotal: string, promotionDiscount: string, couponDiscount: string, discount: string, afterDiscounts: string, pointsPayment: string, payable: string, giftValue: string }, coupons: Array<{ couponCode: string, valid: boolean, templateId: string | null, discount: string | null, freeShipping: boolean, reasonCode: string | null, reason: Record<string, unknown> | null, message: string | null, lines: Array<{ lineId: string, amount: string }>, entitlement: { service: string, units: number } | null, budgetCapped: { limitId: string, uncapped: string } | null }>, trace: Array<{ step: string, subject: string | null, message: string }> } };

export type QualifyQueryVariables = Exact<{
  input: CheckoutQuoteInput;
}>;


export type QualifyQuery = { qualify: { asOf: string, promotions: Array<Record<string, unknown>>, coupons: Array<Record<string, unknown>> } };

export type MemberPricesQueryVariables = Exact<{
  input: MemberPricesInput;
}>;


export type MemberPricesQuery = { memberPrices: Array<{ sku: string, unitPrice: string, memberPrice: string, saving: string, promotionIds: Array<string> }> };

export type QuoteContextQueryVariables = Exact<{
  input?: QuoteContextInput | null | undefined;
}>;


export type QuoteContextQuery = { quoteContext: { programVersion: number, asOf: string, memberId: string | null, config: Record<string, unknown>, state: Record<string, unknown> } };

export type StoredValueHistoryQueryVariables = Exact<{
  memberId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StoredValueHistoryQuery = { storedValueHistory: { nodes: Array<{ id: string, memberId: string, kind: LedgerKind, unit: string, amount: string, balanceAfter: string, reference: string | null, relatedEntryId: string | null, occurredAt: string, programVersion: number | null }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type TopUpStoredValueMutationVariables = Exact<{
  input: TopUpStoredValueInput;
}>;


export type TopUpStoredValueMutation = { topUpStoredValue: { outcome: Outcome, memberId: string, balance: string, currency: string, entry: { id: string, memberId: string, kind: LedgerKind, unit: string, amount: string, balanceAfter: string, reference: string | null, relatedEntryId: string | null, occurredAt: string, programVersion: number | null } | null, refusal: { code: StoredValueRefusalCode, requested: string, available: string | null, refundable: string | null } | null } };

export type PayWithStoredValueMutationVariables = Exact<{
  input: PayWithStoredValueInput;
}>;


export type PayWithStoredValueMutation = { payWithStoredValue: { outcome: Outcome, memberId: string, balance: string, currency: string, entry: { id: string, memberId: string, kind: LedgerKind, unit: string, amount: string, balanceAfter: string, reference: string | null, relatedEntryId: string | null, occurredAt: string, programVersion: number | null } | null, refusal: { code: StoredValueRefusalCode, requested: string, available: string | null, refundable: string | null } | null } };

export type RefundStoredValueMutationVariables = Exact<{
  input: RefundStoredValueInput;
}>;


export type RefundStoredValueMutation = { refundStoredValue: { outcome: Outcome, memberId: string, balance: string, currency: string, entry: { id: string, memberId: string, kind: LedgerKind, unit: string, amount: string, balanceAfter: string, reference: string | null, relatedEntryId: string | null, occurredAt: string, programVersion: number | null } | null, refusal: { code: StoredValueRefusalCode, requested: string, available: string | null, refundable: string | null } | null } };

export type MemberTierQueryVariables = Exact<{
  memberId: string | number;
}>;


export type MemberTierQuery = { memberTier: { memberId: string, tierId: string, tierName: string | null, since: string, validUntil: string | null, nextReviewAt: string, progress: Record<string, unknown>, manual: Record<string, unknown> | null } };

export type TierHistoryQueryVariables = Exact<{
  memberId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TierHistoryQuery = { tierHistory: { nodes: Array<{ id: string, memberId: string, fromTierId: string | null, toTierId: string, code: string, cause: string, actor: string, reasons: Array<Record<string, unknown>>, effectiveAt: string, occurredAt: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type AssignTierMutationVariables = Exact<{
  input: AssignTierInput;
}>;


export type AssignTierMutation = { assignTier: { tier: { changed: boolean, code: string, previousTierId: string, tierId: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CardFieldsFragmentDoc = new TypedDocumentString(`
    fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}
    `, {"fragmentName":"CardFields"}) as unknown as TypedDocumentString<CardFieldsFragment, unknown>;
export const MemberFieldsFragmentDoc = new TypedDocumentString(`
    fragment MemberFields on Member {
  id
  name
  email
  phone
  birthday
  gender
  channel
  tags
  tierId
  marketingConsent
  enrolledAt
  updatedAt
  address {
    line1
    line2
    city
    region
    postalCode
    country
  }
  activeCard {
    ...CardFields
  }
  enrolStore {
    id
    code
    name
  }
  storedValue {
    balance
    currency
  }
}
    fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`, {"fragmentName":"MemberFields"}) as unknown as TypedDocumentString<MemberFieldsFragment, unknown>;
export const PageInfoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}
    `, {"fragmentName":"PageInfoFields"}) as unknown as TypedDocumentString<PageInfoFieldsFragment, unknown>;
export const RefusalFieldsFragmentDoc = new TypedDocumentString(`
    fragment RefusalFields on Refusal {
  code
  message
  details
}
    `, {"fragmentName":"RefusalFields"}) as unknown as TypedDocumentString<RefusalFieldsFragment, unknown>;
export const PointsBalanceFieldsFragmentDoc = new TypedDocumentString(`
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
    `, {"fragmentName":"PointsBalanceFields"}) as unknown as TypedDocumentString<PointsBalanceFieldsFragment, unknown>;
export const PointsEntryFieldsFragmentDoc = new TypedDocumentString(`
    fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
    `, {"fragmentName":"PointsEntryFields"}) as unknown as TypedDocumentString<PointsEntryFieldsFragment, unknown>;
export const PointsPayloadFieldsFragmentDoc = new TypedDocumentString(`
    fragment PointsPayloadFields on PointsPayload {
  outcome
  memberId
  refusal {
    ...RefusalFields
  }
  balance {
    ...PointsBalanceFields
  }
  entries {
    ...PointsEntryFields
  }
  hold {
    holdId
    points
    reference
    status
    expiresAt
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}`, {"fragmentName":"PointsPayloadFields"}) as unknown as TypedDocumentString<PointsPayloadFieldsFragment, unknown>;
export const CouponFieldsFragmentDoc = new TypedDocumentString(`
    fragment CouponFields on Coupon {
  id
  code
  templateId
  templateName
  batchId
  ownerMemberId
  status
  timesUsed
  usesPerCoupon
  issuedAt
  validFrom
  validUntil
}
    `, {"fragmentName":"CouponFields"}) as unknown as TypedDocumentString<CouponFieldsFragment, unknown>;
export const CouponResultFieldsFragmentDoc = new TypedDocumentString(`
    fragment CouponResultFields on CouponResult {
  couponCode
  valid
  templateId
  discount
  freeShipping
  reasonCode
  reason
  message
  lines {
    lineId
    amount
  }
  entitlement {
    service
    units
  }
  budgetCapped {
    limitId
    uncapped
  }
}
    `, {"fragmentName":"CouponResultFields"}) as unknown as TypedDocumentString<CouponResultFieldsFragment, unknown>;
export const TierOutcomeFieldsFragmentDoc = new TypedDocumentString(`
    fragment TierOutcomeFields on TierOutcome {
  changed
  code
  previousTierId
  tierId
}
    `, {"fragmentName":"TierOutcomeFields"}) as unknown as TypedDocumentString<TierOutcomeFieldsFragment, unknown>;
export const PurchaseFieldsFragmentDoc = new TypedDocumentString(`
    fragment PurchaseFields on Purchase {
  id
  orderId
  memberId
  storeId
  storeCode
  channel
  currency
  amount
  returnedAmount
  pointsEarned
  pointsPaid
  promotionDiscount
  couponDiscount
  promotions
  programVersion
  occurredAt
  accrual
  lines {
    id
    sku
    kind
    categories
    quantity
    unitPrice
    discount
    discounts {
      kind
      sourceId
      amount
    }
    total
    paidWithPoints
    payable
  }
  payments {
    method
    amount
    points
    entryId
  }
}
    `, {"fragmentName":"PurchaseFields"}) as unknown as TypedDocumentString<PurchaseFieldsFragment, unknown>;
export const LedgerEntryFieldsFragmentDoc = new TypedDocumentString(`
    fragment LedgerEntryFields on LedgerEntry {
  id
  memberId
  kind
  unit
  amount
  balanceAfter
  reference
  relatedEntryId
  occurredAt
  programVersion
}
    `, {"fragmentName":"LedgerEntryFields"}) as unknown as TypedDocumentString<LedgerEntryFieldsFragment, unknown>;
export const StoredValuePayloadFieldsFragmentDoc = new TypedDocumentString(`
    fragment StoredValuePayloadFields on StoredValuePayload {
  outcome
  memberId
  balance
  currency
  entry {
    ...LedgerEntryFields
  }
  refusal {
    code
    requested
    available
    refundable
  }
}
    fragment LedgerEntryFields on LedgerEntry {
  id
  memberId
  kind
  unit
  amount
  balanceAfter
  reference
  relatedEntryId
  occurredAt
  programVersion
}`, {"fragmentName":"StoredValuePayloadFields"}) as unknown as TypedDocumentString<StoredValuePayloadFieldsFragment, unknown>;
export const ProgramVersionFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProgramVersionFields on ProgramVersion {
  id
  version
  config
  effectiveFrom
  createdAt
  createdBy
}
    `, {"fragmentName":"ProgramVersionFields"}) as unknown as TypedDocumentString<ProgramVersionFieldsFragment, unknown>;
export const CardDocument = new TypedDocumentString(`
    query Card($id: ID!) {
  card(id: $id) {
    ...CardFields
  }
}
    fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<CardQuery, CardQueryVariables>;
export const CardHistoryDocument = new TypedDocumentString(`
    query CardHistory($cardId: ID!, $first: Int, $after: String) {
  cardHistory(cardId: $cardId, first: $first, after: $after) {
    nodes {
      id
      type
      actor
      occurredAt
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}`) as unknown as TypedDocumentString<CardHistoryQuery, CardHistoryQueryVariables>;
export const IssueCardDocument = new TypedDocumentString(`
    mutation IssueCard($input: IssueCardInput!) {
  issueCard(input: $input) {
    card {
      ...CardFields
    }
  }
}
    fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<IssueCardMutation, IssueCardMutationVariables>;
export const ReplaceCardDocument = new TypedDocumentString(`
    mutation ReplaceCard($input: ReplaceCardInput!) {
  replaceCard(input: $input) {
    oldCard {
      ...CardFields
    }
    newCard {
      ...CardFields
    }
  }
}
    fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<ReplaceCardMutation, ReplaceCardMutationVariables>;
export const ReportCardLostDocument = new TypedDocumentString(`
    mutation ReportCardLost($input: ReportCardLostInput!) {
  reportCardLost(input: $input) {
    card {
      ...CardFields
    }
  }
}
    fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<ReportCardLostMutation, ReportCardLostMutationVariables>;
export const MemberCouponsDocument = new TypedDocumentString(`
    query MemberCoupons($memberId: ID!, $status: CouponStatus, $first: Int, $after: String) {
  memberCoupons(
    memberId: $memberId
    status: $status
    first: $first
    after: $after
  ) {
    nodes {
      ...CouponFields
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}
fragment CouponFields on Coupon {
  id
  code
  templateId
  templateName
  batchId
  ownerMemberId
  status
  timesUsed
  usesPerCoupon
  issuedAt
  validFrom
  validUntil
}`) as unknown as TypedDocumentString<MemberCouponsQuery, MemberCouponsQueryVariables>;
export const ValidateCouponDocument = new TypedDocumentString(`
    query ValidateCoupon($input: ValidateCouponInput!) {
  validateCoupon(input: $input) {
    asOf
    currency
    coupon {
      ...CouponResultFields
    }
  }
}
    fragment CouponResultFields on CouponResult {
  couponCode
  valid
  templateId
  discount
  freeShipping
  reasonCode
  reason
  message
  lines {
    lineId
    amount
  }
  entitlement {
    service
    units
  }
  budgetCapped {
    limitId
    uncapped
  }
}`) as unknown as TypedDocumentString<ValidateCouponQuery, ValidateCouponQueryVariables>;
export const RedeemCouponDocument = new TypedDocumentString(`
    mutation RedeemCoupon($input: RedeemCouponInput!) {
  redeemCoupon(input: $input) {
    outcome
    orderId
    redemptionId
    coupon {
      ...CouponResultFields
    }
  }
}
    fragment CouponResultFields on CouponResult {
  couponCode
  valid
  templateId
  discount
  freeShipping
  reasonCode
  reason
  message
  lines {
    lineId
    amount
  }
  entitlement {
    service
    units
  }
  budgetCapped {
    limitId
    uncapped
  }
}`) as unknown as TypedDocumentString<RedeemCouponMutation, RedeemCouponMutationVariables>;
export const IssueCouponsDocument = new TypedDocumentString(`
    mutation IssueCoupons($input: IssueCouponsInput!) {
  issueCoupons(input: $input) {
    batchId
    templateId
    count
    coupons {
      code
      memberId
    }
  }
}
    `) as unknown as TypedDocumentString<IssueCouponsMutation, IssueCouponsMutationVariables>;
export const RollbackCouponRedemptionsDocument = new TypedDocumentString(`
    mutation RollbackCouponRedemptions($input: RollbackCouponRedemptionsInput!) {
  rollbackCouponRedemptions(input: $input) {
    orderId
    rollbacks {
      redemptionId
      couponCode
      couponStatus
      timesUsed
      restoresUse
      discountReturned
    }
  }
}
    `) as unknown as TypedDocumentString<RollbackCouponRedemptionsMutation, RollbackCouponRedemptionsMutationVariables>;
export const CouponTemplatesDocument = new TypedDocumentString(`
    query CouponTemplates {
  couponTemplates {
    id
    name
    benefit
    minSpend
    usesPerCoupon
    validity
    limits
    template
  }
}
    `) as unknown as TypedDocumentString<CouponTemplatesQuery, CouponTemplatesQueryVariables>;
export const CouponBatchDocument = new TypedDocumentString(`
    query CouponBatch($batchId: ID!, $first: Int, $after: String) {
  couponBatch(batchId: $batchId, first: $first, after: $after) {
    nodes {
      ...CouponFields
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}
fragment CouponFields on Coupon {
  id
  code
  templateId
  templateName
  batchId
  ownerMemberId
  status
  timesUsed
  usesPerCoupon
  issuedAt
  validFrom
  validUntil
}`) as unknown as TypedDocumentString<CouponBatchQuery, CouponBatchQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    kind
    programId
    storeId
    memberId
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...MemberFields
  }
}
    fragment MemberFields on Member {
  id
  name
  email
  phone
  birthday
  gender
  channel
  tags
  tierId
  marketingConsent
  enrolledAt
  updatedAt
  address {
    line1
    line2
    city
    region
    postalCode
    country
  }
  activeCard {
    ...CardFields
  }
  enrolStore {
    id
    code
    name
  }
  storedValue {
    balance
    currency
  }
}
fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const MemberProfileDocument = new TypedDocumentString(`
    query MemberProfile($memberId: ID) {
  memberProfile(memberId: $memberId) {
    member {
      ...MemberFields
    }
    points {
      ...PointsBalanceFields
    }
    storedValue {
      balance
      currency
    }
    tier {
      id
      name
    }
    couponsHeld
    orders
    lifetimeSpend
    lastPurchase {
      orderId
      amount
      occurredAt
      storeCode
    }
  }
}
    fragment MemberFields on Member {
  id
  name
  email
  phone
  birthday
  gender
  channel
  tags
  tierId
  marketingConsent
  enrolledAt
  updatedAt
  address {
    line1
    line2
    city
    region
    postalCode
    country
  }
  activeCard {
    ...CardFields
  }
  enrolStore {
    id
    code
    name
  }
  storedValue {
    balance
    currency
  }
}
fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}
fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}`) as unknown as TypedDocumentString<MemberProfileQuery, MemberProfileQueryVariables>;
export const MembersDocument = new TypedDocumentString(`
    query Members($filter: MemberFilterInput, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) {
    nodes {
      ...MemberFields
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment MemberFields on Member {
  id
  name
  email
  phone
  birthday
  gender
  channel
  tags
  tierId
  marketingConsent
  enrolledAt
  updatedAt
  address {
    line1
    line2
    city
    region
    postalCode
    country
  }
  activeCard {
    ...CardFields
  }
  enrolStore {
    id
    code
    name
  }
  storedValue {
    balance
    currency
  }
}
fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}
fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}`) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const MemberDocument = new TypedDocumentString(`
    query Member($id: ID!) {
  member(id: $id) {
    ...MemberFields
  }
}
    fragment MemberFields on Member {
  id
  name
  email
  phone
  birthday
  gender
  channel
  tags
  tierId
  marketingConsent
  enrolledAt
  updatedAt
  address {
    line1
    line2
    city
    region
    postalCode
    country
  }
  activeCard {
    ...CardFields
  }
  enrolStore {
    id
    code
    name
  }
  storedValue {
    balance
    currency
  }
}
fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<MemberQuery, MemberQueryVariables>;
export const EnrolMemberDocument = new TypedDocumentString(`
    mutation EnrolMember($input: EnrolMemberInput!) {
  enrolMember(input: $input) {
    member {
      ...MemberFields
    }
  }
}
    fragment MemberFields on Member {
  id
  name
  email
  phone
  birthday
  gender
  channel
  tags
  tierId
  marketingConsent
  enrolledAt
  updatedAt
  address {
    line1
    line2
    city
    region
    postalCode
    country
  }
  activeCard {
    ...CardFields
  }
  enrolStore {
    id
    code
    name
  }
  storedValue {
    balance
    currency
  }
}
fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<EnrolMemberMutation, EnrolMemberMutationVariables>;
export const UpdateMemberDocument = new TypedDocumentString(`
    mutation UpdateMember($input: UpdateMemberInput!) {
  updateMember(input: $input) {
    member {
      ...MemberFields
    }
  }
}
    fragment MemberFields on Member {
  id
  name
  email
  phone
  birthday
  gender
  channel
  tags
  tierId
  marketingConsent
  enrolledAt
  updatedAt
  address {
    line1
    line2
    city
    region
    postalCode
    country
  }
  activeCard {
    ...CardFields
  }
  enrolStore {
    id
    code
    name
  }
  storedValue {
    balance
    currency
  }
}
fragment CardFields on Card {
  id
  number
  memberId
  status
  issuedAt
  statusChangedAt
  replacedById
}`) as unknown as TypedDocumentString<UpdateMemberMutation, UpdateMemberMutationVariables>;
export const DeleteMemberDocument = new TypedDocumentString(`
    mutation DeleteMember($input: DeleteMemberInput!) {
  deleteMember(input: $input) {
    deletedMemberId
  }
}
    `) as unknown as TypedDocumentString<DeleteMemberMutation, DeleteMemberMutationVariables>;
export const CreateMemberTokenDocument = new TypedDocumentString(`
    mutation CreateMemberToken($input: CreateMemberTokenInput!) {
  createMemberToken(input: $input) {
    token
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<CreateMemberTokenMutation, CreateMemberTokenMutationVariables>;
export const PointsBalanceDocument = new TypedDocumentString(`
    query PointsBalance($memberId: ID!, $expiringWithinDays: Int) {
  pointsBalance(memberId: $memberId, expiringWithinDays: $expiringWithinDays) {
    memberId
    available
    pending
    held
    debt
    balance
    expiringPoints
    expiringThrough
    expiringWithinDays
    schedule {
      date
      points
    }
  }
}
    `) as unknown as TypedDocumentString<PointsBalanceQuery, PointsBalanceQueryVariables>;
export const PointsLedgerDocument = new TypedDocumentString(`
    query PointsLedger($memberId: ID!, $first: Int, $after: String, $kinds: [String!]) {
  pointsLedger(memberId: $memberId, first: $first, after: $after, kinds: $kinds) {
    nodes {
      ...PointsEntryFields
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}`) as unknown as TypedDocumentString<PointsLedgerQuery, PointsLedgerQueryVariables>;
export const RedeemPointsDocument = new TypedDocumentString(`
    mutation RedeemPoints($input: RedeemPointsInput!) {
  redeemPoints(input: $input) {
    ...PointsPayloadFields
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}
fragment PointsPayloadFields on PointsPayload {
  outcome
  memberId
  refusal {
    ...RefusalFields
  }
  balance {
    ...PointsBalanceFields
  }
  entries {
    ...PointsEntryFields
  }
  hold {
    holdId
    points
    reference
    status
    expiresAt
  }
}`) as unknown as TypedDocumentString<RedeemPointsMutation, RedeemPointsMutationVariables>;
export const ReservePointsDocument = new TypedDocumentString(`
    mutation ReservePoints($input: ReservePointsInput!) {
  reservePoints(input: $input) {
    ...PointsPayloadFields
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}
fragment PointsPayloadFields on PointsPayload {
  outcome
  memberId
  refusal {
    ...RefusalFields
  }
  balance {
    ...PointsBalanceFields
  }
  entries {
    ...PointsEntryFields
  }
  hold {
    holdId
    points
    reference
    status
    expiresAt
  }
}`) as unknown as TypedDocumentString<ReservePointsMutation, ReservePointsMutationVariables>;
export const CaptureHoldDocument = new TypedDocumentString(`
    mutation CaptureHold($input: HoldActionInput!) {
  captureHold(input: $input) {
    ...PointsPayloadFields
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}
fragment PointsPayloadFields on PointsPayload {
  outcome
  memberId
  refusal {
    ...RefusalFields
  }
  balance {
    ...PointsBalanceFields
  }
  entries {
    ...PointsEntryFields
  }
  hold {
    holdId
    points
    reference
    status
    expiresAt
  }
}`) as unknown as TypedDocumentString<CaptureHoldMutation, CaptureHoldMutationVariables>;
export const ReleaseHoldDocument = new TypedDocumentString(`
    mutation ReleaseHold($input: HoldActionInput!) {
  releaseHold(input: $input) {
    ...PointsPayloadFields
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}
fragment PointsPayloadFields on PointsPayload {
  outcome
  memberId
  refusal {
    ...RefusalFields
  }
  balance {
    ...PointsBalanceFields
  }
  entries {
    ...PointsEntryFields
  }
  hold {
    holdId
    points
    reference
    status
    expiresAt
  }
}`) as unknown as TypedDocumentString<ReleaseHoldMutation, ReleaseHoldMutationVariables>;
export const AdjustPointsDocument = new TypedDocumentString(`
    mutation AdjustPoints($input: AdjustPointsInput!) {
  adjustPoints(input: $input) {
    ...PointsPayloadFields
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}
fragment PointsPayloadFields on PointsPayload {
  outcome
  memberId
  refusal {
    ...RefusalFields
  }
  balance {
    ...PointsBalanceFields
  }
  entries {
    ...PointsEntryFields
  }
  hold {
    holdId
    points
    reference
    status
    expiresAt
  }
}`) as unknown as TypedDocumentString<AdjustPointsMutation, AdjustPointsMutationVariables>;
export const TransferPointsDocument = new TypedDocumentString(`
    mutation TransferPoints($input: TransferPointsInput!) {
  transferPoints(input: $input) {
    outcome
    refusal {
      ...RefusalFields
    }
    fromBalance {
      ...PointsBalanceFields
    }
    toBalance {
      ...PointsBalanceFields
    }
    entries {
      ...PointsEntryFields
    }
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}`) as unknown as TypedDocumentString<TransferPointsMutation, TransferPointsMutationVariables>;
export const ProgramDocument = new TypedDocumentString(`
    query Program {
  program {
    id
    name
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ProgramQuery, ProgramQueryVariables>;
export const ProgramVersionsDocument = new TypedDocumentString(`
    query ProgramVersions($first: Int, $after: String) {
  programVersions(first: $first, after: $after) {
    nodes {
      ...ProgramVersionFields
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}
fragment ProgramVersionFields on ProgramVersion {
  id
  version
  config
  effectiveFrom
  createdAt
  createdBy
}`) as unknown as TypedDocumentString<ProgramVersionsQuery, ProgramVersionsQueryVariables>;
export const PublishProgramVersionDocument = new TypedDocumentString(`
    mutation PublishProgramVersion($input: PublishProgramVersionInput!) {
  publishProgramVersion(input: $input) {
    programVersion {
      ...ProgramVersionFields
    }
  }
}
    fragment ProgramVersionFields on ProgramVersion {
  id
  version
  config
  effectiveFrom
  createdAt
  createdBy
}`) as unknown as TypedDocumentString<PublishProgramVersionMutation, PublishProgramVersionMutationVariables>;
export const StoresDocument = new TypedDocumentString(`
    query Stores($first: Int, $after: String) {
  stores(first: $first, after: $after) {
    nodes {
      id
      code
      name
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}`) as unknown as TypedDocumentString<StoresQuery, StoresQueryVariables>;
export const CreateStoreDocument = new TypedDocumentString(`
    mutation CreateStore($input: CreateStoreInput!) {
  createStore(input: $input) {
    store {
      id
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<CreateStoreMutation, CreateStoreMutationVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys($first: Int, $after: String) {
  apiKeys(first: $first, after: $after) {
    nodes {
      id
      label
      role
      prefix
      storeId
      createdAt
      revokedAt
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}`) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      id
      label
      role
      prefix
      storeId
      createdAt
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) {
    apiKey {
      id
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const RecordPurchaseDocument = new TypedDocumentString(`
    mutation RecordPurchase($input: RecordPurchaseInput!) {
  recordPurchase(input: $input) {
    outcome
    refusal {
      ...RefusalFields
    }
    purchase {
      ...PurchaseFields
    }
    balance {
      ...PointsBalanceFields
    }
    entries {
      ...PointsEntryFields
    }
    coupons {
      ...CouponResultFields
    }
    storedValue {
      paid
      balance
    }
    tier {
      ...TierOutcomeFields
    }
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}
fragment CouponResultFields on CouponResult {
  couponCode
  valid
  templateId
  discount
  freeShipping
  reasonCode
  reason
  message
  lines {
    lineId
    amount
  }
  entitlement {
    service
    units
  }
  budgetCapped {
    limitId
    uncapped
  }
}
fragment TierOutcomeFields on TierOutcome {
  changed
  code
  previousTierId
  tierId
}
fragment PurchaseFields on Purchase {
  id
  orderId
  memberId
  storeId
  storeCode
  channel
  currency
  amount
  returnedAmount
  pointsEarned
  pointsPaid
  promotionDiscount
  couponDiscount
  promotions
  programVersion
  occurredAt
  accrual
  lines {
    id
    sku
    kind
    categories
    quantity
    unitPrice
    discount
    discounts {
      kind
      sourceId
      amount
    }
    total
    paidWithPoints
    payable
  }
  payments {
    method
    amount
    points
    entryId
  }
}`) as unknown as TypedDocumentString<RecordPurchaseMutation, RecordPurchaseMutationVariables>;
export const RecordReturnDocument = new TypedDocumentString(`
    mutation RecordReturn($input: RecordReturnInput!) {
  recordReturn(input: $input) {
    outcome
    returnId
    amount
    refusal {
      ...RefusalFields
    }
    purchase {
      ...PurchaseFields
    }
    balance {
      ...PointsBalanceFields
    }
    entries {
      ...PointsEntryFields
    }
    pointsClawedBack
    pointsRefunded
    storedValueRefunded
    coupons {
      redemptionId
      couponCode
      couponStatus
      timesUsed
      restoresUse
      discountReturned
    }
    tier {
      ...TierOutcomeFields
    }
  }
}
    fragment PointsBalanceFields on PointsBalance {
  available
  pending
  held
  debt
  balance
  expiringPoints
  expiringThrough
  expiringWithinDays
  schedule {
    date
    points
  }
}
fragment PointsEntryFields on PointsEntry {
  id
  memberId
  kind
  amount
  quantity
  balanceAfter
  cause
  actor
  occurredAt
  programVersion
}
fragment RefusalFields on Refusal {
  code
  message
  details
}
fragment TierOutcomeFields on TierOutcome {
  changed
  code
  previousTierId
  tierId
}
fragment PurchaseFields on Purchase {
  id
  orderId
  memberId
  storeId
  storeCode
  channel
  currency
  amount
  returnedAmount
  pointsEarned
  pointsPaid
  promotionDiscount
  couponDiscount
  promotions
  programVersion
  occurredAt
  accrual
  lines {
    id
    sku
    kind
    categories
    quantity
    unitPrice
    discount
    discounts {
      kind
      sourceId
      amount
    }
    total
    paidWithPoints
    payable
  }
  payments {
    method
    amount
    points
    entryId
  }
}`) as unknown as TypedDocumentString<RecordReturnMutation, RecordReturnMutationVariables>;
export const PurchaseDocument = new TypedDocumentString(`
    query Purchase($orderId: String!) {
  purchase(orderId: $orderId) {
    ...PurchaseFields
  }
}
    fragment PurchaseFields on Purchase {
  id
  orderId
  memberId
  storeId
  storeCode
  channel
  currency
  amount
  returnedAmount
  pointsEarned
  pointsPaid
  promotionDiscount
  couponDiscount
  promotions
  programVersion
  occurredAt
  accrual
  lines {
    id
    sku
    kind
    categories
    quantity
    unitPrice
    discount
    discounts {
      kind
      sourceId
      amount
    }
    total
    paidWithPoints
    payable
  }
  payments {
    method
    amount
    points
    entryId
  }
}`) as unknown as TypedDocumentString<PurchaseQuery, PurchaseQueryVariables>;
export const PurchasesDocument = new TypedDocumentString(`
    query Purchases($filter: PurchaseFilterInput, $first: Int, $after: String) {
  purchases(filter: $filter, first: $first, after: $after) {
    nodes {
      ...PurchaseFields
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}
fragment PurchaseFields on Purchase {
  id
  orderId
  memberId
  storeId
  storeCode
  channel
  currency
  amount
  returnedAmount
  pointsEarned
  pointsPaid
  promotionDiscount
  couponDiscount
  promotions
  programVersion
  occurredAt
  accrual
  lines {
    id
    sku
    kind
    categories
    quantity
    unitPrice
    discount
    discounts {
      kind
      sourceId
      amount
    }
    total
    paidWithPoints
    payable
  }
  payments {
    method
    amount
    points
    entryId
  }
}`) as unknown as TypedDocumentString<PurchasesQuery, PurchasesQueryVariables>;
export const CheckoutQuoteDocument = new TypedDocumentString(`
    query CheckoutQuote($input: CheckoutQuoteInput!) {
  checkoutQuote(input: $input) {
    programVersion
    currency
    asOf
    memberId
    lines {
      lineId
      sku
      quantity
      unitPrice
      subtotal
      discount
      total
      paidWithPoints
      payable
      discounts {
        kind
        sourceId
        amount
      }
    }
    totals {
      subtotal
      promotionDiscount
      couponDiscount
      discount
      afterDiscounts
      pointsPayment
      payable
      giftValue
    }
    promotionsApplied
    promotionsSkipped
    coupons {
      ...CouponResultFields
    }
    pointsPayment
    pointsToEarn
    tier
    freeShipping
    trace {
      step
      subject
      message
    }
    engine
  }
}
    fragment CouponResultFields on CouponResult {
  couponCode
  valid
  templateId
  discount
  freeShipping
  reasonCode
  reason
  message
  lines {
    lineId
    amount
  }
  entitlement {
    service
    units
  }
  budgetCapped {
    limitId
    uncapped
  }
}`) as unknown as TypedDocumentString<CheckoutQuoteQuery, CheckoutQuoteQueryVariables>;
export const QualifyDocument = new TypedDocumentString(`
    query Qualify($input: CheckoutQuoteInput!) {
  qualify(input: $input) {
    asOf
    promotions
    coupons
  }
}
    `) as unknown as TypedDocumentString<QualifyQuery, QualifyQueryVariables>;
export const MemberPricesDocument = new TypedDocumentString(`
    query MemberPrices($input: MemberPricesInput!) {
  memberPrices(input: $input) {
    sku
    unitPrice
    memberPrice
    saving
    promotionIds
  }
}
    `) as unknown as TypedDocumentString<MemberPricesQuery, MemberPricesQueryVariables>;
export const QuoteContextDocument = new TypedDocumentString(`
    query QuoteContext($input: QuoteContextInput) {
  quoteContext(input: $input) {
    programVersion
    asOf
    memberId
    config
    state
  }
}
    `) as unknown as TypedDocumentString<QuoteContextQuery, QuoteContextQueryVariables>;
export const StoredValueHistoryDocument = new TypedDocumentString(`
    query StoredValueHistory($memberId: ID!, $first: Int, $after: String) {
  storedValueHistory(memberId: $memberId, first: $first, after: $after) {
    nodes {
      ...LedgerEntryFields
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}
fragment LedgerEntryFields on LedgerEntry {
  id
  memberId
  kind
  unit
  amount
  balanceAfter
  reference
  relatedEntryId
  occurredAt
  programVersion
}`) as unknown as TypedDocumentString<StoredValueHistoryQuery, StoredValueHistoryQueryVariables>;
export const TopUpStoredValueDocument = new TypedDocumentString(`
    mutation TopUpStoredValue($input: TopUpStoredValueInput!) {
  topUpStoredValue(input: $input) {
    ...StoredValuePayloadFields
  }
}
    fragment LedgerEntryFields on LedgerEntry {
  id
  memberId
  kind
  unit
  amount
  balanceAfter
  reference
  relatedEntryId
  occurredAt
  programVersion
}
fragment StoredValuePayloadFields on StoredValuePayload {
  outcome
  memberId
  balance
  currency
  entry {
    ...LedgerEntryFields
  }
  refusal {
    code
    requested
    available
    refundable
  }
}`) as unknown as TypedDocumentString<TopUpStoredValueMutation, TopUpStoredValueMutationVariables>;
export const PayWithStoredValueDocument = new TypedDocumentString(`
    mutation PayWithStoredValue($input: PayWithStoredValueInput!) {
  payWithStoredValue(input: $input) {
    ...StoredValuePayloadFields
  }
}
    fragment LedgerEntryFields on LedgerEntry {
  id
  memberId
  kind
  unit
  amount
  balanceAfter
  reference
  relatedEntryId
  occurredAt
  programVersion
}
fragment StoredValuePayloadFields on StoredValuePayload {
  outcome
  memberId
  balance
  currency
  entry {
    ...LedgerEntryFields
  }
  refusal {
    code
    requested
    available
    refundable
  }
}`) as unknown as TypedDocumentString<PayWithStoredValueMutation, PayWithStoredValueMutationVariables>;
export const RefundStoredValueDocument = new TypedDocumentString(`
    mutation RefundStoredValue($input: RefundStoredValueInput!) {
  refundStoredValue(input: $input) {
    ...StoredValuePayloadFields
  }
}
    fragment LedgerEntryFields on LedgerEntry {
  id
  memberId
  kind
  unit
  amount
  balanceAfter
  reference
  relatedEntryId
  occurredAt
  programVersion
}
fragment StoredValuePayloadFields on StoredValuePayload {
  outcome
  memberId
  balance
  currency
  entry {
    ...LedgerEntryFields
  }
  refusal {
    code
    requested
    available
    refundable
  }
}`) as unknown as TypedDocumentString<RefundStoredValueMutation, RefundStoredValueMutationVariables>;
export const MemberTierDocument = new TypedDocumentString(`
    query MemberTier($memberId: ID!) {
  memberTier(memberId: $memberId) {
    memberId
    tierId
    tierName
    since
    validUntil
    nextReviewAt
    progress
    manual
  }
}
    `) as unknown as TypedDocumentString<MemberTierQuery, MemberTierQueryVariables>;
export const TierHistoryDocument = new TypedDocumentString(`
    query TierHistory($memberId: ID!, $first: Int, $after: String) {
  tierHistory(memberId: $memberId, first: $first, after: $after) {
    nodes {
      id
      memberId
      fromTierId
      toTierId
      code
      cause
      actor
      reasons
      effectiveAt
      occurredAt
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  endCursor
  hasNextPage
}`) as unknown as TypedDocumentString<TierHistoryQuery, TierHistoryQueryVariables>;
export const AssignTierDocument = new TypedDocumentString(`
    mutation AssignTier($input: AssignTierInput!) {
  assignTier(input: $input) {
    tier {
      ...TierOutcomeFields
    }
  }
}
    fragment TierOutcomeFields on TierOutcome {
  changed
  code
  previousTierId
  tierId
}`) as unknown as TypedDocumentString<AssignTierMutation, AssignTierMutationVariables>;