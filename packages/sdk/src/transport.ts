import type { DocumentTypeDecoration } from './documentType.js';
import { errorFromResponse, type GraphQLErrorBody, TesseraNetworkError } from './errors.js';

/** How the client retries. */
export interface RetryPolicy {
  /** Attempts in all, including the first (1 = never retry). Default 4. */
  readonly attempts: number;
  /** Delay before the first retry, doubled for each next one. Default 200 ms. */
  readonly baseDelayMs: number;
  /** Longest delay between attempts. Default 3,000 ms. */
  readonly maxDelayMs: number;
}

/** The default retry policy: 4 attempts, 200 ms doubling up to 3 s, with jitter. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 200, maxDelayMs: 3_000 };

/** A GraphQL document this client can send: a typed string (generated) or its source. */
export interface TesseraDocument<TResult, TVariables>
  extends DocumentTypeDecoration<TResult, TVariables> {
  toString(): string;
}

/** The `fetch` the client uses (the platform's by default). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What one request needs. */
export interface TransportOptions {
  readonly url: string;
  readonly fetch: FetchLike;
  /** The bearer credential for this request, if any. */
  readonly credential: () => string | undefined | Promise<string | undefined>;
  readonly retry: RetryPolicy;
  /** Abort an attempt after this many milliseconds (then retried if safe). */
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** HTTP statuses of a gateway or proxy between the client and the server: transient. */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

/**
 * Whether the request may be sent again after a failure whose outcome is
 * unknown: queries always; mutations only with an idempotency key (the
 * server then replays the first answer instead of doing it twice).
 */
export function isSafeToRetry(query: string, variables: Record<string, unknown>): boolean {
  const op = operationKind(query);
  if (op === 'query') return true;
  if (op !== 'mutation') return false;
  const input = variables.input;
  const inputKey =
    input !== null && typeof input === 'object' && 'idempotencyKey' in input
      ? (input as { idempotencyKey?: unknown }).idempotencyKey
      : undefined;
  return typeof (inputKey ?? variables.idempotencyKey) === 'string';
}

/** `query`, `mutation` or `subscription`, from the first definition of the document. */
export function operationKind(query: string): 'query' | 'mutation' | 'subscription' | null {
  const text = query.replace(/#[^\n\r]*/g, '').trimStart();
  if (text.startsWith('{')) return 'query';
  const m = /^(query|mutation|subscription)\b/.exec(text);
  return m ? (m[1] as 'query' | 'mutation' | 'subscription') : null;
}

function delayFor(policy: RetryPolicy, retry: number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return full / 2 + (Math.random() * full) / 2;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface GraphQLBody {
  data?: unknown;
  errors?: GraphQLErrorBody[];
}

function isGraphQLBody(body: unknown): body is GraphQLBody {
  return body !== null && typeof body === 'object' && ('data' in body || 'errors' in body);
}

/**
 * Posts one GraphQL operation; retries network failures, timeouts and
 * gateway errors when `isSafeToRetry`, and "request in progress" answers
 * always, with the SAME body (so the same idempotency key), bounded by the
 * retry policy with exponential backoff and jitter. Throws a typed
 * `TesseraError` for an error answer, `TesseraNetworkError` when no answer came.
 */
export async function execute<TResult>(
  options: TransportOptions,
  query: string,
  variables: Record<string, unknown>,
): Promise<TResult> {
  const body = JSON.stringify({ query, variables });
  const safe = isSafeToRetry(query, variables);
  const attempts = Math.max(1, Math.floor(options.retry.attempts));
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    const credential = await options.credential();
    let res: Response;
    let parsed: unknown;
    try {
      res = await options.fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...options.headers,
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    } catch (cause) {
      if (safe && !last) {
        await sleep(delayFor(options.retry, attempt));
        continue;
      }
      throw new TesseraNetworkError(`Request to ${options.url} failed: ${String(cause)}`, {
        attempts: attempt,
        cause,
      });
    }
    if (!isGraphQLBody(parsed)) {
      if (safe && !last && TRANSIENT_STATUSES.has(res.status)) {
        await sleep(delayFor(options.retry, attempt));
        continue;
      }
      throw new TesseraNetworkError(`No GraphQL answer from ${options.url} (HTTP ${res.status})`, {
        attempts: attempt,
        status: res.status,
      });
    }
    if (parsed.errors && parsed.errors.length > 0) {
      const error = errorFromResponse(parsed.errors, res.status);
      if (error.code === 'REQUEST_IN_PROGRESS' && !last) {
        await sleep(delayFor(options.retry, attempt));
        continue;
      }
      throw error;
    }
    if (parsed.data == null) {
      throw errorFromResponse(
        [{ message: 'Answer without data', extensions: { code: 'INTERNAL' } }],
        res.status,
      );
    }
    return parsed.data as TResult;
  }
}
