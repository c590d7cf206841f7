import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: digits and upper-case letters without I, L, O, U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Length of generated coupon codes: 12 x 5 = 60 random bits. */
export const COUPON_CODE_LENGTH = 12;

/**
 * A random coupon code of `length` Crockford base32 characters from
 * `node:crypto` (each byte's low 5 bits: 256 is a multiple of 32, no bias).
 */
export function generateCouponCode(length = COUPON_CODE_LENGTH): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const b of bytes) code += CROCKFORD_ALPHABET[b & 31];
  return code;
}

/**
 * A code as typed by a person, in its stored form: upper case, spaces and
 * hyphens dropped, and Crockford's read-alikes mapped (I and L to 1, O to 0).
 * Returns null for anything that cannot be a code.
 */
export function normalizeCouponCode(input: string): string | null {
  const code = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{1,64}$/.test(code) ? code : null;
}
