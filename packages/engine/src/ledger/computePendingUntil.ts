import type { Program } from '../program/index.js';
import { addLocal } from '../time/index.js';

/**
 * The instant points earned at `earnedAtMs` vest (become spendable): `hour`
 * adds elapsed hours, `day` adds local calendar days in the program's time
 * zone. With a zero pending period it is `earnedAtMs` itself.
 */
export function computePendingUntil(program: Program, earnedAtMs: number): number {
  const { amount, unit } = program.points.pending;
  if (amount === 0) return earnedAtMs;
  if (unit === 'hour') return earnedAtMs + amount * 3_600_000;
  return addLocal(earnedAtMs, { days: amount }, program.timeZone);
}
