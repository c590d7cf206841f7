import { InputError } from '../../errors.js';
import { Decimal, type DecimalInput, toDecimal } from '../../money/index.js';
import type { Program } from '../../program/index.js';
import { type InstantInput, toEpochMs } from '../../time/index.js';
import type { PointsAccount } from '../types.js';

/** Largest point quantity one command may move. */
export const MAX_POINTS: Decimal = new Decimal('1000000000000');
/** Longest free text (reasons, operators, references) on an entry. */
export const MAX_TEXT = 500;
/** Most entries one account holds; beyond it the caller must archive (merge lots into a carry-over). */
export const MAX_ENTRIES = 1_000_000;

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.:\-/#]{0,127}$/;

function fail(path: string, code: string, message: string): never {
  throw new InputError([{ path: [path], code, message }]);
}

/** `now` as epoch ms; throws `InputError` when it is not an instant with an offset. */
export function parseNow(now: InstantInput): number {
  try {
    return toEpochMs(now);
  } catch (e) {
    return fail('now', 'invalid_instant', e instanceof Error ? e.message : 'Invalid instant');
  }
}

/** Refuses a transition dated before the account's latest posting. */
export function assertNotBefore(account: PointsAccount, nowMs: number): void {
  if (account.asOf !== null && nowMs < account.asOf) {
    fail('now', 'before_last_posting', 'now is before the latest posting on this account');
  }
  if (account.entries.length >= MAX_ENTRIES) {
    fail('account', 'too_many_entries', `An account holds at most ${MAX_ENTRIES} entries`);
  }
}

/** A caller's key or id: 1-128 characters, letters, digits and `_ . : - / #`. */
export function parseKey(value: unknown, path: string): string {
  if (typeof value !== 'string' || !KEY.test(value)) {
    fail(path, 'invalid_key', 'Expected an id: letters, digits, _ . : - / # (max 128)');
  }
  return value;
}

/** Free text (a reason, an operator), 1..MAX_TEXT characters. */
export function parseText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_TEXT) {
    fail(path, 'invalid_text', `Expected a non-empty text of at most ${MAX_TEXT} characters`);
  }
  return value;
}

function parseDecimal(value: unknown, path: string): Decimal {
  try {
    return toDecimal(value as DecimalInput);
  } catch {
    return fail(path, 'invalid_decimal', 'Expected a plain decimal amount');
  }
}

/**
 * A point quantity: > 0 (or != 0 when `signed`), at most MAX_POINTS in
 * magnitude, with no more decimals than the program's points scale.
 */
export function parsePoints(
  program: Program,
  value: unknown,
  path: string,
  signed = false,
): Decimal {
  const d = parseDecimal(value, path);
  if (signed ? d.isZero() : !d.gt(0)) {
    fail(path, 'invalid_points', signed ? 'Must not be zero' : 'Must be > 0');
  }
  if (d.abs().gt(MAX_POINTS)) fail(path, 'invalid_points', `At most ${MAX_POINTS} points`);
  if (d.decimalPlaces() > program.rounding.points.scale) {
    fail(path, 'invalid_points', `At most ${program.rounding.points.scale} decimal places`);
  }
  return d;
}

/** A money amount in the program currency: >= 0 (> 0 when `positive`), within its minor unit. */
export function parseMoney(
  value: unknown,
  path: string,
  minorUnits: number,
  positive: boolean,
): Decimal {
  const d = parseDecimal(value, path);
  if (positive ? !d.gt(0) : d.isNegative()) {
    fail(path, 'invalid_amount', positive ? 'Must be > 0' : 'Must be >= 0');
  }
  if (d.decimalPlaces() > minorUnits) {
    fail(path, 'invalid_amount', `At most ${minorUnits} decimal places`);
  }
  return d;
}

/** An optional id (null when absent). */
export function parseOptionalKey(value: unknown, path: string): string | null {
  return value === undefined || value === null ? null : parseKey(value, path);
}
