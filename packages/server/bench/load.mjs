/**
 * The load generator, run as its own process so it does not share an event
 * loop with the server: one autocannon run of one scenario, its figures as
 * one JSON line on stdout. Argument: a JSON object { url, scenario,
 * connections, seconds, fixture } where fixture is the path of the JSON file
 * the orchestrator wrote (keys, members, their coupon codes and tokens).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { CATALOGUE } from './program.mjs';

const args = JSON.parse(process.argv[2]);
const fixture = JSON.parse(readFileSync(args.fixture, 'utf8'));
const members = fixture.members;

const QUOTE = `query Quote($input: CheckoutQuoteInput!) { checkoutQuote(input: $input) {
  programVersion currency memberId freeShipping pointsToEarn
  lines { lineId sku quantity unitPrice discount total discounts { kind sourceId amount } }
  totals { subtotal promotionDiscount couponDiscount discount payable }
  promotionsApplied coupons { couponCode valid discount reasonCode } } }`;

const RECORD = `mutation Record($input: RecordPurchaseInput!) { recordPurchase(input: $input) {
  outcome refusal { code message }
  purchase { id orderId amount pointsEarned }
  balance { balance available pending }
  tier { tierId changed } } }`;

const VIEWER = '{ viewer { kind programId storeId } }';

let seq = 0;
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** A cart of `min`..`max` distinct catalogue lines. */
function cart(min, max) {
  const n = min + Math.floor(Math.random() * (max - min + 1));
  const skus = [...CATALOGUE].sort(() => Math.random() - 0.5).slice(0, n);
  return skus.map(([sku, category, price], i) => ({
    id: String(i + 1),
    sku,
    categories: [category],
    quantity: String(1 + Math.floor(Math.random() * 3)),
    unitPrice: price,
  }));
}

const json = (credential, query, variables) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
  body: JSON.stringify({ query, variables }),
});

/** Per scenario: how a request is made and how an answer is judged (true = good). */
const SCENARIOS = {
  viewer: {
    request: () => json(fixture.storeKey, VIEWER, {}),
    ok: (b) => !b.errors && b.data?.viewer?.kind === 'store',
  },
  readyz: { request: () => ({ method: 'GET', path: '/readyz' }), ok: (b) => b.status === 'ready' },
  quote: {
    request: () => {
      const m = pick(members);
      return json(fixture.storeKey, QUOTE, {
        input: { memberId: m.id, lines: cart(5, 10), couponCodes: [m.code] },
      });
    },
    ok: (b) => !b.errors && b.data?.checkoutQuote?.coupons?.[0]?.valid === true,
  },
  quoteMember: {
    request: () => {
      const m = pick(members);
      return json(m.token, QUOTE, { input: { lines: cart(5, 10), couponCodes: [m.code] } });
    },
    ok: (b) => !b.errors && b.data?.checkoutQuote?.coupons?.[0]?.valid === true,
  },
  record: {
    request: () => {
      const m = pick(members);
      const orderId = `bench-${process.pid}-${args.tag}-${++seq}`;
      return json(fixture.storeKey, RECORD, {
        input: {
          memberId: m.id,
          orderId,
          idempotencyKey: orderId,
          channel: 'store',
          occurredAt: new Date().toISOString(),
          currency: 'CNY',
          lines: cart(2, 6),
        },
      });
    },
    ok: (b) => !b.errors && b.data?.recordPurchase?.outcome === 'APPLIED',
  },
};

const scenario = SCENARIOS[args.scenario];
if (!scenario) throw new Error(`Unknown scenario ${args.scenario}`);
const url = new URL(args.url);
let bad = 0;
let firstBad = null;
const result = await autocannon({
  url: url.origin,
  connections: args.connections,
  duration: args.seconds,
  timeout: 10,
  requests: [
    {
      path: '/graphql',
      setupRequest: (req) => ({ path: '/graphql', ...req, ...scenario.request() }),
      onResponse: (status, body) => {
        let good = false;
        try {
          good = status === 200 && scenario.ok(JSON.parse(body));
        } catch {
          good = false;
        }
        if (!good) {
          bad++;
          firstBad ??= `${status} ${String(body).slice(0, 300)}`;
        }
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bad,
    firstBad,
  })}\n`,
);
