import { createHash, randomBytes } from 'node:crypto';

let lastMs = -1;
let counter = 0;

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, a 12-bit counter,
 * then random bits. Ids made by one process are strictly increasing (the
 * counter orders ids of the same millisecond; the clock never goes back), so
 * keyset pagination by id is pagination by creation order.
 */
export function uuidv7(now: Date): string {
  let ms = now.getTime();
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms++;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  const bytes = randomBytes(16);
  const t = BigInt(ms);
  for (let i = 0; i < 6; i++) bytes[i] = Number((t >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Hex SHA-256 of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A deterministic ledger entry id: the same program, source and caller's key
 * always give the same id, so a replayed posting collides instead of doubling.
 */
export function ledgerEntryId(programId: string, source: string, key: string): string {
  return `le_${sha256Hex(`${programId}\u0000${source}\u0000${key}`).slice(0, 40)}`;
}

/** True for a syntactically valid UUID (any version). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * A random 16-digit card number with a Luhn check digit, from a
 * cryptographic source (first digit never 0).
 */
export function generateCardNumber(): string {
  const digits: number[] = [];
  const bytes = randomBytes(32);
  let i = 0;
  while (digits.length < 15) {
    const b = bytes[i++ % bytes.length] ?? 0;
    if (b >= 250) continue; // unbiased 0..9
    const d = b % 10;
    if (digits.length === 0 && d === 0) continue;
    digits.push(d);
    if (i >= bytes.length) {
      randomBytes(32).copy(bytes);
      i = 0;
    }
  }
  return digits.join('') + String(luhnCheckDigit(digits));
}

/** The Luhn check digit for `digits` (most significant first). */
export function luhnCheckDigit(digits: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    const d = digits[digits.length - 1 - k] ?? 0;
    if (k % 2 === 0) {
      const doubled = d * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
