/**
 * @tessera/sdk — a typed client of the Tessera GraphQL API.
 *
 * Generated from the server's committed schema (packages/server/schema.graphql)
 * and the operations in `src/operations/`; no runtime dependency on `graphql`.
 * The offline cart preview is a separate entry point: `@tessera/sdk/preview`.
 */

export {
  createTesseraClient,
  type MemberInput,
  type PageOptions,
  type TesseraClient,
  type TesseraClientOptions,
  type TesseraCredentials,
  type VariablesArg,
  type WithIdempotencyKey,
} from './client.js';
export type { DocumentTypeDecoration, ResultOf, VariablesOf } from './documentType.js';
export {
  BadUserInputError,
  ERROR_CLASSES,
  ERROR_CODES,
  type ErrorCode,
  ForbiddenError,
  type GraphQLErrorBody,
  IdempotencyConflictError,
  InternalError,
  NotFoundError,
  RateLimitedError,
  RequestInProgressError,
  TesseraError,
  TesseraNetworkError,
  UnauthenticatedError,
} from './errors.js';
/** Every generated document (`...Document`), input type, enum and result type. */
export * from './generated/graphql.js';
export { newIdempotencyKey } from './idempotency.js';
export {
  DEFAULT_RETRY,
  type FetchLike,
  isSafeToRetry,
  operationKind,
  type RetryPolicy,
  type TesseraDocument,
} from './transport.js';
