import { InputError } from '../errors.js';
import type { Program } from '../program/schema.js';
import { sumWindow, type TierActivityInput } from './activity.js';
import { dayOf } from './civil.js';
import { type CompiledLadder, compileTiers } from './compileTiers.js';
import { parseTierInput } from './inputs.js';
import { iso, type TierResult, TierRun } from './result.js';
import { instantAt, type TierInstant, type TierState, type TierStateInput } from './state.js';
import { gaps, meets } from './thresholds.js';
import { highestEntryMet, upgradeCheck, validityFrom } from './upgrade.js';
import { windowAsOf, windowInfo } from './windows.js';

/** Kinds of event that trigger an evaluation. */
export const TIER_EVENT_KINDS = ['purchase', 'return', 'visit', 'other'] as const;
export type TierEventKind = (typeof TIER_EVENT_KINDS)[number];

/**
 * The event that triggered an evaluation. `at` (default `now`, never after
 * it) is when an upgrade takes effect; `id` names the order so that a later
 * return (`kind: "return"`, `returnOf: id`) can be matched to the upgrade it
 * caused. The activity summary must already include the event.
 */
export interface TierEvent {
  readonly kind: TierEventKind;
  readonly at?: TierInstant;
  readonly id?: string;
  readonly returnOf?: string;
}

/** Input of `evaluateTier`. */
export interface EvaluateTierInput {
  readonly state: TierStateInput;
  readonly activity: TierActivityInput;
  readonly now: TierInstant;
  readonly event?: TierEvent;
}

function parseEvent(
  event: TierEvent | undefined,
  now: number,
): { at: number; id: string | null; event: TierEvent | null } {
  if (event === undefined) return { at: now, id: null, event: null };
  if (!event || !(TIER_EVENT_KINDS as readonly string[]).includes(event.kind)) {
    throw new InputError([
      {
        path: ['event', 'kind'],
        code: 'invalid_value',
        message: `Expected one of ${TIER_EVENT_KINDS.join(', ')}`,
      },
    ]);
  }
  for (const key of ['id', 'returnOf'] as const) {
    const v = event[key];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0 || v.length > 200)) {
      throw new InputError([
        {
          path: ['event', key],
          code: 'invalid_type',
          message: 'Expected a non-empty string (max 200)',
        },
      ]);
    }
  }
  const at = event.at === undefined ? now : instantAt(event.at, ['event', 'at']);
  if (at > now) {
    throw new InputError([
      { path: ['event', 'at'], code: 'event_in_future', message: 'An event cannot be after `now`' },
    ]);
  }
  return { at, id: event.id ?? null, event };
}

function reversal(
  run: TierRun,
  state: TierState,
  activity: TierActivityInput,
  at: number,
  returnOf: string,
): TierState | null {
  const ladder = run.ladder;
  const last = state.lastUpgrade;
  if (!last || last.eventId !== returnOf) return null;
  const current = run.tier(state.tierId);
  const stands = (why: 'REVERSAL_DISABLED' | 'REVERSAL_PERIOD_OVER' | 'ENTRY_STILL_MET') => {
    run.add(
      { code: 'UPGRADE_STANDS', tierId: current.id, returnOf, why },
      `return of ${returnOf}: upgrade to ${current.id} stands (${why})`,
    );
    return state;
  };
  if (ladder.reversalDays === null) return stands('REVERSAL_DISABLED');
  const upgradeDay = ladder.calendar.dayOf(last.at);
  if (at >= ladder.calendar.startOf(upgradeDay + ladder.reversalDays + 1) || at < last.at) {
    return stands('REVERSAL_PERIOD_OVER');
  }
  // The window as it will be after a reversal (the previous tier's dates), so
  // that evaluating again finds nothing more to upgrade.
  const restored: TierState = { ...state, ...last.previous };
  const window = windowAsOf(ladder, restored, at);
  const totals = sumWindow(activity, window, true, ladder.use, ['activity']);
  if (meets(current.entry, totals)) return stands('ENTRY_STILL_MET');
  const previous = run.tier(last.previous.tierId);
  let target = highestEntryMet(ladder, totals, current.rank - 1);
  if (target.rank < previous.rank) target = previous;
  run.add(
    {
      code: 'UPGRADE_REVERSED',
      fromTierId: current.id,
      toTierId: target.id,
      returnOf,
      upgradedAt: iso(last.at),
      window: windowInfo(ladder.window, window),
      gaps: gaps(current.entry, totals),
    },
    `return of ${returnOf} within ${ladder.reversalDays} days of the upgrade at ${iso(last.at)}: ${current.id} -> ${target.id}`,
  );
  run.effectiveAt = at;
  if (target === previous) {
    return { ...state, ...last.previous, grace: null, lastUpgrade: null };
  }
  return {
    ...state,
    tierId: target.id,
    since: last.at,
    validUntil: validityFrom(ladder, last.at),
    grace: null,
    lastUpgrade: null,
  };
}

/**
 * Evaluates a member's tier on an event (a purchase, a return, a visit):
 * upgrades at once when a higher tier's entry thresholds are met over the
 * qualification window as of the event, effective at the event; ends a grace
 * period whose shortfall has been made up; reverses the last upgrade when its
 * order is returned within the program's reversal period and the entry is no
 * longer met. Never downgrades otherwise: downgrades happen only in
 * `reviewTier`. Pure; throws `InputError` on malformed input.
 */
export function evaluateTier(program: Program, input: EvaluateTierInput): TierResult {
  const ladder = compileTiers(program);
  const { state, now } = parseTierInput(ladder, input, true);
  return evaluateParsedTier(ladder, state, input.activity, now, input.event);
}

/**
 * `evaluateTier` on inputs already parsed by `parseTierInput` (the state
 * normalised, the activity validated, `now` in epoch ms); the event is
 * checked here.
 */
export function evaluateParsedTier(
  ladder: CompiledLadder,
  state: TierState,
  activity: TierActivityInput,
  now: number,
  eventInput: TierEvent | undefined,
): TierResult {
  const { at, id, event } = parseEvent(eventInput, now);
  const run = new TierRun(ladder);
  const m = state.manual;
  if (m && m.mode === 'fixed' && at < m.until) {
    run.add(
      { code: 'MANUAL_FIXED', tierId: state.tierId, until: iso(m.until) },
      `manual fixed ${state.tierId} until ${iso(m.until)}`,
    );
    return run.finish(state, state);
  }
  if (event?.kind === 'return' && event.returnOf !== undefined) {
    const reversed = reversal(run, state, activity, at, event.returnOf);
    if (reversed && reversed !== state) return run.finish(state, reversed);
  }
  let s = state;
  if (s.grace) {
    const current = run.tier(s.tierId);
    const g = s.grace;
    const window = {
      start: g.windowStart === null ? null : dayOf(g.windowStart),
      end: ladder.calendar.dayOf(at) + 1,
    };
    const totals = sumWindow(activity, window, true, ladder.use, ['activity']);
    if (meets(current.retention, totals)) {
      const info = windowInfo('grace', window);
      run.add(
        { code: 'GRACE_CLEARED', tierId: current.id, at: iso(at), window: info },
        `grace cleared at ${iso(at)}: ${current.id} retention met`,
      );
      s = { ...s, grace: null };
    }
  }
  return run.finish(state, upgradeCheck(run, s, activity, at, id, ['activity']));
}
