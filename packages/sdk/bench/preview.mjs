#!/usr/bin/env node
// `pnpm --filter @tessera/sdk bench` (after `pnpm build`): what the offline
// preview saves. Starts the built server in-process on in-memory PGlite, then
// quotes the same member cart (tier, points payment, a coupon, a promotion)
// with `client.quote.checkout` (HTTP + database + engine: the baseline) and
// with `preview.quote` (the engine in-process), checks that both answers are
// equal, and prints both costs and their ratio. Best of 3 rounds.
import 'reflect-metadata';
import { createProgram, IN_MEMORY, loadConfig, openDatabase, startApp } from '@tessera/server';
import { createTesseraClient } from '../dist/index.js';
import { loadPreview } from '../dist/preview.js';

const CONFIG = {
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  earning: { rate: { points: '1', per: '1' }, basis: 'net' },
  points: {
    payment: { enabled: true, rate: { points: '100', value: '1' }, step: 100, maxShare: '0.5' },
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
        benefits: { discountRate: '0.05' },
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
  couponTemplates: [
    {
      id: 'welcome-10',
      name: 'Welcome',
      benefit: { kind: 'amount_off', amount: '10' },
      validity: { kind: 'after_issue', days: 30 },
      minSpend: '50',
    },
  ],
};

const db = await openDatabase({ kind: 'pglite', dataDir: IN_MEMORY });
const { adminSecret } = await createProgram(
  db.orm.em.fork(),
  { id: 'bench', name: 'Bench', config: { currency: 'CNY', timeZone: 'Asia/Shanghai' } },
  new Date(),
);
const app = await startApp({ config: loadConfig({ NODE_ENV: 'test', PORT: '0' }), db });
try {
  const admin = createTesseraClient({ url: app.url, apiKey: adminSecret });
  await admin.programs.publish({ config: CONFIG });
  const member = await admin.members.enrol({ name: 'Bench', channel: 'store' });
  await admin.purchases.record({
    memberId: member.id,
    orderId: 'o1',
    channel: 'store',
    currency: 'CNY',
    occurredAt: new Date().toISOString(),
    lines: [{ id: 'a', sku: 'BEANS', quantity: '10', unitPrice: '120.00' }],
  });
  const code = (await admin.coupons.issue({ templateId: 'welcome-10', memberId: member.id }))
    .coupons[0].code;
  const { token } = await admin.members.createToken({ memberId: member.id });
  const tessera = createTesseraClient({ url: app.url, memberToken: token });
  const lines = [
    { id: 'l1', sku: 'CROISSANT', categories: ['bakery'], quantity: '3', unitPrice: '18.50' },
    { id: 'l2', sku: 'LATTE', categories: ['coffee'], quantity: '2', unitPrice: '32.00' },
    { id: 'l3', sku: 'GRINDER', quantity: '1', unitPrice: '249.90' },
  ];
  const cart = { lines, couponCodes: [code], pointsToSpend: '500' };
  const preview = await loadPreview(tessera);
  const live = await tessera.quote.checkout(cart);
  const same =
    JSON.stringify(preview.quoteJson({ ...cart, now: live.asOf })) === JSON.stringify(live.engine);
  if (!same) throw new Error('the preview and checkoutQuote disagree');

  async function perOp(n, fn) {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await fn();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6 / n);
    }
    return best;
  }
  await perOp(20, () => tessera.quote.checkout(cart)); // warm-up
  const server = await perOp(200, () => tessera.quote.checkout(cart));
  const local = await perOp(2000, () => preview.quote(cart));
  console.log(
    `node ${process.version}, ${process.platform}/${process.arch}; answers equal: ${same}`,
  );
  console.log(`checkoutQuote over HTTP (in-process server, PGlite): ${server.toFixed(3)} ms/quote`);
  console.log(`preview.quote (engine in-process):                  ${local.toFixed(3)} ms/quote`);
  console.log(`ratio: the preview is ${(server / local).toFixed(1)}x faster (best of 3 rounds)`);
} finally {
  await app.close();
  await db.close();
}
