import { type CurrencyCode, Decimal, type DecimalInput, minorUnits } from '../money/index.js';
import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { commit, fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import { parseKey, parseMoney, parsePoints } from './internal/input.js';
import { pointsPaymentLimit, pointsValue } from './pointsPaymentLimit.js';
import type { LedgerRefusal, LedgerSuccess } from './reasons.js';
import type { PointsAccount } from './types.js';

/** Pay part of an order with points. */
export interface PaymentCommand {
  /** Caller's idempotency key; entry id `<programId>:redeem:<key>`. */
  readonly key: string;
  readonly orderId: string;
  readonly points: DecimalInput;
  /** Order amount the share limit applies to (before the points payment). */
  readonly orderAmount: DecimalInput;
}

/** An accepted payment: the redemption and the money it covers. */
export type PaymentSuccess = LedgerSuccess & { readonly value: Decimal };

/** Outcome of `applyPointsPayment`. */
export type PaymentResult = PaymentSuccess | LedgerRefusal;

/**
 * Points as payment (P7): redeems `points` against an order and returns
 * their money `value` (`pointsValue`: `points * rate`, rounded to the minor
 * unit with `rounding.money.mode`). Checks, in order: replay /
 * `IDEMPOTENCY_CONFLICT`, `PAYMENT_DISABLED`, `NOT_A_MULTIPLE_OF_STEP`,
 * `BELOW_MINIMUM`, `EXCEEDS_MAXIMUM_SHARE`, `INSUFFICIENT_POINTS`.
 */
export function applyPointsPayment(
  program: Program,
  account: PointsAccount,
  command: PaymentCommand,
  now: InstantInput,
): PaymentResult {
  const nowMs = parseContext(program, account, now);
  const key = parseKey(command.key, 'key');
  const orderId = parseKey(command.orderId, 'orderId');
  const points = parsePoints(program, command.points, 'points');
  const orderAmount = parseMoney(
    command.orderAmount,
    'orderAmount',
    minorUnits(program.currency as CurrencyCode),
    false,
  );
  const value = pointsValue(program, points);
  const fingerprint = fingerprintOf('payment', [orderId, points, orderAmount]);
  const replay = replayOf(account, 'redeem', key, fingerprint);
  if (replay) {
    if (!replay.ok) return replay;
    const cause = replay.entries[0]!.cause;
    return { ...replay, value: cause.type === 'redemption' && cause.value ? cause.value : value };
  }
  const policy = program.points.payment;
  if (!policy.enabled) return { ok: false, reason: { code: 'PAYMENT_DISABLED' } };
  const step = new Decimal(policy.step);
  if (!points.mod(step).isZero()) {
    return { ok: false, reason: { code: 'NOT_A_MULTIPLE_OF_STEP', step, requested: points } };
  }
  const minimum = new Decimal(policy.minPoints);
  if (points.lt(minimum))
    return { ok: false, reason: { code: 'BELOW_MINIMUM', minimum, requested: points } };
  const byShare = pointsPaymentLimit(program, { available: points, orderAmount });
  if (byShare.maxPoints.lt(points)) {
    return {
      ok: false,
      reason: {
        code: 'EXCEEDS_MAXIMUM_SHARE',
        maxPoints: pointsPaymentLimit(program, { available: '1000000000000', orderAmount })
          .maxPoints,
        maxValue: byShare.shareCap,
        requested: points,
      },
    };
  }

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
    cause: { type: 'redemption', reference: orderId, orderId, value },
    fingerprint,
    allocations,
  });
  return { ...commit(draft), value };
}
