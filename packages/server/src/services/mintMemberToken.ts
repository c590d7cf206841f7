import { Program } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { badInput } from './errors.js';
import { loadMemberFor } from './members.js';
import {
  DEFAULT_MEMBER_TOKEN_TTL_SECONDS,
  MAX_MEMBER_TOKEN_TTL_SECONDS,
  signMemberToken,
} from './memberTokens.js';
import { requireRole } from './principal.js';

/** Input of `mintMemberToken`. */
export interface MintMemberTokenInput {
  readonly memberId: string;
  /** Lifetime in seconds, 60..3600 (default 900). */
  readonly ttlSeconds?: number | null;
}

/**
 * Admin, store: mints a short-lived token letting a signed-in customer act on
 * their own account only (the storefront's backend calls this after its own login).
 */
export async function mintMemberToken(
  ctx: ServiceContext,
  input: MintMemberTokenInput,
): Promise<{ token: string; expiresAt: Date }> {
  const caller = requireRole(ctx.principal, ['admin', 'store']);
  const ttl = input.ttlSeconds ?? DEFAULT_MEMBER_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > MAX_MEMBER_TOKEN_TTL_SECONDS) {
    throw badInput(
      'ttlSeconds',
      'INVALID_TTL',
      `ttlSeconds: 60 to ${MAX_MEMBER_TOKEN_TTL_SECONDS}`,
    );
  }
  const member = await loadMemberFor(ctx.em, caller, input.memberId);
  const program = await ctx.em.findOneOrFail(Program, { id: caller.programId });
  const iat = Math.floor(ctx.clock.now().getTime() / 1000);
  const exp = iat + ttl;
  const token = signMemberToken(program.tokenSecret, {
    pid: program.id,
    sub: member.id,
    iat,
    exp,
  });
  return { token, expiresAt: new Date(exp * 1000) };
}
