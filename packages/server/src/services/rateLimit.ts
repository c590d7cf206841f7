import { AppError } from './errors.js';

/** Decides whether one more attempt under `key` may run now. */
export interface RateLimiter {
  /** Takes `count` tokens (default 1) for `key` at `nowMs`; false (nothing taken) when fewer are left. */
  take(key: string, nowMs: number, count?: number): boolean;
}

/** Settings of a token bucket: `capacity` attempts at once, refilled at `perMinute`. */
export interface TokenBucketOptions {
  readonly capacity: number;
  readonly perMinute: number;
  /** Buckets kept at most (the oldest full ones are dropped first). */
  readonly maxKeys?: number;
}

/**
 * An in-memory token bucket per key (one server process). Enough to slow
 * down code guessing; behind `RateLimiter` so a shared store can replace it.
 */
export function tokenBucket(options: TokenBucketOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = options.maxKeys ?? 100_000;
  const ratePerMs = options.perMinute / 60_000;
  return {
    take(key, nowMs, count = 1) {
      const b = buckets.get(key) ?? { tokens: options.capacity, at: nowMs };
      const tokens = Math.min(options.capacity, b.tokens + Math.max(0, nowMs - b.at) * ratePerMs);
      const ok = tokens >= count;
      buckets.delete(key);
      buckets.set(key, { tokens: ok ? tokens - count : tokens, at: nowMs });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return ok;
    },
  };
}

/** Coupon validation attempts: 30 at once, 30 more per minute, per member and per credential. */
export const COUPON_VALIDATION_LIMIT: TokenBucketOptions = { capacity: 30, perMinute: 30 };

let couponValidationLimiter: RateLimiter = tokenBucket(COUPON_VALIDATION_LIMIT);

/** Replaces the coupon validation limiter (tests; a shared store in a cluster). */
export function setCouponValidationLimiter(limiter: RateLimiter): void {
  couponValidationLimiter = limiter;
}

/**
 * Takes `attempts` (default 1) from each of `keys`; throws RATE_LIMITED when
 * one of them has fewer left (RELIABILITY 19). `validateCoupon` charges every
 * attempt; quotes (`checkoutQuote`, `qualify`, `quoteContext`) charge each
 * code that matches no coupon, so a shop's ordinary checkouts are not slowed
 * while guessing codes through a quote is.
 */
export function limitCouponAttempts(keys: readonly string[], nowMs: number, attempts = 1): void {
  for (const key of keys) {
    if (!couponValidationLimiter.take(key, nowMs, attempts)) {
      throw new AppError('RATE_LIMITED', 'Too many coupon attempts; retry later', {
        retryAfterSeconds: Math.ceil((60 * attempts) / COUPON_VALIDATION_LIMIT.perMinute),
      });
    }
  }
}
