import {
  balanceOf,
  type CurrencyCode,
  Decimal,
  type Program as EngineProgram,
  isCurrencyCode,
  minorUnits,
  openAccount,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { Account, type Member, POINTS } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { callEngine } from './errors.js';
import { loadMemberFor } from './members.js';
import { loadPoints, type PointsBalanceDto, toBalanceDto } from './pointsAccount.js';
import { requireRole } from './principal.js';
import { cachedProgramAt } from './programCache.js';

/** Days of the "expiring soon" figure. */
export const PROFILE_EXPIRING_DAYS = 30;

/** The member profile summary (M2). */
export interface MemberProfileDto {
  readonly member: Member;
  readonly tier: { id: string; name: string } | null;
  /** `balanceOf` over the member's lots and holds, as of now. */
  readonly points: PointsBalanceDto;
  readonly storedValue: { currency: string; balance: string };
  /** Active coupons the member holds. */
  readonly couponsHeld: number;
  /** Purchases recorded. */
  readonly orders: number;
  /** Money spent over every purchase, returns deducted. */
  readonly lifetimeSpend: string;
  readonly lastPurchase: {
    orderId: string;
    occurredAt: string;
    amount: string;
    storeCode: string | null;
  } | null;
}

async function pointsOf(
  em: Em,
  program: EngineProgram,
  programId: string,
  member: Member,
  now: Date,
): Promise<PointsBalanceDto> {
  const scale = program.rounding.points.scale;
  const options = { expiringWithinDays: PROFILE_EXPIRING_DAYS };
  const row = await em.findOne(Account, { programId, memberId: member.id, unit: POINTS });
  if (!row) {
    return toBalanceDto(
      callEngine(() => balanceOf(program, openAccount(program, member.id), now, options)),
      scale,
    );
  }
  const loaded = await loadPoints(em, program, row, now);
  return toBalanceDto(
    callEngine(() => balanceOf(program, loaded.account, new Date(loaded.nowMs), options)),
    scale,
  );
}

/**
 * Admin, store, member (own): one answer with the member's tier, points
 * (available, pending, expiring soon: the engine's `balanceOf`), stored
 * value, coupons held, lifetime spend and last purchase.
 */
export async function memberProfile(
  ctx: ServiceContext,
  memberId: string | null | undefined,
): Promise<MemberProfileDto> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const id = memberId ?? (caller.kind === 'member' ? caller.memberId : '');
  const member = await loadMemberFor(ctx.em, caller, id);
  const now = ctx.clock.now();
  const { program } = await cachedProgramAt(ctx.em, caller.programId, now);
  if (!isCurrencyCode(program.currency)) throw new Error('Unknown program currency');
  const currency: CurrencyCode = program.currency;
  const scale = minorUnits(currency);
  const [summary] = await ctx.em.execute<
    {
      orders: string;
      spend: string | null;
      coupons: string;
      stored: string | null;
      last_order: string | null;
      last_at: Date | string | null;
      last_amount: string | null;
      last_store: string | null;
    }[]
  >(
    `select
       (select count(*) from purchase where program_id = ? and member_id = ?)::text as orders,
       (select sum(amount - returned_amount) from purchase where program_id = ? and member_id = ?)::text as spend,
       (select count(*) from coupon where program_id = ? and owner_member_id = ? and status = 'active')::text as coupons,
       (select balance from account where program_id = ? and member_id = ? and unit = ?)::text as stored,
       last.order_id as last_order, last.occurred_at as last_at, last.amount::text as last_amount,
       last.store_code as last_store
     from (select 1) as one
     left join lateral (
       select order_id, occurred_at, amount, store_code from purchase
       where program_id = ? and member_id = ? order by occurred_at desc limit 1
     ) as last on true`,
    [
      caller.programId,
      member.id,
      caller.programId,
      member.id,
      caller.programId,
      member.id,
      caller.programId,
      member.id,
      currency,
      caller.programId,
      member.id,
    ],
  );
  const tierDef = member.tierId ? program.tiers.ladder.find((t) => t.id === member.tierId) : null;
  return {
    member,
    tier: member.tierId ? { id: member.tierId, name: tierDef?.name ?? member.tierId } : null,
    points: await pointsOf(ctx.em, program, caller.programId, member, now),
    storedValue: { currency, balance: new Decimal(summary?.stored ?? 0).toFixed(scale) },
    couponsHeld: Number(summary?.coupons ?? 0),
    orders: Number(summary?.orders ?? 0),
    lifetimeSpend: new Decimal(summary?.spend ?? 0).toFixed(scale),
    lastPurchase: summary?.last_order
      ? {
          orderId: summary.last_order,
          occurredAt: new Date(summary.last_at as string).toISOString(),
          amount: new Decimal(summary.last_amount ?? 0).toFixed(scale),
          storeCode: summary.last_store,
        }
      : null,
  };
}
