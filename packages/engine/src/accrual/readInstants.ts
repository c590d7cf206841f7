import { InputError } from '../errors.js';
import { type InstantInput, toEpochMs } from '../time/index.js';

/** How far after the caller's `now` an occurrence may be dated (clock skew between systems). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Parses `occurredAt` and `now`; throws `InputError` when either is not an
 * instant or when the occurrence is dated more than `MAX_CLOCK_SKEW_MS`
 * after `now` (events dated in the future are refused).
 */
export function readInstants(
  occurredAt: InstantInput,
  now: InstantInput,
  occurredPath: readonly (string | number)[],
): { occurredAtMs: number; nowMs: number } {
  let occurredAtMs: number;
  let nowMs: number;
  try {
    occurredAtMs = toEpochMs(occurredAt);
  } catch (e) {
    throw new InputError([
      { path: occurredPath, code: 'invalid_format', message: (e as Error).message },
    ]);
  }
  try {
    nowMs = toEpochMs(now);
  } catch (e) {
    throw new InputError([
      { path: ['now'], code: 'invalid_format', message: (e as Error).message },
    ]);
  }
  if (occurredAtMs > nowMs + MAX_CLOCK_SKEW_MS) {
    throw new InputError([{ path: occurredPath, code: 'in_future', message: 'Dated after `now`' }]);
  }
  return { occurredAtMs, nowMs };
}
