import { randomBytes } from 'node:crypto';
import { ApiKey, type ApiKeyRole, Store } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { badInput, notFound } from './errors.js';
import { isUuid, sha256Hex, uuidv7 } from './ids.js';
import { requireRole } from './principal.js';

const ROLE_PREFIX: Record<ApiKeyRole, string> = { admin: 'adm', store: 'sto', storefront: 'pub' };

/** A new API key secret: `tsk_<role>_<43 base64url chars>` (256 random bits). */
export function generateApiKeySecret(role: ApiKeyRole): string {
  return `tsk_${ROLE_PREFIX[role]}_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a secret: hex SHA-256 (the secret is high-entropy, no salt needed). */
export function hashApiKeySecret(secret: string): string {
  return sha256Hex(secret);
}

/** Fields of a new key. */
export interface NewApiKey {
  readonly programId: string;
  readonly role: ApiKeyRole;
  readonly storeId: string | null;
  readonly label: string;
}

/**
 * Persists a new key (the caller flushes) and returns it with its secret,
 * which is never stored and cannot be shown again.
 */
export function insertApiKey(
  em: ServiceContext['em'],
  input: NewApiKey,
  now: Date,
): { apiKey: ApiKey; secret: string } {
  const secret = generateApiKeySecret(input.role);
  const apiKey = em.create(ApiKey, {
    id: uuidv7(now),
    programId: input.programId,
    role: input.role,
    storeId: input.storeId,
    label: input.label,
    prefix: secret.slice(0, 12),
    secretHash: hashApiKeySecret(secret),
    createdAt: now,
    revokedAt: null,
  });
  return { apiKey, secret };
}

/** Input of `createApiKey`. */
export interface CreateApiKeyInput {
  readonly role: ApiKeyRole;
  readonly storeId?: string | null;
  readonly label: string;
}

/** Admin: creates an API key of the caller's program; a `store` key names one store of it. */
export async function createApiKey(
  ctx: ServiceContext,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const caller = requireRole(ctx.principal, ['admin']);
  const label = input.label.trim();
  if (label.length < 1 || label.length > 200) {
    throw badInput('label', 'INVALID_LABEL', 'Label must be 1 to 200 characters');
  }
  let storeId: string | null = null;
  if (input.role === 'store') {
    if (!input.storeId) throw badInput('storeId', 'STORE_REQUIRED', 'A store key needs a storeId');
    // A malformed id answers like a missing or foreign one (and never reaches a uuid column).
    const store = isUuid(input.storeId)
      ? await ctx.em.findOne(Store, { id: input.storeId, programId: caller.programId })
      : null;
    if (!store) throw notFound('Store');
    storeId = store.id;
  } else if (input.storeId) {
    throw badInput('storeId', 'STORE_NOT_ALLOWED', 'Only store keys name a store');
  }
  const now = ctx.clock.now();
  const created = insertApiKey(
    ctx.em,
    { programId: caller.programId, role: input.role, storeId, label },
    now,
  );
  await ctx.em.flush();
  return created;
}

/** Admin: revokes a key of the caller's program (idempotent; the caller's own key included). */
export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<ApiKey> {
  const caller = requireRole(ctx.principal, ['admin']);
  const key = isUuid(id) ? await ctx.em.findOne(ApiKey, { id, programId: caller.programId }) : null;
  if (!key) throw notFound('API key');
  if (!key.revokedAt) {
    key.revokedAt = ctx.clock.now();
    await ctx.em.flush();
  }
  return key;
}

/** Finds a live key by its secret, or null. */
export async function findApiKeyBySecret(
  em: ServiceContext['em'],
  secret: string,
): Promise<ApiKey | null> {
  if (!/^tsk_(adm|sto|pub)_[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  const key = await em.findOne(ApiKey, { secretHash: hashApiKeySecret(secret) });
  if (!key || key.revokedAt) return null;
  return key;
}
