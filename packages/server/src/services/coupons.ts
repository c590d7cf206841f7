import {
  applyCouponUsage,
  type CartLineInput,
  type Channel,
  type CouponInstanceInput,
  type CouponUsageChange,
  type CouponUsageState,
  couponValidityWindow,
  Decimal,
  type Program as EngineProgram,
  findCouponTemplate,
  type LimitUsage,
  type MemberSnapshotInput,
  normalizeMember,
  type Quote,
  quote,
  rollbackCoupon,
  ZERO,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import {
  Coupon,
  CouponRedemption,
  type CouponStatusValue,
  type Member,
} from '../entities/index.js';
import { type CartLineArgs, resolveStoreCode, toChannel, toEngineLines } from './cartInput.js';
import type { ServiceContext } from './context.js';
import { generateCouponCode, normalizeCouponCode } from './couponCodes.js';
import {
  applyUsageCounters,
  type CouponResultDto,
  type CouponRow,
  couponResultDto,
  currencyScale,
  loadCouponInstances,
  memberSnapshot,
  redemptionFromJson,
  redemptionToJson,
  unknownCouponResult,
} from './couponState.js';
import { AppError, badInput, callEngine, notFound } from './errors.js';
import { canonicalJson, idempotent } from './idempotency.js';
import { sha256Hex, uuidv7 } from './ids.js';
import { loadMemberFor } from './members.js';
import { recordEvent } from './outbox.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import { type Authenticated, requireRole } from './principal.js';
import { cachedProgramAt } from './programCache.js';
import { limitCouponAttempts } from './rateLimit.js';

/** Most coupons one member may get from one issuing call. */
export const MAX_COUPONS_PER_MEMBER = 100;
/** Most coupons one issuing call creates. */
export const MAX_COUPONS_PER_BATCH = 100_000;
/** Rows per insert statement when issuing. */
const INSERT_CHUNK = 500;
/** Issued coupons echoed in the issuing answer (the rest: `coupons(batchId)`). */
export const ISSUE_ECHO = 100;

/** A coupon template as the API shows it (from the program configuration). */
export interface CouponTemplateDto {
  readonly id: string;
  readonly name: string | null;
  readonly usesPerCoupon: number;
  readonly benefit: Record<string, unknown>;
  readonly validity: Record<string, unknown>;
  readonly limits: readonly Record<string, unknown>[];
  readonly minSpend: string | null;
  readonly template: Record<string, unknown>;
}

/** Admin, store: the coupon templates of the configuration in force (D5). */
export async function listCouponTemplates(ctx: ServiceContext): Promise<CouponTemplateDto[]> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const { program } = await cachedProgramAt(ctx.em, caller.programId, ctx.clock.now());
  const json = JSON.parse(JSON.stringify(program.couponTemplates)) as Record<string, unknown>[];
  return program.couponTemplates.map((t, i) => {
    const plain = json[i] ?? {};
    return {
      id: t.id,
      name: t.name ?? null,
      usesPerCoupon: t.usesPerCoupon,
      benefit: plain.benefit as Record<string, unknown>,
      validity: plain.validity as Record<string, unknown>,
      limits: (plain.limits ?? []) as Record<string, unknown>[],
      minSpend: t.minSpend != null ? String(t.minSpend) : null,
      template: plain,
    };
  });
}

/** An issued coupon as the API shows it. */
export interface CouponDto {
  readonly id: string;
  readonly code: string;
  readonly templateId: string;
  readonly templateName: string | null;
  readonly ownerMemberId: string | null;
  readonly batchId: string;
  readonly status: CouponStatusValue;
  readonly timesUsed: number;
  readonly usesPerCoupon: number;
  readonly issuedAt: string;
  /** From the engine's validity window (null: birthday coupon of a member without a birthday). */
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

function couponDto(c: Coupon, program: EngineProgram, member: Member | null): CouponDto {
  const template = findCouponTemplate(program, c.templateId);
  const birthday = member ? normalizeMember(memberSnapshot(member)).birthday : null;
  const window = template
    ? couponValidityWindow(template.validity, c.issuedAt.getTime(), birthday, program.timeZone)
    : null;
  return {
    id: c.id,
    code: c.code,
    templateId: c.templateId,
    templateName: template?.name ?? null,
    ownerMemberId: c.ownerMemberId,
    batchId: c.batchId,
    status: c.status,
    timesUsed: c.timesUsed,
    usesPerCoupon: template?.usesPerCoupon ?? 1,
    issuedAt: c.issuedAt.toISOString(),
    validFrom: window ? new Date(window.fromMs).toISOString() : null,
    validUntil: window ? new Date(window.untilMs).toISOString() : null,
  };
}

/** Input of `issueCoupons`: to one member, to every live member with a tag, or public codes. */
export interface IssueCouponsInput {
  readonly templateId: string;
  readonly memberId?: string | null;
  readonly tag?: string | null;
  /** Coupons per member (default 1), or public codes when no member or tag is given. */
  readonly count?: number | null;
  readonly idempotencyKey: string;
}

/** The answer of `issueCoupons` (stored for idempotent replay). */
export interface IssueCouponsResult {
  readonly batchId: string;
  readonly templateId: string;
  readonly count: number;
  /** The first `ISSUE_ECHO` coupons issued. */
  readonly coupons: readonly { code: string; memberId: string | null }[];
}

/** Inserts coupons for `owners` (one each), retrying codes that collide with existing ones. */
async function insertCoupons(
  tx: Em,
  programId: string,
  batchId: string,
  templateId: string,
  owners: readonly (string | null)[],
  now: Date,
): Promise<{ code: string; memberId: string | null }[]> {
  const issued: { code: string; memberId: string | null }[] = [];
  let pending = owners.map((memberId) => ({ memberId, code: generateCouponCode() }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= 5) throw new Error('could not find free coupon codes');
    const inserted = await tx.execute<{ code: string }[]>(
      `insert into coupon (id, program_id, code, template_id, owner_member_id, batch_id, issued_at, status, times_used)
       values ${pending.map(() => `(?, ?, ?, ?, ?, ?, ?, 'active', 0)`).join(', ')}
       on conflict (program_id, code) do nothing returning code`,
      pending.flatMap((p) => [
        uuidv7(now),
        programId,
        p.code,
        templateId,
        p.memberId,
        batchId,
        now,
      ]),
    );
    const ok = new Set(inserted.map((r) => r.code));
    const done = pending.filter((p) => ok.has(p.code));
    issued.push(...done);
    if (done.length > 0) {
      await tx.execute(
        `insert into outbox_event (id, program_id, type, subject_id, payload, occurred_at)
         values ${done.map(() => `(?, ?, 'coupon.issued', ?, ?, ?)`).join(', ')}`,
        done.flatMap((d) => [
          uuidv7(now),
          programId,
          d.memberId ?? batchId,
          JSON.stringify({ code: d.code, templateId, memberId: d.memberId, batchId }),
          now,
        ]),
      );
    }
    // A code taken in this program (or twice in this chunk): draw again.
    const seen = new Set<string>();
    pending = pending
      .filter((p) => {
        const retry = !ok.has(p.code) || seen.has(p.code);
        seen.add(p.code);
        return retry && !ok.has(p.code);
      })
      .map((p) => ({ memberId: p.memberId, code: generateCouponCode() }));
  }
  return issued;
}

/**
 * Admin (any target), store (one member): issues coupons of a template (D6)
 * with random Crockford base32 codes, in batched inserts, in one
 * transaction, idempotent on the caller's key; writes `coupon.issued`.
 */
export async function issueCoupons(
  ctx: ServiceContext,
  input: IssueCouponsInput,
): Promise<IssueCouponsResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const { program } = await cachedProgramAt(ctx.em, caller.programId, ctx.clock.now());
  if (!findCouponTemplate(program, input.templateId)) {
    throw badInput('templateId', 'UNKNOWN_TEMPLATE', 'No coupon template with this id');
  }
  const memberId = input.memberId ?? null;
  const tag = input.tag ?? null;
  if (memberId && tag) throw badInput('tag', 'ONE_TARGET', 'Give a member or a tag, not both');
  if (caller.kind === 'store' && !memberId) {
    throw new AppError('FORBIDDEN', 'Store keys issue coupons to one member');
  }
  const count = input.count ?? 1;
  const max = memberId || tag ? MAX_COUPONS_PER_MEMBER : MAX_COUPONS_PER_BATCH;
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw badInput('count', 'INVALID_COUNT', `count must be between 1 and ${max}`);
  }
  if (tag !== null && (tag.length < 1 || tag.length > 64)) {
    throw badInput('tag', 'INVALID_TAG', 'tag: 1 to 64 characters');
  }
  return idempotent(
    ctx,
    caller,
    {
      operation: 'issueCoupons',
      key: input.idempotencyKey,
      input: { templateId: input.templateId, memberId, tag, count },
    },
    async (tx) => {
      const now = ctx.clock.now();
      const batchId = uuidv7(now);
      await tx.execute(
        `insert into coupon_batch (id, program_id, template_id, target, count, issued_at, created_by)
         values (?, ?, ?, ?, 0, ?, ?)`,
        [
          batchId,
          caller.programId,
          input.templateId,
          JSON.stringify(memberId ? { memberId } : tag ? { tag } : {}),
          now,
          caller.credential,
        ],
      );
      const issued: { code: string; memberId: string | null }[] = [];
      let total = 0;
      const issue = async (owners: (string | null)[]) => {
        for (let i = 0; i < owners.length; i += INSERT_CHUNK) {
          const done = await insertCoupons(
            tx,
            caller.programId,
            batchId,
            input.templateId,
            owners.slice(i, i + INSERT_CHUNK),
            now,
          );
          total += done.length;
          if (issued.length < ISSUE_ECHO) issued.push(...done.slice(0, ISSUE_ECHO - issued.length));
          if (total > MAX_COUPONS_PER_BATCH) {
            throw badInput('tag', 'BATCH_TOO_LARGE', `At most ${MAX_COUPONS_PER_BATCH} coupons`);
          }
        }
      };
      if (memberId) {
        const member = await loadMemberFor(tx, caller, memberId);
        await issue(Array.from({ length: count }, () => member.id));
      } else if (tag) {
        let after = '00000000-0000-0000-0000-000000000000';
        for (;;) {
          const rows = await tx.execute<{ id: string }[]>(
            `select id from member where program_id = ? and deleted_at is null and tags @> array[?]::text[]
             and id > ? order by id limit 1000`,
            [caller.programId, tag, after],
          );
          if (rows.length === 0) break;
          await issue(rows.flatMap((r) => Array.from({ length: count }, () => r.id)));
          after = rows.at(-1)!.id;
        }
      } else {
        await issue(Array.from({ length: count }, () => null));
      }
      await tx.execute(`update coupon_batch set count = ? where id = ?`, [total, batchId]);
      return { batchId, templateId: input.templateId, count: total, coupons: issued };
    },
  );
}

/** Filters of a coupon list. */
export interface CouponFilter {
  readonly status?: CouponStatusValue | null;
}

/** Admin, store, member (own): a member's coupons (wallet), newest first. */
export async function memberCoupons(
  ctx: ServiceContext,
  memberId: string,
  filter: CouponFilter,
  args: PageArgs,
): Promise<Page<CouponDto>> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const member = await loadMemberFor(ctx.em, caller, memberId);
  const limit = pageSize(args);
  const where: Record<string, unknown> = { programId: caller.programId, ownerMemberId: member.id };
  if (filter.status) where.status = filter.status;
  if (args.after) where.id = { $lt: decodeCursor(args.after, 1)[0] };
  const rows = await ctx.em.find(Coupon, where, { orderBy: { id: 'desc' }, limit: limit + 1 });
  const { program } = await cachedProgramAt(ctx.em, caller.programId, ctx.clock.now());
  const page = toPage(rows, limit, (c) => [c.id]);
  return { ...page, items: page.items.map((c) => couponDto(c, program, member)) };
}

/** Admin: the coupons of an issuing batch, oldest first. */
export async function batchCoupons(
  ctx: ServiceContext,
  batchId: string,
  args: PageArgs,
): Promise<Page<CouponDto>> {
  const caller = requireRole(ctx.principal, ['admin']);
  const limit = pageSize(args);
  const where: Record<string, unknown> = { programId: caller.programId, batchId };
  if (args.after) where.id = { $gt: decodeCursor(args.after, 1)[0] };
  const rows = /^[0-9a-f-]{36}$/i.test(batchId)
    ? await ctx.em.find(Coupon, where, { orderBy: { id: 'asc' }, limit: limit + 1 })
    : [];
  const { program } = await cachedProgramAt(ctx.em, caller.programId, ctx.clock.now());
  const page = toPage(rows, limit, (c) => [c.id]);
  return { ...page, items: page.items.map((c) => couponDto(c, program, null)) };
}

/** Where and for whom a coupon is used. */
export interface CouponUseInput {
  readonly code: string;
  /** The member using it (member tokens: their own, the default). */
  readonly memberId?: string | null;
  readonly lines: readonly CartLineArgs[];
  readonly storeId?: string | null;
  readonly channel?: string | null;
}

interface UseContext {
  readonly caller: Authenticated;
  readonly member: Member | null;
  readonly storeCode: string | null;
  readonly channel: Channel | null;
  readonly lines: CartLineInput[];
}

async function resolveUse(
  em: Em,
  caller: Authenticated,
  input: Omit<CouponUseInput, 'code'>,
): Promise<UseContext> {
  const lines = toEngineLines(input.lines);
  const memberId = input.memberId ?? (caller.kind === 'member' ? caller.memberId : null);
  if (caller.kind === 'storefront' && memberId) {
    throw new AppError('FORBIDDEN', 'Storefront keys validate guest carts only');
  }
  const member = memberId ? await loadMemberFor(em, caller, memberId) : null;
  const storeCode = await resolveStoreCode(em, caller, input.storeId);
  return { caller, member, storeCode, channel: toChannel(input.channel), lines };
}

function normalizeCodeOrNull(code: string): string {
  if (typeof code !== 'string' || code.length > 80) {
    throw badInput('code', 'INVALID_CODE', 'code: at most 64 characters');
  }
  // A code that cannot exist is still answered by the engine's UNKNOWN_COUPON.
  return normalizeCouponCode(code) ?? code.trim().toUpperCase().slice(0, 64);
}

function quoteInput(
  use: UseContext,
  codes: readonly string[],
  instances: Parameters<typeof quote>[1]['coupons'],
  now: Date,
  orderId?: string,
) {
  return {
    lines: use.lines,
    member: use.member ? (memberSnapshot(use.member) as MemberSnapshotInput) : null,
    storeId: use.storeCode,
    channel: use.channel,
    now: now.toISOString(),
    couponCodes: [...codes],
    coupons: instances ?? [],
    ...(orderId ? { orderId } : {}),
  };
}

/** The answer of `validateCoupon`. */
export interface CouponValidationResult {
  readonly coupon: CouponResultDto;
  readonly currency: string;
  readonly asOf: string;
}

/**
 * Admin, store, member (own), storefront (guest carts): checks a code on a
 * cart with the engine, exactly as checkout would (after the program's
 * promotions; `quote`'s coupon step), with the usage counts the engine needs.
 * Rate-limited per credential and per member (RATE_LIMITED). No side effects.
 */
export async function validateCouponCode(
  ctx: ServiceContext,
  input: CouponUseInput,
): Promise<CouponValidationResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member', 'storefront']);
  const now = ctx.clock.now();
  const use = await resolveUse(ctx.em, caller, input);
  limitCouponAttempts(
    [`cred:${caller.credential}`, ...(use.member ? [`member:${use.member.id}`] : [])],
    now.getTime(),
  );
  const code = normalizeCodeOrNull(input.code);
  const { program } = await cachedProgramAt(ctx.em, caller.programId, now);
  const { instances } = await loadCouponInstances(
    ctx.em,
    caller.programId,
    program,
    [code],
    { memberId: use.member?.id ?? null, storeCode: use.storeCode },
    now.getTime(),
    false,
  );
  const q = callEngine(() => quote(program, quoteInput(use, [code], instances, now)));
  const result = q.coupons[0] ?? unknownCouponResult(code, program.currency);
  return {
    coupon: couponResultDto(result, currencyScale(program)),
    currency: program.currency,
    asOf: now.toISOString(),
  };
}

/** What `redeemCouponsForOrder` did. */
export interface OrderCouponsResult {
  readonly results: readonly CouponResultDto[];
  readonly redemptions: readonly { id: string; couponCode: string; discount: string }[];
}

/** Arguments of `redeemCouponsForOrder` (called inside the caller's transaction). */
export interface RedeemForOrderArgs {
  readonly programId: string;
  readonly program: EngineProgram;
  /** Audit actor (credential). */
  readonly actor: string;
  readonly codes: readonly string[];
  readonly member: Member | null;
  /** The engine's store id (store code). */
  readonly storeCode: string | null;
  readonly channel: Channel | null;
  readonly lines: readonly CartLineInput[];
  readonly orderId: string;
  readonly now: Date;
  /**
   * When one code is refused, redeem none of them (nothing is written; the
   * results say which code was refused and why). The purchase flow sets it.
   */
  readonly allOrNothing?: boolean;
}

function usageState(
  status: CouponStatusValue,
  timesUsed: number,
  usage: Readonly<Record<string, { redemptions?: number; amount?: unknown }>> | undefined,
): CouponUsageState {
  const map = new Map<string, LimitUsage>();
  for (const [limitId, u] of Object.entries(usage ?? {})) {
    map.set(limitId, {
      redemptions: u.redemptions ?? 0,
      amount: new Decimal(String(u.amount ?? 0)),
    });
  }
  return { status, timesUsed, usage: map };
}

async function persistCouponState(
  tx: Em,
  couponId: string,
  before: CouponUsageState,
  after: CouponUsageState,
): Promise<void> {
  // Conditional on the state read under the lock: a lost update is impossible.
  const done = await tx.execute<{ id: string }[]>(
    `update coupon set status = ?, times_used = ? where id = ? and times_used = ? returning id`,
    [after.status, after.timesUsed, couponId, before.timesUsed],
  );
  if (!done[0]) throw new Error('coupon changed under its lock');
}

/** The coupons of an order, locked by `lockOrderCoupons`: their rows and the engine's instances. */
export interface LockedOrderCoupons {
  readonly rows: readonly CouponRow[];
  readonly instances: CouponInstanceInput[];
}

type LockArgs = Pick<
  RedeemForOrderArgs,
  'programId' | 'program' | 'codes' | 'member' | 'storeCode' | 'orderId' | 'now'
> & {
  /**
   * The instant the order is priced as of (default `now`): the engine judges the
   * limits' windows there, so the counters of those windows are the ones locked.
   */
  readonly asOf?: Date;
};

/**
 * Locks the coupons with these codes and their limit counters `FOR UPDATE`
 * (fixed order) inside the caller's transaction, loads the instances the
 * engine's `quote` needs and finds the redemptions of these coupons already
 * on this order (read under the coupons' locks, so a concurrent redemption
 * of the same coupon on the order has committed or not started).
 */
async function lockCouponsOnOrder(
  tx: Em,
  args: LockArgs,
): Promise<LockedOrderCoupons & { readonly alreadyRedeemed: readonly CouponRedemption[] }> {
  const { rows, instances } = await loadCouponInstances(
    tx,
    args.programId,
    args.program,
    args.codes,
    { memberId: args.member?.id ?? null, storeCode: args.storeCode },
    (args.asOf ?? args.now).getTime(),
    true,
  );
  const alreadyRedeemed =
    rows.length > 0
      ? await tx.find(
          CouponRedemption,
          {
            programId: args.programId,
            orderId: args.orderId,
            couponId: { $in: rows.map((r) => r.id) },
          },
          { orderBy: { couponCode: 'asc' } },
        )
      : [];
  return { rows, instances, alreadyRedeemed };
}

/**
 * Locks the coupons with these codes and their limit counters `FOR UPDATE`
 * (fixed order) inside the caller's transaction and loads the instances the
 * engine's `quote` needs; a code already redeemed on this order is
 * ALREADY_REDEEMED_ON_ORDER (bad input).
 */
export async function lockOrderCoupons(tx: Em, args: LockArgs): Promise<LockedOrderCoupons> {
  const { rows, instances, alreadyRedeemed } = await lockCouponsOnOrder(tx, args);
  if (alreadyRedeemed.length > 0) {
    throw badInput(
      'orderId',
      'ALREADY_REDEEMED_ON_ORDER',
      `Coupon ${alreadyRedeemed[0]!.couponCode} was already redeemed on this order`,
    );
  }
  return { rows, instances };
}

/**
 * Persists the coupons the engine's quote `q` accepted (computed on the
 * instances of `locked`): for each, the engine's usage change to the coupon
 * and its counters, the redemption (input of a later rollback) and
 * `coupon.redeemed`. Refused codes change nothing.
 */
export async function persistOrderRedemptions(
  tx: Em,
  args: Pick<RedeemForOrderArgs, 'programId' | 'program' | 'actor' | 'member' | 'orderId' | 'now'>,
  locked: LockedOrderCoupons,
  q: Quote,
): Promise<OrderCouponsResult> {
  const scale = currencyScale(args.program);
  const memberId = args.member?.id ?? null;
  const redemptions: { id: string; couponCode: string; discount: string }[] = [];
  for (const r of q.coupons) {
    if (!r.valid) continue;
    const row = locked.rows.find((x) => x.code === r.couponCode);
    const instance = locked.instances.find((x) => x.code === r.couponCode);
    if (!row || !instance) throw new Error('accepted coupon without a row');
    const before = usageState(row.status, row.times_used, instance.usage);
    const after = applyCouponUsage(before, r.redemption.change);
    await persistCouponState(tx, row.id, before, after);
    await applyUsageCounters(tx, args.programId, r.redemption.change, {
      memberId: r.redemption.memberId,
      storeCode: r.redemption.storeId,
    });
    const id = uuidv7(args.now);
    tx.create(CouponRedemption, {
      id,
      programId: args.programId,
      couponId: row.id,
      couponCode: row.code,
      memberId,
      orderId: args.orderId,
      discount: r.discount.toFixed(4),
      redemption: redemptionToJson(r.redemption),
      returned: {},
      discountReturned: '0',
      status: 'redeemed',
      redeemedAt: args.now,
      rolledBackAt: null,
      actor: args.actor,
    });
    recordEvent(
      tx,
      args.programId,
      'coupon.redeemed',
      row.id,
      {
        code: row.code,
        templateId: row.template_id,
        memberId,
        orderId: args.orderId,
        discount: r.discount.toFixed(scale),
        redemptionId: id,
      },
      args.now,
    );
    redemptions.push({ id, couponCode: row.code, discount: r.discount.toFixed(scale) });
  }
  if (redemptions.length > 0) await tx.flush();
  return { results: q.coupons.map((r) => couponResultDto(r, scale)), redemptions };
}

/**
 * What `redeemCouponsForOrder` did: evaluated the codes (and persisted what
 * the engine accepted), or nothing because a code was already redeemed on
 * this order (that redemption, for its caller to replay or refuse).
 */
export type RedeemOnOrderResult =
  | ({ readonly kind: 'evaluated' } & OrderCouponsResult)
  | { readonly kind: 'alreadyRedeemed'; readonly redemption: CouponRedemption };

/**
 * Redeems coupons on an order inside the caller's transaction `tx`
 * (`redeemCoupon` calls this): locks the coupons and their limit counters,
 * asks the engine's `quote` (promotions, then coupons, stacking and limits)
 * and persists what it accepted (`persistOrderRedemptions`). Refused codes
 * change nothing and come back with the engine's reason. A code already
 * redeemed on this order writes nothing and returns that redemption.
 * `recordPurchase` calls the two halves itself (`lockOrderCoupons`, then
 * `persistOrderRedemptions`), around one quote of the whole purchase.
 */
export async function redeemCouponsForOrder(
  tx: Em,
  args: RedeemForOrderArgs,
): Promise<RedeemOnOrderResult> {
  const { alreadyRedeemed, ...locked } = await lockCouponsOnOrder(tx, args);
  if (alreadyRedeemed[0]) return { kind: 'alreadyRedeemed', redemption: alreadyRedeemed[0] };
  const use: UseContext = {
    caller: null as unknown as Authenticated,
    member: args.member,
    storeCode: args.storeCode,
    channel: args.channel,
    lines: [...args.lines],
  };
  const q = callEngine(() =>
    quote(args.program, quoteInput(use, args.codes, locked.instances, args.now, args.orderId)),
  );
  if (args.allOrNothing && q.coupons.some((r) => !r.valid)) {
    return {
      kind: 'evaluated',
      results: q.coupons.map((r) => couponResultDto(r, currencyScale(args.program))),
      redemptions: [],
    };
  }
  return { kind: 'evaluated', ...(await persistOrderRedemptions(tx, args, locked, q)) };
}

/** Input of `redeemCoupon`. */
export interface RedeemCouponInput extends CouponUseInput {
  readonly orderId: string;
  readonly idempotencyKey: string;
}

/** The answer of `redeemCoupon` (stored for idempotent replay). */
export interface RedeemCouponResult {
  readonly outcome: 'APPLIED' | 'REFUSED';
  readonly orderId: string;
  readonly coupon: CouponResultDto;
  readonly redemptionId: string | null;
}

function checkOrderId(orderId: string): string {
  if (typeof orderId !== 'string' || orderId.length < 1 || orderId.length > 200) {
    throw badInput('orderId', 'INVALID_ORDER_ID', 'orderId: 1 to 200 characters');
  }
  return orderId;
}

/**
 * The answer to a `redeemCoupon` whose coupon was already redeemed on the
 * order: the first answer when the request is the same (a retry with a new
 * idempotency key), IDEMPOTENCY_CONFLICT when it differs or the coupon came
 * with the order's purchase (as `recordPurchase` does for an order id).
 */
function replayRedemption(redemption: CouponRedemption, requestHash: string): RedeemCouponResult {
  if (redemption.requestHash === requestHash && redemption.answer) {
    return redemption.answer as unknown as RedeemCouponResult;
  }
  throw new AppError(
    'IDEMPOTENCY_CONFLICT',
    redemption.answer
      ? `Coupon ${redemption.couponCode} was already redeemed on order ${redemption.orderId} by a different request`
      : `Coupon ${redemption.couponCode} was already redeemed on order ${redemption.orderId} with its purchase`,
    {
      reason: 'ALREADY_REDEEMED_ON_ORDER',
      orderId: redemption.orderId,
      couponCode: redemption.couponCode,
    },
  );
}

/**
 * Admin, store, member (own): redeems one coupon on an order, idempotent on
 * the key and on the order and coupon: the same request again with a new key
 * replays the first answer; another request for a coupon already redeemed on
 * the order is IDEMPOTENCY_CONFLICT. Limits (uses per coupon, per member,
 * global, store, budgets) hold under concurrency: the coupon and counter rows
 * are locked. A refusal is a result with the engine's reason code, nothing
 * changes.
 */
export async function redeemCoupon(
  ctx: ServiceContext,
  input: RedeemCouponInput,
): Promise<RedeemCouponResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const orderId = checkOrderId(input.orderId);
  const code = normalizeCodeOrNull(input.code);
  const lines = toEngineLines(input.lines);
  return idempotent(
    ctx,
    caller,
    {
      operation: 'redeemCoupon',
      key: input.idempotencyKey,
      input: {
        code,
        memberId: input.memberId ?? null,
        orderId,
        lines,
        storeId: input.storeId ?? null,
        channel: input.channel ?? null,
      },
    },
    async (tx) => {
      const now = ctx.clock.now();
      const use = await resolveUse(tx, caller, input);
      const { program } = await cachedProgramAt(tx, caller.programId, now);
      // The request as resolved (member, store): a retry with another key must match it.
      const requestHash = sha256Hex(
        `redeemCoupon\n${canonicalJson({
          code,
          memberId: use.member?.id ?? null,
          orderId,
          lines,
          storeCode: use.storeCode,
          channel: use.channel,
        })}`,
      );
      const done = await redeemCouponsForOrder(tx, {
        programId: caller.programId,
        program,
        actor: caller.credential,
        codes: [code],
        member: use.member,
        storeCode: use.storeCode,
        channel: use.channel,
        lines,
        orderId,
        now,
      });
      if (done.kind === 'alreadyRedeemed') return replayRedemption(done.redemption, requestHash);
      const coupon =
        done.results[0] ??
        couponResultDto(unknownCouponResult(code, program.currency), currencyScale(program));
      const answer: RedeemCouponResult = {
        outcome: coupon.valid ? 'APPLIED' : 'REFUSED',
        orderId,
        coupon,
        redemptionId: done.redemptions[0]?.id ?? null,
      };
      if (answer.redemptionId) {
        await tx.nativeUpdate(
          CouponRedemption,
          { id: answer.redemptionId, programId: caller.programId },
          { requestHash, answer: JSON.parse(JSON.stringify(answer)) as Record<string, unknown> },
        );
      }
      return answer;
    },
  );
}

/** A line returned (quantity of this return). */
export interface ReturnedLineArgs {
  readonly lineId: string;
  readonly quantity: Decimal;
}

/** What a rollback did to one redemption. */
export interface RollbackDto {
  readonly redemptionId: string;
  readonly couponCode: string;
  /** True when the coupon's use was given back (the whole order is now returned). */
  readonly restoresUse: boolean;
  readonly discountReturned: string;
  readonly couponStatus: CouponStatusValue;
  readonly timesUsed: number;
}

/** Arguments of `rollbackCouponsForOrder` (inside the caller's transaction). */
export interface RollbackForOrderArgs {
  readonly programId: string;
  readonly program: EngineProgram;
  readonly orderId: string;
  /** Lines returned now; `'all'` cancels the whole (rest of the) order. */
  readonly returned: readonly ReturnedLineArgs[] | 'all';
  readonly now: Date;
}

/**
 * Rolls back the coupon redemptions of an order inside `tx` (the return flow
 * calls this): for each redemption, under the coupon's and counters' locks,
 * the engine's `rollbackCoupon` says what to give back (budget in proportion
 * to the units returned; the use once the whole order is returned) and
 * `applyCouponUsage` applies it. Earlier partial returns are remembered.
 */
export async function rollbackCouponsForOrder(
  tx: Em,
  args: RollbackForOrderArgs,
): Promise<RollbackDto[]> {
  const scale = currencyScale(args.program);
  const redemptions = await tx.find(
    CouponRedemption,
    { programId: args.programId, orderId: args.orderId, status: 'redeemed' },
    { orderBy: { couponCode: 'asc' } },
  );
  const out: RollbackDto[] = [];
  for (const red of redemptions) {
    const [row] = await tx.execute<{ status: CouponStatusValue; times_used: number }[]>(
      `select status, times_used from coupon where id = ? for update`,
      [red.couponId],
    );
    if (!row) throw new Error('redemption without its coupon');
    const redemption = redemptionFromJson(red.redemption);
    const lineIds = new Set(redemption.orderLines.map((l) => l.lineId));
    let engineReturned: { lineId: string; quantity: string; previouslyReturned: string }[] | 'all';
    const nextReturned: Record<string, string> = { ...red.returned };
    if (args.returned === 'all') {
      engineReturned = redemption.orderLines.map((l) => {
        const before = new Decimal(red.returned[l.lineId] ?? 0);
        nextReturned[l.lineId] = l.quantity.toString();
        return {
          lineId: l.lineId,
          quantity: l.quantity.minus(before).toString(),
          previouslyReturned: before.toString(),
        };
      });
    } else {
      engineReturned = [];
      for (const r of args.returned) {
        if (!lineIds.has(r.lineId)) continue;
        const line = redemption.orderLines.find((l) => l.lineId === r.lineId)!;
        const before = new Decimal(nextReturned[r.lineId] ?? 0);
        const upTo = before.plus(r.quantity);
        if (r.quantity.lte(0) || upTo.gt(line.quantity)) {
          throw badInput(
            'returned',
            'RETURN_EXCEEDS_ORDER',
            `Line ${r.lineId}: more returned than was bought`,
          );
        }
        engineReturned.push({
          lineId: r.lineId,
          quantity: r.quantity.toString(),
          previouslyReturned: before.toString(),
        });
        nextReturned[r.lineId] = upTo.toString();
      }
      if (engineReturned.length === 0) continue;
    }
    const rb = callEngine(() => rollbackCoupon(args.program, redemption, engineReturned));
    const counters = await lockCounters(tx, args.programId, rb.change, redemption);
    const before = { status: row.status, timesUsed: row.times_used, usage: counters };
    const after = applyCouponUsage(before, rb.change);
    await persistCouponState(tx, red.couponId, before, after);
    await applyUsageCounters(tx, args.programId, rb.change, {
      memberId: redemption.memberId,
      storeCode: redemption.storeId,
    });
    red.returned = nextReturned;
    red.discountReturned = new Decimal(red.discountReturned).plus(rb.discountReturned).toFixed(4);
    if (rb.restoresUse) {
      red.status = 'rolled_back';
      red.rolledBackAt = args.now;
    }
    recordEvent(
      tx,
      args.programId,
      'coupon.redemptionRolledBack',
      red.couponId,
      {
        code: red.couponCode,
        orderId: args.orderId,
        redemptionId: red.id,
        restoresUse: rb.restoresUse,
        discountReturned: rb.discountReturned.toFixed(scale),
      },
      args.now,
    );
    out.push({
      redemptionId: red.id,
      couponCode: red.couponCode,
      restoresUse: rb.restoresUse,
      discountReturned: rb.discountReturned.toFixed(scale),
      couponStatus: after.status,
      timesUsed: after.timesUsed,
    });
  }
  await tx.flush();
  return out;
}

/** Locks the counters a rollback moves (the redemption's periods) and returns their usage. */
async function lockCounters(
  tx: Em,
  programId: string,
  change: CouponUsageChange,
  redemption: { memberId: string | null; storeId: string | null },
): Promise<Map<string, LimitUsage>> {
  const usage = new Map<string, LimitUsage>();
  for (const l of [...change.limits].sort((a, b) => (a.limitId < b.limitId ? -1 : 1))) {
    const scopeKey =
      l.scope === 'global' ? '' : l.scope === 'member' ? redemption.memberId : redemption.storeId;
    if (scopeKey === null) continue;
    const [c] = await tx.execute<{ redemptions: number; amount: string }[]>(
      `select redemptions, amount::text as amount from coupon_limit_usage
       where program_id = ? and template_id = ? and limit_id = ? and scope_key = ? and period_key = ?
       for update`,
      [programId, change.templateId, l.limitId, scopeKey, l.periodKey],
    );
    usage.set(l.limitId, {
      redemptions: c?.redemptions ?? 0,
      amount: c ? new Decimal(c.amount) : ZERO,
    });
  }
  return usage;
}

/** Input of `rollbackCouponRedemptions`. */
export interface RollbackCouponsInput {
  readonly orderId: string;
  /** Lines returned now; absent or null: the order is cancelled (everything left). */
  readonly returnedLines?: readonly ReturnedLineArgs[] | null;
  readonly idempotencyKey: string;
}

/** The answer of `rollbackCouponRedemptions`. */
export interface RollbackCouponsResult {
  readonly orderId: string;
  readonly rollbacks: readonly RollbackDto[];
}

/**
 * Admin, store: gives back what the coupon redemptions of an order used when
 * it is returned (in part) or cancelled (D8), idempotent on the key.
 * NOT_FOUND when the order redeemed no coupon in the caller's program.
 */
export async function rollbackCouponRedemptions(
  ctx: ServiceContext,
  input: RollbackCouponsInput,
): Promise<RollbackCouponsResult> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const orderId = checkOrderId(input.orderId);
  const returned = input.returnedLines ?? 'all';
  return idempotent(
    ctx,
    caller,
    {
      operation: 'rollbackCouponRedemptions',
      key: input.idempotencyKey,
      input: {
        orderId,
        returned:
          returned === 'all'
            ? 'all'
            : returned.map((r) => ({ lineId: r.lineId, quantity: r.quantity.toString() })),
      },
    },
    async (tx) => {
      const now = ctx.clock.now();
      const any = await tx.findOne(CouponRedemption, { programId: caller.programId, orderId });
      if (!any) throw notFound('Order with coupon redemptions');
      const { program } = await cachedProgramAt(tx, caller.programId, now);
      const rollbacks = await rollbackCouponsForOrder(tx, {
        programId: caller.programId,
        program,
        orderId,
        returned,
        now,
      });
      return { orderId, rollbacks };
    },
  );
}
