// The write workload: several workers send mixed value-moving writes, each
// with its own idempotency key (and order, return or reference id); a write
// that is not acknowledged is parked and sent again later with the same key
// until it is. Every acknowledged answer is kept for the checks.
import { FIELD, must, OPS, post } from './client.mjs';
import { sleep } from './prng.mjs';

/** The program: 1 point per 1.00, no pending period, transfers and points payment on, a multi-use coupon. */
export function programConfig(now = new Date()) {
  const day = 86_400_000;
  return {
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    earning: { rate: { points: '1', per: '1' } },
    points: {
      pending: { amount: 0, unit: 'day' },
      expiry: { kind: 'rolling', amount: 12, unit: 'month' },
      returns: 'allowDebt',
      payment: {
        enabled: true,
        rate: { points: '100', value: '1' },
        minPoints: 100,
        step: 100,
        maxShare: '0.5',
      },
      transfers: { allowed: true },
      holds: { timeoutMinutes: 30 },
    },
    tiers: {
      window: 'rolling',
      rollingMonths: 12,
      ladder: [
        { id: 'green', name: 'Green' },
        { id: 'silver', name: 'Silver', entry: { spend: '1000' } },
      ],
    },
    couponTemplates: [
      {
        id: 'multi',
        name: '10 off, many uses',
        benefit: { kind: 'amount_off', amount: '10' },
        usesPerCoupon: 1000,
        validity: {
          kind: 'absolute',
          from: new Date(now.getTime() - day).toISOString(),
          until: new Date(now.getTime() + 365 * day).toISOString(),
        },
      },
    ],
  };
}

/** Enrols `n` members and issues each one multi-use coupon; answers `[{ id, coupon }]`. */
export async function enrolMembers(url, adminKey, n, label) {
  const members = [];
  for (let i = 0; i < n; i++) {
    const e = await must(
      url,
      OPS.enrol,
      { input: { name: `${label} member ${i}`, channel: 'store' } },
      adminKey,
    );
    const id = e.enrolMember.member.id;
    const c = await must(
      url,
      OPS.issue,
      { input: { templateId: 'multi', memberId: id, idempotencyKey: `${label}-issue-${i}` } },
      adminKey,
    );
    members.push({ id, coupon: c.issueCoupons.coupons[0].code });
  }
  return members;
}

const money = (rng, min, max) => `${rng.int(min, max)}.${String(rng.int(0, 99)).padStart(2, '0')}`;

function line(amount) {
  return [{ id: '1', sku: 'TEA', categories: ['tea'], quantity: '1', unitPrice: amount }];
}

/**
 * A run of `total` writes by `workers` workers against `server.url`.
 * `opts.canary`: a retry takes a fresh idempotency key (must be caught as duplicates).
 * `opts.dropRate`: share of acknowledged answers the client throws away, as if
 * the connection had dropped after the commit (exercises the replay path).
 */
export function createRun({
  label,
  server,
  adminKey,
  members,
  rng,
  total,
  workers,
  canary,
  dropRate,
}) {
  const ops = [];
  const purchases = [];
  const holds = [];
  const stats = {
    writes: 0,
    acknowledged: 0,
    attempts: 0,
    retries: 0,
    droppedAcks: 0,
    unexpected: [],
    neverAcknowledged: [],
    retryReasons: {},
  };
  let seq = 0;
  const occurredAt = () => new Date(Date.now() - 60_000).toISOString();

  const makeOp = (kind, input, extra = {}) => {
    const id = `${label}-${kind}-${seq++}`;
    const op = {
      id,
      kind,
      input: { ...input, idempotencyKey: id },
      attempts: 0,
      firstAt: 0,
      due: 0,
      ack: null,
      ...extra,
    };
    if (op.input.reference === '') op.input.reference = id;
    if (op.input.reason === '') op.input.reason = id;
    if (op.input.orderId === '') op.input.orderId = id;
    if (op.input.returnId === '') op.input.returnId = id;
    ops.push(op);
    stats.writes++;
    return op;
  };

  const seedOps = members.map((m) =>
    makeOp('adjust', { memberId: m.id, points: '500', reason: '', operator: 'crash-harness' }),
  );

  const newOp = () => {
    const m = rng.pick(members);
    const roll = rng.next();
    if (roll < 0.12 && purchases.length > 0) {
      const p = rng.pick(purchases);
      // A full return (no amount) rolls back the order's coupons too.
      if (rng.chance(0.3)) return makeOp('return', { orderId: p.orderId, returnId: '' });
      const amount = (Number(p.amount) * rng.int(10, 60)) / 100;
      return makeOp('return', { orderId: p.orderId, returnId: '', amount: amount.toFixed(2) });
    }
    if (roll < 0.42) {
      const amount = money(rng, 20, 300);
      const input = {
        memberId: m.id,
        orderId: '',
        channel: 'store',
        occurredAt: occurredAt(),
        currency: 'CNY',
        lines: line(amount),
      };
      if (rng.chance(0.1)) input.pointsPayment = { points: '100' };
      if (rng.chance(0.15))
        input.payments = [{ method: 'stored_value', amount: money(rng, 5, 19) }];
      if (rng.chance(0.12)) input.couponCodes = [m.coupon];
      return makeOp('purchase', input);
    }
    if (roll < 0.47) {
      return makeOp('topup', { memberId: m.id, amount: money(rng, 20, 200) });
    }
    if (roll < 0.61) {
      return makeOp('redeem', { memberId: m.id, points: String(rng.int(10, 60)), reference: '' });
    }
    if (roll < 0.7 && holds.length > 0 && (roll >= 0.655 || holds.length > 20)) {
      // Capture or release an open hold; now and then a second action races on the same hold.
      const i = rng.int(0, holds.length - 1);
      const h = holds[i];
      if (rng.chance(0.85)) holds.splice(i, 1);
      return makeOp(rng.chance(0.6) ? 'capture' : 'release', {
        memberId: h.memberId,
        holdId: h.holdId,
      });
    }
    if (roll < 0.7) {
      return makeOp('reserve', {
        memberId: m.id,
        holdId: `hold-${label}-${seq}`,
        points: String(rng.int(10, 50)),
        reference: '',
      });
    }
    if (roll < 0.75) {
      const sign = rng.chance(0.3) ? '-' : '';
      return makeOp('adjust', {
        memberId: m.id,
        points: `${sign}${rng.int(1, 40)}`,
        reason: '',
        operator: 'crash-harness',
      });
    }
    if (roll < 0.87) {
      let to = rng.pick(members);
      if (to.id === m.id) to = members[(members.indexOf(m) + 1) % members.length];
      return makeOp('transfer', {
        fromMemberId: m.id,
        toMemberId: to.id,
        points: String(rng.int(5, 30)),
      });
    }
    return makeOp('coupon', {
      code: m.coupon,
      memberId: m.id,
      orderId: '',
      channel: 'store',
      lines: line(money(rng, 20, 80)),
    });
  };

  /** One attempt; true when acknowledged. */
  const attempt = async (op) => {
    op.attempts++;
    stats.attempts++;
    if (op.attempts === 1) op.firstAt = Date.now();
    else stats.retries++;
    const input =
      canary && op.attempts > 1
        ? { ...op.input, idempotencyKey: `${op.id}~${op.attempts}` }
        : op.input;
    const r = await post(server.url, OPS[op.kind], { input }, adminKey);
    if (r.kind === 'ok' && rng.chance(dropRate)) {
      stats.droppedAcks++;
      stats.retryReasons['dropped by client'] = (stats.retryReasons['dropped by client'] ?? 0) + 1;
      return false;
    }
    if (r.kind === 'ok') {
      op.ack = r.data[FIELD[op.kind]];
      stats.acknowledged++;
      if (op.kind === 'reserve' && op.ack.outcome === 'APPLIED') {
        holds.push({ memberId: op.input.memberId, holdId: op.input.holdId });
      }
      if (op.kind === 'purchase' && op.ack.outcome === 'APPLIED') {
        purchases.push({ orderId: op.input.orderId, amount: op.ack.purchase.amount });
      }
      return true;
    }
    if (r.kind === 'error') {
      op.error = r;
      stats.unexpected.push({ op: op.id, code: r.code, message: r.message });
      return true;
    }
    stats.retryReasons[r.why] = (stats.retryReasons[r.why] ?? 0) + 1;
    // The server is down or restarting: do not pile up new writes meanwhile.
    if (r.why === 'ECONNREFUSED') await sleep(rng.int(100, 200));
    return false;
  };

  const maxOpMs = 180_000;
  const worker = async (queue) => {
    const parked = [];
    for (;;) {
      const now = Date.now();
      parked.sort((a, b) => a.due - b.due);
      let op = null;
      if (parked.length > 0 && parked[0].due <= now) op = parked.shift();
      else if (queue.length > 0) op = queue.shift();
      else if (stats.writes < total) op = newOp();
      else if (parked.length > 0) {
        await sleep(Math.max(5, parked[0].due - now));
        continue;
      } else return;
      if (await attempt(op)) continue;
      if (Date.now() - op.firstAt > maxOpMs) {
        stats.neverAcknowledged.push(op.id);
        continue;
      }
      op.due = Date.now() + Math.min(2000, 25 * 2 ** Math.min(op.attempts, 7)) + rng.int(0, 50);
      parked.push(op);
      await sleep(rng.int(5, 30));
    }
  };

  return {
    ops,
    stats,
    /** Resolves when every write is acknowledged (or given up after 3 minutes). */
    async drive() {
      const queues = Array.from({ length: workers }, () => []);
      for (const [i, op] of seedOps.entries()) queues[i % workers].push(op);
      await Promise.all(queues.map((q) => worker(q)));
    },
  };
}

/**
 * Runs `actions` (kills or database stops) at random moments of a run: each
 * when a randomly drawn share of the writes has been sent, plus 0-300 ms.
 */
export async function chaos(run, total, count, rng, action) {
  const marks = Array.from({ length: count }, () => 0.1 + rng.next() * 0.8)
    .map((f) => Math.floor(f * total))
    .sort((a, b) => a - b);
  for (const mark of marks) {
    while (run.stats.writes < mark) await sleep(20);
    await sleep(rng.int(0, 300));
    await action();
  }
}
