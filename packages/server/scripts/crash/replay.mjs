// RELIABILITY scenario 8: every purchase event delivered three times,
// shuffled, gives the balances and tiers of one in-order delivery.
import { must, OPS } from './client.mjs';
import { units } from './prng.mjs';
import { enrolMembers } from './workload.mjs';

/** Twins: A gets each purchase once in order, B the same purchases three times, shuffled, 4 at a time. */
export async function tripleDelivery({
  url,
  adminKey,
  sql,
  programId,
  rng,
  pairs,
  perMember,
  label,
}) {
  const members = await enrolMembers(url, adminKey, pairs * 2, label);
  const base = Date.now() - 3_600_000;
  const single = [];
  const triple = [];
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [members[2 * i], members[2 * i + 1]];
    for (let j = 0; j < perMember; j++) {
      const amount = `${rng.int(20, 400)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
      const event = (m, tag) => ({
        memberId: m.id,
        orderId: `${label}-${tag}-${i}-${j}`,
        channel: 'store',
        occurredAt: new Date(base + j * 60_000).toISOString(),
        currency: 'CNY',
        lines: [{ id: '1', sku: 'TEA', categories: ['tea'], quantity: '1', unitPrice: amount }],
        idempotencyKey: `${label}-${tag}-${i}-${j}`,
      });
      single.push(event(a, 'a'));
      const e = event(b, 'b');
      triple.push(e, e, e);
    }
  }
  const byMember = new Map();
  for (const e of single) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
  await Promise.all(
    [...byMember.values()].map(async (events) => {
      for (const input of events) await must(url, OPS.purchase, { input }, adminKey);
    }),
  );
  const queue = rng.shuffle(triple);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let input = queue.shift(); input; input = queue.shift()) {
        await must(url, OPS.purchase, { input }, adminKey);
      }
    }),
  );
  const differ = [];
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [members[2 * i], members[2 * i + 1]];
    const view = async (m) => {
      const bal = (await must(url, OPS.balance, { id: m.id }, adminKey)).pointsBalance;
      const tier = (await must(url, OPS.tier, { id: m.id }, adminKey)).memberTier.tierId;
      const [p] = await sql.query(
        `select count(*)::int as n, coalesce(sum(points_earned), 0)::text as points
         from purchase where program_id = ? and member_id = ?`,
        [programId, m.id],
      );
      return [bal.balance, bal.available, bal.pending, bal.debt, tier, p.n, p.points]
        .map((v) => (typeof v === 'string' && /^-?\d/.test(v) ? units(v).toString() : String(v)))
        .join('/');
    };
    const [va, vb] = [await view(a), await view(b)];
    if (va !== vb) differ.push(`pair ${i}: once ${va} vs thrice ${vb}`);
  }
  return { deliveries: single.length + triple.length, pairs, differ };
}
