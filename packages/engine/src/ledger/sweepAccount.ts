import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { commit, parseContext } from './internal/begin.js';
import { Draft } from './internal/draft.js';
import { assertNotBefore } from './internal/input.js';
import type { LedgerSuccess } from './reasons.js';
import type { PointsAccount } from './types.js';

/**
 * The vest/expire sweep as of `now` (what a worker runs): releases holds past
 * their timeout (`hold_release`), posts `vest` for every lot whose pending
 * period ended before it expired, and `expire` for what is left of every lot
 * with `expiresAt <= now`. Idempotent: a second sweep at the same instant
 * posts nothing. Every other transition runs it first, so reads and writes
 * never depend on whether a worker ran.
 */
export function sweepAccount(
  program: Program,
  account: PointsAccount,
  now: InstantInput,
): LedgerSuccess {
  const nowMs = parseContext(program, account, now);
  assertNotBefore(account, nowMs);
  const draft = new Draft(program, account, nowMs);
  draft.sweep();
  return commit(draft);
}
