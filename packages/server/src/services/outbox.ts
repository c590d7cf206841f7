import type { Em } from '../db/orm.js';
import { OutboxEvent } from '../entities/index.js';
import { uuidv7 } from './ids.js';

/** Domain event types written to the outbox. */
export type DomainEventType =
  | 'member.enrolled'
  | 'member.updated'
  | 'member.deleted'
  | 'card.issued'
  | 'card.lost'
  | 'card.replaced'
  | 'storedValue.toppedUp'
  | 'storedValue.paid'
  | 'storedValue.refunded'
  | 'program.versionPublished'
  | 'coupon.issued'
  | 'coupon.redeemed'
  | 'coupon.redemptionRolledBack'
  | 'purchase.recorded'
  | 'purchase.returned'
  | 'points.earned'
  | 'points.redeemed'
  | 'points.clawedBack'
  | 'points.held'
  | 'points.captured'
  | 'points.released'
  | 'points.adjusted'
  | 'points.transferred'
  | 'points.vested'
  | 'points.expired'
  | 'tier.changed';

/**
 * Adds an event to the outbox in the caller's transaction (it is flushed and
 * committed with the change it reports, or not at all).
 */
export function recordEvent(
  tx: Em,
  programId: string,
  type: DomainEventType,
  subjectId: string,
  payload: Record<string, unknown>,
  now: Date,
): OutboxEvent {
  return tx.create(OutboxEvent, {
    id: uuidv7(now),
    programId,
    type,
    subjectId,
    payload,
    occurredAt: now,
    publishedAt: null,
  });
}
