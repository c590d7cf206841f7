import { InputError, type Issue } from '../errors.js';
import { type Decimal, type DecimalInput, toDecimal, ZERO } from '../money/decimal.js';
import type { CompiledEarning } from './compileEarning.js';
import type { AccrualCounters, AccrualCountersInput } from './types.js';

const EMPTY = new Map<string, never>();

function amount(
  value: DecimalInput | undefined,
  path: (string | number)[],
  issues: Issue[],
): Decimal {
  if (value === undefined) return ZERO;
  try {
    const d = toDecimal(value);
    if (d.isNegative()) {
      issues.push({ path, code: 'too_small', message: 'Counter must be >= 0' });
      return ZERO;
    }
    return d;
  } catch {
    issues.push({ path, code: 'invalid_decimal', message: 'Expected a plain decimal amount' });
    return ZERO;
  }
}

/**
 * Validates the caller's counters against what the program's rules of this
 * family (purchase or event) read: a rule
 * with a per-member or total cap needs `rules[id].member` / `.total`, a
 * campaign needs `campaigns[id]`, first/n-th purchase rules need
 * `purchasesBefore`. Throws `InputError` listing every problem.
 */
export function normalizeCounters(
  input: AccrualCountersInput | undefined,
  compiled: CompiledEarning,
  family: 'purchase' | 'event',
): AccrualCounters {
  const c = input ?? {};
  const need = compiled.needs[family];
  const issues: Issue[] = [];
  const base = ['counters'];
  let purchasesBefore = 0;
  if (c.purchasesBefore !== undefined) {
    if (!Number.isSafeInteger(c.purchasesBefore) || c.purchasesBefore < 0) {
      issues.push({
        path: [...base, 'purchasesBefore'],
        code: 'invalid_type',
        message: 'Expected a whole number >= 0',
      });
    } else purchasesBefore = c.purchasesBefore;
  } else if (need.purchaseCount) {
    issues.push({
      path: [...base, 'purchasesBefore'],
      code: 'missing_counter',
      message: 'Required by first/n-th purchase rules',
    });
  }
  const memberDay = c.memberDay
    ? {
        date: String(c.memberDay.date),
        points: amount(c.memberDay.points, [...base, 'memberDay', 'points'], issues),
      }
    : null;
  const memberMonth = c.memberMonth
    ? {
        month: String(c.memberMonth.month),
        points: amount(c.memberMonth.points, [...base, 'memberMonth', 'points'], issues),
      }
    : null;
  let ruleMember: Map<string, Decimal> = EMPTY;
  let ruleTotal: Map<string, Decimal> = EMPTY;
  if (need.ruleMember.size || need.ruleTotal.size) {
    ruleMember = new Map();
    ruleTotal = new Map();
    for (const id of need.ruleMember) {
      const v = c.rules?.[id]?.member;
      if (v === undefined)
        issues.push({
          path: [...base, 'rules', id, 'member'],
          code: 'missing_counter',
          message: "Required by the rule's per-member cap",
        });
      else ruleMember.set(id, amount(v, [...base, 'rules', id, 'member'], issues));
    }
    for (const id of need.ruleTotal) {
      const v = c.rules?.[id]?.total;
      if (v === undefined)
        issues.push({
          path: [...base, 'rules', id, 'total'],
          code: 'missing_counter',
          message: "Required by the rule's total cap",
        });
      else ruleTotal.set(id, amount(v, [...base, 'rules', id, 'total'], issues));
    }
  }
  let campaigns: Map<string, Decimal> = EMPTY;
  if (need.campaign.size) {
    campaigns = new Map();
    for (const id of need.campaign) {
      const v = c.campaigns?.[id];
      if (v === undefined)
        issues.push({
          path: [...base, 'campaigns', id],
          code: 'missing_counter',
          message: 'Required by the campaign budget',
        });
      else campaigns.set(id, amount(v, [...base, 'campaigns', id], issues));
    }
  }
  const events: Map<string, { periodKey: string; count: number }> = c.events ? new Map() : EMPTY;
  if (c.events) {
    for (const [id, e] of Object.entries(c.events)) {
      if (!e || typeof e.periodKey !== 'string' || !Number.isSafeInteger(e.count) || e.count < 0) {
        issues.push({
          path: [...base, 'events', id],
          code: 'invalid_type',
          message: 'Expected { periodKey, count >= 0 }',
        });
      } else events.set(id, { periodKey: e.periodKey, count: e.count });
    }
  }
  if (issues.length) throw new InputError(issues);
  return { purchasesBefore, memberDay, memberMonth, ruleMember, ruleTotal, campaigns, events };
}
