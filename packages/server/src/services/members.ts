import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { initialTierState } from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { type Address, Card, Member, Store } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { AppError, badInput, notFound } from './errors.js';
import { isUuid, uuidv7 } from './ids.js';
import {
  normalizeAddress,
  normalizeBirthday,
  normalizeChannel,
  normalizeEmail,
  normalizeGender,
  normalizeName,
  normalizePhone,
  normalizeTags,
} from './memberInput.js';
import { recordEvent } from './outbox.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import { type Authenticated, requireRole } from './principal.js';
import { engineProgramAt } from './programs.js';

/**
 * Loads a live member of the caller's program. A missing, deleted or foreign
 * id, or (for a member token) any member but the token's own, is NOT_FOUND.
 */
export async function loadMemberFor(
  em: Em,
  caller: Authenticated,
  memberId: string,
): Promise<Member> {
  assertMemberVisible(caller, memberId);
  const member = await em.findOne(Member, {
    id: memberId,
    programId: caller.programId,
    deletedAt: null,
  });
  if (!member) throw notFound('Member');
  return member;
}

/**
 * Loads the member who owns a record the caller found by its id (a purchase,
 * a payment, a card), hiding the record with its member: a member the caller
 * may not see (deleted, or another member for a member token) makes the
 * record NOT_FOUND as `record`, exactly like a missing id. Any other error (a
 * dropped connection, a database restart) propagates unchanged, so the client
 * gets a retryable INTERNAL, not a NOT_FOUND it would take as final.
 */
export async function loadOwnerFor(
  em: Em,
  caller: Authenticated,
  memberId: string,
  record: string,
): Promise<Member> {
  try {
    return await loadMemberFor(em, caller, memberId);
  } catch (e) {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound(record) : e;
  }
}

/**
 * The checks of `loadMemberFor` before any lookup: a malformed id, or (for a
 * member token) another member's id, is NOT_FOUND.
 */
export function assertMemberVisible(caller: Authenticated, memberId: string): void {
  if (!isUuid(memberId)) throw notFound('Member');
  if (caller.kind === 'member' && caller.memberId !== memberId) throw notFound('Member');
}

/** Admin, store, member (own): one member by id. */
export async function getMember(ctx: ServiceContext, memberId: string): Promise<Member> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  return loadMemberFor(ctx.em, caller, memberId);
}

/** Member token: the signed-in member. */
export async function getViewerMember(ctx: ServiceContext): Promise<Member> {
  const caller = requireRole(ctx.principal, ['member']);
  return loadMemberFor(ctx.em, caller, caller.memberId);
}

function uniqueViolation(e: unknown): AppError | null {
  if (!(e instanceof UniqueConstraintViolationException)) return null;
  if (e.message.includes('member_program_id_phone_live_unique')) {
    return badInput('phone', 'PHONE_TAKEN', 'Another member of this program has this phone');
  }
  if (e.message.includes('member_program_id_email_live_unique')) {
    return badInput('email', 'EMAIL_TAKEN', 'Another member of this program has this email');
  }
  return null;
}

async function assertContactFree(
  em: Em,
  programId: string,
  phone: string | null,
  email: string | null,
  exceptId: string | null,
): Promise<void> {
  const notSelf = exceptId ? { id: { $ne: exceptId } } : {};
  if (phone && (await em.findOne(Member, { programId, phone, deletedAt: null, ...notSelf }))) {
    throw badInput('phone', 'PHONE_TAKEN', 'Another member of this program has this phone');
  }
  if (email && (await em.findOne(Member, { programId, email, deletedAt: null, ...notSelf }))) {
    throw badInput('email', 'EMAIL_TAKEN', 'Another member of this program has this email');
  }
}

/** Input of `enrolMember`. */
export interface EnrolMemberInput {
  readonly name: string;
  readonly gender?: string | null;
  readonly birthday?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly address?: Address | null;
  /** Store of enrolment; a store key always enrols in its own store. */
  readonly storeId?: string | null;
  readonly channel: string;
  readonly tags?: readonly string[] | null;
  readonly marketingConsent?: boolean | null;
}

/** Admin, store: enrols a member (M1) and writes `member.enrolled` to the outbox. */
export async function enrolMember(ctx: ServiceContext, input: EnrolMemberInput): Promise<Member> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const phone = normalizePhone(input.phone);
  const email = normalizeEmail(input.email);
  const data = {
    name: normalizeName(input.name),
    gender: normalizeGender(input.gender),
    birthday: normalizeBirthday(input.birthday),
    address: normalizeAddress(input.address),
    channel: normalizeChannel(input.channel),
    tags: normalizeTags(input.tags),
    marketingConsent: input.marketingConsent ?? false,
  };
  let storeId = input.storeId ?? null;
  if (caller.kind === 'store') {
    if (storeId && storeId !== caller.storeId) throw notFound('Store');
    storeId = caller.storeId;
  } else if (storeId) {
    if (!isUuid(storeId)) throw notFound('Store');
    const store = await ctx.em.findOne(Store, { id: storeId, programId: caller.programId });
    if (!store) throw notFound('Store');
  }
  const now = ctx.clock.now();
  // The engine decides the starting tier (the base of the ladder), if the program has tiers.
  const { program } = await engineProgramAt(ctx.em, caller.programId, now);
  const tierState =
    program.tiers.ladder.length > 0
      ? initialTierState(program, { enrolledAt: now.getTime() })
      : null;
  try {
    return await ctx.em.transactional(async (tx) => {
      await assertContactFree(tx, caller.programId, phone, email, null);
      const member = tx.create(Member, {
        id: uuidv7(now),
        programId: caller.programId,
        ...data,
        phone,
        email,
        enrolStoreId: storeId,
        tierId: tierState?.tierId ?? null,
        tierState: tierState ? { ...tierState } : null,
        enrolledAt: now,
        updatedAt: now,
        deletedAt: null,
      });
      recordEvent(
        tx,
        caller.programId,
        'member.enrolled',
        member.id,
        { memberId: member.id, storeId, channel: data.channel, tierId: member.tierId },
        now,
      );
      await tx.flush();
      return member;
    });
  } catch (e) {
    throw uniqueViolation(e) ?? e;
  }
}

/** Input of `updateMember`: absent fields are unchanged, null clears a nullable field. */
export interface UpdateMemberInput {
  readonly memberId: string;
  readonly name?: string | null;
  readonly gender?: string | null;
  readonly birthday?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly address?: Address | null;
  readonly tags?: readonly string[] | null;
  readonly marketingConsent?: boolean | null;
}

/** Admin, store, member (own profile; not tags): updates a member. */
export async function updateMember(ctx: ServiceContext, input: UpdateMemberInput): Promise<Member> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  if (caller.kind === 'member' && input.tags !== undefined) {
    throw new AppError('FORBIDDEN', 'Members cannot change their own tags');
  }
  const now = ctx.clock.now();
  try {
    return await ctx.em.transactional(async (tx) => {
      const member = await loadMemberFor(tx, caller, input.memberId);
      const changed: string[] = [];
      const set = <K extends keyof Member>(key: K, value: Member[K]) => {
        if (JSON.stringify(member[key]) !== JSON.stringify(value)) {
          member[key] = value;
          changed.push(key);
        }
      };
      if (input.name != null) set('name', normalizeName(input.name));
      if (input.gender !== undefined) set('gender', normalizeGender(input.gender));
      if (input.birthday !== undefined) set('birthday', normalizeBirthday(input.birthday));
      if (input.phone !== undefined) set('phone', normalizePhone(input.phone));
      if (input.email !== undefined) set('email', normalizeEmail(input.email));
      if (input.address !== undefined) set('address', normalizeAddress(input.address));
      if (input.tags !== undefined) set('tags', normalizeTags(input.tags));
      if (input.marketingConsent != null) set('marketingConsent', input.marketingConsent);
      if (changed.length > 0) {
        await assertContactFree(tx, caller.programId, member.phone, member.email, member.id);
        member.updatedAt = now;
        recordEvent(tx, caller.programId, 'member.updated', member.id, { changed }, now);
        await tx.flush();
      }
      return member;
    });
  } catch (e) {
    throw uniqueViolation(e) ?? e;
  }
}

/**
 * Admin: soft-deletes a member. The member then answers like a missing one;
 * the phone and email become free; the ledger is kept.
 */
export async function deleteMember(ctx: ServiceContext, memberId: string): Promise<Member> {
  const caller = requireRole(ctx.principal, ['admin']);
  const now = ctx.clock.now();
  return ctx.em.transactional(async (tx) => {
    const member = await loadMemberFor(tx, caller, memberId);
    member.deletedAt = now;
    member.updatedAt = now;
    recordEvent(tx, caller.programId, 'member.deleted', member.id, {}, now);
    await tx.flush();
    return member;
  });
}

/** Search filters (all optional, combined with AND). */
export interface MemberFilter {
  /** Case-insensitive substring of the name. */
  readonly name?: string | null;
  /** Exact phone (normalised like on enrolment). */
  readonly phone?: string | null;
  /** Exact email (case-insensitive). */
  readonly email?: string | null;
  /** Number of an active card (lost and replaced numbers are dead). */
  readonly cardNumber?: string | null;
  readonly tag?: string | null;
  readonly tierId?: string | null;
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Admin, store: searches live members, oldest first, keyset-paginated. */
export async function searchMembers(
  ctx: ServiceContext,
  filter: MemberFilter,
  args: PageArgs,
): Promise<Page<Member>> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const limit = pageSize(args);
  const after = args.after ? decodeCursor(args.after, 1)[0] : null;
  const where: Record<string, unknown> = { programId: caller.programId, deletedAt: null };
  if (after) where.id = { $gt: after };
  if (filter.name != null) {
    const name = filter.name.trim();
    if (name.length < 1 || name.length > 200) {
      throw badInput('filter.name', 'INVALID_NAME', 'Name filter: 1 to 200 characters');
    }
    where.name = { $ilike: `%${likeEscape(name)}%` };
  }
  if (filter.phone != null) where.phone = normalizePhone(filter.phone);
  if (filter.email != null) where.email = normalizeEmail(filter.email);
  if (filter.tag != null) where.tags = { $contains: [filter.tag] };
  if (filter.tierId != null) where.tierId = filter.tierId;
  if (filter.cardNumber != null) {
    const card = await ctx.em.findOne(Card, {
      programId: caller.programId,
      number: filter.cardNumber.trim(),
      status: 'active',
    });
    if (!card) return { items: [], cursors: [], hasNextPage: false };
    where.id = after ? { $gt: after, $eq: card.memberId } : card.memberId;
  }
  const rows = await ctx.em.find(Member, where, { orderBy: { id: 'asc' }, limit: limit + 1 });
  return toPage(rows, limit, (m) => [m.id]);
}
