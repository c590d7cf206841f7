import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '../db/orm.js';
import { Card, CardEvent, type CardEventType } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { badInput, notFound } from './errors.js';
import { generateCardNumber, isUuid, uuidv7 } from './ids.js';
import { loadMemberFor, loadOwnerFor } from './members.js';
import { recordEvent } from './outbox.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import { type Authenticated, requireRole } from './principal.js';

/** Card numbers given by the caller: 6..32 letters and digits. */
export function normalizeCardNumber(number: string): string {
  const n = number.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{6,32}$/.test(n)) {
    throw badInput('number', 'INVALID_CARD_NUMBER', 'Card number: 6 to 32 letters and digits');
  }
  return n;
}

/** Loads a card of the caller's program (members: only their own). */
async function loadCardFor(em: Em, caller: Authenticated, cardId: string): Promise<Card> {
  if (!isUuid(cardId)) throw notFound('Card');
  const card = await em.findOne(Card, { id: cardId, programId: caller.programId });
  if (!card) throw notFound('Card');
  // Also hides cards of deleted members and, for member tokens, of other members.
  await loadOwnerFor(em, caller, card.memberId, 'Card');
  return card;
}

function addEvent(tx: Em, card: Card, type: CardEventType, actor: string, now: Date): void {
  tx.create(CardEvent, {
    id: uuidv7(now),
    programId: card.programId,
    cardId: card.id,
    memberId: card.memberId,
    type,
    occurredAt: now,
    actor,
    note: null,
  });
}

async function insertCard(
  tx: Em,
  programId: string,
  memberId: string,
  number: string | null,
  now: Date,
): Promise<Card> {
  const chosen = number ?? generateCardNumber();
  if (await tx.findOne(Card, { programId, number: chosen })) {
    throw badInput('number', 'CARD_NUMBER_TAKEN', 'This card number is in use or was used');
  }
  return tx.create(Card, {
    id: uuidv7(now),
    programId,
    memberId,
    number: chosen,
    status: 'active',
    issuedAt: now,
    statusChangedAt: now,
    replacedById: null,
  });
}

function mapUnique(e: unknown): unknown {
  if (e instanceof UniqueConstraintViolationException) {
    if (e.message.includes('card_one_active_per_member')) {
      return badInput('memberId', 'ACTIVE_CARD_EXISTS', 'The member already has an active card');
    }
    if (e.message.includes('card_program_id_number_unique')) {
      return badInput('number', 'CARD_NUMBER_TAKEN', 'This card number is in use or was used');
    }
  }
  return e;
}

/** Input of `issueCard`. */
export interface IssueCardInput {
  readonly memberId: string;
  /** Given number; default a random 16-digit Luhn number. */
  readonly number?: string | null;
}

/** Admin, store: issues the member's one active card (M3). */
export async function issueCard(ctx: ServiceContext, input: IssueCardInput): Promise<Card> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const number = input.number == null ? null : normalizeCardNumber(input.number);
  const now = ctx.clock.now();
  try {
    return await ctx.em.transactional(async (tx) => {
      const member = await loadMemberFor(tx, caller, input.memberId);
      if (
        await tx.findOne(Card, {
          programId: caller.programId,
          memberId: member.id,
          status: 'active',
        })
      ) {
        throw badInput('memberId', 'ACTIVE_CARD_EXISTS', 'The member already has an active card');
      }
      const card = await insertCard(tx, caller.programId, member.id, number, now);
      addEvent(tx, card, 'issued', caller.credential, now);
      recordEvent(tx, caller.programId, 'card.issued', card.id, { memberId: member.id }, now);
      await tx.flush();
      return card;
    });
  } catch (e) {
    throw mapUnique(e);
  }
}

/** Admin, store, member (own card): blocks an active card at once (M3). */
export async function reportCardLost(ctx: ServiceContext, cardId: string): Promise<Card> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const now = ctx.clock.now();
  return ctx.em.transactional(async (tx) => {
    const card = await loadCardFor(tx, caller, cardId);
    if (card.status !== 'active') {
      throw badInput('cardId', 'CARD_NOT_ACTIVE', `The card is already ${card.status}`);
    }
    card.status = 'lost';
    card.statusChangedAt = now;
    addEvent(tx, card, 'lost', caller.credential, now);
    recordEvent(tx, caller.programId, 'card.lost', card.id, { memberId: card.memberId }, now);
    await tx.flush();
    return card;
  });
}

/** Input of `replaceCard`. */
export interface ReplaceCardInput {
  readonly cardId: string;
  readonly number?: string | null;
}

/**
 * Admin, store: replaces an active or lost card with a new number; the old
 * number is dead. Balances live on the member's accounts, so they carry over.
 */
export async function replaceCard(
  ctx: ServiceContext,
  input: ReplaceCardInput,
): Promise<{ oldCard: Card; newCard: Card }> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const number = input.number == null ? null : normalizeCardNumber(input.number);
  const now = ctx.clock.now();
  try {
    return await ctx.em.transactional(async (tx) => {
      const oldCard = await loadCardFor(tx, caller, input.cardId);
      if (oldCard.status === 'replaced') {
        throw badInput('cardId', 'CARD_ALREADY_REPLACED', 'The card was already replaced');
      }
      oldCard.status = 'replaced';
      oldCard.statusChangedAt = now;
      await tx.flush(); // free the one-active-card slot before inserting the new card
      const newCard = await insertCard(tx, caller.programId, oldCard.memberId, number, now);
      oldCard.replacedById = newCard.id;
      addEvent(tx, oldCard, 'replaced', caller.credential, now);
      addEvent(tx, newCard, 'issued', caller.credential, now);
      recordEvent(
        tx,
        caller.programId,
        'card.replaced',
        oldCard.id,
        { memberId: oldCard.memberId, newCardId: newCard.id },
        now,
      );
      await tx.flush();
      return { oldCard, newCard };
    });
  } catch (e) {
    throw mapUnique(e);
  }
}

/** Admin, store, member (own): one card by id. */
export async function getCard(ctx: ServiceContext, cardId: string): Promise<Card> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  return loadCardFor(ctx.em, caller, cardId);
}

/** Admin, store, member (own): a card's status history, oldest first. */
export async function cardHistory(
  ctx: ServiceContext,
  cardId: string,
  args: PageArgs,
): Promise<Page<CardEvent>> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'member']);
  const card = await loadCardFor(ctx.em, caller, cardId);
  const limit = pageSize(args);
  const after = args.after ? decodeCursor(args.after, 1)[0] : null;
  const rows = await ctx.em.find(
    CardEvent,
    { programId: caller.programId, cardId: card.id, ...(after ? { id: { $gt: after } } : {}) },
    { orderBy: { id: 'asc' }, limit: limit + 1 },
  );
  return toPage(rows, limit, (e) => [e.id]);
}
