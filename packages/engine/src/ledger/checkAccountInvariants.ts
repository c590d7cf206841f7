import { sum, ZERO } from '../money/index.js';
import type { PointsAccount } from './types.js';

/**
 * Checks an account's structural invariants and returns every violation
 * (empty when sound). For tests, simulations and a server's health checks:
 *
 * 1. balance: `sum(entries.delta) = sum(lots.remaining) + held - debt`;
 * 2. no entry id twice;
 * 3. no lot remaining, hold or debt negative; no lot remaining above its amount;
 * 4. each active hold's allocations sum to its amount;
 * 5. each hold resolved by at most one entry, and a resolved hold names it;
 * 6. debt > 0 only when no lot has points left (credits settle debt first);
 * 7. `sum(entries.debtChange) = debt`.
 */
export function checkAccountInvariants(account: PointsAccount): string[] {
  const problems: string[] = [];
  const entrySum = sum(account.entries.map((e) => e.delta));
  const lotSum = sum(account.lots.map((l) => l.remaining));
  const held = sum(account.holds.filter((h) => h.status === 'active').map((h) => h.amount));
  if (!entrySum.eq(lotSum.plus(held).minus(account.debt))) {
    problems.push(
      `balance: entries ${entrySum} != lots ${lotSum} + held ${held} - debt ${account.debt}`,
    );
  }
  const ids = new Set<string>();
  for (const e of account.entries) {
    if (ids.has(e.id)) problems.push(`duplicate entry id ${e.id}`);
    ids.add(e.id);
  }
  if (account.debt.isNegative()) problems.push('negative debt');
  for (const l of account.lots) {
    if (l.remaining.isNegative()) problems.push(`lot ${l.id} remaining negative`);
    if (l.remaining.gt(l.amount)) problems.push(`lot ${l.id} remaining above amount`);
  }
  for (const h of account.holds) {
    if (h.status === 'active' && !sum(h.allocations.map((a) => a.amount)).eq(h.amount)) {
      problems.push(`hold ${h.id} allocations do not sum to its amount`);
    }
    const resolutions = account.entries.filter(
      (e) => (e.kind === 'capture' || e.kind === 'hold_release') && e.id.endsWith(`:${h.id}`),
    );
    if (resolutions.length > 1) problems.push(`hold ${h.id} resolved ${resolutions.length} times`);
    if (h.status !== 'active' && resolutions.length !== 1)
      problems.push(`hold ${h.id} resolution missing`);
  }
  if (account.debt.gt(0) && account.lots.some((l) => l.remaining.gt(0))) {
    problems.push('debt outstanding while lots have points');
  }
  const debtSum = account.entries.reduce((s, e) => s.plus(e.debtChange), ZERO);
  if (!debtSum.eq(account.debt))
    problems.push(`debt ${account.debt} != sum of debt changes ${debtSum}`);
  return problems;
}
