import { InputError } from '../errors.js';
import { type CurrencyCode, type DecimalInput, minorUnits } from '../money/index.js';
import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { computeLotExpiry } from './computeLotExpiry.js';
import { computePendingUntil } from './computePendingUntil.js';
import { commit, fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import { parseKey, parseMoney, parseOptionalKey, parsePoints } from './internal/input.js';
import type { LedgerResult } from './reasons.js';
import type { PointsAccount } from './types.js';

/** Points earned on a purchase (the accrual result), to post as a lot. */
export interface EarnCommand {
  /** Caller's idempotency key; the entry id is `<programId>:earn:<key>`. Usually the order id. */
  readonly key: string;
  readonly orderId: string;
  /** Points earned (> 0, at the program's points scale). */
  readonly points: DecimalInput;
  /** Money amount of the order the points were earned on (clawback on return is proportional to it). */
  readonly orderAmount: DecimalInput;
  readonly ruleId?: string | null;
  readonly campaignId?: string | null;
}

/**
 * Earn: creates a lot pending until `now + points.pending` and expiring per
 * `points.expiry`, records a qualifying activity, and settles any debt from
 * the new points first. Several earn entries may name the same order
 * (different keys: base points, a campaign bonus...); they must agree on its
 * amount.
 */
export function earnPoints(
  program: Program,
  account: PointsAccount,
  command: EarnCommand,
  now: InstantInput,
): LedgerResult {
  const nowMs = parseContext(program, account, now);
  const key = parseKey(command.key, 'key');
  const orderId = parseKey(command.orderId, 'orderId');
  const points = parsePoints(program, command.points, 'points');
  const orderAmount = parseMoney(
    command.orderAmount,
    'orderAmount',
    minorUnits(program.currency as CurrencyCode),
    true,
  );
  const ruleId = parseOptionalKey(command.ruleId, 'ruleId');
  const campaignId = parseOptionalKey(command.campaignId, 'campaignId');
  const fingerprint = fingerprintOf('earn', [orderId, points, orderAmount, ruleId, campaignId]);
  const replay = replayOf(account, 'earn', key, fingerprint);
  if (replay) return replay;
  for (const e of account.entries) {
    if (
      e.cause.type === 'purchase' &&
      e.cause.orderId === orderId &&
      !e.cause.orderAmount.eq(orderAmount)
    ) {
      throw new InputError([
        {
          path: ['orderAmount'],
          code: 'order_amount_mismatch',
          message: `Order ${orderId} was earned on with amount ${e.cause.orderAmount}`,
        },
      ]);
    }
  }

  const draft = openDraft(program, account, nowMs);
  draft.touchActivity();
  const { expiresAt, expiresOn } = computeLotExpiry(program, nowMs);
  const lotId = `earn:${key}`;
  const { settled } = draft.addLot(
    {
      id: lotId,
      source: 'earn',
      orderId,
      createdAt: nowMs,
      pendingUntil: computePendingUntil(program, nowMs),
      expiresAt,
      expiresOn,
    },
    points,
  );
  draft.post('earn', key, {
    amount: points,
    delta: points,
    cause: { type: 'purchase', orderId, orderAmount, ruleId, campaignId },
    fingerprint,
    allocations: [{ lotId, amount: points.minus(settled) }],
    debtChange: settled.negated(),
  });
  return commit(draft);
}
