// The checks after a run, in SQL and through the API: no duplicate effect, no
// lost acknowledged write, and balance = sum of entries = sum of lots for
// every member. Each check is { name, ok, detail }.
import { OPS, post } from './client.mjs';
import { fromUnits, units } from './prng.mjs';

const sample = (items, n = 5) => items.slice(0, n).join(', ') + (items.length > n ? ', ...' : '');

/** Checks the database of `programId` against the acknowledged answers of `ops`. */
export async function checkRun({ sql, programId, ops, members, url, adminKey }) {
  const checks = [];
  const add = (name, bad, detail = '') =>
    checks.push({
      name,
      ok: bad.length === 0,
      count: bad.length,
      detail: bad.length ? `${detail}${sample(bad)}` : '',
    });
  const acked = ops.filter((o) => o.ack);

  // Ledger entries: the database must hold exactly the acknowledged ones.
  const entries = await sql.query(
    `select id, kind, amount::text as amount, member_id,
       coalesce(cause->>'reference', cause->>'reason') as ref
     from ledger_entry where program_id = ? and unit = 'POINTS'`,
    [programId],
  );
  const inDb = new Map(entries.map((e) => [e.id, e]));
  const ackedEntries = new Map();
  for (const o of acked)
    for (const e of o.ack.entries ?? []) ackedEntries.set(e.id, { ...e, op: o.id });
  const unacknowledged = entries
    .filter((e) => !ackedEntries.has(e.id))
    .map((e) => `${e.kind} ${e.id}`);
  const missing = [];
  for (const [id, e] of ackedEntries) {
    const row = inDb.get(id);
    if (!row) missing.push(`${e.op}: ${id}`);
    else if (units(row.amount) !== units(e.amount))
      missing.push(`${e.op}: ${id} amount ${row.amount} != ${e.amount}`);
  }

  // One effect per logical write: its reference (redeem) or reason (adjust) appears once.
  const perOp = new Map();
  for (const e of entries) {
    if (!e.ref || (e.kind !== 'redeem' && e.kind !== 'adjust')) continue;
    const opId = e.ref;
    perOp.set(opId, (perOp.get(opId) ?? 0) + 1);
  }
  const twice = [...perOp].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
  const byRefMissing = acked
    .filter((o) => (o.kind === 'redeem' || o.kind === 'adjust') && o.ack.outcome === 'APPLIED')
    .filter((o) => !perOp.has(o.id))
    .map((o) => `${o.id} not found by its ${o.kind === 'redeem' ? 'reference' : 'reason'}`);

  // Purchases, returns, coupon redemptions: one row per acknowledged APPLIED write, none for a refusal.
  const purchases = await sql.query(
    `select order_id, points_earned::text as points from purchase where program_id = ?`,
    [programId],
  );
  const returns = await sql.query(`select return_id from purchase_return where program_id = ?`, [
    programId,
  ]);
  const redemptions = await sql.query(
    `select id, order_id, status from coupon_redemption where program_id = ?`,
    [programId],
  );
  const applied = (kind) => acked.filter((o) => o.kind === kind && o.ack.outcome === 'APPLIED');
  const refused = (kind) => acked.filter((o) => o.kind === kind && o.ack.outcome !== 'APPLIED');
  const rowsOf = (rows, key) => {
    const m = new Map();
    for (const r of rows) m.set(r[key], (m.get(r[key]) ?? 0) + 1);
    return m;
  };
  const pRows = rowsOf(purchases, 'order_id');
  const rRows = rowsOf(returns, 'return_id');
  const cRows = rowsOf(redemptions, 'id');
  const ackedOrders = new Set(applied('purchase').map((o) => o.input.orderId));
  const ackedReturns = new Set(applied('return').map((o) => o.input.returnId));
  const ackedRedemptions = new Set(applied('coupon').map((o) => o.ack.redemptionId));
  // Orders that redeemed a coupon: redeemCoupon writes and purchases with a coupon code.
  const couponOrders = new Set([
    ...applied('coupon').map((o) => o.input.orderId),
    ...applied('purchase')
      .filter((o) => o.input.couponCodes)
      .map((o) => o.input.orderId),
  ]);
  const oRows = rowsOf(redemptions, 'order_id');
  const dupRows = [
    ...[...pRows].filter(([k, n]) => n > 1 || !ackedOrders.has(k)).map(([k]) => `purchase ${k}`),
    ...[...rRows].filter(([k, n]) => n > 1 || !ackedReturns.has(k)).map(([k]) => `return ${k}`),
    ...[...cRows].filter(([, n]) => n > 1).map(([k]) => `redemption ${k}`),
    ...[...oRows]
      .filter(([k, n]) => n > 1 || !couponOrders.has(k))
      .map(([k]) => `coupon redemption on order ${k}`),
  ];
  const earned = new Map(purchases.map((p) => [p.order_id, p.points]));
  const lostRows = [
    ...applied('purchase')
      .filter(
        (o) =>
          !earned.has(o.input.orderId) ||
          units(earned.get(o.input.orderId)) !== units(o.ack.purchase.pointsEarned),
      )
      .map((o) => `purchase ${o.id}`),
    ...applied('return')
      .filter((o) => !rRows.has(o.input.returnId))
      .map((o) => `return ${o.id}`),
    ...applied('coupon')
      .filter((o) => !ackedRedemptions.has(o.ack.redemptionId) || !cRows.has(o.ack.redemptionId))
      .map((o) => `redemption ${o.id}`),
    ...[...couponOrders].filter((k) => !oRows.has(k)).map((k) => `coupon on order ${k}`),
  ];
  const refusedWithEffect = [
    ...refused('purchase')
      .filter((o) => pRows.has(o.input.orderId))
      .map((o) => o.id),
    ...refused('return')
      .filter((o) => rRows.has(o.input.returnId))
      .map((o) => o.id),
    ...refused('redeem')
      .filter((o) => perOp.has(o.id))
      .map((o) => o.id),
    ...refused('adjust')
      .filter((o) => perOp.has(o.id))
      .map((o) => o.id),
  ];

  // Coupon use counters agree with the redemptions kept.
  const coupons = await sql.query(
    `select c.code, c.times_used,
       (select count(*) from coupon_redemption r where r.coupon_id = c.id and r.status = 'redeemed')::int as redeemed
     from coupon c where c.program_id = ?`,
    [programId],
  );
  const couponDrift = coupons
    .filter((c) => Number(c.times_used) !== Number(c.redeemed))
    .map((c) => c.code);

  // Claims left running: every key must have ended completed (or released).
  const claims = await sql.query(
    `select key from idempotency_record where program_id = ? and status = 'in_progress'`,
    [programId],
  );

  // Balance = sum of entries = remaining lots + active holds - debt, for every member.
  const totals = await sql.query(
    `select m.id, coalesce(a.balance, 0)::text as balance, coalesce(a.debt, 0)::text as debt,
       (select coalesce(sum(l.amount), 0) from ledger_entry l
         where l.member_id = m.id and l.program_id = m.program_id and l.unit = 'POINTS')::text as ledger,
       (select coalesce(sum(t.remaining), 0) from lot t where t.member_id = m.id)::text as lots,
       (select coalesce(sum(h.amount), 0) from hold h where h.member_id = m.id and h.status = 'held')::text as holds
     from member m left join account a on a.member_id = m.id and a.unit = 'POINTS'
     where m.program_id = ?`,
    [programId],
  );
  const violations = [];
  const negative = [];
  for (const t of totals) {
    const balance = units(t.balance);
    const lots = units(t.lots) + units(t.holds) - units(t.debt);
    if (balance !== units(t.ledger) || balance !== lots) {
      violations.push(
        `${t.id}: balance ${t.balance}, entries ${t.ledger}, lots ${fromUnits(lots)}`,
      );
    }
    if (units(t.lots) < 0n || units(t.debt) < 0n) negative.push(t.id);
  }

  // Through the API: every member's balance answers what the database holds.
  const byId = new Map(totals.map((t) => [t.id, t]));
  const apiMismatch = [];
  for (const m of members) {
    const r = await post(url, OPS.balance, { id: m.id }, adminKey);
    const want = byId.get(m.id);
    if (r.kind !== 'ok' || !want || units(r.data.pointsBalance.balance) !== units(want.balance)) {
      apiMismatch.push(
        `${m.id}: api ${r.kind === 'ok' ? r.data.pointsBalance.balance : r.kind}, sql ${want?.balance}`,
      );
    }
  }
  const orderSample = applied('purchase').slice(0, 50);
  for (const o of orderSample) {
    const r = await post(url, OPS.purchaseByOrder, { orderId: o.input.orderId }, adminKey);
    if (
      r.kind !== 'ok' ||
      units(r.data.purchase?.pointsEarned) !== units(o.ack.purchase.pointsEarned)
    ) {
      apiMismatch.push(`purchase ${o.input.orderId}`);
    }
  }

  // Stored value against a reference model of the acknowledged answers:
  // top-ups - stored value paid on purchases + stored value refunded on returns.
  const model = new Map();
  const move = (memberId, amount) =>
    model.set(memberId, (model.get(memberId) ?? 0n) + units(amount));
  for (const o of applied('topup')) move(o.input.memberId, o.ack.entry.amount);
  for (const o of applied('purchase'))
    if (o.ack.storedValue) move(o.ack.purchase.memberId, `-${o.ack.storedValue.paid}`);
  for (const o of applied('return')) move(o.ack.purchase.memberId, o.ack.storedValueRefunded);
  const sv = await sql.query(
    `select m.id, coalesce(a.balance, 0)::text as balance,
       (select coalesce(sum(l.amount), 0) from ledger_entry l
         where l.member_id = m.id and l.program_id = m.program_id and l.unit <> 'POINTS')::text as ledger
     from member m left join account a on a.member_id = m.id and a.unit <> 'POINTS'
     where m.program_id = ?`,
    [programId],
  );
  const svDrift = sv
    .filter(
      (r) =>
        units(r.balance) !== units(r.ledger) ||
        units(r.balance) !== (model.get(r.id) ?? 0n) ||
        units(r.balance) < 0n,
    )
    .map(
      (r) =>
        `${r.id}: balance ${r.balance}, entries ${r.ledger}, acknowledged ${fromUnits(model.get(r.id) ?? 0n)}`,
    );
  const topups = await sql.query(
    `select id from ledger_entry where program_id = ? and kind = 'topup'`,
    [programId],
  );
  const ackedTopups = new Set(applied('topup').map((o) => o.ack.entry.id));
  const topupRows = new Set(topups.map((t) => t.id));
  const topupDup = topups.filter((t) => !ackedTopups.has(t.id)).map((t) => `topup ${t.id}`);
  const topupLost = [...ackedTopups].filter((id) => !topupRows.has(id)).map((id) => `topup ${id}`);
  const svPaid = applied('purchase').filter((o) => o.ack.storedValue).length;

  // Holds: one row per applied reservation, in the state of the acknowledged capture or release.
  const holdRows = await sql.query(`select hold_key, status from hold where program_id = ?`, [
    programId,
  ]);
  const holdState = new Map(holdRows.map((h) => [h.hold_key, h.status]));
  const wantHold = new Map(applied('reserve').map((o) => [o.input.holdId, 'held']));
  for (const o of applied('capture')) wantHold.set(o.input.holdId, 'captured');
  for (const o of applied('release')) wantHold.set(o.input.holdId, 'released');
  const holdDrift = [
    ...[...wantHold]
      .filter(([k, v]) => holdState.get(k) !== v)
      .map(([k, v]) => `${k}: ${holdState.get(k) ?? 'missing'}, acknowledged ${v}`),
    ...holdRows
      .filter((h) => !wantHold.has(h.hold_key))
      .map((h) => `${h.hold_key}: not acknowledged`),
  ];

  const duplicates = topupDup.length + unacknowledged.length + twice.length + dupRows.length;
  const lost = missing.length + lostRows.length + byRefMissing.length + topupLost.length;
  add('no ledger entry without an acknowledged write (duplicates)', unacknowledged);
  add('no logical write posted twice (reference/reason counted)', twice);
  add('no purchase, return or coupon redemption recorded twice or unacknowledged', dupRows);
  add('every acknowledged ledger entry is stored with its amount (lost)', missing);
  add('every acknowledged purchase, return and redemption is stored (lost)', lostRows);
  add('every applied redemption and adjustment found by its reference (lost)', byRefMissing);
  add('no stored-value top-up posted twice or unacknowledged', topupDup);
  add('every acknowledged top-up is stored (lost)', topupLost);
  add('refused writes changed nothing', refusedWithEffect);
  add('every hold in the state its acknowledged reservation, capture or release left', holdDrift);
  add('coupon use counts = redemptions kept', couponDrift);
  add(
    'no idempotency claim left in progress',
    claims.map((c) => c.key),
  );
  add('balance = sum of entries = remaining lots + holds - debt, every member', violations);
  add('no negative lot total or debt', negative);
  add(
    'stored value: balance = sum of entries = top-ups - paid + refunded (acknowledged), >= 0',
    svDrift,
  );
  add('API balance and purchases = SQL', apiMismatch);
  return {
    checks,
    figures: {
      duplicates,
      lost,
      membersChecked: totals.length,
      invariantViolations:
        violations.length + negative.length + couponDrift.length + svDrift.length,
      storedValueMembers: sv.length,
      storedValuePayments: svPaid,
      holds: holdRows.length,
      entries: entries.length,
      purchases: purchases.length,
      returns: returns.length,
      redemptions: redemptions.length,
    },
  };
}
