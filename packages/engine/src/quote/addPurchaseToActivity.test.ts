import { describe, expect, it } from 'vitest';
import { toDecimal } from '../money/index.js';
import { addPurchaseToActivity } from './addPurchaseToActivity.js';

const delta = { spend: toDecimal('10.50'), points: toDecimal(10), orders: 1 };
const show = (a: ReturnType<typeof addPurchaseToActivity>) =>
  a.buckets.map((b) => [
    b.from,
    b.to ?? null,
    String(b.spend ?? 0),
    String(b.points ?? 0),
    b.orders ?? 0,
  ]);

describe('addPurchaseToActivity', () => {
  it('adds to the daily bucket of the date', () => {
    const a = addPurchaseToActivity(
      { buckets: [{ from: '2026-05-20', spend: '5', orders: 1 }] },
      '2026-05-20',
      delta,
    );
    expect(show(a)).toEqual([['2026-05-20', null, '15.5', '10', 2]]);
  });
  it('adds to a longer bucket that covers the date', () => {
    const a = addPurchaseToActivity(
      { buckets: [{ from: '2026-05-01', to: '2026-06-01', spend: '100', points: 3 }] },
      '2026-05-31',
      delta,
    );
    expect(show(a)).toEqual([['2026-05-01', '2026-06-01', '110.5', '13', 1]]);
  });
  it('inserts a new daily bucket in date order, leaving the input unchanged', () => {
    const input = { buckets: [{ from: '2026-05-01' }, { from: '2026-05-30' }] };
    const a = addPurchaseToActivity(input, '2026-05-20', delta);
    expect(a.buckets.map((b) => b.from)).toEqual(['2026-05-01', '2026-05-20', '2026-05-30']);
    expect(input.buckets).toHaveLength(2);
    expect(addPurchaseToActivity(input, '2026-06-02', delta).buckets.at(-1)?.from).toBe(
      '2026-06-02',
    );
  });
});
