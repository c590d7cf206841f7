/**
 * The benchmark's program: the demo coffee chain (earning rules, pending and
 * expiring points, a three-tier ladder, coupon templates) plus the kind of
 * promotions a real checkout evaluates, and a catalogue the carts draw from.
 */
import { DEMO_CONFIG } from '../dist/demo/demoProgram.js';

export const PROGRAM_ID = 'bench';

/** Coupon template every generated member holds one active code of. */
export const SPRING_TEMPLATE = 'spring-5';

/** Configuration version 1 (the server fills `id`, `version`, `effectiveFrom`). */
export function benchConfig(now) {
  const from = new Date(now.getTime() - 400 * 86_400_000).toISOString();
  const until = new Date(now.getTime() + 400 * 86_400_000).toISOString();
  return {
    ...DEMO_CONFIG,
    name: 'Tessera bench program',
    promotions: [
      {
        id: 'tea-5',
        name: '5% off tea',
        action: { kind: 'percent_off', percent: '5' },
        target: { categories: ['tea'] },
      },
      {
        id: 'beans-every-100',
        name: '10 off every 100 of beans',
        action: { kind: 'spend_off', steps: [{ spend: '100', off: '10' }], repeat: true },
        target: { categories: ['beans'] },
      },
      {
        id: 'bakery-b2g1',
        name: 'Bakery: buy 2 get 1 half price',
        action: { kind: 'buy_x_get_y', buy: 2, get: 1, percent: '50' },
        target: { categories: ['bakery'] },
      },
      {
        id: 'ware-weekend',
        name: 'Weekend: 15% off ware',
        window: { weekdays: [6, 7] },
        action: { kind: 'percent_off', percent: '15' },
        target: { categories: ['ware'] },
      },
      {
        id: 'silver-coffee',
        name: 'Silver and Gold: 8% off coffee',
        audience: { tiers: ['silver', 'gold'] },
        action: { kind: 'percent_off', percent: '8' },
        target: { categories: ['coffee'] },
      },
      {
        id: 'gold-discount',
        name: 'Gold member discount',
        audience: { tiers: ['gold'] },
        action: { kind: 'tier_discount' },
      },
    ],
    couponTemplates: [
      ...DEMO_CONFIG.couponTemplates,
      {
        id: SPRING_TEMPLATE,
        name: 'Spring: 5.00 off from 30.00',
        benefit: { kind: 'amount_off', amount: '5' },
        validity: { kind: 'absolute', from, until },
        minSpend: '30',
        usesPerCoupon: 1000,
      },
    ],
  };
}

/** The catalogue carts are drawn from: [sku, category, unit price]. */
export const CATALOGUE = [
  ['LATTE', 'coffee', '32.00'],
  ['AMERICANO', 'coffee', '26.00'],
  ['FLAT-WHITE', 'coffee', '34.00'],
  ['COLD-BREW', 'coffee', '36.00'],
  ['MOCHA', 'coffee', '35.50'],
  ['LONGJING', 'tea', '28.00'],
  ['OOLONG', 'tea', '30.00'],
  ['PUER', 'tea', '45.00'],
  ['MATCHA-LATTE', 'tea', '38.00'],
  ['CROISSANT', 'bakery', '18.50'],
  ['PAIN-CHOC', 'bakery', '21.00'],
  ['BAGEL', 'bakery', '15.00'],
  ['MUFFIN', 'bakery', '19.90'],
  ['BEANS-250', 'beans', '88.00'],
  ['BEANS-1KG', 'beans', '298.00'],
  ['MUG', 'ware', '69.00'],
  ['TUMBLER', 'ware', '129.00'],
  ['DRIPPER', 'ware', '159.00'],
];
