/**
 * @tessera/engine — the pure rules engine of Tessera.
 *
 * Every export is listed here explicitly. Functions are pure: they take the
 * program, the state and `now`, and return results with reason codes and a
 * trace; they never read the clock or perform I/O.
 */

export * from './accrual/index.js';
export {
  type AudienceMiss,
  isBirthday,
  matchAudience,
  matchLine,
  matchTimeWindow,
  type WindowMiss,
} from './conditions/index.js';
export * from './coupons/index.js';
export { formatIssue, InputError, type Issue, ProgramConfigError } from './errors.js';
export * from './ledger/index.js';
export {
  type CartLine,
  type CartLineInput,
  LINE_KINDS,
  type LineKind,
  MAX_LINES,
  normalizeLines,
} from './model/cart.js';
export { EvalContext } from './model/context.js';
export { type MemberSnapshot, type MemberSnapshotInput, normalizeMember } from './model/member.js';
export * from './money/index.js';
export * from './program/index.js';
export * from './promotions/index.js';
export * from './quote/index.js';
export * from './tiers/index.js';
export * from './time/index.js';
