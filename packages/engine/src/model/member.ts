import { InputError } from '../errors.js';
import { type InstantInput, isLocalDate, toEpochMs } from '../time/index.js';

/** What the engine needs to know about a member; the caller loads it. */
export interface MemberSnapshotInput {
  readonly id: string;
  /** Current tier id, or null/undefined for none. */
  readonly tierId?: string | null;
  /** `YYYY-MM-DD` or `MM-DD`; null when unknown. */
  readonly birthday?: string | null;
  readonly enrolledAt: InstantInput;
  /** Segment tags (`vip`, `staff`...), matched by promotions and rules. */
  readonly tags?: readonly string[];
}

/** A normalised member snapshot. */
export interface MemberSnapshot {
  readonly id: string;
  readonly tierId: string | null;
  /** `MM-DD`, or null when unknown. */
  readonly birthday: string | null;
  readonly enrolledAtMs: number;
  readonly tags: ReadonlySet<string>;
}

/** Validates a member snapshot; throws `InputError` on malformed input. */
export function normalizeMember(
  input: MemberSnapshotInput,
  path: (string | number)[] = ['member'],
): MemberSnapshot {
  if (!input || typeof input.id !== 'string' || input.id.length === 0) {
    throw new InputError([
      {
        path: [...path, 'id'],
        code: 'invalid_type',
        message: 'Member id must be a non-empty string',
      },
    ]);
  }
  let birthday: string | null = null;
  if (input.birthday != null) {
    const b = input.birthday;
    if (typeof b === 'string' && isLocalDate(b)) birthday = b.slice(5);
    else if (typeof b === 'string' && /^\d{2}-\d{2}$/.test(b) && isLocalDate(`2024-${b}`))
      birthday = b;
    else
      throw new InputError([
        {
          path: [...path, 'birthday'],
          code: 'invalid_format',
          message: 'Expected YYYY-MM-DD or MM-DD',
        },
      ]);
  }
  let enrolledAtMs: number;
  try {
    enrolledAtMs = toEpochMs(input.enrolledAt);
  } catch (e) {
    throw new InputError([
      { path: [...path, 'enrolledAt'], code: 'invalid_format', message: (e as Error).message },
    ]);
  }
  return {
    id: input.id,
    tierId: input.tierId ?? null,
    birthday,
    enrolledAtMs,
    tags: new Set(input.tags ?? []),
  };
}
