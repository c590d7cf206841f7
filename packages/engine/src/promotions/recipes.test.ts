import { describe, expect, it } from 'vitest';
import { normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { normalizeMember } from '../model/member.js';
import { Decimal } from '../money/index.js';
import { defineProgram } from '../program/parseProgram.js';
import type { Program } from '../program/schema.js';
import { toEpochMs } from '../time/index.js';
import { applyPromotions } from './applyPromotions.js';
import { memberPrices } from './memberPrices.js';

// The recipes of docs/engine/promotions.md, with their printed results as assertions.
// (The tier ladder is set as data here so this test does not depend on the tiers schema.)

describe('recipes (docs/engine/promotions.md)', () => {
  it('every 100 off 10, and a tier price', () => {
    const base = defineProgram({
      id: 'teahouse',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      promotions: [
        {
          id: 'every-100-off-10',
          name: 'Every 100 off 10',
          action: { kind: 'spend_off', steps: [{ spend: '100', off: '10' }], repeat: true },
        },
        {
          id: 'gold-price',
          name: 'Gold member prices',
          priority: 10,
          action: { kind: 'member_price', includeTierPrices: true },
        },
      ],
    });
    const program = {
      ...base,
      tiers: {
        ladder: [
          { id: 'member' },
          {
            id: 'gold',
            benefits: {
              discountRate: new Decimal('0.05'),
              memberPrices: { 'TEA-LONGJING': new Decimal('88.00') },
            },
          },
        ],
      },
    } as unknown as Program;
    const gold = normalizeMember({
      id: 'm-1',
      tierId: 'gold',
      enrolledAt: '2024-03-01T00:00:00+08:00',
    });
    const ctx = new EvalContext(
      toEpochMs('2026-05-02T15:00:00+08:00'),
      program.timeZone,
      'store-1',
      'store',
      gold,
    );
    const lines = normalizeLines([
      { id: '1', sku: 'TEA-LONGJING', categories: ['tea'], quantity: 2, unitPrice: '98.00' },
      { id: '2', sku: 'CUP', categories: ['ware'], quantity: 1, unitPrice: '45.50' },
    ]);
    const result = applyPromotions(program, { lines, ctx });
    expect(
      [result.totals.subtotal, result.totals.discount, result.totals.total].map(String),
    ).toEqual(['241.5', '40', '201.5']);
    expect(
      result.applied.map(
        (a) =>
          `${a.promotionId} ${a.amount} ${a.lines.map((l) => `${l.lineId}:${l.amount}`).join(' ')}`,
      ),
    ).toEqual(['gold-price 20 1:20', 'every-100-off-10 20 1:15.89 2:4.11']);
    const prices = memberPrices(program, {
      items: [
        { sku: 'TEA-LONGJING', unitPrice: '98.00' },
        { sku: 'CUP', unitPrice: '45.50' },
      ],
      member: { id: 'm-1', tierId: 'gold', enrolledAt: '2024-03-01T00:00:00+08:00' },
      now: '2026-05-02T15:00:00+08:00',
    });
    expect(prices.map((p) => `${p.sku} ${p.unitPrice} -> ${p.memberPrice}`)).toEqual([
      'TEA-LONGJING 98 -> 88',
      'CUP 45.5 -> 45.5',
    ]);
  });

  it('a best-deal group', () => {
    const weekend = { id: 'weekend', mode: 'best_deal' } as const;
    const program = defineProgram({
      id: 'shop',
      version: 1,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      promotions: [
        {
          id: 'pct',
          name: '15% off',
          window: { weekdays: [6, 7] },
          stacking: { group: weekend },
          action: { kind: 'percent_off', percent: 15 },
        },
        {
          id: 'b2g1',
          name: 'Buy 2 get 1',
          window: { weekdays: [6, 7] },
          stacking: { group: weekend },
          action: { kind: 'buy_x_get_y', buy: 2, get: 1 },
        },
        {
          id: 'gift',
          name: 'Free tote',
          window: { weekdays: [6, 7] },
          stacking: { group: weekend },
          action: { kind: 'free_gift', sku: 'TOTE', value: '25.00' },
        },
      ],
    });
    const ctx = new EvalContext(
      toEpochMs('2026-05-02T11:00:00+08:00'),
      program.timeZone,
      null,
      'online',
      null,
    );
    const lines = normalizeLines([
      { id: 'a', sku: 'TEA', quantity: 2, unitPrice: '60.00' },
      { id: 'b', sku: 'CUP', quantity: 1, unitPrice: '30.00' },
    ]);
    const r = applyPromotions(program, { lines, ctx });
    expect(r.applied.map((a) => `${a.promotionId} ${a.amount}`)).toEqual(['b2g1 30']);
    expect(r.skipped.map((s) => `${s.promotionId} ${s.reason.code}`)).toEqual([
      'gift GROUP_BEST_DEAL_NOT_CHOSEN',
      'pct GROUP_BEST_DEAL_NOT_CHOSEN',
    ]);
    expect(r.trace.find((t) => t.event === 'GROUP')?.message).toBe(
      'best_deal group weekend: 3 valid combination(s) of 3 searched, chose [b2g1] worth 30',
    );
  });
});
