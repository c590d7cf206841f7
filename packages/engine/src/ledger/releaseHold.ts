import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { commit, openDraft, parseContext } from './internal/begin.js';
import { findHold, resolvingEntry } from './internal/findHold.js';
import { parseKey } from './internal/input.js';
import type { LedgerResult } from './reasons.js';
import type { PointsAccount } from './types.js';

/** Release a hold: its points go back to their lots. */
export interface ReleaseCommand {
  readonly holdId: string;
}

/**
 * Release: gives an active hold's points back to the lots they came from
 * (settling any debt first; points of lots that expired meanwhile expire in
 * the same transition). Releasing a released hold (explicitly or by timeout)
 * replays that release; a captured hold gives `HOLD_ALREADY_RESOLVED`.
 */
export function releaseHold(
  program: Program,
  account: PointsAccount,
  command: ReleaseCommand,
  now: InstantInput,
): LedgerResult {
  const nowMs = parseContext(program, account, now);
  const holdId = parseKey(command.holdId, 'holdId');
  const found = findHold(account, holdId);
  if ('code' in found) return { ok: false, reason: found };
  if (found.status === 'captured') {
    return {
      ok: false,
      reason: {
        code: 'HOLD_ALREADY_RESOLVED',
        holdId,
        status: 'captured',
        resolvedBy: found.resolvedBy ?? '',
      },
    };
  }
  if (found.status === 'released') {
    const entry = resolvingEntry(account, found);
    return { ok: true, account, entries: entry ? [entry] : [], replayed: true };
  }

  const draft = openDraft(program, account, nowMs);
  const hold = draft.holds.find((h) => h.id === holdId)!;
  if (hold.status === 'active') {
    draft.releaseHold(
      hold,
      { type: 'hold', holdId, reference: hold.reference },
      `hold_release|${holdId}`,
      nowMs,
    );
  }
  return commit(draft);
}
