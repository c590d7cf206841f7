import { InputError, type Issue } from '../errors.js';
import { devAssert } from '../internal/assert.js';
import { normalizeLines } from '../model/cart.js';
import { normalizeMember } from '../model/member.js';
import { type Decimal, toDecimal } from '../money/decimal.js';
import { CHANNELS, type Channel, type Program } from '../program/index.js';
import { accrueNormalizedPurchase } from './accrueNormalizedPurchase.js';
import { readInstants } from './readInstants.js';
import type { AccrualResult, AccruePurchaseInput } from './types.js';

function readPaid(
  paid: AccruePurchaseInput['paid'],
  lines: ReturnType<typeof normalizeLines>,
  basis: 'net' | 'gross',
): Map<string, Decimal> | undefined {
  if (paid === undefined) return undefined;
  const issues: Issue[] = [];
  const out = new Map<string, Decimal>();
  const byId = new Map(lines.map((l) => [l.id, l]));
  for (const [id, value] of Object.entries(paid)) {
    const path = ['paid', id];
    const line = byId.get(id);
    if (!line) {
      issues.push({ path, code: 'unknown_line', message: `No line ${id}` });
      continue;
    }
    let amount: Decimal;
    try {
      amount = toDecimal(value);
    } catch {
      issues.push({ path, code: 'invalid_decimal', message: 'Expected a plain decimal amount' });
      continue;
    }
    const ceiling = basis === 'net' ? line.net : line.gross;
    if (amount.isNegative() || amount.gt(ceiling)) {
      issues.push({
        path,
        code: 'out_of_range',
        message: `Paid must be between 0 and ${ceiling.toString()}`,
      });
      continue;
    }
    out.set(id, amount);
  }
  if (issues.length) throw new InputError(issues);
  return out;
}

/**
 * Points earned by a purchase: base rate on eligible lines, multipliers and
 * bonuses of the program's purchase rules, caps and budgets, rounding.
 * Pure: the caller passes the member snapshot, the counters the program
 * reads, and `now`; it persists the result's awards and counter increments.
 * Throws `InputError` on malformed input (nothing is computed) and a
 * `TypeError` when the purchase's currency is not the program's.
 *
 * @example
 * const result = accruePurchase(program, {
 *   purchase: { orderId: 'o-1', occurredAt: '2026-03-01T10:00:00+08:00', currency: 'CNY',
 *     storeId: 's1', channel: 'store', lines: [{ id: '1', sku: 'TEA', quantity: 2, unitPrice: '25.00' }] },
 *   member: { id: 'm-1', enrolledAt: '2025-01-01T00:00:00Z' },
 *   now: '2026-03-01T10:00:05+08:00',
 * });
 * result.total.toString(); // '50'
 */
export function accruePurchase(program: Program, input: AccruePurchaseInput): AccrualResult {
  const purchase = input?.purchase;
  if (!purchase || typeof purchase !== 'object') {
    throw new InputError([{ path: ['purchase'], code: 'invalid_type', message: 'Required' }]);
  }
  if (purchase.currency !== program.currency) {
    devAssert(
      false,
      `accruePurchase: purchase currency ${String(purchase.currency)} is not the program's ${program.currency}`,
    );
  }
  if (typeof purchase.orderId !== 'string' || purchase.orderId.length === 0) {
    throw new InputError([
      {
        path: ['purchase', 'orderId'],
        code: 'invalid_type',
        message: 'Order id must be a non-empty string',
      },
    ]);
  }
  const channel = purchase.channel ?? null;
  if (channel !== null && !(CHANNELS as readonly string[]).includes(channel)) {
    throw new InputError([
      {
        path: ['purchase', 'channel'],
        code: 'invalid_value',
        message: `Channel must be one of ${CHANNELS.join(', ')}`,
      },
    ]);
  }
  const { occurredAtMs } = readInstants(purchase.occurredAt, input.now, ['purchase', 'occurredAt']);
  const lines = normalizeLines(purchase.lines, ['purchase', 'lines']);
  const member = normalizeMember(input.member);
  const paid = readPaid(input.paid, lines, program.earning.basis);
  return accrueNormalizedPurchase(program, {
    orderId: purchase.orderId,
    occurredAtMs,
    storeId: purchase.storeId ?? null,
    channel: channel as Channel | null,
    lines,
    member,
    counters: input.counters,
    paid,
  });
}
