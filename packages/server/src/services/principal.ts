import type { ApiKeyRole } from '../entities/index.js';
import { AppError } from './errors.js';

/** Who is calling. Every service scopes every query by `programId`. */
export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: ApiKeyRole;
      readonly programId: string;
      /** Idempotency scope and audit actor: `key:<api key id>`. */
      readonly credential: string;
      readonly apiKeyId: string;
      /** Set for `store` keys only. */
      readonly storeId: string | null;
    }
  | {
      readonly kind: 'member';
      readonly programId: string;
      /** `member:<member id>`. */
      readonly credential: string;
      readonly memberId: string;
    };

/** Roles a service can require. */
export type Role = ApiKeyRole | 'member';

/** An authenticated principal. */
export type Authenticated = Exclude<Principal, { kind: 'anonymous' }>;

/**
 * Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN when the role is
 * not in `roles`; returns the narrowed principal.
 */
export function requireRole<R extends Role>(
  principal: Principal,
  roles: readonly R[],
): Authenticated & { readonly kind: R } {
  if (principal.kind === 'anonymous') {
    throw new AppError('UNAUTHENTICATED', 'A valid API key or member token is required');
  }
  if (!(roles as readonly Role[]).includes(principal.kind)) {
    throw new AppError('FORBIDDEN', 'This credential may not perform this operation');
  }
  return principal as Authenticated & { readonly kind: R };
}
