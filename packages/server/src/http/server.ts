import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';
import type { SqlStats } from '../db/orm.js';
import type { GqlContext } from '../graphql/context.js';
import { serveIde } from './ide.js';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1_000_000;

/** What the HTTP layer needs from the application. */
export interface HttpDeps {
  readonly apollo: ApolloServer<GqlContext>;
  readonly logger: Logger;
  /** Builds the GraphQL context (authenticates; may throw a GraphQLError). */
  readonly context: (req: IncomingMessage, requestId: string) => Promise<GqlContext>;
  /** Resolves when the database answers. */
  readonly ready: () => Promise<void>;
  /** Serve the offline GraphQL IDE at `/ide` (and `GET /graphql` from a browser). */
  readonly ide?: boolean;
  /**
   * Serve `GET /debug/sql-stats`: statement counts and the number of other
   * requests answered so far (only when the server was started to count).
   */
  readonly sqlStats?: () => SqlStats | null;
}

class BodyTooLarge extends Error {}

/**
 * Reads the body. Past `MAX_BODY_BYTES` it keeps reading and drops the rest
 * (so the client gets the 413 instead of a reset connection), then throws.
 */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * A node:http server: `POST|GET /graphql` (Apollo Server), `GET /healthz`
 * (process up) and `GET /readyz` (database answers); one JSON log line per request.
 */
export function createHttpServer(deps: HttpDeps): http.Server {
  let answered = 0;
  return http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (deps.sqlStats && url.pathname === '/debug/sql-stats') {
      return sendJson(res, 200, { ...(deps.sqlStats() ?? { total: 0, byKind: {} }), answered });
    }
    // 'close' also fires for a request whose client went away before the answer.
    res.on('close', () => {
      answered++;
    });
    res.on('finish', () => {
      if (!deps.logger.isLevelEnabled('info')) return;
      deps.logger.info(
        {
          requestId,
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    handle(deps, req, res, url, requestId).catch((err: unknown) => {
      deps.logger.error({ err, requestId }, 'unhandled HTTP error');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }],
        });
      else res.end();
    });
  });
}

async function handle(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
): Promise<void> {
  if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/readyz') {
    try {
      await deps.ready();
      return sendJson(res, 200, { status: 'ready' });
    } catch (err) {
      deps.logger.warn({ err }, 'not ready');
      return sendJson(res, 503, { status: 'unavailable' });
    }
  }
  if (deps.ide && serveIde(req, res, url.pathname)) return;
  if (url.pathname !== '/graphql' && url.pathname !== '/') {
    return sendJson(res, 404, { error: 'not found' });
  }
  let body: unknown;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, {
          errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }],
        });
      }
      throw e;
    }
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return sendJson(res, 400, {
        errors: [{ message: 'Body is not JSON', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => deps.context(req, requestId),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
