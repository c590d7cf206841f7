/**
 * The program the SDK tests publish: earning with a category multiplier,
 * expiring points, a two-tier ladder and a coupon template, in CNY at
 * Shanghai.
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

/**
 * TEST_CONFIG plus what makes a quote depend on the member's state: a
 * second-purchase bonus (accrual counters), points as payment (available
 * points), a Silver discount rate (tier), every 100 off 10 (promotions).
 */
export const PREVIEW_CONFIG: Record<string, unknown> = {
  ...TEST_CONFIG,
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
      {
        id: 'second-visit',
        name: 'Second purchase bonus',
        kind: 'nthPurchase',
        n: 2,
        points: '30',
      },
    ],
  },
  points: {
    expiry: { kind: 'rolling', amount: 12, unit: 'month', roundUpTo: 'month' },
    payment: {
      enabled: true,
      rate: { points: '100', value: '1' },
      step: 100,
      minPoints: 100,
      maxShare: '0.5',
    },
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
        benefits: { pointsMultiplier: '1.25', discountRate: '0.05' },
      },
    ],
  },
  promotions: [
    {
      id: 'every-100-off-10',
      name: 'Every 100 off 10',
      action: { kind: 'spend_off', steps: [{ spend: '100', off: '10' }], repeat: true },
    },
  ],
};
