import { type DecimalInput, ZERO } from '../money/index.js';
import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { commit, fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import { parseKey, parsePoints } from './internal/input.js';
import type { LedgerResult } from './reasons.js';
import type { PointsAccount } from './types.js';

/** Reserve points (e.g. at checkout) until they are captured or released. */
export interface ReserveCommand {
  /** The hold id, chosen by the caller (idempotency key); entry id `<programId>:hold:<holdId>`. */
  readonly holdId: string;
  readonly points: DecimalInput;
  /** What the hold is for (cart, order or session id). */
  readonly reference: string;
}

/**
 * Hold: moves available points out of their lots (soonest-expiring first)
 * into a hold, so they are no longer spendable. The hold is released
 * automatically when `now >= createdAt + points.holds.timeoutMinutes`
 * (reads see it at once; the next transition or sweep posts the release).
 */
export function reservePoints(
  program: Program,
  account: PointsAccount,
  command: ReserveCommand,
  now: InstantInput,
): LedgerResult {
  const nowMs = parseContext(program, account, now);
  const holdId = parseKey(command.holdId, 'holdId');
  const points = parsePoints(program, command.points, 'points');
  const reference = parseKey(command.reference, 'reference');
  const fingerprint = fingerprintOf('hold', [points, reference]);
  const replay = replayOf(account, 'hold', holdId, fingerprint);
  if (replay) return replay;

  const draft = openDraft(program, account, nowMs);
  const available = draft.available();
  if (available.lt(points)) {
    return { ok: false, reason: { code: 'INSUFFICIENT_POINTS', requested: points, available } };
  }
  const { allocations } = draft.take(points, draft.availableLots());
  draft.holds.push({
    id: holdId,
    reference,
    amount: points,
    createdAt: nowMs,
    expiresAt: nowMs + program.points.holds.timeoutMinutes * 60_000,
    allocations,
    status: 'active',
    resolvedAt: null,
    resolvedBy: null,
  });
  draft.post('hold', holdId, {
    amount: points,
    delta: ZERO,
    cause: { type: 'hold', holdId, reference },
    fingerprint,
    allocations,
  });
  return commit(draft);
}
