import { InputError } from '@tessera/engine';

/**
 * The one documented enum of GraphQL error codes (`extensions.code`).
 * Expected business outcomes (not enough balance...) are never errors: they
 * are results in the payload with a reason code.
 */
export const ERROR_CODES = [
  /** No credential, or an invalid, revoked or expired one. */
  'UNAUTHENTICATED',
  /** The credential's role may not call this operation. */
  'FORBIDDEN',
  /** The id does not exist in the caller's program (foreign ids answer the same). */
  'NOT_FOUND',
  /** The input is malformed or breaks a rule of the input (also GraphQL parse/validation errors). */
  'BAD_USER_INPUT',
  /** The idempotency key was used before with a different input. */
  'IDEMPOTENCY_CONFLICT',
  /** The key is held by a claim of an older server version (during an upgrade, at most 30 s); retry later. */
  'REQUEST_IN_PROGRESS',
  /** Too many requests; retry later. */
  'RATE_LIMITED',
  /** Anything else; details are masked outside development. */
  'INTERNAL',
] as const;

/** One of `ERROR_CODES`. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error the caller is meant to see, with its code and optional structured details. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** The answer for a missing, deleted or foreign id (identical in all three cases). */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}

/** Bad input, with the offending field and a stable reason. */
export function badInput(field: string, reason: string, message: string): AppError {
  return new AppError('BAD_USER_INPUT', message, { field, reason });
}

/**
 * Runs an engine call; its `InputError` becomes BAD_USER_INPUT: the message,
 * `field` and `reason` of the first issue, and `issues` listing every issue by
 * path (`path` as the engine's segments, `field` the same joined with dots).
 * The one adapter between the engine's input errors and the API.
 */
export function callEngine<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof InputError) {
      const issues = e.issues.map((i) => ({
        path: i.path,
        field: i.path.join('.'),
        code: i.code,
        message: i.message,
      }));
      const first = issues[0];
      throw new AppError('BAD_USER_INPUT', first?.message ?? 'Invalid input', {
        field: first?.field ?? '',
        reason: first?.code ?? 'INVALID_INPUT',
        issues,
      });
    }
    throw e;
  }
}
