import {
  type CurrencyCode,
  type Decimal,
  type DecimalInput,
  minorUnits,
  round,
  ZERO,
} from '../money/index.js';
import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { commit, fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import type { DraftLot } from './internal/draft.js';
import { parseKey, parseMoney } from './internal/input.js';
import type { LedgerResult } from './reasons.js';
import type { LotAllocation, PointsAccount } from './types.js';

/** A full or partial return of an order that earned points. */
export interface ReturnCommand {
  /** Caller's return id (idempotency key); entry id `<programId>:clawback:<returnId>`. */
  readonly returnId: string;
  readonly orderId: string;
  /** Money returned by this return (> 0). */
  readonly returnedAmount: DecimalInput;
}

/**
 * Clawback on return. Cumulative and proportional: after returns totalling
 * `R` of an order of amount `M` that earned `E` points (all its earn
 * entries), exactly `round(E * R / M)` points (program points rounding) are
 * due back in total, so returns adding up to the whole order take back
 * exactly `E`. This return's due is that target minus what earlier returns
 * were due. It is taken from the order's pending lots first, then per
 * `points.returns`:
 *
 * - `pendingOnly`: the rest is forgiven;
 * - `withinBalance`: the order's available lots, then any available lots;
 *   the rest is forgiven;
 * - `allowDebt`: as `withinBalance`, then any pending lots, then debt.
 *
 * The entry's `amount` is the due; `allocations` what lots gave;
 * `debtChange` the debt created; `forgiven` what the policy let go.
 */
export function clawBackReturn(
  program: Program,
  account: PointsAccount,
  command: ReturnCommand,
  now: InstantInput,
): LedgerResult {
  const nowMs = parseContext(program, account, now);
  const returnId = parseKey(command.returnId, 'returnId');
  const orderId = parseKey(command.orderId, 'orderId');
  const returned = parseMoney(
    command.returnedAmount,
    'returnedAmount',
    minorUnits(program.currency as CurrencyCode),
    true,
  );
  const fingerprint = fingerprintOf('clawback', [orderId, returned]);
  const replay = replayOf(account, 'clawback', returnId, fingerprint);
  if (replay) return replay;

  let earned = ZERO;
  let orderAmount: Decimal | null = null;
  let returnedBefore = ZERO;
  let dueBefore = ZERO;
  for (const e of account.entries) {
    if (e.cause.type === 'purchase' && e.cause.orderId === orderId) {
      earned = earned.plus(e.amount);
      orderAmount = e.cause.orderAmount;
    } else if (e.cause.type === 'return' && e.cause.orderId === orderId) {
      returnedBefore = returnedBefore.plus(e.cause.returnedAmount);
      dueBefore = dueBefore.plus(e.amount);
    }
  }
  if (orderAmount === null) return { ok: false, reason: { code: 'NOTHING_TO_CLAW_BACK', orderId } };
  const returnedToDate = returnedBefore.plus(returned);
  if (returnedToDate.gt(orderAmount)) {
    return {
      ok: false,
      reason: {
        code: 'RETURN_EXCEEDS_ORDER',
        orderId,
        orderAmount,
        returnedToDate: returnedBefore,
        requested: returned,
      },
    };
  }
  const { scale, mode } = program.rounding.points;
  const target = returnedToDate.eq(orderAmount)
    ? earned
    : round(earned.times(returnedToDate).div(orderAmount), scale, mode);
  const due = target.minus(dueBefore);

  const draft = openDraft(program, account, nowMs);
  const policy = program.points.returns;
  const ofOrder = (l: DraftLot) => l.orderId === orderId;
  const sources: DraftLot[][] = [draft.pendingLots().filter(ofOrder)];
  if (policy !== 'pendingOnly') {
    const available = draft.availableLots();
    sources.push(
      available.filter(ofOrder),
      available.filter((l) => !ofOrder(l)),
    );
  }
  if (policy === 'allowDebt') sources.push(draft.pendingLots().filter((l) => !ofOrder(l)));
  const allocations: LotAllocation[] = [];
  let left = due;
  for (const lots of sources) {
    const step = draft.take(left, lots);
    allocations.push(...step.allocations);
    left = left.minus(step.taken);
  }
  const debt = policy === 'allowDebt' ? left : ZERO;
  const forgiven = left.minus(debt);
  draft.debt = draft.debt.plus(debt);
  const recovered = due.minus(forgiven);
  draft.post('clawback', returnId, {
    amount: due,
    delta: recovered.negated(),
    cause: {
      type: 'return',
      orderId,
      returnId,
      returnedAmount: returned,
      returnedToDate,
      orderAmount,
    },
    fingerprint,
    allocations,
    debtChange: debt,
    forgiven,
  });
  return commit(draft);
}
