import { InputError } from '../errors.js';
import type { Program } from '../program/schema.js';
import { compileTiers } from './compileTiers.js';
import { parseTierInput } from './inputs.js';
import { iso, type TierResult, TierRun } from './result.js';
import {
  instantAt,
  MANUAL_REASONS,
  type ManualMode,
  type ManualReason,
  type TierInstant,
  type TierState,
  type TierStateInput,
} from './state.js';

/** Input of `assignTier`. */
export interface AssignTierInput {
  readonly state: TierStateInput;
  readonly tierId: string;
  readonly mode: ManualMode;
  /** When the assignment ends (exclusive); must be after `now`. */
  readonly until: TierInstant;
  readonly reason: ManualReason;
  readonly now: TierInstant;
  /** Free text for the audit trail (who, which status was matched...), max 500. */
  readonly note?: string;
}

function fail(path: string, code: string, message: string): never {
  throw new InputError([{ path: [path], code, message }]);
}

/**
 * Assigns a tier by hand (status match, invitation, correction), effective
 * `now` until `until`. `fixed` pins the tier: no upgrade and no downgrade
 * until the end. `floor` sets the member to at least that tier: they may
 * rise above it, and reviews never take them below it until the end. The end
 * is a review point (see `reviewTier`): the tier is kept if its retention
 * thresholds are met over the window as of the end, otherwise the member
 * gets the higher of the tier they held before the assignment (restored with
 * its dates) and the tier their own activity reaches. A new assignment
 * replaces the one in force and keeps the tier held before the first.
 */
export function assignTier(program: Program, input: AssignTierInput): TierResult {
  const ladder = compileTiers(program);
  const { state, now } = parseTierInput(ladder, input, false);
  const target = ladder.byId.get(input.tierId);
  if (!target) fail('tierId', 'unknown_tier', `Unknown tier ${JSON.stringify(input.tierId)}`);
  if (input.mode !== 'fixed' && input.mode !== 'floor')
    fail('mode', 'invalid_value', 'Expected fixed or floor');
  if (!(MANUAL_REASONS as readonly string[]).includes(input.reason)) {
    fail('reason', 'invalid_value', `Expected one of ${MANUAL_REASONS.join(', ')}`);
  }
  if (input.note !== undefined && (typeof input.note !== 'string' || input.note.length > 500)) {
    fail('note', 'invalid_type', 'Expected a string of at most 500 characters');
  }
  const until = instantAt(input.until, ['until']);
  if (until <= now) fail('until', 'not_after_now', 'A manual assignment must end after `now`');
  const run = new TierRun(ladder);
  const current = run.tier(state.tierId);
  const next = input.mode === 'fixed' || target.rank > current.rank ? target : current;
  const changed = next !== current;
  const previous = state.manual
    ? state.manual.previous
    : { tierId: state.tierId, since: state.since, validUntil: state.validUntil };
  run.add(
    {
      code: 'MANUAL_ASSIGNED',
      fromTierId: current.id,
      toTierId: next.id,
      mode: input.mode,
      reason: input.reason,
      until: iso(until),
    },
    `manual ${input.mode} ${target.id} (${input.reason}) from ${iso(now)} until ${iso(until)}: ${current.id} -> ${next.id}`,
  );
  if (changed) run.effectiveAt = now;
  const after: TierState = {
    ...state,
    tierId: next.id,
    since: changed ? now : state.since,
    validUntil: changed ? null : state.validUntil,
    grace: changed || input.mode === 'fixed' ? null : state.grace,
    lastUpgrade: changed ? null : state.lastUpgrade,
    manual: {
      tierId: target.id,
      mode: input.mode,
      until,
      reason: input.reason,
      assignedAt: now,
      note: input.note ?? null,
      previous,
    },
  };
  return run.finish(state, after);
}
