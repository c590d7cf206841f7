import { InputError } from '../../errors.js';
import type { Program } from '../../program/index.js';
import type { InstantInput } from '../../time/index.js';
import type { LedgerResult, LedgerSuccess } from '../reasons.js';
import type { EntryKind, PointsAccount } from '../types.js';
import { Draft, entryId } from './draft.js';
import { assertNotBefore, parseNow } from './input.js';

/** Checks that the account belongs to the program and parses `now`. */
export function parseContext(program: Program, account: PointsAccount, now: InstantInput): number {
  if (account.programId !== program.id) {
    throw new InputError([
      {
        path: ['account', 'programId'],
        code: 'wrong_program',
        message: 'Account of another program',
      },
    ]);
  }
  return parseNow(now);
}

/**
 * Idempotent replay: when the command's entry exists with the same
 * fingerprint, the original entry and the unchanged account; with another
 * fingerprint, `IDEMPOTENCY_CONFLICT`; null when it was never posted.
 */
export function replayOf(
  account: PointsAccount,
  kind: EntryKind,
  key: string,
  fingerprint: string,
): LedgerResult | null {
  const id = entryId(account.programId, kind, key);
  const entry = account.entries.find((e) => e.id === id);
  if (entry === undefined) return null;
  if (entry.fingerprint !== fingerprint) {
    return { ok: false, reason: { code: 'IDEMPOTENCY_CONFLICT', entryId: id } };
  }
  return { ok: true, account, entries: [entry], replayed: true };
}

/** A draft at `now` with the sweep already run (refuses `now` before the latest posting). */
export function openDraft(program: Program, account: PointsAccount, nowMs: number): Draft {
  assertNotBefore(account, nowMs);
  const draft = new Draft(program, account, nowMs);
  draft.sweep();
  return draft;
}

/** The accepted outcome of a draft. */
export function commit(draft: Draft): LedgerSuccess {
  return {
    ok: true,
    account: draft.finish(),
    entries: Object.freeze([...draft.posted]),
    replayed: false,
  };
}

/** Canonical text of a command, compared on replay. */
export function fingerprintOf(
  kind: string,
  parts: readonly (string | number | null | { toString(): string })[],
): string {
  return `${kind}|${parts.map((p) => (p === null ? '' : String(p))).join('|')}`;
}
