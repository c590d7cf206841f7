import { type DecimalInput, ZERO } from '../money/index.js';
import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { computeLotExpiry } from './computeLotExpiry.js';
import { commit, fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import { parseKey, parsePoints, parseText } from './internal/input.js';
import type { LedgerResult } from './reasons.js';
import type { PointsAccount } from './types.js';

/** A manual correction by staff. */
export interface AdjustCommand {
  /** Caller's idempotency key; entry id `<programId>:adjust:<key>`. */
  readonly key: string;
  /** Signed points: > 0 credits, < 0 debits. */
  readonly points: DecimalInput;
  readonly reason: string;
  readonly operator: string;
}

/**
 * Manual adjustment, with reason and operator. A credit creates a lot that is
 * available at once and expires per `points.expiry` (settling debt first) and
 * counts as activity. A debit consumes available lots like a redemption;
 * when they are short, `allowDebt` takes pending lots and then records the
 * rest as debt, and the other return policies refuse with
 * `INSUFFICIENT_POINTS`.
 */
export function adjustPoints(
  program: Program,
  account: PointsAccount,
  command: AdjustCommand,
  now: InstantInput,
): LedgerResult {
  const nowMs = parseContext(program, account, now);
  const key = parseKey(command.key, 'key');
  const points = parsePoints(program, command.points, 'points', true);
  const reason = parseText(command.reason, 'reason');
  const operator = parseText(command.operator, 'operator');
  const fingerprint = fingerprintOf('adjust', [points, reason, operator]);
  const replay = replayOf(account, 'adjust', key, fingerprint);
  if (replay) return replay;

  const draft = openDraft(program, account, nowMs);
  const cause = { type: 'adjustment', reason, operator } as const;
  const lotId = `adjust:${key}`;
  if (points.gt(0)) {
    draft.touchActivity();
    const { expiresAt, expiresOn } = computeLotExpiry(program, nowMs);
    const { settled } = draft.addLot(
      {
        id: lotId,
        source: 'adjust',
        orderId: null,
        createdAt: nowMs,
        pendingUntil: nowMs,
        expiresAt,
        expiresOn,
      },
      points,
    );
    draft.post('adjust', key, {
      amount: points,
      delta: points,
      cause,
      fingerprint,
      allocations: [{ lotId, amount: points.minus(settled) }],
      debtChange: settled.negated(),
    });
    return commit(draft);
  }
  const wanted = points.negated();
  const available = draft.available();
  const allowDebt = program.points.returns === 'allowDebt';
  if (available.lt(wanted) && !allowDebt) {
    return { ok: false, reason: { code: 'INSUFFICIENT_POINTS', requested: wanted, available } };
  }
  const first = draft.take(wanted, draft.availableLots());
  const rest = wanted.minus(first.taken);
  const second = rest.gt(0)
    ? draft.take(rest, draft.pendingLots())
    : { allocations: [], taken: ZERO };
  const debt = rest.minus(second.taken);
  draft.debt = draft.debt.plus(debt);
  draft.post('adjust', key, {
    amount: wanted,
    delta: points,
    cause,
    fingerprint,
    allocations: [...first.allocations, ...second.allocations],
    debtChange: debt,
  });
  return commit(draft);
}
