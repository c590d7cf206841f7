/**
 * The demo program loaded by `pnpm dev`: a coffee-and-bakery chain paying in
 * CNY in Shanghai. Only fields of the engine's program schema are used; the
 * engine validates it like any published version.
 */
export const DEMO_PROGRAM_ID = 'demo';

/** Configuration version 1 of the demo program (server fills `id`, `version`, `effectiveFrom`). */
export const DEMO_CONFIG: Record<string, unknown> = {
  name: 'Tessera Coffee Club',
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
      {
        id: 'weekend-flagship',
        name: 'Weekend bonus at the flagship',
        kind: 'orderBonus',
        points: '20',
        when: { weekdays: [6, 7] },
        audience: { stores: ['SH-001'] },
      },
      { id: 'welcome', name: 'Welcome points', kind: 'enrolment', points: '50' },
    ],
  },
  points: {
    pending: { amount: 14, unit: 'day' },
    expiry: { kind: 'rolling', amount: 12, unit: 'month', roundUpTo: 'month' },
    // Points as payment: 10 points = 1.00, in steps of 10, for at most half of the order.
    payment: { enabled: true, rate: { points: '10', value: '1' }, step: 10, maxShare: '0.5' },
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
      {
        id: 'gold',
        name: 'Gold',
        entry: { spend: '5000', orders: 20, match: 'any' },
        benefits: { pointsMultiplier: '1.5', discountRate: '0.05', freeShipping: true },
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
    {
      id: 'birthday-15',
      name: 'Happy birthday: 15% off',
      benefit: { kind: 'percent_off', percent: '15' },
      validity: { kind: 'birthday', scope: 'month', graceDays: 7 },
      maxDiscount: '50',
    },
  ],
};

/** Stores of the demo program (`code` is the store id rules target). */
export const DEMO_STORES = [
  { code: 'SH-001', name: 'Shanghai Flagship (Nanjing Road)' },
  { code: 'SH-002', name: 'Shanghai Xintiandi' },
  { code: 'WEB', name: 'Online shop' },
] as const;

/** Demo members (phones and emails are fictitious). */
export const DEMO_MEMBERS = [
  {
    name: 'Li Wei',
    phone: '+8613800000001',
    email: 'li.wei@example.com',
    birthday: '1990-05-14',
    tags: ['coffee-lover'],
    store: 'SH-001',
    topUp: '200',
    // Amounts of purchases recorded 30, 20 and 1 day(s) ago (points available, then pending).
    purchases: ['86.00', '132.50', '45.00'],
  },
  {
    name: 'Wang Fang',
    phone: '+8613800000002',
    email: 'wang.fang@example.com',
    birthday: '1985-11-02',
    tags: ['vip'],
    store: 'SH-002',
    topUp: '500',
    // Enough spend for Silver (1000 over a rolling year).
    purchases: ['680.00', '420.00', '58.00'],
  },
  {
    name: 'Zhang Min',
    phone: '+8613800000003',
    email: null,
    birthday: null,
    tags: [],
    store: 'WEB',
    topUp: null,
    purchases: [],
  },
] as const;
