/**
 * Embedding the Tessera engine in a Node program, with no server and no
 * database: define a program, quote a cart, record the purchase in memory
 * (points earned, a pending lot, the tier), and read the member's balance
 * as of any instant.
 *
 * Run it: `pnpm example:engine` from the repository root (or `pnpm start` here).
 */
import {
  accruePurchase,
  balanceOf,
  defineProgram,
  earnPoints,
  evaluateTier,
  initialTierState,
  openAccount,
  quote,
  type TierActivityBucket,
} from '@tessera/engine';

// 1. The program: plain JSON, validated once into a typed, frozen value.
const program = defineProgram({
  id: 'tessera-cafe',
  version: 1,
  name: 'Tessera Café & Bakery',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  earning: {
    rate: { points: '1', per: '1' }, // 1 point per 1.00 CNY paid
    rules: [
      {
        id: 'weekend-bakery-x2',
        kind: 'multiplier',
        name: 'Double points on bakery at weekends',
        multiplier: 2,
        lines: { categories: ['bakery'] },
        when: { weekdays: [6, 7] },
      },
    ],
  },
  points: {
    pending: { amount: 14, unit: 'day' }, // covers the return period
    expiry: { kind: 'rolling', amount: 12, unit: 'month', roundUpTo: 'month' },
    payment: { enabled: true, rate: { points: '100', value: '1' }, step: 100, maxShare: '0.5' },
  },
  tiers: {
    window: 'calendar_year',
    ladder: [
      { id: 'member', name: 'Member' },
      {
        id: 'silver',
        name: 'Silver',
        entry: { spend: '500' },
        benefits: { pointsMultiplier: '1.25' },
      },
      {
        id: 'gold',
        name: 'Gold',
        entry: { spend: '2000' },
        benefits: { pointsMultiplier: '1.5', discountRate: '0.05' },
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
});

const member = { id: 'member-42', enrolledAt: '2026-01-10T09:00:00+08:00', birthday: '1990-05-20' };
const now = '2026-06-13T10:30:00+08:00'; // a Saturday morning in Shanghai
const lines = [
  { id: 'l1', sku: 'LATTE', categories: ['coffee'], quantity: 2, unitPrice: '32.00' },
  { id: 'l2', sku: 'CROISSANT', categories: ['bakery'], quantity: 3, unitPrice: '18.00' },
  { id: 'l3', sku: 'GIFT-CARD-100', quantity: 1, unitPrice: '100.00', kind: 'gift_card' as const },
];

// 2. Quote the cart: what the member pays, saves and earns, and why.
const q = quote(program, { lines, member, now, availablePoints: 0 });
console.log(`Cart subtotal        ${q.totals.subtotal.toFixed(2)} CNY`);
for (const p of q.promotions.applied) console.log(`  ${p.name}: -${p.amount.toFixed(2)}`);
console.log(`To pay               ${q.totals.payable.toFixed(2)} CNY`);
console.log(`Points to be earned  ${q.earning?.points.toString() ?? '0'}`);

// 3. Record the purchase: accrue on what was actually paid, post a pending lot.
const paid = Object.fromEntries(q.lines.map((l) => [l.lineId, l.payable]));
const accrual = accruePurchase(program, {
  purchase: {
    orderId: 'order-1001',
    occurredAt: now,
    storeId: 'sh-01',
    channel: 'store',
    currency: 'CNY',
    lines,
  },
  member: { ...member, tierId: 'member' },
  now,
  paid,
});
console.log('\nAwards (by rule and line):');
for (const a of accrual.awards)
  console.log(`  ${a.ruleId.padEnd(20)} ${(a.lineId ?? '-').padEnd(4)} ${a.points}`);
for (const t of accrual.trace.filter((r) => !r.fired))
  console.log(`  not fired: ${t.ruleId} (${t.reason.code})`);

let account = openAccount(program, member.id);
const earned = earnPoints(
  program,
  account,
  {
    key: 'order-1001',
    orderId: 'order-1001',
    points: accrual.total,
    orderAmount: q.totals.payable,
  },
  now,
);
if (!earned.ok) throw new Error(`earn refused: ${earned.reason.code}`);
account = earned.account;

// 4. The tier: spend this year crosses Silver's threshold at once.
const activity: { buckets: TierActivityBucket[] } = {
  buckets: [
    { from: '2026-03-01', to: '2026-03-31', spend: '420.00', points: '420', orders: 5 },
    { from: '2026-06-13', spend: q.totals.payable, points: accrual.total, orders: 1 },
  ],
};
const tier = evaluateTier(program, {
  state: initialTierState(program, { enrolledAt: member.enrolledAt }),
  activity,
  now,
  event: { kind: 'purchase', id: 'order-1001' },
});
console.log(`\nTier                 ${tier.previousTierId} -> ${tier.tierId} (${tier.code})`);
for (const b of tier.benefits.gained) {
  console.log(`  gained: ${b.kind}${'multiplier' in b ? ` x${b.multiplier}` : ''}`);
}

// 5. Balances are exact at any instant, whether or not a sweep has run.
for (const at of [now, '2026-06-28T10:30:00+08:00']) {
  const b = balanceOf(program, account, at, { expiringWithinDays: 30 });
  console.log(`\nBalance at ${at}: available ${b.available}, pending ${b.pending}`);
  for (const s of b.schedule) console.log(`  ${s.points} points expire after ${s.date}`);
}
