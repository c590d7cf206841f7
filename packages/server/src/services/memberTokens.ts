import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longest lifetime a member token can be minted with (seconds). */
export const MAX_MEMBER_TOKEN_TTL_SECONDS = 3600;
/** Default lifetime (seconds). */
export const DEFAULT_MEMBER_TOKEN_TTL_SECONDS = 900;

/** What a member token asserts. */
export interface MemberTokenClaims {
  /** Program id. */
  readonly pid: string;
  /** Member id. */
  readonly sub: string;
  /** Issued at, epoch seconds. */
  readonly iat: number;
  /** Expires at, epoch seconds (exclusive). */
  readonly exp: number;
}

function sign(secret: string, body: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'hex')).update(body).digest();
}

/** `mt_<base64url(JSON claims)>.<base64url(HMAC-SHA256)>` signed with the program's secret. */
export function signMemberToken(secret: string, claims: MemberTokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `mt_${body}.${sign(secret, body).toString('base64url')}`;
}

/** Reads the claims without verifying (to find the program whose secret verifies it). */
export function peekMemberToken(token: string): MemberTokenClaims | null {
  const m = /^mt_([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m?.[1]) return null;
  try {
    const claims = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as unknown;
    if (
      typeof claims === 'object' &&
      claims !== null &&
      typeof (claims as MemberTokenClaims).pid === 'string' &&
      typeof (claims as MemberTokenClaims).sub === 'string' &&
      Number.isInteger((claims as MemberTokenClaims).iat) &&
      Number.isInteger((claims as MemberTokenClaims).exp)
    ) {
      return claims as MemberTokenClaims;
    }
  } catch {
    return null;
  }
  return null;
}

/** Verifies signature and expiry at `now`; returns the claims or null. */
export function verifyMemberToken(
  secret: string,
  token: string,
  now: Date,
): MemberTokenClaims | null {
  const claims = peekMemberToken(token);
  if (!claims) return null;
  const [body, sig] = token.slice(3).split('.') as [string, string];
  const expected = sign(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Math.floor(now.getTime() / 1000) >= claims.exp) return null;
  return claims;
}
