import { InputError, type Issue } from '../errors.js';
import { type Decimal, type DecimalInput, toDecimal, ZERO } from '../money/decimal.js';
import { type InstantInput, toEpochMs } from '../time/index.js';

/** Lifecycle status of an issued coupon. */
export type CouponStatus = 'active' | 'used' | 'cancelled';

/** What was already used of one limit in its current period (see `couponLimitWindow`). */
export interface LimitUsageInput {
  readonly redemptions?: number;
  /** Discount money already given under a `money` limit. */
  readonly amount?: DecimalInput;
}

/** An issued coupon as the caller loads it, with the usage counts it needs. */
export interface CouponInstanceInput {
  readonly code: string;
  readonly templateId: string;
  /** Member the coupon was issued to; null/absent for an unowned (public) code. */
  readonly ownerMemberId?: string | null;
  readonly issuedAt: InstantInput;
  readonly status: CouponStatus;
  /** Times this coupon instance has been used (default 0). */
  readonly timesUsed?: number;
  /** Usage in the current period of each of the template's limits, by limit id (default none). */
  readonly usage?: Readonly<Record<string, LimitUsageInput>>;
}

/** Usage of one limit, normalised. */
export interface LimitUsage {
  readonly redemptions: number;
  readonly amount: Decimal;
}

/** A normalised coupon instance. */
export interface CouponInstance {
  readonly code: string;
  readonly templateId: string;
  readonly ownerMemberId: string | null;
  readonly issuedAtMs: number;
  readonly status: CouponStatus;
  readonly timesUsed: number;
  readonly usage: ReadonlyMap<string, LimitUsage>;
}

/** Longest coupon code accepted. */
export const MAX_COUPON_CODE_LENGTH = 64;
const STATUSES: readonly string[] = ['active', 'used', 'cancelled'];

/** Validates a coupon instance; throws `InputError` listing every problem. */
function bad(
  issues: Issue[],
  path: readonly (string | number)[],
  field: readonly (string | number)[],
  code: string,
  message: string,
): void {
  issues.push({ path: [...path, ...field], code, message });
}

export function normalizeCouponInstance(
  input: CouponInstanceInput,
  path: (string | number)[] = ['coupon'],
): CouponInstance {
  const issues: Issue[] = [];
  if (typeof input?.code !== 'string' || input.code.length === 0)
    bad(issues, path, ['code'], 'invalid_type', 'Coupon code must be a non-empty string');
  else if (input.code.length > MAX_COUPON_CODE_LENGTH)
    bad(issues, path, ['code'], 'too_big', `At most ${MAX_COUPON_CODE_LENGTH} characters`);
  if (typeof input?.templateId !== 'string' || input.templateId.length === 0)
    bad(issues, path, ['templateId'], 'invalid_type', 'Template id must be a non-empty string');
  if (!STATUSES.includes(input?.status))
    bad(issues, path, ['status'], 'invalid_value', 'Status must be active, used or cancelled');
  const timesUsed = input?.timesUsed ?? 0;
  if (!Number.isInteger(timesUsed) || timesUsed < 0)
    bad(issues, path, ['timesUsed'], 'invalid_type', 'timesUsed must be a whole number >= 0');
  let issuedAtMs = 0;
  try {
    issuedAtMs = toEpochMs(input?.issuedAt);
  } catch (e) {
    bad(issues, path, ['issuedAt'], 'invalid_format', (e as Error).message);
  }
  const usage = new Map<string, LimitUsage>();
  for (const [limitId, u] of Object.entries(input?.usage ?? {})) {
    const redemptions = u?.redemptions ?? 0;
    if (!Number.isInteger(redemptions) || redemptions < 0)
      bad(
        issues,
        path,
        ['usage', limitId, 'redemptions'],
        'invalid_type',
        'Expected a whole number >= 0',
      );
    let amount = ZERO;
    try {
      // A usage without an amount (a redemptions-only limit) is the shared zero, not a new one.
      if (u?.amount != null) amount = toDecimal(u.amount);
      if (amount.isNegative())
        bad(issues, path, ['usage', limitId, 'amount'], 'too_small', 'Amount must be >= 0');
    } catch {
      bad(
        issues,
        path,
        ['usage', limitId, 'amount'],
        'invalid_decimal',
        'Expected a plain decimal amount',
      );
    }
    usage.set(limitId, { redemptions, amount });
  }
  if (issues.length) throw new InputError(issues);
  return {
    code: input.code,
    templateId: input.templateId,
    ownerMemberId: input.ownerMemberId ?? null,
    issuedAtMs,
    status: input.status,
    timesUsed,
    usage,
  };
}
