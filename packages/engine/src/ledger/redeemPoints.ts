import type { DecimalInput } from '../money/index.js';
import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { commit, fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import { parseKey, parseOptionalKey, parsePoints } from './internal/input.js';
import type { LedgerResult } from './reasons.js';
import type { PointsAccount } from './types.js';

/** Spend points (a reward, a coupon exchange...). For checkout payment use `applyPointsPayment`. */
export interface RedeemCommand {
  /** Caller's idempotency key; the entry id is `<programId>:redeem:<key>`. */
  readonly key: string;
  readonly points: DecimalInput;
  /** What the points were spent on (reward id, coupon code...). */
  readonly reference: string;
  readonly orderId?: string | null;
}

/**
 * Redeem: consumes available points (vested, unexpired, not held),
 * soonest-expiring lot first, ties by earn instant then lot id. Refused with
 * `INSUFFICIENT_POINTS` when the available balance is short; never creates
 * debt. Records a qualifying activity.
 */
export function redeemPoints(
  program: Program,
  account: PointsAccount,
  command: RedeemCommand,
  now: InstantInput,
): LedgerResult {
  const nowMs = parseContext(program, account, now);
  const key = parseKey(command.key, 'key');
  const points = parsePoints(program, command.points, 'points');
  const reference = parseKey(command.reference, 'reference');
  const orderId = parseOptionalKey(command.orderId, 'orderId');
  const fingerprint = fingerprintOf('redeem', [points, reference, orderId]);
  const replay = replayOf(account, 'redeem', key, fingerprint);
  if (replay) return replay;

  const draft = openDraft(program, account, nowMs);
  const available = draft.available();
  if (available.lt(points)) {
    return { ok: false, reason: { code: 'INSUFFICIENT_POINTS', requested: points, available } };
  }
  const { allocations } = draft.take(points, draft.availableLots());
  draft.touchActivity();
  draft.post('redeem', key, {
    amount: points,
    delta: points.negated(),
    cause: { type: 'redemption', reference, orderId, value: null },
    fingerprint,
    allocations,
  });
  return commit(draft);
}
