import { z } from 'zod';
import {
  CURRENCY_CODES,
  type Decimal,
  isDecimalString,
  ROUNDING_MODES,
  toDecimal,
} from '../money/index.js';
import { isInstant, isLocalDate, isValidTimeZone, toEpochMs } from '../time/index.js';

/**
 * Building blocks of the program schema. Amounts are exact decimals given as
 * strings (`"12.50"`) or JSON numbers, and come out as `Decimal`. Instants are
 * ISO-8601 strings with an offset and come out as epoch milliseconds.
 */
const decimalInput = z.union([
  z.string().refine(isDecimalString, { message: 'Expected a plain decimal such as "12.50"' }),
  z.number().refine(Number.isFinite, { message: 'Expected a finite number' }),
]);

/**
 * The decimal of an input, or null when it is not one. Zod 4 runs a schema's
 * later refinements even after `decimalInput` reported an issue, so they must
 * not throw on what it refused ("NaN" threw a TypeError out of `parseProgram`).
 */
function decimalOrNull(v: string | number): Decimal | null {
  try {
    return toDecimal(v);
  } catch {
    return null;
  }
}

/** Any exact decimal. */
export const zDecimal = decimalInput.transform((v): Decimal => toDecimal(v));
/** A decimal >= 0. */
export const zNonNegativeDecimal = decimalInput
  .refine(
    (v) => {
      const d = decimalOrNull(v);
      return d === null || !d.isNegative() || d.isZero();
    },
    { message: 'Must be >= 0' },
  )
  .transform((v): Decimal => toDecimal(v));
/** A decimal > 0. */
export const zPositiveDecimal = decimalInput
  .refine(
    (v) => {
      const d = decimalOrNull(v);
      return d === null || d.greaterThan(0);
    },
    { message: 'Must be > 0' },
  )
  .transform((v): Decimal => toDecimal(v));

/** An identifier chosen by the program's author (rule ids, tier ids, SKUs...). */
export const zId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:\-/]{0,127}$/, {
  message: 'Expected an id: letters, digits, _ . : - / (max 128)',
});

/** An IANA time zone name. */
export const zTimeZone = z.string().refine(isValidTimeZone, { message: 'Unknown IANA time zone' });

/** A calendar date `YYYY-MM-DD`. */
export const zLocalDate = z.string().refine(isLocalDate, { message: 'Expected a date YYYY-MM-DD' });

/** A recurring month-day `MM-DD` (29 February allowed). */
export const zMonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'Expected MM-DD' })
  .refine((s) => isLocalDate(`2024-${s}`), { message: 'No such day of the year' });

/** An instant with an offset; the typed value is epoch milliseconds. */
export const zInstant = z
  .string()
  .refine((s) => isInstant(s), {
    message: 'Expected an ISO-8601 instant with an offset, e.g. 2026-01-01T00:00:00+08:00',
  })
  .transform((s) => toEpochMs(s));

/** A local wall-clock time `HH:MM` (24h; `24:00` allowed as an end). */
export const zLocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'Expected HH:MM' });

/** A named rounding mode. */
export const zRoundingMode = z.enum(ROUNDING_MODES);

/** An ISO 4217 currency code the engine knows. */
export const zCurrency = z.enum(CURRENCY_CODES as [string, ...string[]]);

/** Sales channels. */
export const CHANNELS = ['store', 'online', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];
export const zChannel = z.enum(CHANNELS);

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export const zWeekday = z.number().int().min(1).max(7);

/** A non-negative whole number of something (days, purchases...). */
export const zCount = z.number().int().min(0).max(1_000_000_000);
