import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { AppError, type ErrorCode } from '../services/errors.js';

/** Apollo's own codes for requests that never reached a resolver: all bad input. */
const BAD_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Codes that pass through unchanged (set by our own GraphQLErrors, e.g. from the context). */
const PASS_THROUGH = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'IDEMPOTENCY_CONFLICT',
  'REQUEST_IN_PROGRESS',
  'RATE_LIMITED',
]);

/** Details a limit refusal carries (graphql/limits.ts): `reason`, `limit`, `actual`. */
function limitDetails(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of ['reason', 'limit', 'actual'] as const) {
    const value = extensions?.[key];
    if (typeof value === 'string' || typeof value === 'number') details[key] = value;
  }
  return details;
}

/**
 * Apollo's own refusals without a code (a persisted-query hash that does not
 * match, an unsupported version...) carry a 4xx HTTP status: bad requests.
 */
function isClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const http = error.extensions?.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' && http.status >= 400 && http.status < 500;
}

/**
 * Maps every error to one code of `ERROR_CODES`. Internal errors are logged
 * and, outside development, answered with a constant message (no SQL, no stack).
 */
export function createFormatError(logger: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
    };
    if (original instanceof AppError) {
      return {
        ...base,
        message: original.message,
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && BAD_REQUEST_CODES.has(code)) {
      return {
        ...base,
        extensions: {
          ...limitDetails(formatted.extensions),
          code: 'BAD_USER_INPUT' satisfies ErrorCode,
        },
      };
    }
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      return { ...base, extensions: { code } };
    }
    if (isClientError(error)) {
      return { ...base, extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode } };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error');
    return {
      ...base,
      message: development ? formatted.message : 'Internal server error',
      extensions: {
        code: 'INTERNAL' satisfies ErrorCode,
        ...(development && original instanceof Error ? { detail: original.stack } : {}),
      },
    };
  };
}
