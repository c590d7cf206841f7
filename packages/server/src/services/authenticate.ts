import type { Em } from '../db/orm.js';
import { Program } from '../entities/index.js';
import { findApiKeyBySecret } from './apiKeys.js';
import { AppError } from './errors.js';
import { peekMemberToken, verifyMemberToken } from './memberTokens.js';
import type { Principal } from './principal.js';

/** Member-token secrets by program id: set when a program is created and never changed. */
const tokenSecrets = new Map<string, string>();
/** Most programs whose secret is kept (the map is cleared past it). */
const MAX_SECRETS = 10_000;

/** The program's member-token secret (read once per program and process), or null. */
async function tokenSecretOf(em: Em, programId: string): Promise<string | null> {
  const known = tokenSecrets.get(programId);
  if (known) return known;
  const program = await em.findOne(Program, { id: programId });
  if (!program) return null;
  if (tokenSecrets.size >= MAX_SECRETS) tokenSecrets.clear();
  tokenSecrets.set(programId, program.tokenSecret);
  return program.tokenSecret;
}

/**
 * Resolves the `Authorization` header to a principal. No header is anonymous;
 * a malformed, unknown, revoked, forged or expired credential is UNAUTHENTICATED.
 */
export async function authenticate(
  em: Em,
  authorization: string | undefined,
  now: Date,
): Promise<Principal> {
  if (authorization === undefined || authorization === '') return { kind: 'anonymous' };
  const m = /^Bearer ([\x21-\x7e]{1,4096})$/.exec(authorization);
  const token = m?.[1];
  if (!token) throw new AppError('UNAUTHENTICATED', 'Expected "Authorization: Bearer <key>"');
  if (token.startsWith('tsk_')) {
    const key = await findApiKeyBySecret(em, token);
    if (key) {
      return {
        kind: key.role,
        programId: key.programId,
        credential: `key:${key.id}`,
        apiKeyId: key.id,
        storeId: key.storeId,
      };
    }
  } else if (token.startsWith('mt_')) {
    const claims = peekMemberToken(token);
    const secret = claims ? await tokenSecretOf(em, claims.pid) : null;
    const verified = secret ? verifyMemberToken(secret, token, now) : null;
    if (verified) {
      return {
        kind: 'member',
        programId: verified.pid,
        credential: `member:${verified.sub}`,
        memberId: verified.sub,
      };
    }
  }
  throw new AppError('UNAUTHENTICATED', 'Invalid, revoked or expired credential');
}
