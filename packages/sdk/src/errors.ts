/**
 * Typed errors. The server answers authentication, authorisation, bad input
 * and internal failures as GraphQL errors with `extensions.code` from one
 * documented enum (packages/server/src/services/errors.ts); the SDK throws
 * one class per code, all subclasses of `TesseraError`. Expected business
 * outcomes (a refused coupon, not enough points) are NOT errors: they come
 * back in the payload with `outcome: 'REFUSED'` and a reason code.
 */

/** Every `extensions.code` the server answers with, in the server's order. */
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

/** One GraphQL error as the server sends it. */
export interface GraphQLErrorBody {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** An error answered by the Tessera server, with its code. */
export class TesseraError extends Error {
  override name = 'TesseraError';
  /** The server's code; `INTERNAL` also for a code this SDK does not know. */
  readonly code: ErrorCode;
  /** The path of the field that failed, if any. */
  readonly path: readonly (string | number)[] | undefined;
  /** `extensions` of the error (e.g. `field`, `reason`, `issues` for bad input). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Every error of the answer (this one is the first). */
  readonly errors: readonly GraphQLErrorBody[];
  /** The HTTP status of the answer. */
  readonly status: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      path?: readonly (string | number)[] | undefined;
      extensions?: Readonly<Record<string, unknown>>;
      errors?: readonly GraphQLErrorBody[];
      status?: number;
    } = {},
  ) {
    super(message);
    this.code = code;
    this.path = options.path;
    this.extensions = options.extensions ?? { code };
    this.errors = options.errors ?? [];
    this.status = options.status ?? 200;
  }

  /** For BAD_USER_INPUT: the offending input field, when the server names it. */
  get field(): string | undefined {
    const f = this.extensions.field;
    return typeof f === 'string' ? f : undefined;
  }

  /** For BAD_USER_INPUT: the stable reason code, when the server gives one. */
  get reason(): string | undefined {
    const r = this.extensions.reason;
    return typeof r === 'string' ? r : undefined;
  }
}

/** UNAUTHENTICATED: no credential, or an invalid, revoked or expired one. */
export class UnauthenticatedError extends TesseraError {
  override name = 'UnauthenticatedError';
}
/** FORBIDDEN: the credential's role may not call this operation. */
export class ForbiddenError extends TesseraError {
  override name = 'ForbiddenError';
}
/** NOT_FOUND: missing id, or one of another program (answered the same). */
export class NotFoundError extends TesseraError {
  override name = 'NotFoundError';
}
/** BAD_USER_INPUT: malformed input; see `field`, `reason` and `extensions.issues`. */
export class BadUserInputError extends TesseraError {
  override name = 'BadUserInputError';
}
/** IDEMPOTENCY_CONFLICT: the idempotency key was used before with other input. */
export class IdempotencyConflictError extends TesseraError {
  override name = 'IdempotencyConflictError';
}
/** REQUEST_IN_PROGRESS: the key is held by an older server version's claim (retried by the client first). */
export class RequestInProgressError extends TesseraError {
  override name = 'RequestInProgressError';
}
/** RATE_LIMITED: too many requests; retry later. */
export class RateLimitedError extends TesseraError {
  override name = 'RateLimitedError';
}
/** INTERNAL: anything else (masked by the server outside development). */
export class InternalError extends TesseraError {
  override name = 'InternalError';
}

/** The class thrown for each code. */
export const ERROR_CLASSES = {
  UNAUTHENTICATED: UnauthenticatedError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  BAD_USER_INPUT: BadUserInputError,
  IDEMPOTENCY_CONFLICT: IdempotencyConflictError,
  REQUEST_IN_PROGRESS: RequestInProgressError,
  RATE_LIMITED: RateLimitedError,
  INTERNAL: InternalError,
} as const satisfies Record<ErrorCode, typeof TesseraError>;

/** The typed error for the first error of an answer. */
export function errorFromResponse(
  errors: readonly GraphQLErrorBody[],
  status: number,
): TesseraError {
  const first = errors[0] ?? { message: 'Empty error list' };
  const raw = first.extensions?.code;
  const code: ErrorCode = isErrorCode(raw) ? raw : 'INTERNAL';
  const Class = ERROR_CLASSES[code];
  return new Class(code, first.message, {
    path: first.path,
    extensions: first.extensions ?? { code },
    errors,
    status,
  });
}

/**
 * The server could not be reached or did not answer with GraphQL (connection
 * refused, timeout, a proxy's 502...), after every allowed attempt.
 */
export class TesseraNetworkError extends Error {
  override name = 'TesseraNetworkError';
  /** Attempts made. */
  readonly attempts: number;
  /** HTTP status of the last answer, if there was one. */
  readonly status: number | undefined;
  constructor(message: string, options: { attempts: number; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.attempts = options.attempts;
    this.status = options.status;
  }
}
