import { describe, expect, it } from 'vitest';
import { normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { defineProgram } from '../program/parseProgram.js';
import type { PromotionInput } from '../program/promotions.js';
import { toEpochMs } from '../time/index.js';
import { qualifyPromotions } from './qualifyPromotions.js';

const ctx = new EvalContext(
  toEpochMs('2026-05-02T10:00:00+08:00'),
  'Asia/Shanghai',
  's1',
  'store',
  null,
);
const lines = normalizeLines([
  { id: 'a', sku: 'TEA', categories: ['tea'], quantity: 2, unitPrice: '44.00' },
]);

function qualify(promotions: PromotionInput[]) {
  const program = defineProgram({
    id: 'p',
    version: 1,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    promotions,
  });
  return qualifyPromotions(program, { lines, ctx });
}

const row = (q: ReturnType<typeof qualify>[number]) => ({
  id: q.promotionId,
  status: q.status,
  missing: q.missing.map((m) =>
    m.code === 'SPEND_MORE'
      ? `${m.code} ${m.amount.toString()} for ${m.reward?.toString() ?? '-'}`
      : m.code === 'ADD_ITEMS'
        ? `${m.code} ${m.quantity.toString()}`
        : m.code,
  ),
});

describe('qualifyPromotions', () => {
  it.each([
    [
      'a spend threshold not reached: spend 12 more for 20 off',
      { id: 's', name: 's', action: { kind: 'spend_off', steps: [{ spend: 100, off: 20 }] } },
      { id: 's', status: 'missing', missing: ['SPEND_MORE 12 for 20'] },
    ],
    [
      'a next step: spend 112 more for the 200 step',
      {
        id: 's',
        name: 's',
        action: {
          kind: 'spend_off',
          steps: [
            { spend: 50, off: 5 },
            { spend: 200, off: 30 },
          ],
        },
      },
      { id: 's', status: 'applied', missing: ['SPEND_MORE 112 for 30'] },
    ],
    [
      'a repeating step: 12 more for one more 10 off',
      {
        id: 's',
        name: 's',
        action: { kind: 'spend_off', steps: [{ spend: 50, off: 10 }], repeat: true },
      },
      { id: 's', status: 'applied', missing: ['SPEND_MORE 12 for 10'] },
    ],
    [
      'buy 2 get 1: one more item',
      { id: 'b', name: 'b', action: { kind: 'buy_x_get_y', buy: 2, get: 1 } },
      { id: 'b', status: 'missing', missing: ['ADD_ITEMS 1'] },
    ],
    [
      'a minimum quantity',
      {
        id: 'q',
        name: 'q',
        requirements: { minQuantity: 5 },
        action: { kind: 'percent_off', percent: 5 },
      },
      { id: 'q', status: 'missing', missing: ['ADD_ITEMS 3'] },
    ],
    [
      'no targeted item in the cart',
      {
        id: 'c',
        name: 'c',
        target: { categories: ['ware'] },
        action: { kind: 'percent_off', percent: 5 },
      },
      { id: 'c', status: 'missing', missing: ['ADD_ELIGIBLE_ITEMS'] },
    ],
    [
      'an audience the member is not in',
      {
        id: 'v',
        name: 'v',
        audience: { segments: ['vip'] },
        action: { kind: 'percent_off', percent: 5 },
      },
      { id: 'v', status: 'ineligible', missing: [] },
    ],
  ] as [string, PromotionInput, ReturnType<typeof row>][])('%s', (_name, p, expected) => {
    expect(qualify([p]).map(row)).toEqual([expected]);
  });

  it('a promotion kept out by stacking is blocked', () => {
    const q = qualify([
      {
        id: 'x',
        name: 'x',
        priority: 1,
        stacking: { exclusive: true },
        action: { kind: 'percent_off', percent: 5 },
      },
      { id: 'y', name: 'y', action: { kind: 'percent_off', percent: 5 } },
    ]);
    expect(q.map((r) => [r.promotionId, r.status, r.reason?.code ?? null])).toEqual([
      ['x', 'applied', null],
      ['y', 'blocked', 'EXCLUSIVE_APPLIED'],
    ]);
  });
});
