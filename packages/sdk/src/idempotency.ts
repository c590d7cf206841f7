/**
 * A fresh idempotency key: a random UUID from the platform's Web Crypto
 * (`globalThis.crypto.randomUUID`, in browsers and Node 20+).
 */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (!c?.randomUUID) {
    throw new TypeError('crypto.randomUUID is not available: pass idempotencyKey explicitly');
  }
  return c.randomUUID();
}
