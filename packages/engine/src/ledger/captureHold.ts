import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { commit, fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import { findHold, resolvingEntry } from './internal/findHold.js';
import { parseKey } from './internal/input.js';
import type { LedgerResult } from './reasons.js';
import type { PointsAccount } from './types.js';

/** Capture a hold: its points are redeemed. */
export interface CaptureCommand {
  readonly holdId: string;
}

/**
 * Capture: turns an active hold into a redemption of all its points (entry
 * `<programId>:capture:<holdId>`). A hold resolves exactly once: capturing a
 * captured hold replays the original capture; a released hold gives
 * `HOLD_ALREADY_RESOLVED`; a hold past its timeout gives `HOLD_EXPIRED`
 * (whether or not a sweep already released it). Records a qualifying activity.
 */
export function captureHold(
  program: Program,
  account: PointsAccount,
  command: CaptureCommand,
  now: InstantInput,
): LedgerResult {
  const nowMs = parseContext(program, account, now);
  const holdId = parseKey(command.holdId, 'holdId');
  const found = findHold(account, holdId);
  if ('code' in found) return { ok: false, reason: found };
  const fingerprint = fingerprintOf('capture', [holdId]);
  const replay = replayOf(account, 'capture', holdId, fingerprint);
  if (replay) return replay;
  if (
    found.status === 'released' &&
    resolvingEntry(account, found)?.cause.type === 'hold_timeout'
  ) {
    return { ok: false, reason: { code: 'HOLD_EXPIRED', holdId, expiredAt: found.expiresAt } };
  }
  if (found.status !== 'active') {
    return {
      ok: false,
      reason: {
        code: 'HOLD_ALREADY_RESOLVED',
        holdId,
        status: found.status,
        resolvedBy: found.resolvedBy ?? '',
      },
    };
  }
  if (nowMs >= found.expiresAt) {
    return { ok: false, reason: { code: 'HOLD_EXPIRED', holdId, expiredAt: found.expiresAt } };
  }

  const draft = openDraft(program, account, nowMs);
  const hold = draft.holds.find((h) => h.id === holdId)!;
  draft.touchActivity();
  const entry = draft.post('capture', holdId, {
    amount: hold.amount,
    delta: hold.amount.negated(),
    cause: { type: 'redemption', reference: hold.reference, orderId: null, value: null },
    fingerprint,
    allocations: hold.allocations,
  });
  hold.status = 'captured';
  hold.resolvedAt = nowMs;
  hold.resolvedBy = entry.id;
  return commit(draft);
}
