import type { EvalContext } from '../model/context.js';
import type { Audience, BirthdayScope } from '../program/conditions.js';
import { anniversaryInYear, daysBetween } from '../time/index.js';

/** Why an audience did not match. */
export type AudienceMiss =
  | 'STORE_NOT_ELIGIBLE'
  | 'CHANNEL_NOT_ELIGIBLE'
  | 'TIER_NOT_ELIGIBLE'
  | 'SEGMENT_NOT_ELIGIBLE'
  | 'NOT_A_NEW_MEMBER'
  | 'NOT_BIRTHDAY'
  | 'NO_MEMBER';

const DAY_MS = 86_400_000;

/**
 * True when the local date of `ctx` is within the member's birthday scope.
 * A 29 February birthday falls on 28 February in common years.
 */
export function isBirthday(monthDay: string, scope: BirthdayScope, ctx: EvalContext): boolean {
  const local = ctx.local;
  const birthday = anniversaryInYear(monthDay, local.year);
  if (scope === 'month') return birthday.slice(5, 7) === local.date.slice(5, 7);
  if (scope === 'day') return birthday === local.date;
  // ISO week: Monday..Sunday containing today's date must contain the birthday.
  const offset = daysBetween(local.date, birthday);
  const dayIndex = local.weekday - 1; // 0 = Monday
  return offset >= -dayIndex && offset <= 6 - dayIndex;
}

/** Returns null when the context is in the audience, else the first reason it is not (in field order). */
export function matchAudience(
  audience: Audience | undefined,
  ctx: EvalContext,
): AudienceMiss | null {
  if (!audience) return null;
  if (audience.stores && (ctx.storeId === null || !audience.stores.includes(ctx.storeId)))
    return 'STORE_NOT_ELIGIBLE';
  if (audience.channels && (ctx.channel === null || !audience.channels.includes(ctx.channel))) {
    return 'CHANNEL_NOT_ELIGIBLE';
  }
  const needsMember =
    audience.tiers ||
    audience.segments ||
    audience.newMemberWithinDays !== undefined ||
    audience.birthday;
  const member = ctx.member;
  if (needsMember && !member) return 'NO_MEMBER';
  if (!member) return null;
  if (audience.tiers && (member.tierId === null || !audience.tiers.includes(member.tierId)))
    return 'TIER_NOT_ELIGIBLE';
  if (audience.segments && !audience.segments.some((s) => member.tags.has(s)))
    return 'SEGMENT_NOT_ELIGIBLE';
  if (audience.excludeSegments?.some((s) => member.tags.has(s))) return 'SEGMENT_NOT_ELIGIBLE';
  if (
    audience.newMemberWithinDays !== undefined &&
    ctx.nowMs - member.enrolledAtMs > audience.newMemberWithinDays * DAY_MS
  ) {
    return 'NOT_A_NEW_MEMBER';
  }
  if (
    audience.birthday &&
    (member.birthday === null || !isBirthday(member.birthday, audience.birthday, ctx))
  ) {
    return 'NOT_BIRTHDAY';
  }
  return null;
}
