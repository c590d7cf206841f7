import { randomUUID } from 'node:crypto';
import type { Em } from '../db/orm.js';
import type { ServiceContext } from './context.js';
import { AppError, badInput } from './errors.js';
import { sha256Hex, uuidv7 } from './ids.js';
import type { Authenticated } from './principal.js';

/**
 * Lease of claims committed as `in_progress` by servers before claims moved
 * into the effect's transaction (rolling upgrades, or a crash just before
 * one): such a claim blocks its key this long, then a retry takes it over.
 * Claims made by this version never commit as `in_progress`.
 */
export const IDEMPOTENCY_LEASE_MS = 30_000;

/** Keys: 1..200 printable ASCII characters. */
export function assertIdempotencyKey(key: string): void {
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw badInput(
      'idempotencyKey',
      'INVALID_IDEMPOTENCY_KEY',
      'idempotencyKey: 1 to 200 printable characters',
    );
  }
}

/** JSON with sorted keys, so equal inputs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.stringify(value);
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** A write an effect leaves to the statement that completes its idempotency claim. */
export interface DeferredWrite {
  /** One data-modifying statement (`insert ... on conflict ...`, `update ...`) with `?` placeholders. */
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Writes deferred by the operation running in each `idempotent` transaction. */
const deferredWrites = new WeakMap<Em, DeferredWrite[]>();

/**
 * Runs `write` as part of the statement that completes the idempotency claim
 * of `tx` (a data-modifying `with` clause of it): last in the transaction,
 * just before the commit, without a round trip of its own. Only for the
 * transaction of an `idempotent` operation (throws otherwise); the write must
 * not touch a row another deferred write of the transaction touches, nor
 * need to see them (they run on one snapshot).
 */
export function deferWrite(tx: Em, write: DeferredWrite): void {
  const list = deferredWrites.get(tx);
  if (!list) throw new Error('deferWrite outside an idempotent operation');
  list.push(write);
}

/** What identifies one idempotent request. */
export interface IdempotentRequest {
  /** Operation name, part of the hash (the same key on another operation conflicts). */
  readonly operation: string;
  readonly key: string;
  /** The normalised input, without the key. */
  readonly input: unknown;
}

interface ClaimRow {
  id: string;
  request_hash: string;
  status: string;
  response: unknown;
  lease_until: Date | string;
}

type Claim = { kind: 'run'; id: string; token: string } | { kind: 'replay'; response: unknown };

/**
 * Claims the key inside the effect's transaction `tx` (READ COMMITTED). The
 * claim row is inserted first, so a concurrent attempt with the same key waits
 * on the unique index until this transaction ends: on commit it finds the
 * completed row and replays it; on rollback (an error, a killed server, a
 * database restart) its own insert goes through and it runs. No claim outlives
 * the process that made it, so a retry after a crash never waits for a lease.
 */
async function claim(
  tx: Em,
  caller: Authenticated,
  req: IdempotentRequest,
  hash: string,
  now: Date,
): Promise<Claim> {
  const token = randomUUID();
  const inserted = await tx.execute<{ id: string }[]>(
    `insert into idempotency_record
       (id, program_id, credential, key, operation, request_hash, status, lease_token, lease_until, created_at)
     values (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)
     on conflict (program_id, credential, key) do nothing
     returning id`,
    [
      uuidv7(now),
      caller.programId,
      caller.credential,
      req.key,
      req.operation,
      hash,
      token,
      now,
      now,
    ],
  );
  if (inserted[0]) return { kind: 'run', id: inserted[0].id, token };
  const [row] = await tx.execute<ClaimRow[]>(
    `select id, request_hash, status, response, lease_until from idempotency_record
     where program_id = ? and credential = ? and key = ?`,
    [caller.programId, caller.credential, req.key],
  );
  if (!row) throw new AppError('REQUEST_IN_PROGRESS', 'The request is being retried; try again');
  if (row.request_hash !== hash) {
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This idempotency key was used with a different request',
    );
  }
  if (row.status === 'completed') return { kind: 'replay', response: row.response };
  // A committed `in_progress` claim of an older server version: take it over
  // (in this transaction) once its lease has run out.
  const taken = await tx.execute<{ id: string }[]>(
    `update idempotency_record set lease_token = ?, lease_until = ?
     where id = ? and status = 'in_progress' and lease_until <= ?
     returning id`,
    [token, now, row.id, now],
  );
  if (taken[0]) return { kind: 'run', id: row.id, token };
  throw new AppError(
    'REQUEST_IN_PROGRESS',
    'A request with this idempotency key is in progress; retry later',
  );
}

/**
 * Runs `operation` at most once per (program, credential, key), in one
 * transaction that claims the key, runs `operation` and stores its JSON
 * answer, so claim, effect and answer commit (or vanish) together:
 * - first call: runs `operation` and stores the answer;
 * - same key, same input, completed: replays the stored answer, runs nothing;
 * - same key while the first call runs: waits for it, then replays its answer
 *   (or runs, if the first call failed or its process died);
 * - same key, other input: IDEMPOTENCY_CONFLICT.
 * If `operation` throws, the transaction rolls back: nothing is stored and the
 * key is free. `operation` must return plain JSON (the replay is the parsed
 * stored copy).
 */
export async function idempotent<T>(
  ctx: ServiceContext,
  caller: Authenticated,
  req: IdempotentRequest,
  operation: (tx: Em) => Promise<T>,
): Promise<T> {
  assertIdempotencyKey(req.key);
  const hash = sha256Hex(`${req.operation}\n${canonicalJson(req.input)}`);
  const now = ctx.clock.now();
  return ctx.em.transactional(async (tx) => {
    const c = await claim(tx, caller, req, hash, now);
    if (c.kind === 'replay') return c.response as T;
    const deferred: DeferredWrite[] = [];
    deferredWrites.set(tx, deferred);
    let result: T;
    try {
      result = await operation(tx);
    } finally {
      deferredWrites.delete(tx);
    }
    const stored = JSON.parse(JSON.stringify(result)) as T;
    // The operation's deferred writes run in this statement (PostgreSQL runs every
    // data-modifying `with` clause once, to completion, whether read or not).
    const withClause =
      deferred.length > 0
        ? `with ${deferred.map((w, i) => `deferred_${i} as (${w.sql})`).join(', ')} `
        : '';
    const done = await tx.execute<{ id: string }[]>(
      `${withClause}update idempotency_record
       set status = 'completed', response = ?, completed_at = ?
       where id = ? and lease_token = ? and status = 'in_progress'
       returning id`,
      [
        ...deferred.flatMap((w) => w.params),
        JSON.stringify(stored),
        ctx.clock.now(),
        c.id,
        c.token,
      ],
    );
    // The claim is this transaction's own row (inserted or taken over here).
    if (!done[0]) throw new Error('idempotency claim vanished inside its transaction');
    return stored;
  });
}
