import {
  balanceOf,
  type Decimal,
  type Program as EngineProgram,
  type MemberSnapshotInput,
  memberPrices,
  type Quote,
  type QuoteInput,
  qualify,
  quote,
  type TierStateInput,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import type { Member } from '../entities/index.js';
import { purchaseCountersOf } from './accrualCounters.js';
import {
  type CartLineArgs,
  resolveStoreCode,
  storeIdFor,
  toChannel,
  toEngineLines,
} from './cartInput.js';
import type { ServiceContext } from './context.js';
import { normalizeCouponCode } from './couponCodes.js';
import {
  type CouponResultDto,
  couponResultDto,
  currencyScale,
  loadCouponInstances,
  memberSnapshot,
} from './couponState.js';
import { AppError, badInput, callEngine, notFound } from './errors.js';
import { assertMemberVisible, loadMemberFor } from './members.js';
import { livePointsOf, loadPoints } from './pointsAccount.js';
import { type Authenticated, requireRole } from './principal.js';
import { cachedProgramAt } from './programCache.js';
import { type QuoteSnapshot, readQuoteSnapshot } from './quoteSnapshot.js';
import { limitCouponAttempts } from './rateLimit.js';
import { activityOf, hasTiers } from './tiers.js';

/** Most coupon codes in one quote (the engine's limit). */
export const MAX_QUOTE_CODES = 20;

/** What the checkout asks about. */
export interface QuoteArgs {
  /** The member (member tokens: their own, the default); absent for a guest. */
  readonly memberId?: string | null;
  readonly lines: readonly CartLineArgs[];
  readonly storeId?: string | null;
  readonly channel?: string | null;
  readonly couponCodes?: readonly string[] | null;
  readonly pointsToSpend?: Decimal | null;
  /** Admin only: evaluate as of another instant (a future campaign). */
  readonly asOf?: Date | null;
}

/** Everything the engine's quote was given, loaded from the database. */
export interface LoadedQuote {
  readonly program: EngineProgram;
  readonly programVersion: number;
  readonly member: Member | null;
  readonly input: QuoteInput;
}

/** Available points of the snapshot's account (`balanceOf` over its lots and holds). */
async function availablePoints(
  em: Em,
  program: EngineProgram,
  snapshot: QuoteSnapshot,
  now: Date,
): Promise<string> {
  const row = snapshot.account;
  if (!row) return '0';
  const loaded =
    livePointsOf(program, row, snapshot.lots, snapshot.holds, now) ??
    (await loadPoints(em, program, row, now));
  return callEngine(() =>
    balanceOf(program, loaded.account, new Date(loaded.nowMs)),
  ).available.toString();
}

/** What a quote is asked about, apart from the cart lines. */
export type QuoteStateArgs = Omit<QuoteArgs, 'lines' | 'pointsToSpend' | 'asOf'>;

/** The engine's quote input without the cart: what `loadQuoteState` loads. */
export type QuoteState = Omit<QuoteInput, 'lines' | 'now' | 'pointsToSpend'>;

/** Everything the engine's quote was given apart from the cart, loaded from the database. */
export interface LoadedQuoteState {
  readonly program: EngineProgram;
  readonly programVersion: number;
  readonly member: Member | null;
  readonly state: QuoteState;
}

/**
 * Loads what a quote needs apart from the cart, read-only, in one statement
 * (`readQuoteSnapshot`; one more only for coupon templates with usage
 * limits, on a cold configuration cache, or for an account whose live lots
 * have expired or are held): program version (cached per version), member,
 * store, coupons with their limit usage, points balance (`balanceOf` over
 * lots and holds), accrual counters and tier activity. Shared by
 * `checkoutQuote`, `checkoutQualify` and `quoteContext`.
 */
export async function loadQuoteState(
  em: Em,
  caller: Authenticated,
  args: QuoteStateArgs,
  now: Date,
): Promise<LoadedQuoteState> {
  const codes = [...new Set((args.couponCodes ?? []).map((c) => normalizeCouponCode(c) ?? c))];
  if (codes.length > MAX_QUOTE_CODES) {
    throw badInput('couponCodes', 'TOO_MANY_CODES', `At most ${MAX_QUOTE_CODES} codes`);
  }
  const memberId = args.memberId ?? (caller.kind === 'member' ? caller.memberId : null);
  if (caller.kind === 'storefront' && memberId) {
    throw new AppError('FORBIDDEN', 'Storefront keys quote guest carts only');
  }
  if (memberId) assertMemberVisible(caller, memberId);
  const storeId = storeIdFor(caller, args.storeId);
  const snapshot = await readQuoteSnapshot(em, {
    programId: caller.programId,
    at: now,
    memberId: memberId || null,
    storeId,
    codes,
  });
  const { program, version, member, storeCode } = snapshot;
  if (memberId && !member) throw notFound('Member');
  if (storeId && storeCode === null) throw notFound('Store');
  const { instances } = await loadCouponInstances(
    em,
    caller.programId,
    program,
    codes,
    { memberId: member?.id ?? null, storeCode },
    now.getTime(),
    false,
    snapshot.coupons,
  );
  // Codes that match no coupon are guesses or typos: they count against the
  // coupon-attempt limits of the credential and the member (RELIABILITY 19).
  const unknown = codes.length - new Set(instances.map((c) => c.code)).size;
  if (unknown > 0) {
    limitCouponAttempts(
      [`cred:${caller.credential}`, ...(member ? [`member:${member.id}`] : [])],
      now.getTime(),
      unknown,
    );
  }
  let points = '0';
  let tier: QuoteInput['tier'];
  let accrualCounters: QuoteInput['accrualCounters'];
  if (member) {
    points = await availablePoints(em, program, snapshot, now);
    accrualCounters = purchaseCountersOf(program, member.id, now, snapshot.counters);
    if (hasTiers(program, member)) {
      tier = {
        state: member.tierState as unknown as TierStateInput,
        activity: activityOf(snapshot.activity),
      };
    }
  }
  const state: QuoteState = {
    member: member ? (memberSnapshot(member) as MemberSnapshotInput) : null,
    storeId: storeCode,
    channel: toChannel(args.channel),
    couponCodes: codes,
    coupons: instances.map((c) => notTheirs(c, member?.id ?? null, now)),
    availablePoints: points,
    ...(tier ? { tier } : {}),
    ...(accrualCounters ? { accrualCounters } : {}),
  };
  return { program, programVersion: version, member, state };
}

/** Stands for the owner of a coupon that is not the quoted member's (never a member id). */
export const ANOTHER_MEMBER = 'another-member';

/**
 * A coupon owned by someone other than the quoted member (or owned at all,
 * for a guest) shows nothing of its owner or use: the engine stops at
 * CANCELLED or NOT_OWNED_BY_MEMBER before reading anything else, so the
 * answer is the same and the state (which `quoteContext` returns to member
 * tokens and storefront keys) holds no other member's id or usage.
 */
function notTheirs<T extends { ownerMemberId?: string | null; status?: string }>(
  coupon: T,
  memberId: string | null,
  now: Date,
): T {
  if (coupon.ownerMemberId == null || coupon.ownerMemberId === memberId) return coupon;
  return {
    ...coupon,
    ownerMemberId: ANOTHER_MEMBER,
    status: coupon.status === 'cancelled' ? 'cancelled' : 'active',
    issuedAt: now.toISOString(),
    timesUsed: 0,
    usage: {},
  };
}

/** Loads what a quote needs (`loadQuoteState`) and builds the engine's input with the cart. */
export async function loadQuoteInput(
  em: Em,
  caller: Authenticated,
  args: QuoteArgs,
  now: Date,
): Promise<LoadedQuote> {
  const lines = toEngineLines(args.lines);
  const { program, programVersion, member, state } = await loadQuoteState(em, caller, args, now);
  const input: QuoteInput = {
    ...state,
    lines,
    now: now.toISOString(),
    ...(args.pointsToSpend != null ? { pointsToSpend: args.pointsToSpend.toString() } : {}),
  };
  return { program, programVersion, member, input };
}

function evaluationInstant(ctx: ServiceContext, caller: Authenticated, asOf?: Date | null): Date {
  if (asOf == null) return ctx.clock.now();
  if (caller.kind !== 'admin') throw new AppError('FORBIDDEN', 'Only admin keys quote "as of"');
  if (Number.isNaN(asOf.getTime())) throw badInput('asOf', 'INVALID_INSTANT', 'Invalid instant');
  return asOf;
}

/** The quote as the API returns it: typed parts plus the engine's whole answer as JSON. */
export interface QuoteDto {
  readonly programVersion: number;
  readonly currency: string;
  readonly asOf: string;
  readonly memberId: string | null;
  readonly lines: readonly {
    lineId: string;
    sku: string;
    quantity: string;
    unitPrice: string;
    subtotal: string;
    discount: string;
    total: string;
    paidWithPoints: string;
    payable: string;
    discounts: readonly { kind: string; sourceId: string; amount: string }[];
  }[];
  readonly totals: Record<string, string>;
  readonly promotionsApplied: readonly Record<string, unknown>[];
  readonly promotionsSkipped: readonly Record<string, unknown>[];
  readonly coupons: readonly CouponResultDto[];
  readonly pointsPayment: Record<string, unknown>;
  readonly pointsToEarn: string | null;
  readonly tier: Record<string, unknown> | null;
  readonly freeShipping: boolean;
  readonly trace: readonly { step: string; subject: string | null; message: string }[];
  /** The engine's whole answer (decimals as strings). */
  readonly engine: Record<string, unknown>;
}

/** Plain JSON of an engine value (Decimal as strings). */
function json<T>(value: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Maps the engine's `Quote` to the API's DTO (the engine JSON, skipped promotions and trace on read). */
export function toQuoteDto(q: Quote, memberId: string | null, program: EngineProgram): QuoteDto {
  const scale = currencyScale(program);
  const m = (d: Decimal) => d.toFixed(scale);
  return {
    programVersion: q.programVersion,
    currency: q.currency,
    asOf: q.asOf,
    memberId,
    lines: q.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity.toString(),
      unitPrice: m(l.unitPrice),
      subtotal: m(l.subtotal),
      discount: m(l.discount),
      total: m(l.total),
      paidWithPoints: m(l.paidWithPoints),
      payable: m(l.payable),
      discounts: l.discounts.map((d) => ({
        kind: d.source.kind,
        sourceId: d.source.kind === 'promotion' ? d.source.promotionId : d.source.couponCode,
        amount: m(d.amount),
      })),
    })),
    totals: Object.fromEntries(Object.entries(q.totals).map(([k, v]) => [k, m(v as Decimal)])),
    // The JSON parts are costly and often not selected: built only when a field is read.
    get promotionsApplied() {
      return q.promotions.applied.map(json);
    },
    get promotionsSkipped() {
      return q.promotions.skipped.map(json);
    },
    coupons: q.coupons.map((c) => couponResultDto(c, scale)),
    get pointsPayment() {
      return json(q.pointsPayment);
    },
    pointsToEarn: q.earning ? q.earning.points.toString() : null,
    get tier() {
      return q.tier ? json(q.tier) : null;
    },
    freeShipping: q.freeShipping,
    get trace() {
      return q.trace.map((t) => ({ step: t.step, subject: t.subject, message: t.message }));
    },
    get engine() {
      return json(q);
    },
  };
}

/**
 * Admin, store, member (own), storefront (guests): the checkout quote (D9),
 * the engine's `quote` over state loaded read-only. No side effects.
 */
export async function checkoutQuote(ctx: ServiceContext, args: QuoteArgs): Promise<QuoteDto> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member', 'storefront']);
  const now = evaluationInstant(ctx, caller, args.asOf);
  const loaded = await loadQuoteInput(ctx.em, caller, args, now);
  const q = callEngine(() => quote(loaded.program, loaded.input));
  return toQuoteDto(q, loaded.member?.id ?? null, loaded.program);
}

/** Where each promotion and code stands (D10), as JSON with the storefront nudges. */
export interface QualificationDto {
  readonly asOf: string;
  readonly promotions: readonly Record<string, unknown>[];
  readonly coupons: readonly Record<string, unknown>[];
}

/** Same callers as the quote: the engine's `qualify` (what the member is close to). */
export async function checkoutQualify(
  ctx: ServiceContext,
  args: QuoteArgs,
): Promise<QualificationDto> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member', 'storefront']);
  const now = evaluationInstant(ctx, caller, args.asOf);
  const loaded = await loadQuoteInput(ctx.em, caller, args, now);
  const q = callEngine(() => qualify(loaded.program, loaded.input));
  return {
    asOf: now.toISOString(),
    promotions: q.promotions.map(json),
    coupons: q.coupons.map(json),
  };
}

/** An item of a listing. */
export interface ListingItemArgs {
  readonly sku: string;
  readonly categories?: readonly string[] | null;
  readonly unitPrice: Decimal;
  readonly kind?: string | null;
}

/** One member price (D11). */
export interface MemberPriceDto {
  readonly sku: string;
  readonly unitPrice: string;
  readonly memberPrice: string;
  readonly saving: string;
  readonly promotionIds: readonly string[];
}

/** Same callers as the quote: member prices for listings, the engine's `memberPrices`. */
export async function listingMemberPrices(
  ctx: ServiceContext,
  args: {
    memberId?: string | null;
    items: readonly ListingItemArgs[];
    storeId?: string | null;
    channel?: string | null;
  },
): Promise<MemberPriceDto[]> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member', 'storefront']);
  if (args.items.length < 1 || args.items.length > 500) {
    throw badInput('items', 'INVALID_ITEMS', '1 to 500 items');
  }
  const memberId = args.memberId ?? (caller.kind === 'member' ? caller.memberId : null);
  if (caller.kind === 'storefront' && memberId) {
    throw new AppError('FORBIDDEN', 'Storefront keys price for guests only');
  }
  const now = ctx.clock.now();
  const { program } = await cachedProgramAt(ctx.em, caller.programId, now);
  const member = memberId ? await loadMemberFor(ctx.em, caller, memberId) : null;
  const storeCode = await resolveStoreCode(ctx.em, caller, args.storeId);
  const scale = currencyScale(program);
  const prices = callEngine(() =>
    memberPrices(program, {
      items: args.items.map((i) => ({
        sku: i.sku,
        categories: i.categories ? [...i.categories] : [],
        unitPrice: i.unitPrice.toString(),
        ...(i.kind ? { kind: i.kind as 'product' } : {}),
      })),
      member: member ? memberSnapshot(member) : null,
      now: now.toISOString(),
      storeId: storeCode,
      channel: toChannel(args.channel),
    }),
  );
  return prices.map((p) => ({
    sku: p.sku,
    unitPrice: p.unitPrice.toFixed(scale),
    memberPrice: p.memberPrice.toFixed(scale),
    saving: p.saving.toFixed(scale),
    promotionIds: [...p.promotionIds],
  }));
}

/**
 * What an offline cart preview needs to answer like `checkoutQuote`: the
 * stored program configuration of the version in force and the engine's
 * quote input without the cart (member snapshot, available points, accrual
 * counters, tier state and activity, the given coupons with their usage).
 */
export interface QuoteContextDto {
  readonly programVersion: number;
  readonly asOf: string;
  readonly memberId: string | null;
  /** The program JSON of that version, as the engine accepted it. */
  readonly config: Record<string, unknown>;
  /** The engine's `QuoteInput` without `lines`, `now` and `pointsToSpend`, as JSON. */
  readonly state: Record<string, unknown>;
}

/** Same callers as the quote: the context of an offline preview (`@tessera/sdk/preview`). */
export async function quoteContext(
  ctx: ServiceContext,
  args: QuoteStateArgs,
): Promise<QuoteContextDto> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member', 'storefront']);
  const now = ctx.clock.now();
  const loaded = await loadQuoteState(ctx.em, caller, args, now);
  const [row] = await ctx.em.execute<{ config: Record<string, unknown> | string }[]>(
    `select config from program_version where program_id = ? and version = ?`,
    [caller.programId, loaded.programVersion],
  );
  if (!row) throw new AppError('NOT_FOUND', 'Program version not found');
  return {
    programVersion: loaded.programVersion,
    asOf: now.toISOString(),
    memberId: loaded.member?.id ?? null,
    config: typeof row.config === 'string' ? JSON.parse(row.config) : row.config,
    state: json(loaded.state),
  };
}
