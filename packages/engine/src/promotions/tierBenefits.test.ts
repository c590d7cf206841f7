import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/index.js';
import { defineProgram } from '../program/parseProgram.js';
import type { Program } from '../program/schema.js';
import { tierBenefits } from './tierBenefits.js';

const base = defineProgram({ id: 'p', version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' });
const withTiers = (tiers: unknown) => ({ ...base, tiers }) as unknown as Program;

describe('tierBenefits', () => {
  it('reads the rate and prices of the member tier (record, list or map)', () => {
    const p = withTiers({
      ladder: [
        { id: 'a', benefits: { discountRate: new Decimal('0.05'), memberPrices: { X: '9.5' } } },
        { id: 'b', benefits: { discountRate: '0.1', memberPrices: [{ sku: 'Y', price: 3 }] } },
        { id: 'c', benefits: { memberPrices: new Map([['Z', new Decimal(1)]]) } },
      ],
    });
    expect(tierBenefits(p, 'a').discountRate?.toString()).toBe('0.05');
    expect(tierBenefits(p, 'a').memberPrices.get('X')?.toString()).toBe('9.5');
    expect(tierBenefits(p, 'b').discountRate?.toString()).toBe('0.1');
    expect(tierBenefits(p, 'b').memberPrices.get('Y')?.toString()).toBe('3');
    expect(tierBenefits(p, 'c').discountRate).toBeNull();
    expect(tierBenefits(p, 'c').memberPrices.get('Z')?.toString()).toBe('1');
  });

  it.each([
    ['no tier', withTiers({ ladder: [] }), null],
    ['placeholder tiers section', withTiers({}), 'a'],
    ['unknown tier', withTiers({ ladder: [{ id: 'x' }] }), 'a'],
    ['rate above 1', withTiers({ ladder: [{ id: 'a', benefits: { discountRate: 5 } }] }), 'a'],
    ['rate zero', withTiers({ ladder: [{ id: 'a', benefits: { discountRate: 0 } }] }), 'a'],
    [
      'rate not a number',
      withTiers({ ladder: [{ id: 'a', benefits: { discountRate: 'x' } }] }),
      'a',
    ],
  ])('reads "no benefit" for %s', (_name, p, tierId) => {
    const b = tierBenefits(p, tierId);
    expect(b.discountRate).toBeNull();
  });
});
