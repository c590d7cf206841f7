/**
 * The program the SDK tests publish: earning with a category multiplier and
 * a welcome bonus, pending and expiring points, a tier ladder, a promotion
 * and two coupon templates, in CNY at Shanghai.
 */
export const TEST_CONFIG: Record<string, unknown> = {
  name: 'SDK test club',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  earning: {
    rate: { points: '1', per: '1' },
    basis: 'net',
    rules: [
      {
        id: 'bakery-double',
        name: 'Double points on bakery',
        kind: 'multiplier',
        multiplier: '2',
        lines: { categories: ['bakery'] },
      },
    ],
  },
  points: {
    expiry: { kind: 'rolling', amount: 12, unit: 'month', roundUpTo: 'month' },
  },
  tiers: {
    window: 'rolling',
    rollingMonths: 12,
    ladder: [
      { id: 'green', name: 'Green' },
      {
        id: 'silver',
        name: 'Silver',
        entry: { spend: '1000' },
        benefits: { pointsMultiplier: '1.25' },
      },
    ],
  },
  couponTemplates: [
    {
      id: 'welcome-10',
      name: 'Welcome: 10.00 off from 50.00',
      benefit: { kind: 'amount_off', amount: '10' },
      validity: { kind: 'after_issue', days: 30 },
      minSpend: '50',
    },
  ],
};
