import { InputError } from '../errors.js';
import { type InstantInput, toEpochMs } from '../time/index.js';
import { isCivilDate } from './civil.js';
import type { CompiledLadder } from './compileTiers.js';

/** An instant at the API: ISO string with offset, Date, or epoch milliseconds. */
export type TierInstant = InstantInput | number;

/** Why a tier was assigned by hand. */
export const MANUAL_REASONS = ['status_match', 'invitation', 'correction', 'other'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

/**
 * How a manual tier applies until its end: `fixed` pins the tier (no upgrade,
 * no downgrade); `floor` lets the member rise above it but never fall below.
 */
export type ManualMode = 'fixed' | 'floor';

/** A tier with the instants that go with it, kept to restore it. */
export interface TierSnapshot {
  readonly tierId: string;
  readonly since: number;
  readonly validUntil: number | null;
}

/** A manual assignment in force. */
export interface ManualAssignment {
  readonly tierId: string;
  readonly mode: ManualMode;
  /** Exclusive end (epoch ms): the assignment ends at this instant (a review point). */
  readonly until: number;
  readonly reason: ManualReason;
  readonly assignedAt: number;
  readonly note: string | null;
  /** The tier held before the assignment, restored at its end unless the member earned more. */
  readonly previous: TierSnapshot;
}

/** A grace period started by a review that found retention missed. */
export interface GraceState {
  /** The review that started it (epoch ms). */
  readonly reviewAt: number;
  /** Exclusive end (epoch ms): the deciding review point. */
  readonly until: number;
  /** First local date of the reviewed window, extended through the grace period (null = lifetime). */
  readonly windowStart: string | null;
}

/** The last upgrade, kept while a return of its order may still reverse it. */
export interface LastUpgrade {
  readonly at: number;
  /** Id of the event (order) that caused it, when the caller gave one. */
  readonly eventId: string | null;
  readonly previous: TierSnapshot;
}

/**
 * A member's tier state as the engine returns it and the caller persists it.
 * Instants are epoch milliseconds.
 */
export interface TierState {
  readonly tierId: string;
  /** When the current tier took effect. */
  readonly since: number;
  /** Minimum validity: the tier is kept at every review before this instant. */
  readonly validUntil: number | null;
  /** The member's enrolment. */
  readonly enrolledAt: number;
  /** The last review point processed (reviews at or before it are done). */
  readonly reviewedThrough: number;
  readonly manual: ManualAssignment | null;
  readonly grace: GraceState | null;
  readonly lastUpgrade: LastUpgrade | null;
}

/** A tier state as the caller passes it: instants in any accepted form, optional parts omitted. */
export interface TierStateInput {
  readonly tierId: string;
  readonly since: TierInstant;
  readonly enrolledAt: TierInstant;
  readonly validUntil?: TierInstant | null;
  readonly reviewedThrough?: TierInstant | null;
  readonly manual?:
    | (Omit<ManualAssignment, 'until' | 'assignedAt' | 'previous' | 'note'> & {
        readonly until: TierInstant;
        readonly assignedAt: TierInstant;
        readonly note?: string | null;
        readonly previous: TierSnapshotInput;
      })
    | null;
  readonly grace?: {
    readonly reviewAt: TierInstant;
    readonly until: TierInstant;
    readonly windowStart: string | null;
  } | null;
  readonly lastUpgrade?: {
    readonly at: TierInstant;
    readonly eventId?: string | null;
    readonly previous: TierSnapshotInput;
  } | null;
}

/** A tier snapshot as the caller passes it. */
export interface TierSnapshotInput {
  readonly tierId: string;
  readonly since: TierInstant;
  readonly validUntil?: TierInstant | null;
}

function fail(path: (string | number)[], code: string, message: string): never {
  throw new InputError([{ path, code, message }]);
}

/** Parses an instant (epoch ms fast path); throws `InputError` at `path`. */
export function instantAt(value: unknown, path: (string | number)[]): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) fail(path, 'invalid_type', 'Expected epoch milliseconds');
    return value;
  }
  try {
    return toEpochMs(value as InstantInput);
  } catch (e) {
    return fail(path, 'invalid_format', (e as Error).message);
  }
}

function optionalInstant(value: unknown, path: (string | number)[]): number | null {
  return value === undefined || value === null ? null : instantAt(value, path);
}

function tierIdAt(ladder: CompiledLadder, value: unknown, path: (string | number)[]): string {
  if (typeof value !== 'string' || !ladder.byId.has(value)) {
    fail(path, 'unknown_tier', `Unknown tier ${JSON.stringify(value)}`);
  }
  return value;
}

function snapshotAt(
  ladder: CompiledLadder,
  v: TierSnapshotInput,
  path: (string | number)[],
): TierSnapshot {
  if (!v || typeof v !== 'object') fail(path, 'invalid_type', 'Expected a tier snapshot');
  return {
    tierId: tierIdAt(ladder, v.tierId, [...path, 'tierId']),
    since: instantAt(v.since, [...path, 'since']),
    validUntil: optionalInstant(v.validUntil, [...path, 'validUntil']),
  };
}

/** Validates a tier state against the ladder; throws `InputError` with the path of the first problem. */
export function normalizeTierState(
  ladder: CompiledLadder,
  input: TierStateInput,
  path: (string | number)[] = ['state'],
): TierState {
  if (!input || typeof input !== 'object') fail(path, 'invalid_type', 'Expected a tier state');
  const tierId = tierIdAt(ladder, input.tierId, [...path, 'tierId']);
  const since = instantAt(input.since, [...path, 'since']);
  const enrolledAt = instantAt(input.enrolledAt, [...path, 'enrolledAt']);
  const validUntil = optionalInstant(input.validUntil, [...path, 'validUntil']);
  const reviewedThrough =
    optionalInstant(input.reviewedThrough, [...path, 'reviewedThrough']) ?? enrolledAt;
  let manual: ManualAssignment | null = null;
  if (input.manual) {
    const m = input.manual;
    const p = [...path, 'manual'];
    if (m.mode !== 'fixed' && m.mode !== 'floor')
      fail([...p, 'mode'], 'invalid_value', 'Expected fixed or floor');
    if (!(MANUAL_REASONS as readonly string[]).includes(m.reason)) {
      fail([...p, 'reason'], 'invalid_value', `Expected one of ${MANUAL_REASONS.join(', ')}`);
    }
    manual = {
      tierId: tierIdAt(ladder, m.tierId, [...p, 'tierId']),
      mode: m.mode,
      until: instantAt(m.until, [...p, 'until']),
      reason: m.reason,
      assignedAt: instantAt(m.assignedAt, [...p, 'assignedAt']),
      note: typeof m.note === 'string' ? m.note : null,
      previous: snapshotAt(ladder, m.previous, [...p, 'previous']),
    };
  }
  let grace: GraceState | null = null;
  if (input.grace) {
    const g = input.grace;
    const p = [...path, 'grace'];
    if (
      g.windowStart !== null &&
      (typeof g.windowStart !== 'string' || !isCivilDate(g.windowStart))
    ) {
      fail([...p, 'windowStart'], 'invalid_format', 'Expected a date YYYY-MM-DD or null');
    }
    grace = {
      reviewAt: instantAt(g.reviewAt, [...p, 'reviewAt']),
      until: instantAt(g.until, [...p, 'until']),
      windowStart: g.windowStart,
    };
  }
  let lastUpgrade: LastUpgrade | null = null;
  if (input.lastUpgrade) {
    const u = input.lastUpgrade;
    const p = [...path, 'lastUpgrade'];
    lastUpgrade = {
      at: instantAt(u.at, [...p, 'at']),
      eventId: typeof u.eventId === 'string' ? u.eventId : null,
      previous: snapshotAt(ladder, u.previous, [...p, 'previous']),
    };
  }
  return { tierId, since, validUntil, enrolledAt, reviewedThrough, manual, grace, lastUpgrade };
}
