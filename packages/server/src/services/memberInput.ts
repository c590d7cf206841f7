import { CHANNELS, isLocalDate } from '@tessera/engine';
import type { Address } from '../entities/index.js';
import { badInput } from './errors.js';

/** Accepted genders. */
export const GENDERS = ['female', 'male', 'other', 'unspecified'] as const;
/** Most tags a member can carry. */
export const MAX_TAGS = 50;

/** Trims and checks a display name (1..200 characters). */
export function normalizeName(name: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  if (n.length < 1 || n.length > 200) {
    throw badInput('name', 'INVALID_NAME', 'Name must be 1 to 200 characters');
  }
  return n;
}

/** `+` and 6..15 digits after removing spaces, dashes, dots and parentheses; null stays null. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (phone == null || phone.trim() === '') return null;
  const p = phone.replace(/[\s\-.()]/g, '');
  if (!/^\+?[0-9]{6,15}$/.test(p)) {
    throw badInput('phone', 'INVALID_PHONE', 'Phone: optional + and 6 to 15 digits');
  }
  return p;
}

/** Lower-cased and checked email; null stays null. */
export function normalizeEmail(email: string | null | undefined): string | null {
  if (email == null || email.trim() === '') return null;
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) {
    throw badInput('email', 'INVALID_EMAIL', 'Not an email address');
  }
  return e;
}

/** A `YYYY-MM-DD` calendar date, or null. */
export function normalizeBirthday(birthday: string | null | undefined): string | null {
  if (birthday == null || birthday === '') return null;
  if (!isLocalDate(birthday)) {
    throw badInput('birthday', 'INVALID_BIRTHDAY', 'Birthday: a date YYYY-MM-DD');
  }
  return birthday;
}

/** One of `GENDERS` (default `unspecified`). */
export function normalizeGender(gender: string | null | undefined): string {
  const g = gender ?? 'unspecified';
  if (!(GENDERS as readonly string[]).includes(g)) {
    throw badInput('gender', 'INVALID_GENDER', `Gender: one of ${GENDERS.join(', ')}`);
  }
  return g;
}

/** One of the engine's channels (`store`, `online`, `app`). */
export function normalizeChannel(channel: string): string {
  if (!(CHANNELS as readonly string[]).includes(channel)) {
    throw badInput('channel', 'INVALID_CHANNEL', `Channel: one of ${CHANNELS.join(', ')}`);
  }
  return channel;
}

/** Distinct, sorted tags: letters, digits, `_ - : .`, at most 64 characters, at most MAX_TAGS. */
export function normalizeTags(tags: readonly string[] | null | undefined): string[] {
  const out = [...new Set((tags ?? []).map((t) => t.trim()))].sort();
  if (out.length > MAX_TAGS) throw badInput('tags', 'TOO_MANY_TAGS', `At most ${MAX_TAGS} tags`);
  for (const t of out) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(t)) {
      throw badInput('tags', 'INVALID_TAG', 'Tag: letters, digits, _ . : - (max 64)');
    }
  }
  return out;
}

/** Trims every address field (each at most 200 characters); empty becomes null. */
export function normalizeAddress(address: Address | null | undefined): Address | null {
  if (address == null) return null;
  const out: Address = {};
  for (const k of ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const) {
    const v = address[k]?.trim();
    if (v && v.length > 200) {
      throw badInput(`address.${k}`, 'INVALID_ADDRESS', 'Address fields: at most 200 characters');
    }
    out[k] = v ? v : null;
  }
  return out;
}
